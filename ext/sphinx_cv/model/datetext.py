"""Dates as a reader sees them: ``May 2020 – Sep 2020 (5 months)``, in the site's language.

Pure Python on Babel (CLDR's month names, units and list patterns); the word for
an ongoing end ("Present") comes from the caller, who takes it from the
catalogue.
"""

from __future__ import annotations

import datetime as _dt

from babel import Locale, UnknownLocaleError
from babel.dates import format_date, format_skeleton
from babel.lists import format_list
from babel.units import format_unit

from .dates import DateRange, PartialDate, Present
from .words import N_

__all__ = ["PRESENT_WORD", "format_months", "format_partial", "format_range", "get_locale"]

#: The end of an ongoing entry, for the catalogue to translate.
PRESENT_WORD = N_("Present")


def get_locale(language: str | None) -> Locale:
    """Babel's locale for a Sphinx ``language`` value, English when unknown."""
    try:
        return Locale.parse((language or "en").replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse("en")


def format_partial(date: PartialDate, locale: Locale) -> str:
    """The date as a reader of ``locale`` expects it (``May 2020``)."""
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return format_skeleton("yMMM", date.first_day, locale=locale)
    return format_date(date.first_day, "medium", locale=locale)


def format_months(months: int, locale: Locale) -> str:
    """A duration in whole months: ``1 year, 3 months``."""
    years, rest = divmod(months, 12)
    parts = []
    for amount, unit in ((years, "duration-year"), (rest, "duration-month")):
        if amount:
            text = format_unit(amount, unit, length="long", locale=locale)
            if "duration-" in text:  # some locales lack the long form
                text = format_unit(amount, unit, length="short", locale=locale)
            parts.append(text)
    return format_list(parts, style="unit", locale=locale)


def format_range(
    dates: DateRange,
    locale: Locale,
    *,
    present: str = PRESENT_WORD,
    duration: bool = False,
    today: _dt.date | None = None,
) -> str:
    """``May 2020 – Sep 2020``; with ``duration``, ``… (5 months)`` as of ``today``."""
    if dates.start is None and dates.end is None:
        return ""

    def show(value: PartialDate | Present) -> str:
        return present if isinstance(value, Present) else format_partial(value, locale)

    if dates.start is None:
        assert dates.end is not None
        text = show(dates.end)
    elif dates.end is None or dates.end == dates.start:
        text = show(dates.start)
    else:
        text = f"{show(dates.start)} – {show(dates.end)}"
    if duration:
        months = dates.months(today or _dt.date.today())
        if months:
            text += f" ({format_months(months, locale)})"
    return text
