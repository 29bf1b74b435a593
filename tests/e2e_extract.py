"""A hand-written municipality (420) with one enrolled family, for end-to-end tests.

Mother (born 1990-05-10, a woman of 33 at start) on kontanthjælp from Monday 2021-01-04 to Sunday 2024-06-30,
self-supporting after. Her daughter (born 2015-03-01) has a child case opened 2022-07-01, closed 2025-03-01.
Both enrolled in Job og Familie from Monday 2024-01-01 to 2025-06-30. A neighbour is resident and never enrolled.
"""
from pathlib import Path

from tests.landing_builder import write_snapshot

EXTRACT_DATE = "2026-11-20"
MOTHER, CHILD, NEIGHBOUR = "100590-1234", "010315-4322", "1508701235"
RAW_CPR_NUMBERS = [MOTHER, CHILD, NEIGHBOUR]

SOURCES = {
    "cpr": {
        "personer": [
            {"cpr": MOTHER, "koen": "K", "foedselsdato": "1990-05-10"},
            {"cpr": CHILD, "koen": "K", "foedselsdato": "2015-03-01"},
            {"cpr": NEIGHBOUR, "koen": "M", "foedselsdato": "1970-08-15", "tilflytning": "2001-01-01"},
        ],
        "relationer": [{"cpr_barn": CHILD, "cpr_foraelder": MOTHER, "relation": "MOR", "fra_dato": "2015-03-01"}],
        "husstande": [
            {"cpr": MOTHER, "adresse_id": "A1", "fra_dato": "2012-01-01"},
            {"cpr": CHILD, "adresse_id": "A1", "fra_dato": "2015-03-01"},
            {"cpr": NEIGHBOUR, "adresse_id": "A2", "fra_dato": "2001-01-01"},
        ],
    },
    "jobcenter": {
        "ydelser": [{"cpr": MOTHER, "ydelse": "KONTANTHJAELP", "fra_dato": "2021-01-04", "til_dato": "2024-06-30"}],
        "sager": [{"cpr": MOTHER, "sagsbehandler_id": "SB01", "fra_dato": "2021-01-04", "til_dato": "2024-06-30"}],
    },
    "boern": {
        "sager": [{"sag_id": "BS0001", "cpr_barn": CHILD, "aabnet": "2022-07-01", "lukket": "2025-03-01",
                   "sagsbehandler_id": "SB02"}],
        "indsatser": [{"indsats_id": "BI0001", "sag_id": "BS0001", "cpr_barn": CHILD, "kode": "FAMILIEBEHANDLING",
                       "start": "2023-01-02", "slut": "2023-12-31", "takst_kr": "7000", "takst_enhed": "UGE"}],
    },
    "voksen": {},
    "program": {
        "deltagelse": [
            {"familie_ref": "JF-0001", "cpr": MOTHER, "rolle": "VOKSEN", "program": "Job og Familie",
             "start": "2024-01-01", "slut": "2025-06-30", "casemanager_id": "CM01"},
            {"familie_ref": "JF-0001", "cpr": CHILD, "rolle": "BARN", "program": "Job og Familie",
             "start": "2024-01-01", "slut": "2025-06-30", "casemanager_id": "CM01"},
        ],
    },
    "organisation": {
        "sagsbehandlere": [
            {"sagsbehandler_id": sid, "afdeling": dept, "fra_dato": "2015-01-01"}
            for sid, dept in (("SB01", "JOBCENTER"), ("SB02", "BOERN_FAMILIE"), ("CM01", "CASEMANAGER"))
        ],
    },
}


def write_extract(landing: Path, kommunekode: str = "420") -> None:
    for source, tables in SOURCES.items():
        write_snapshot(landing, kommunekode, source, EXTRACT_DATE, tables)
