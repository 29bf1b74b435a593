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
    """A function mapping rows to their as-of-`day` versions, leaving out the rows that did not exist yet."""
    columns = table_columns()[table]
    starts = [i for i, name in enumerate(columns) if name in STARTS]
    ends = [(i, CLEARED_WITH.get(name)) for i, name in enumerate(columns) if name in ENDS]
    month = columns.index("maaned") if "maaned" in columns else None

    def as_of(row: tuple, day: date) -> tuple:
        values = list(row)
        for i, cleared in ends:
            if row[i] is not None and row[i] > day:
                values[i] = None
                if cleared:
                    values[columns.index(cleared[0])] = cleared[1]
        return tuple(values)

    def view(rows: list[tuple], day: date) -> list[tuple]:
        this_month, shown = f"{day:%Y-%m}", []
        for row in rows:
            for i in starts:
                if row[i] is not None and row[i] > day:
                    break
            else:
                if month is not None and row[month] > this_month:
                    continue
                for i, _ in ends:
                    if row[i] is not None and row[i] > day:
                        shown.append(as_of(row, day))
                        break
                else:
                    shown.append(row)
        return shown

    return view
