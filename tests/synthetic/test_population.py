"""The population around the programmes, computed from the generated files: rates of docs/synthetic-municipality.md
and the dynamics a real register shows (births, deaths, moves, separations, new partners, children leaving home)."""
import duckdb
import pytest

from tests.synthetic.conftest import EXTRACT_DATE

YEAR_END = "2025-12-31"  # the last full year before the extract date
DENMARK = 5_950_000


@pytest.fixture(scope="module")
def db(cohort_landing):
    con = duckdb.connect()
    folder = cohort_landing / "420"
    for source, table in [("cpr", "personer"), ("cpr", "husstande"), ("cpr", "relationer"), ("boern", "indsatser"),
                          ("boern", "underretninger"), ("jobcenter", "ydelser")]:
        path = folder / source / EXTRACT_DATE.isoformat() / f"{table}.csv"
        con.execute(f"CREATE VIEW {source}_{table} AS SELECT * FROM read_csv('{path}', delim=';', header=true)")
    yield con
    con.close()


def _residents(db, day: str) -> int:
    return db.execute(f"""
        SELECT count(*) FROM cpr_personer WHERE foedselsdato <= DATE '{day}'
        AND (tilflytning IS NULL OR tilflytning <= DATE '{day}') AND (fraflytning IS NULL OR fraflytning > DATE '{day}')
        AND (doedsdato IS NULL OR doedsdato > DATE '{day}')""").fetchone()[0]


def test_children_placed_at_year_end_as_in_denmark(db):
    placed = db.execute(f"""
        SELECT count(DISTINCT cpr_barn) FROM boern_indsatser WHERE kode LIKE 'ANBRINGELSE_%'
        AND start <= DATE '{YEAR_END}' AND (slut IS NULL OR slut >= DATE '{YEAR_END}')""").fetchone()[0]
    # Denmark: about 13,600 placed at year end among 5.95 M residents (0.23 %).
    assert placed / _residents(db, YEAR_END) == pytest.approx(13_600 / DENMARK, rel=0.35)


def test_notifications_a_year_as_in_denmark(db):
    received = db.execute("SELECT count(*) FROM boern_underretninger WHERE year(modtaget) = 2025").fetchone()[0]
    # Denmark: about 138,000 notifications a year among 5.95 M residents (2.3 %).
    assert received / _residents(db, YEAR_END) == pytest.approx(138_000 / DENMARK, rel=0.35)


def test_most_working_age_residents_are_not_on_public_income_support(db):
    on_support, residents = db.execute(f"""
        WITH working_age AS (
            SELECT cpr FROM cpr_personer WHERE foedselsdato BETWEEN DATE '{YEAR_END}' - INTERVAL 64 YEAR
                AND DATE '{YEAR_END}' - INTERVAL 18 YEAR
            AND (tilflytning IS NULL OR tilflytning <= DATE '{YEAR_END}')
            AND (fraflytning IS NULL OR fraflytning > DATE '{YEAR_END}') AND doedsdato IS NULL)
        SELECT count(DISTINCT y.cpr), (SELECT count(*) FROM working_age) FROM jobcenter_ydelser y
        JOIN working_age w USING (cpr) WHERE y.ydelse <> 'SU'
        AND y.fra_dato <= DATE '{YEAR_END}' AND (y.til_dato IS NULL OR y.til_dato >= DATE '{YEAR_END}')""").fetchone()
    # Statistics Denmark: roughly one in six aged 16-64 receives public income support on a given day.
    assert 0.08 <= on_support / residents <= 0.30


def test_births_deaths_and_moves_happen_every_year(db):
    for year in range(EXTRACT_DATE.year - 10, EXTRACT_DATE.year):
        births, deaths, moved_in, moved_out = db.execute(f"""
            SELECT count(*) FILTER (year(foedselsdato) = {year} AND tilflytning IS NULL),
                   count(*) FILTER (year(doedsdato) = {year}), count(*) FILTER (year(tilflytning) = {year}),
                   count(*) FILTER (year(fraflytning) = {year}) FROM cpr_personer""").fetchone()
        assert min(births, deaths, moved_in, moved_out) > 0, year


def test_parents_separate_and_new_partners_move_in(db):
    # A parent who lived at the child's address and moved to another while the child stayed: a separation.
    # An adult, not the child's parent, who moved in at the child's address: a new partner.
    separations, new_partners = db.execute("""
        WITH child_home AS (
            SELECT r.cpr_barn, r.cpr_foraelder, h.adresse_id, h.fra_dato, h.til_dato
            FROM cpr_relationer r JOIN cpr_husstande h ON h.cpr = r.cpr_barn),
        separated AS (
            SELECT DISTINCT c.cpr_foraelder FROM child_home c
            JOIN cpr_husstande p ON p.cpr = c.cpr_foraelder AND p.adresse_id = c.adresse_id
            WHERE p.til_dato IS NOT NULL AND (c.til_dato IS NULL OR c.til_dato > p.til_dato + 30)),
        partners AS (
            SELECT DISTINCT h.cpr FROM child_home c
            JOIN cpr_husstande h ON h.adresse_id = c.adresse_id AND h.cpr <> c.cpr_barn
            JOIN cpr_personer p ON p.cpr = h.cpr
            WHERE h.fra_dato > c.fra_dato + 365 AND p.foedselsdato < h.fra_dato - INTERVAL 18 YEAR
            AND h.cpr NOT IN (SELECT cpr_foraelder FROM cpr_relationer WHERE cpr_barn = c.cpr_barn))
        SELECT (SELECT count(*) FROM separated), (SELECT count(*) FROM partners)""").fetchone()
    assert separations > 50 and new_partners > 20


def test_children_leave_home_around_eighteen(db):
    ages = db.execute("""
        SELECT date_diff('year', p.foedselsdato, h.til_dato) AS age
        FROM cpr_relationer r JOIN cpr_husstande h ON h.cpr = r.cpr_barn JOIN cpr_personer p ON p.cpr = r.cpr_barn
        JOIN cpr_husstande ph ON ph.cpr = r.cpr_foraelder AND ph.adresse_id = h.adresse_id
        WHERE h.til_dato IS NOT NULL AND (ph.til_dato IS NULL OR ph.til_dato > h.til_dato)
        AND p.fraflytning IS NULL AND p.doedsdato IS NULL""").fetchall()
    left_at_18_to_21 = sum(1 for (age,) in ages if 18 <= age <= 21)
    assert left_at_18_to_21 > 100 and left_at_18_to_21 / len(ages) > 0.3
