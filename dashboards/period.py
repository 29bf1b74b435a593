"""The period a page shows: calendar years from `fra` to `til` (both optional, both in the URL)."""

from typing import NamedTuple

import flask
import pandas as pd


class Period(NamedTuple):
    first_year: int | None = None
    last_year: int | None = None

    @classmethod
    def from_texts(cls, first: str | None, last: str | None) -> "Period":
        """From the filter's values (years as text, or none); anything but a year ends the request with 400."""
        return cls(_year(first), _year(last))

    def holds(self, year: int) -> bool:
        return (self.first_year is None or year >= self.first_year) and (
            self.last_year is None or year <= self.last_year)

    def rows(self, frame: pd.DataFrame, column: str = "month") -> pd.DataFrame:
        """The rows whose date in `column` falls in the period."""
        years = pd.to_datetime(frame[column]).dt.year
        return frame[years.map(self.holds).astype(bool)] if not frame.empty else frame

    def label(self) -> str:
        if self.first_year is None and self.last_year is None:
            return "hele perioden"
        return f"{self.first_year or '…'}–{self.last_year or '…'}"


def _year(text: str | None) -> int | None:
    if text in (None, ""):
        return None
    if not (isinstance(text, str) and text.isdigit() and len(text) == 4):
        flask.abort(400)
    return int(text)
