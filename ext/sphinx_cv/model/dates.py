"""Dates of a CV entry: parsing and validation.

Pure Python: nothing here knows about Sphinx or about display (that is
:mod:`sphinx_cv.model.datetext`), so the same values can feed HTML, the PDF, JSON-LD
or any export.

Accepted spellings are ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` and ``present``.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass

__all__ = [
    "ACCEPTED_DATES",
    "PRESENT",
    "DateError",
    "DateRange",
    "PartialDate",
    "Present",
    "parse_date",
]

#: What users may write, quoted in every error message about a date.
ACCEPTED_DATES = "YYYY, YYYY-MM, YYYY-MM-DD or 'present'"

#: A CV's dates lie in this range; anything else is a typo (``2202`` for ``2022``).
MIN_YEAR, MAX_YEAR = 1900, 2100

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$")


class DateError(ValueError):
    """A date that cannot be understood; the message says what to write."""


@dataclass(frozen=True, order=True)
class PartialDate:
    """A calendar date known to the year, the month or the day."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not MIN_YEAR <= self.year <= MAX_YEAR:
            raise DateError(
                f"year {self.year} is out of range ({MIN_YEAR}–{MAX_YEAR}); check the digits"
            )
        if self.month is None and self.day is not None:
            raise DateError("a day needs a month")
        if self.month is not None and not 1 <= self.month <= 12:
            raise DateError(f"month {self.month} does not exist (use 01 to 12)")
        if self.day is not None:
            try:
                _dt.date(self.year, self.month or 1, self.day)
            except ValueError:
                raise DateError(
                    f"day {self.day} does not exist in {self.year}-{self.month:02d}"
                ) from None

    @property
    def first_day(self) -> _dt.date:
        """The earliest calendar day this date can mean."""
        return _dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def last_day(self) -> _dt.date:
        """The latest calendar day this date can mean."""
        if self.day is not None:
            return self.first_day
        if self.month is None or self.month == 12:
            return _dt.date(self.year, 12, 31)
        return _dt.date(self.year, self.month + 1, 1) - _dt.timedelta(days=1)

    def isoformat(self) -> str:
        """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``, as written (schema.org accepts all three)."""
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text


@dataclass(frozen=True)
class Present:
    """The open end of an ongoing entry."""

    def isoformat(self) -> str:
        return "present"


PRESENT = Present()


def parse_date(text: str) -> PartialDate | Present:
    """Parse one date as users write it; raise :class:`DateError` otherwise."""
    value = text.strip()
    if value.lower() == "present":
        return PRESENT
    match = _DATE_RE.match(value)
    if not match:
        raise DateError(f"{text!r} is not a date; write {ACCEPTED_DATES}")
    year, month, day = (int(g) if g else None for g in match.groups())
    assert year is not None
    try:
        return PartialDate(year, month, day)
    except DateError as err:
        raise DateError(f"{text!r} is not a date: {err}; write {ACCEPTED_DATES}") from None


@dataclass(frozen=True)
class DateRange:
    """From ``start`` to ``end``; either may be missing, ``end`` may be :data:`PRESENT`."""

    start: PartialDate | None = None
    end: PartialDate | Present | None = None

    def __post_init__(self) -> None:
        if isinstance(self.start, Present):
            raise DateError("the start cannot be 'present'; write the date it began")
        if (
            isinstance(self.start, PartialDate)
            and isinstance(self.end, PartialDate)
            and self.end.last_day < self.start.first_day
        ):
            raise DateError(
                f"the end ({self.end.isoformat()}) is before the start "
                f"({self.start.isoformat()}); swap them or fix the year"
            )

    def months(self, today: _dt.date) -> int | None:
        """Length in whole months, counting both ends (May–Sep is 5 months)."""
        if self.start is None or self.end is None:
            return None
        end = today if isinstance(self.end, Present) else self.end.last_day
        start = self.start.first_day
        return max(1, (end.year - start.year) * 12 + end.month - start.month + 1)


def build_moment(source_date_epoch: str | None) -> _dt.datetime:
    """Now, in UTC to the second, or the moment ``SOURCE_DATE_EPOCH`` names (reproducible
    builds); a value that is not a number of seconds is ignored."""
    if source_date_epoch:
        try:
            return _dt.datetime.fromtimestamp(int(source_date_epoch), _dt.UTC)
        except (ValueError, OverflowError, OSError):
            pass
    return _dt.datetime.now(_dt.UTC).replace(microsecond=0)
