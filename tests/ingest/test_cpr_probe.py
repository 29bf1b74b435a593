"""The loader asks stdnum about a CPR number's first seven digits + 000 (`cpr_probe`): stdnum must give the same
answer for the probe as for the number itself, whatever the date, century digit, serial and dash."""
import duckdb
from hypothesis import example, given
from hypothesis import strategies as st
from stdnum.dk import cpr

from pipelines.ingest.rules import cpr_probe

two_digits = st.integers(0, 99).map("{:02d}".format)
serials = st.integers(0, 9999).map("{:04d}".format)
# day and month mostly near their limits, where dates turn invalid
days = st.one_of(st.sampled_from(["00", "01", "28", "29", "30", "31", "32"]), two_digits)
months = st.one_of(st.sampled_from(["00", "01", "02", "12", "13"]), two_digits)
numbers = st.builds(lambda d, m, y, dash, s: f"{d}{m}{y}{dash}{s}", days, months, two_digits,
                    st.sampled_from(["", "-"]), serials)


CON = duckdb.connect()


def probe(value: str) -> str:
    return CON.execute(f"SELECT {cpr_probe('v')} FROM (SELECT ?::VARCHAR AS v)", [value]).fetchone()[0]


@given(numbers)
@example("290200-4000")  # 1900 was no leap year; century digit 4 with year 00 is 2000, a leap year
@example("290200-3999")
@example("311299-9999")  # 2099: born in the future
def test_a_number_is_valid_exactly_when_its_probe_is(number):
    assert cpr.is_valid(probe(number)) == cpr.is_valid(number)


@given(st.text(max_size=14))
@example("010115 4321")
@example("0101154321x")
def test_anything_not_shaped_like_a_number_is_checked_as_delivered(text):
    checked = probe(text)
    assert checked == text or (len(checked) == 10 and cpr.is_valid(checked) == cpr.is_valid(text))
