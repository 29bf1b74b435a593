"""Hand-written CPR extract for the population families (municipality 420, extract date 2024-06-20).

Loaded on top of fixtures.py's two enrolled families (whose persons have no addresses or relations). Adults
move in as adults (tilflytning), so they have no childhood families of their own; children are born here.
Every case has its own addresses. Expected family spells are worked out by hand in test_population_families.py.

A  parents apart, each with a new partner: child a_c (born 2015-03-01) of a_m and a_f, all at ADR-A1;
   a_f moves to ADR-A2 on 2020-01-01; a_mp moves in with a_m on 2021-01-01; a_fp and her child a_fc
   (father unknown) move into the municipality and in with a_f on 2022-01-01.
B  placed child: b_c (born 2012-01-01) with mother b_m at ADR-B1 until 2019-12-31, then registered at the
   foster home ADR-B2 of b_x, placed (ANBRINGELSE_FAMILIEPLEJE) from 2020-01-01, open.
C  a parent moves out of the municipality: c_c (born 2014-05-01), c_m, c_f at ADR-C1; c_f moves out
   (fraflytning) on 2022-03-15, his address ends 2022-03-14.
D  a child turns 18: d_o (born 2005-09-10, 18 on 2023-09-10) and d_y (born 2010-02-01) with mother d_m,
   all at ADR-D1 throughout.
E  a birth: e_m and e_p at ADR-E1 from 2015-01-01; e_b born 2023-02-10 at ADR-E1.
F  a death: f_c (born 2016-01-01), f_m, f_f at ADR-F1; f_f dies on 2021-07-01.
G  leaves and returns: g_m and g_c (born 2013-04-01) at ADR-G1 (g_m from 2010-01-01) until 2018-05-31,
   move out on 2018-06-01, come back to ADR-G2 on 2020-09-01 (fraflytning 2018-06-01 < tilflytning
   2020-09-01).
Enrolment FA (Job og Familie, from 2023-01-02, open): a_m, a_mp (VOKSEN), a_c (BARN), and d_o (BARN), who
belongs to family D.
"""
from __future__ import annotations

from .fixtures import EXTRACT, KOMMUNE
from .raw_tables import insert_rows


def person(pid, sex, born, moved_in=None, moved_out=None, died=None):
    return {"cpr": pid, "koen": sex, "foedselsdato": born, "tilflytning": moved_in, "fraflytning": moved_out,
            "doedsdato": died}


def parent(child, pid, relation, since):
    return {"cpr_barn": child, "cpr_foraelder": pid, "relation": relation, "fra_dato": since, "til_dato": None}


def address(pid, adr, since, until=None):
    return {"cpr": pid, "adresse_id": adr, "fra_dato": since, "til_dato": until}


def member(pid, role):
    return {"familie_ref": "FA", "cpr": pid, "rolle": role, "program": "Job og Familie",
            "start": "2023-01-02", "slut": None, "casemanager_id": "CM1"}


TABLES = {
    "cpr__personer": [
        person("a_c", "K", "2015-03-01"), person("a_m", "K", "1985-01-01", "2010-01-01"),
        person("a_f", "M", "1983-01-01", "2010-01-01"), person("a_mp", "M", "1984-01-01", "2010-01-01"),
        person("a_fp", "K", "1986-01-01", "2022-01-01"), person("a_fc", "M", "2016-06-01", "2022-01-01"),
        person("b_c", "M", "2012-01-01"), person("b_m", "K", "1988-01-01", "2006-01-01"),
        person("b_x", "K", "1960-01-01", "2000-01-01"),
        person("c_c", "K", "2014-05-01"), person("c_m", "K", "1984-01-01", "2008-01-01"),
        person("c_f", "M", "1982-01-01", "2008-01-01", "2022-03-15"),
        person("d_o", "M", "2005-09-10"), person("d_y", "K", "2010-02-01"),
        person("d_m", "K", "1975-01-01", "2000-01-01"),
        person("e_b", "M", "2023-02-10"), person("e_m", "K", "1990-01-01", "2015-01-01"),
        person("e_p", "M", "1989-01-01", "2015-01-01"),
        person("f_c", "K", "2016-01-01"), person("f_m", "K", "1986-01-01", "2010-01-01"),
        person("f_f", "M", "1984-01-01", "2010-01-01", None, "2021-07-01"),
        person("g_c", "M", "2013-04-01", "2020-09-01", "2018-06-01"),
        person("g_m", "K", "1987-01-01", "2020-09-01", "2018-06-01"),
    ],
    "cpr__relationer": [
        parent("a_c", "a_m", "MOR", "2015-03-01"), parent("a_c", "a_f", "FAR", "2015-03-01"),
        parent("a_fc", "a_fp", "MOR", "2016-06-01"),
        parent("b_c", "b_m", "MOR", "2012-01-01"),
        parent("c_c", "c_m", "MOR", "2014-05-01"), parent("c_c", "c_f", "FAR", "2014-05-01"),
        parent("d_o", "d_m", "MOR", "2005-09-10"), parent("d_y", "d_m", "MOR", "2010-02-01"),
        parent("e_b", "e_m", "MOR", "2023-02-10"), parent("e_b", "e_p", "FAR", "2023-02-10"),
        parent("f_c", "f_m", "MOR", "2016-01-01"), parent("f_c", "f_f", "FAR", "2016-01-01"),
        parent("g_c", "g_m", "MOR", "2013-04-01"),
    ],
    "cpr__husstande": [
        address("a_c", "ADR-A1", "2015-03-01"), address("a_m", "ADR-A1", "2010-01-01"),
        address("a_f", "ADR-A1", "2010-01-01", "2019-12-31"), address("a_f", "ADR-A2", "2020-01-01"),
        address("a_mp", "ADR-A0", "2010-01-01", "2020-12-31"), address("a_mp", "ADR-A1", "2021-01-01"),
        address("a_fp", "ADR-A2", "2022-01-01"), address("a_fc", "ADR-A2", "2022-01-01"),
        address("b_c", "ADR-B1", "2012-01-01", "2019-12-31"), address("b_c", "ADR-B2", "2020-01-01"),
        address("b_m", "ADR-B1", "2006-01-01"), address("b_x", "ADR-B2", "2000-01-01"),
        address("c_c", "ADR-C1", "2014-05-01"), address("c_m", "ADR-C1", "2008-01-01"),
        address("c_f", "ADR-C1", "2008-01-01", "2022-03-14"),
        address("d_o", "ADR-D1", "2005-09-10"), address("d_y", "ADR-D1", "2010-02-01"),
        address("d_m", "ADR-D1", "2000-01-01"),
        address("e_b", "ADR-E1", "2023-02-10"), address("e_m", "ADR-E1", "2015-01-01"),
        address("e_p", "ADR-E1", "2015-01-01"),
        address("f_c", "ADR-F1", "2016-01-01"), address("f_m", "ADR-F1", "2010-01-01"),
        address("f_f", "ADR-F1", "2010-01-01", "2021-07-01"),
        address("g_c", "ADR-G1", "2013-04-01", "2018-05-31"), address("g_c", "ADR-G2", "2020-09-01"),
        address("g_m", "ADR-G1", "2010-01-01", "2018-05-31"), address("g_m", "ADR-G2", "2020-09-01"),
    ],
    "boern__sager": [{"sag_id": "SB", "cpr_barn": "b_c", "aabnet": "2019-10-01", "lukket": None}],
    "boern__indsatser": [
        {"indsats_id": "BB", "sag_id": "SB", "cpr_barn": "b_c", "kode": "ANBRINGELSE_FAMILIEPLEJE",
         "start": "2020-01-01", "slut": None, "takst_kr": 1000.0, "takst_enhed": "DAG"},
    ],
    "program__deltagelse": [member("a_m", "VOKSEN"), member("a_mp", "VOKSEN"), member("a_c", "BARN"),
                            member("d_o", "BARN")],
}


def load_population_families(con) -> None:
    for table, rows in TABLES.items():
        insert_rows(con, table, KOMMUNE, EXTRACT, rows)
