"""A source system's view as of an earlier extract date: later rows absent, later ends still open."""
from __future__ import annotations

from datetime import date
from functools import cache

from pipelines.synthetic.contracts import table_columns

STARTS = {"fra_dato", "aabnet", "modtaget", "start", "dato", "oprettet", "foedselsdato", "tilflytning"}
ENDS = {"til_dato", "lukket", "slut", "fraflytning", "doedsdato", "status_dato"}
# a column whose value only exists once another column's end has happened
CLEARED_WITH = {"lukket": ("lukkeaarsag", None), "status_dato": ("status", "AABEN")}


@cache
def as_of_filter(table: str):
    """A function mapping a row to its as-of-`day` version, or None when the row did not exist yet."""
    columns = table_columns()[table]
    starts = [i for i, name in enumerate(columns) if name in STARTS]
    ends = [(i, CLEARED_WITH.get(name)) for i, name in enumerate(columns) if name in ENDS]
    month = columns.index("maaned") if "maaned" in columns else None

    def view(row: tuple, day: date) -> tuple | None:
        if any(row[i] is not None and row[i] > day for i in starts):
            return None
        if month is not None and row[month] > f"{day:%Y-%m}":
            return None
        late = [(i, cleared) for i, cleared in ends if row[i] is not None and row[i] > day]
        if not late:
            return row
        values = list(row)
        for i, cleared in late:
            values[i] = None
            if cleared:
                values[columns.index(cleared[0])] = cleared[1]
        return tuple(values)

    return view
