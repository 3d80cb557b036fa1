"""People's names in references and citations: who is the owner, how a name reads.

:func:`is_owner` says whether a name is one of the owner's spellings; :func:`full_name`
writes a name as BibTeX's ``plain`` name format does (``{ff~}{vv~}{ll}{, jj}``), its LaTeX
decoded by :mod:`.latex`; :func:`eastern_name` writes a Chinese, Japanese or Korean name
family name first; :func:`list_separators` says how a language joins names;
:class:`CitationNames` names the authors of a citation (``Wang et al.``).

Pure pybtex and Babel: no Sphinx import.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

from babel import Locale
from pybtex.database import Person

from ...model.words import N_, Gettext
from .latex import plain_text, rich_text
from .reading import is_eastern
from .rich import NBSP, R, Rich, cat, from_pybtex, text_length, together

__all__ = [
    "ET_AL",
    "CitationNames",
    "eastern_name",
    "full_name",
    "is_owner",
    "list_separators",
]

#: What ends a shortened author list.
ET_AL = N_("et al.")


@functools.lru_cache(maxsize=65536)
def _plain_name(latex: str) -> str:
    try:
        return str(rich_text(latex)).casefold().strip()
    except UnicodeDecodeError:  # a lone backslash: compare the name as written
        return latex.casefold().strip()


def _plain(parts: Sequence[str]) -> str:
    return _plain_name(" ".join(parts))


def _firsts_compatible(mine: list[str], theirs: list[str]) -> bool:
    if not mine or not theirs:
        return True
    a, b = _plain(mine[:1]).rstrip("."), _plain(theirs[:1]).rstrip(".")
    if not a or not b:
        return True
    if len(a) == 1 or len(b) == 1:
        return a[0] == b[0]
    return a == b


def is_owner(person: Person, owners: Sequence[Person]) -> bool:
    """Whether ``person`` is one of the owner's spellings (same last name, compatible first)."""
    last = _plain(person.prelast_names + person.last_names)
    for owner in owners:
        if _plain(owner.prelast_names + owner.last_names) == last and _firsts_compatible(
            owner.first_names + owner.middle_names, person.first_names + person.middle_names
        ):
            return True
    return False


#: How English joins names (pybtex's own separators); other languages ask CLDR.
ENGLISH_SEPARATORS = (", ", " and ", ", and ")


@functools.lru_cache(maxsize=32)
def list_separators(language: str) -> tuple[str, str, str]:
    """How ``language`` joins names: (between, between two, before the last), from CLDR."""
    if language == "en":
        return ENGLISH_SEPARATORS  # what CLDR says too, without loading its data
    patterns = Locale.parse(language).list_patterns["standard"]

    def between(pattern: str) -> str:
        return pattern.split("{0}", 1)[1].split("{1}", 1)[0]

    return between(patterns["middle"]), between(patterns["2"]), between(patterns["end"])


def eastern_name(person: Person) -> str | None:
    """``王星尧`` for ``王, 星尧``: a name written wholly in Chinese, Japanese or Korean
    characters, family name first and without spaces (never abbreviated); None for others."""
    parts = person.last_names + person.first_names + person.middle_names
    text = plain_text("".join(parts))
    if not is_eastern(text):
        return None
    return "".join(text.split())


@functools.lru_cache(maxsize=65536)
def _name_text(latex: str) -> Rich:
    return from_pybtex(rich_text(latex))


def _name_part(names: Sequence[str], tie: bool = False, before: str = "") -> R:
    """One part of a name (first names, "von" part, last names, "Jr." part): its words
    kept together, the last two tied; a tie after it if it is short (``J.~Doe``)."""
    text = together(*(list(_name_text(name)) for name in names), last_tie=True)
    if not text:
        return []
    after = (NBSP if text_length(text) < 3 else " ") if tie else ""
    return cat([before], text, [after])


def full_name(person: Person) -> R:
    """``Charles Louis Xavier~Joseph de~la Vallée~Poussin``, ``Jane Doe, Jr.``: the name as
    BibTeX's ``plain`` format writes it, unabbreviated (pybtex's ``plain`` name style).
    Raises :class:`UnicodeDecodeError` for a name latexcodec cannot read."""
    return cat(
        _name_part(person.first_names + person.middle_names, tie=True),
        _name_part(person.prelast_names, tie=True),
        _name_part(person.last_names),
        _name_part(person.lineage_names, before=", "),
    )


def _cited_name_parts(person: Person) -> list[str]:
    """The family name with its prefix ("von" part), as BibTeX styles cite it; a biblatex
    extended name cites its prefix only with ``useprefix=true``."""
    if getattr(person, "useprefix", True):
        return [*person.prelast_names, *person.last_names]
    return list(person.last_names)


@dataclass(frozen=True)
class CitationNames:
    """How citations name the authors of an entry, in a language."""

    language: str
    gettext: Gettext

    def names(self, persons: Sequence[Person], fallback: str) -> str:
        """``Wang et al.``: how citations name the authors."""
        names = [plain_text(" ".join(_cited_name_parts(p))) for p in persons]
        if not names:
            who = fallback
        elif len(names) == 1:
            who = names[0]
        elif len(names) == 2:
            who = names[0] + list_separators(self.language)[1] + names[1]
        else:
            who = f"{names[0]} {self.gettext(ET_AL)}"
        return who
