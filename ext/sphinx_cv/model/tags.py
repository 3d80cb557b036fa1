"""Tags on content, and which content a selection (a variant of the CV) admits.

A **tag** is a word of lower-case letters, digits, ``-`` and ``_``, starting with a letter
or a digit: ``industry``, ``ml``, ``machine-learning``, ``phd_2020``. Letters of any
alphabet count (``économie``); capitals, spaces and punctuation do not, and a bad tag's
message says what to write instead (``Machine Learning`` → ``machine-learning``).

A **tags value** (``:tags: industry, ml`` on an entry directive) is tags separated by
commas, spaces or both: ``industry, ml`` and ``industry ml`` are the same two tags.
:func:`parse_tags` returns them sorted and unique, and a message for each bad one (a bad
tag costs only itself). Free text that only suggests tags (a .bib ``keywords`` field) goes
through :func:`tag_from_words`, which gives the tag a phrase reads as, or nothing.

A :class:`Selection` says which content a variant shows:

- **untagged content is in every selection**, unless its kind is excluded;
- **tagged content is admitted** when it has at least one included tag (or the selection
  includes every tag: ``include`` is ``None``) and none of the excluded ones, and its kind
  is not excluded;
- ``exclude`` holds tags and kinds of entry alike (``teaching`` drops the entries of that
  kind and whatever is tagged so); exclusion wins over inclusion.

Content stands inside other content (an entry in a page, a bullet in an entry): it is
shown when it and everything around it are admitted (:class:`sphinx_cv.variants.Keeper`
walks that, and the variant's ``sections``).

:func:`nearest_tag` gives the known tag closest to a typo, for the warning that names it.

Pure Python: no Sphinx, no docutils.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

__all__ = [
    "Selection",
    "TagError",
    "check_tag",
    "is_tag",
    "nearest_tag",
    "parse_tags",
    "tag_from_words",
]

#: What a tag is made of; its being lower case is checked apart (``\\w`` has capitals).
_TAG = re.compile(r"[^\W_][\w-]*")
#: What separates tags in a value: commas and spaces.
_SEPARATORS = re.compile(r"[\s,]+")
#: Separators inside a phrase that a tag writes as ``-``.
_PHRASE_GAPS = re.compile(r"[\s./]+")
_RULE = 'a tag is lower-case letters, digits, "-" and "_", starting with a letter or a digit'


class TagError(ValueError):
    """A word that is no tag; the message says what to write instead."""


def is_tag(text: str) -> bool:
    """Whether ``text`` is a tag as written."""
    return bool(_TAG.fullmatch(text)) and text == text.lower()


def tag_from_words(text: str) -> str | None:
    """The tag a phrase reads as (``Machine Learning`` → ``machine-learning``), or ``None``
    when it holds characters no tag has (``C++``)."""
    tag = _PHRASE_GAPS.sub("-", text.strip().lower()).strip("-_")
    return tag if is_tag(tag) else None


def check_tag(text: str) -> str:
    """``text`` as a tag, or :class:`TagError` saying what to write instead."""
    if is_tag(text):
        return text
    suggestion = tag_from_words(text)
    hint = f'write "{suggestion}"' if suggestion else 'write e.g. "industry"'
    raise TagError(f'"{text}" is not a tag: {_RULE}; {hint}')


def parse_tags(value: str) -> tuple[tuple[str, ...], list[str]]:
    """The tags of a value (``industry, ml`` or ``industry ml``), sorted and unique, and
    a message for each word that is no tag (it is left out)."""
    tags: set[str] = set()
    problems = []
    for word in filter(None, _SEPARATORS.split(value)):
        try:
            tags.add(check_tag(word))
        except TagError as err:
            problems.append(str(err))
    return tuple(sorted(tags)), problems


def nearest_tag(tag: str, known: Iterable[str]) -> str | None:
    """The known tag most like ``tag`` (a typo's likely meaning), or ``None``."""
    close = difflib.get_close_matches(tag, sorted(set(known)), n=1, cutoff=0.6)
    return close[0] if close else None


@dataclass(frozen=True)
class Selection:
    """Which content a variant of the CV shows (the rules are in the module's docstring).

    ``include`` ``None`` admits every tag; an empty set admits untagged content only.
    ``exclude`` holds tags and kinds of entry (``teaching``, ``publication``).
    """

    include: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()

    def admits(self, tags: Collection[str] = (), kind: str = "") -> bool:
        """Whether content with these tags, of this kind, is shown."""
        if kind and kind in self.exclude:
            return False
        if not tags:
            return True
        if self.exclude.intersection(tags):
            return False
        return self.include is None or bool(self.include.intersection(tags))
