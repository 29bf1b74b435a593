"""Two hand-written families in municipality 420, extract date 2024-06-20 (a Thursday).

F1 (Job og Familie, enrolment 2023-01-02 .. 2023-12-31, closed):
  A1 mother (K, born 1990-03-01, 32 at start), A2 father (M, born 1985-07-01, 37),
  C1 (born 2012-05-05), C2 (born 2015-01-01).
F2 (Job og Familie, enrolment 2024-01-08 .. open, ends at the extract date 2024-06-20):
  A3 (K, born 1970-01-01, 54 at start), A4 (VOKSEN but 74 at start: not an adult),
  C3 (born 2010-01-01).
The expected values are worked out in test_marts.py.
"""
from __future__ import annotations

from .raw_tables import insert_rows

KOMMUNE = "420"
EXTRACT = "2024-06-20"
PROGRAM = "Job og Familie"


def person(pid, sex, born):
    return {"cpr": pid, "koen": sex, "foedselsdato": born}


def member(family, pid, role, start, end):
    return {"familie_ref": family, "cpr": pid, "rolle": role, "program": PROGRAM,
            "start": start, "slut": end, "casemanager_id": "CM1"}


def benefit(pid, code, start, end):
    return {"cpr": pid, "ydelse": code, "fra_dato": start, "til_dato": end}


TABLES = {
    "cpr__personer": [
        person("pa1", "K", "1990-03-01"), person("pa2", "M", "1985-07-01"),
        person("pc1", "M", "2012-05-05"), person("pc2", "K", "2015-01-01"),
        person("pa3", "K", "1970-01-01"), person("pa4", "M", "1950-01-01"),
        person("pc3", "K", "2010-01-01"),
    ],
    "program__deltagelse": [
        member("F1", "pa1", "VOKSEN", "2023-01-02", "2023-12-31"),
        member("F1", "pa2", "VOKSEN", "2023-01-09", "2023-11-30"),
        member("F1", "pc1", "BARN", "2023-01-02", "2023-12-31"),
        member("F1", "pc2", "BARN", "2023-01-02", "2023-12-31"),
        member("F2", "pa3", "VOKSEN", "2024-01-08", None),
        member("F2", "pa4", "VOKSEN", "2024-01-08", "2024-02-29"),
        member("F2", "pc3", "BARN", "2024-01-08", None),
    ],
    "jobcenter__ydelser": [
        # A1: a 5-week gap (weeks of 2020-11-30 .. 2020-12-28) breaks the period; it starts 2021-01-04.
        benefit("pa1", "KONTANTHJAELP", "2020-06-01", "2020-11-29"),
        benefit("pa1", "KONTANTHJAELP", "2021-01-04", "2023-03-31"),
        benefit("pa1", "SYGEDAGPENGE", "2022-06-06", "2022-06-19"),  # overlaps: priced once, higher rate
        # A2: a gap of exactly 4 weeks (2022-10-31 .. 2022-11-21) does not break; period starts 2022-01-03.
        benefit("pa2", "DAGPENGE", "2022-01-03", "2022-10-30"),
        benefit("pa2", "KONTANTHJAELP", "2022-11-28", "2023-01-15"),
        benefit("pa2", "SU", "2023-01-16", "2023-02-12"),  # 4 SU-only weeks: a self-supporting run
        benefit("pa2", "KONTANTHJAELP", "2023-02-13", None),
    ],
    "boern__sager": [
        {"sag_id": "S1", "cpr_barn": "pc1", "aabnet": "2021-07-02", "lukket": "2023-09-15"},
        {"sag_id": "S2", "cpr_barn": "pc2", "aabnet": "2022-01-02", "lukket": None},
    ],
    "boern__indsatser": [
        {"indsats_id": "B1", "sag_id": "S1", "cpr_barn": "pc1", "kode": "FAMILIEBEHANDLING",
         "start": "2022-07-04", "slut": "2023-06-30", "takst_kr": 500.0, "takst_enhed": "TIME", "timer_pr_uge": 2.0},
        {"indsats_id": "B2", "sag_id": "S2", "cpr_barn": "pc2", "kode": "ANBRINGELSE_FAMILIEPLEJE",
         "start": "2023-06-01", "slut": None, "takst_kr": 1000.0, "takst_enhed": "DAG"},
    ],
    "voksen__indsatser": [
        {"indsats_id": "V1", "cpr": "pa1", "paragraf": "SEL85", "start": "2022-12-02", "slut": "2023-01-31",
         "takst_kr": 30437.5, "takst_enhed": "MAANED"},
        {"indsats_id": "V2", "cpr": "pa2", "paragraf": "SEL97", "start": "2023-03-01", "slut": "2023-03-01",
         "takst_kr": 5000.0, "takst_enhed": "ENGANG"},
    ],
    "program__screeninger": [
        {"cpr": "pc1", "dato": "2023-02-01", "domaene": "TRIVSEL", "score": 2},
        {"cpr": "pc1", "dato": "2023-02-01", "domaene": "SKOLE_DAGTILBUD", "score": 4},
        {"cpr": "pc1", "dato": "2023-11-01", "domaene": "TRIVSEL", "score": 4},
        {"cpr": "pc1", "dato": "2023-11-01", "domaene": "SKOLE_DAGTILBUD", "score": 3},
        {"cpr": "pc2", "dato": "2023-03-01", "domaene": "TRIVSEL", "score": 1},
        {"cpr": "pc2", "dato": "2024-01-15", "domaene": "TRIVSEL", "score": 5},  # after the enrolment
    ],
    "program__maal": [
        {"familie_ref": "F1", "maal_id": "G1", "domaene": "BOLIG", "oprettet": "2023-02-01", "status": "NAAET"},
        {"familie_ref": "F1", "maal_id": "G2", "domaene": "NETVAERK", "oprettet": "2023-03-01", "status": "AABEN"},
        {"familie_ref": "F1", "maal_id": "G3", "domaene": "BOLIG", "oprettet": "2022-12-01", "status": "NAAET"},
    ],
}


def load_families(con) -> None:
    for table, rows in TABLES.items():
        insert_rows(con, table, KOMMUNE, EXTRACT, rows)
