"""Unique, valid CPR numbers: birth date, century digit, sex in the last digit."""
from __future__ import annotations

from datetime import date

SCRAMBLE = 337  # prime, coprime with every serial-space size below


def century_digits(birth: date) -> str:
    yy = birth.year % 100
    if birth.year < 1900:
        raise ValueError("births before 1900 are not generated")
    if birth.year < 2000:
        return "012349" if yy >= 37 else "0123"
    return "456789" if yy <= 36 else "5678"


class PendingCpr:
    """A person's CPR number before it is issued: rows hold this object and the files its number (`Format.value`).

    Chunks are simulated in parallel, but a number depends on how many were issued for the same birth date and sex
    in every earlier chunk, so the numbers are issued afterwards, in chunk order (`CprAllocator.issue_all`).
    """

    __slots__ = ("birth", "sex", "number")

    def __init__(self, birth: date, sex: str):
        self.birth, self.sex, self.number = birth, sex, None


class CprAllocator:
    """Hands out distinct numbers per (birth date, sex), scrambled within the serial space."""

    def __init__(self) -> None:
        self._issued: dict[tuple[date, str], int] = {}

    def issue(self, birth: date, sex: str) -> str:
        key = (birth, sex)
        count = self._issued.get(key, 0)
        self._issued[key] = count + 1
        digits = century_digits(birth)
        space = len(digits) * 500
        if count >= space:
            raise RuntimeError("serial space exhausted for one birth date")
        index = (count * SCRAMBLE + birth.toordinal()) % space
        century, rest = divmod(index, 500)
        middle, last = divmod(rest, 5)
        last_digit = 2 * last + (1 if sex == "M" else 0)
        return f"{birth:%d%m%y}{digits[century]}{middle:02d}{last_digit}"

    def issue_all(self, requests: list[tuple[date, str]]) -> list[str]:
        return [self.issue(birth, sex) for birth, sex in requests]
