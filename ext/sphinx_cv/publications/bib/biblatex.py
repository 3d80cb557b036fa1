"""biblatex entries in BibTeX's terms: one data model for both.

biblatex renames fields (``journaltitle``, ``location``, ``date``), adds entry
types (``@online``, ``@report``, ``@thesis``, ``@mvbook``…) and splits titles
(``subtitle``). :func:`as_bibtex` rewrites an entry into the BibTeX fields and
types the formatting style knows, without losing what it shows; a BibTeX entry
comes out as it went in.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from pybtex.database import Entry

__all__ = ["BIBLATEX_TYPES", "as_bibtex", "parse_date_field"]

#: biblatex types → the BibTeX type that shows them best.
BIBLATEX_TYPES = {
    "online": "misc", "electronic": "misc", "www": "misc", "software": "misc",
    "dataset": "misc", "patent": "misc", "periodical": "misc", "artwork": "misc",
    "audio": "misc", "image": "misc", "movie": "misc", "music": "misc", "video": "misc",
    "performance": "misc", "letter": "misc", "standard": "misc", "review": "misc",
    "report": "techreport", "mvbook": "book", "bookinbook": "inbook", "suppbook": "inbook",
    "collection": "book", "mvcollection": "book", "reference": "book", "mvreference": "book",
    "inreference": "incollection", "suppcollection": "incollection",
    "mvproceedings": "proceedings", "suppperiodical": "article", "thesis": "phdthesis",
}  # fmt: skip

#: biblatex's ``type`` keys → the BibTeX type they mean (else the words are shown as written).
_THESIS_TYPES = {
    "phdthesis": "phdthesis", "phd": "phdthesis", "mathesis": "mastersthesis",
    "mastersthesis": "mastersthesis", "masterthesis": "mastersthesis",
}  # fmt: skip
_REPORT_TYPES = {"techreport", "resreport"}

#: biblatex name → BibTeX name, used when the BibTeX one is missing.
_RENAMES = {"journaltitle": "journal", "location": "address", "annotation": "annote"}
#: Title fields and their subtitle and addendum, shown as "Title. Subtitle".
_SUBTITLES = {
    "title": ("subtitle", "titleaddon"),
    "booktitle": ("booksubtitle", "booktitleaddon"),
    "journal": ("journalsubtitle",),
}
#: What BibTeX's month macros expand to.
_MONTH_NAMES = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
#: One date of biblatex's ``date`` (ISO 8601-2 extended format, level 1): a year (``X``
#: for unspecified last digits, ``-`` before the common era), month (or a season, 21–41)
#: and day, a time with its zone, and circa ``~``, uncertain ``?`` or both ``%``.
_ONE_DATE = re.compile(
    r"(?P<year>-?\d\d(?:\d\d|\dX|XX))(?:-(?P<month>\d\d|XX)(?:-(?P<day>\d\d|XX)"
    r"(?:T(?P<hour>\d\d):(?P<minute>\d\d)(?::(?P<second>\d\d)(?:\.\d+)?)?"
    r"(?:Z|[+-]\d\d(?::?\d\d)?)?)?)?)?(?P<marks>[~?%]*)"
)
#: What biblatex prints before a circa date (its English ``circa`` string, abbreviated).
CIRCA = "ca."
_HOW = (
    "write it as biblatex reads it: {2020}, {2020-05}, {2020-05-17}, "
    "{2020-05-17T14:30:00Z}, a range {2019/2020}, circa {2020~}"
)


@dataclass(frozen=True)
class _Date:
    """One end of a date (range), as far as the listing shows it."""

    first: int  # the first and last year it may be (``199X``: 1990 and 1999)
    last: int
    month: int  # 0: none shown (none given, unspecified, or a season)
    circa: bool = False
    uncertain: bool = False

    def year(self, last: bool = False) -> str:
        """``2020``, ``ca. 2020`` or ``2020?``."""
        year = self.last if last else self.first
        return f"{CIRCA} " * self.circa + str(year) + "?" * self.uncertain


def _read_one(text: str) -> _Date | str:
    """One date of a ``date`` field, or what is wrong with it (and what to write)."""
    match = _ONE_DATE.fullmatch(text)
    if not match:
        return f"is not a date; {_HOW}"
    year, month, day = match.group("year", "month", "day")
    if year.startswith("-"):
        return "is a year before the common era, which the listing does not show; say it in a note"
    if ("X" in year and month) or (month == "XX" and day not in (None, "XX")):
        return f"has unspecified digits (X) where biblatex allows none; {_HOW}"
    first, last = int(year.replace("X", "0")), int(year.replace("X", "9"))
    number = int(month) if month and month != "XX" else 0
    if month and month != "XX" and not (1 <= number <= 12 or 21 <= number <= 41):
        return f"has no month {month}; write 01 to 12 (21 to 24 for a season)"
    if day and day != "XX":
        try:
            _dt.date(first, number, int(day))
        except ValueError:
            return f"has no day {day} in month {month} of {first}; {_HOW}"
    hour, minute, second = match.group("hour", "minute", "second")
    if hour is not None and (int(hour) > 24 or int(minute) > 59 or int(second or 0) > 60):
        return f"has no time {hour}:{minute}; write hours 00 to 23, minutes 00 to 59"
    marks = set(match.group("marks"))
    return _Date(
        first,
        last,
        number if number <= 12 else 0,
        circa=bool(marks & {"~", "%"}),
        uncertain=bool(marks & {"?", "%"}),
    )


def _shown(year: int, months: list[int], circa: bool, uncertain: bool) -> tuple[str, str]:
    """A year and months of it as the listing shows them: ``ca.`` before the first word,
    ``?`` after the year: (``1723?``, ``ca. May``), (``ca. 1723``, ``""``)."""
    month = "–".join(_MONTH_NAMES[m - 1] for m in months)
    year_text = str(year) + "?" * uncertain
    if month:
        return year_text, f"{CIRCA} " * circa + month
    return f"{CIRCA} " * circa + year_text, ""


def parse_date_field(value: str) -> tuple[str, str] | str:
    """biblatex's ``date`` → BibTeX's year and month, as the listing shows them; or what
    is wrong with it. As biblatex's standard styles print it: a range as a range, circa
    and uncertain dates with ``ca.`` and ``?``; the day and time are not shown.

    ``2023-04-06T12:41:56+00:00`` → (``2023``, ``April``); ``1988/1992`` →
    (``1988–1992``, ``""``); ``2002-01/2002-03`` → (``2002``, ``January–March``);
    ``2020/`` or ``2020/..`` → (``2020–``, ``""``); ``/2021`` → (``–2021``, ``""``);
    ``199X`` → (``1990–1999``, ``""``); ``1723~`` → (``ca. 1723``, ``""``);
    ``1723-05~`` → (``1723``, ``ca. May``); ``1723?`` → (``1723?``, ``""``).
    """
    parts = [part.strip() for part in re.sub(r"[{}]", "", value).strip().split("/")]
    if len(parts) > 2:
        return f"is not a date; {_HOW}"
    ends: list[_Date | None] = []
    for part in parts:
        one = None if len(parts) == 2 and part in {"", ".."} else _read_one(part)
        if isinstance(one, str):
            return one
        ends.append(one)
    start, end = ends[0], ends[-1]
    if start is None or end is None:  # an open range
        if start is not None:
            return f"{start.year()}–", ""
        return (f"–{end.year(last=True)}", "") if end else f"is not a date; {_HOW}"
    if end.last < start.first or (end.first == start.first and 0 < end.month < start.month):
        return "ends before it starts; write the earlier date first"
    if start.first == start.last == end.first == end.last:  # within one year
        months = [m for m in dict.fromkeys((start.month, end.month)) if m]
        circa, uncertain = start.circa or end.circa, start.uncertain or end.uncertain
        return _shown(start.first, months, circa, uncertain)
    return f"{start.year()}–{end.year(last=True)}", ""


def _fallback_year(value: str) -> str:
    """The one four-digit year an unreadable date names, if it names exactly one."""
    years = set(re.findall(r"(?<![\d-])[12]\d{3}(?!\d)", value))
    return years.pop() if len(years) == 1 else ""


def as_bibtex(entry: Entry, problem: Callable[[str], None] | None = None) -> Entry:
    """``entry`` with biblatex's types and fields rewritten in BibTeX's terms; what cannot
    be read (a ``date``) is told to ``problem``."""
    kind = entry.type.lower()
    fields = dict(entry.fields)
    lower = {name.lower(): name for name in fields}

    def get(name: str) -> str | None:
        return fields.get(lower[name]) if name in lower else None

    def put(name: str, value: str) -> None:
        fields[lower.get(name, name)] = value
        lower[name] = lower.get(name, name)

    for old, new in _RENAMES.items():
        if get(old) is not None and get(new) is None:
            put(new, get(old) or "")
    thesis = kind in {"thesis", "phdthesis", "mastersthesis"}
    if thesis and get("school") is None and get("institution") is not None:
        put("school", get("institution") or "")
    if kind in {"report", "techreport"} and get("institution") is None and get("school"):
        put("institution", get("school") or "")
    if get("date") is not None and get("year") is None:
        date = get("date") or ""
        parsed = parse_date_field(date)
        if isinstance(parsed, str):
            year = _fallback_year(date)
            if problem is not None:
                listed = f"it is listed with the year {year}" if year else "it is listed undated"
                problem(f"date {date[:60]!r} {parsed} ({listed})")
            parsed = (year, "")
        if parsed[0]:
            put("year", parsed[0])
        if parsed[1] and get("month") is None:
            put("month", parsed[1])
    for main, extras in _SUBTITLES.items():
        parts = [get(main)] + [get(extra) for extra in extras]
        if parts[0] and any(parts[1:]):
            put(main, ". ".join(p for p in parts if p))
    if get("addendum"):
        put("note", ". ".join(p for p in (get("note"), get("addendum")) if p))

    mapped = BIBLATEX_TYPES.get(kind, kind)
    thesis_type = (get("type") or "").strip().lower()
    if kind in {"thesis", "phdthesis", "mastersthesis"} and thesis_type in _THESIS_TYPES:
        mapped = _THESIS_TYPES[thesis_type]
        fields.pop(lower["type"])
    if kind in {"report", "techreport"} and thesis_type in _REPORT_TYPES:
        fields.pop(lower["type"])
    if mapped == kind and fields == entry.fields:
        return entry
    return Entry(mapped, fields=fields, persons=entry.persons)
