"""Danish number formatting: '.' groups thousands, ',' marks decimals; dates as ISO days."""

import pandas as pd

_SWAP_MARKS = str.maketrans({",": ".", ".": ","})


def number(value: float, decimals: int = 0) -> str:
    return f"{value:,.{decimals}f}".translate(_SWAP_MARKS)


def by_unit(value: float, unit: str) -> str:
    if unit == "pct":
        return f"{number(value)} %"
    if unit == "years":
        return f"{number(value, 1)} år"
    if unit == "dkk":
        return f"{number(value)} kr."
    if unit == "per_child_month":
        return number(value, 2)
    return number(value)


def date(value) -> str:
    """The day as YYYY-MM-DD; empty when missing."""
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()
