"""The ``cv`` pybtex formatting style, registered as a pybtex plugin.

It is pybtex's ``unsrt`` with three changes for a CV: the owner's name is
tagged ``cv-owner`` (rendered highlighted), long author lists are shortened
while keeping the owner visible, and links are left out of the text (the
publications list shows them as a row of buttons instead).

Pure pybtex: no Sphinx import. Select it with ``pybtex.plugin.find_plugin(
"pybtex.style.formatting", "cv")`` or ``style = "cv"`` in Sphinx.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from pybtex.database import Person
from pybtex.richtext import Text
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.template import FieldIsMissing, field, join, node, sentence, tag

__all__ = ["OWNER_TAG", "TITLE_TAG", "CVStyle", "is_owner", "parse_owner"]

#: Rich-text tag wrapped around the owner's name.
OWNER_TAG = "cv-owner"
#: Rich-text tag wrapped around the title.
TITLE_TAG = "cv-title"


@functools.lru_cache(maxsize=65536)
def _plain_name(latex: str) -> str:
    try:
        return str(Text.from_latex(latex)).casefold().strip()
    except UnicodeDecodeError:  # a lone backslash: compare the name as written
        return latex.casefold().strip()


def _plain(parts: Sequence[str]) -> str:
    return _plain_name(" ".join(parts))


def parse_owner(name: str) -> Person:
    """One spelling of the owner's name: ``"Wang, Xingyao"``, ``"Xingyao Wang"``, ``"X. Wang"``."""
    return Person(name)


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


@node
def owner_names(children: list[Any], context: dict[str, Any], role: str) -> Text:
    """The people of ``role``: owner tagged, shortened past the style's ``max_authors``."""
    if children:
        raise ValueError(children)
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    style: CVStyle = context["style"]
    marked = [(p, is_owner(p, style.owners)) for p in persons]
    shown = marked
    hidden_owner: list[tuple[Person, bool]] = []
    if style.max_authors and len(marked) > style.max_authors:
        shown = marked[: style.max_authors]
        hidden_owner = [m for m in marked[style.max_authors :] if m[1]][:1]

    def fmt(person: Person, owner: bool) -> Any:
        name = style.format_name(person, style.abbreviate_names)
        return tag(OWNER_TAG)[name] if owner else name

    names = [fmt(p, o) for p, o in shown]
    if len(shown) < len(marked):
        tail = (
            ["…", *(fmt(p, o) for p, o in hidden_owner), "et al."] if hidden_owner else ["et al."]
        )
        return join(sep=", ")[[*names, *tail]].format_data(context)
    return join(sep=", ", sep2=" and ", last_sep=", and ")[names].format_data(context)


class CVStyle(UnsrtStyle):
    """``unsrt`` for a CV: highlighted owner, shortened author lists, no inline links."""

    default_name_style = "plain"

    def __init__(
        self,
        *args: Any,
        owners: Sequence[str] = (),
        max_authors: int = 10,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owners = [parse_owner(name) for name in owners]
        self.max_authors = max_authors

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        formatted = owner_names(role)
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e: Any, which_field: str, as_sentence: bool = True) -> Any:
        """Titles as the author wrote them (``unsrt`` forces sentence case)."""
        title = tag(TITLE_TAG)[field(which_field)]
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e: Any) -> Any:
        return sentence[""]
