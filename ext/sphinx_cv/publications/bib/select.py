"""Choosing and ordering publications: filters, newest first, groups with headings."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from ...model.words import N_
from .fields import TYPE_NAMES
from .publication import Publication

__all__ = ["group_publications", "newest_first", "parse_year_range", "select_publications"]

#: The heading of publications without a year.
UNDATED = N_("Undated")


def parse_year_range(text: str) -> tuple[int | None, int | None]:
    """``2018-2020``, ``2019-``, ``-2020`` or ``2020`` → inclusive bounds."""
    match = re.fullmatch(r"\s*(\d{4})?\s*(-|–)?\s*(\d{4})?\s*", text or "")
    if not match or not (match.group(1) or match.group(3)):
        raise ValueError(f"{text!r} is not a year range; write 2018-2020, 2019-, -2020 or 2020")
    low, dash, high = match.groups()
    lo = int(low) if low else None
    hi = int(high) if high else (None if dash else lo)
    if lo and hi and hi < lo:
        raise ValueError(f"{text!r} ends before it starts; write {hi}-{lo}")
    return lo, hi


def newest_first(publications: Iterable[Publication]) -> list[Publication]:
    """Newest year first, then newest month, then by sort key (the title, or ``sortkey``,
    with ``\\noopsort`` text); undated entries last."""
    return sorted(
        publications,
        key=lambda p: (
            p.year is None,
            -(p.year or 0),
            -(p.month or 0),
            (p.sort_key or p.title).casefold(),
        ),
    )


def select_publications(
    publications: Iterable[Publication],
    *,
    types: Sequence[str] = (),
    years: tuple[int | None, int | None] = (None, None),
    keywords: Sequence[str] = (),
    selected: bool = False,
) -> list[Publication]:
    """The publications that pass every filter given, newest first."""
    wanted_types = {t.lower() for t in types}
    wanted_keywords = {k.casefold() for k in keywords}
    lo, hi = years
    out = []
    for pub in publications:
        if wanted_types and pub.entry_type not in wanted_types:
            continue
        if lo is not None and (pub.year is None or pub.year < lo):
            continue
        if hi is not None and (pub.year is None or pub.year > hi):
            continue
        if wanted_keywords and not wanted_keywords & {k.casefold() for k in pub.keywords}:
            continue
        if selected and not pub.selected:
            continue
        out.append(pub)
    return newest_first(out)


def group_publications(
    publications: Sequence[Publication], by: str
) -> list[tuple[str, list[Publication]]]:
    """Headings and their publications: ``by`` is ``year``, ``type`` or ``none``.

    Year headings are the years (:data:`UNDATED` for the rest); type headings
    are :data:`~sphinx_cv.publications.bib.fields.TYPE_NAMES`, English, for the caller to translate.
    """
    if by == "none":
        return [("", list(publications))]
    groups: dict[str, list[Publication]] = {}
    for pub in publications:
        if by == "year":
            heading = str(pub.year) if pub.year else UNDATED
        else:
            heading = TYPE_NAMES.get(pub.entry_type, TYPE_NAMES["misc"])
        groups.setdefault(heading, []).append(pub)
    if by == "type":
        order = list(dict.fromkeys(TYPE_NAMES.values()))
        return sorted(groups.items(), key=lambda item: order.index(item[0]))
    return list(groups.items())
