"""The ``cv`` pybtex formatting style, registered as a pybtex plugin.

It is pybtex's ``unsrt`` with changes for a CV: the owner's name is tagged
``cv-owner`` (rendered highlighted), long author lists are shortened while
keeping the owner visible, titles keep the author's case, links are left out of
the text (the publications list shows them as a row of buttons), and the words
of a reference ("In", "pages", "PhD thesis", month names, "and") follow the
site's language. Its LaTeX decoding is :mod:`sphinx_cv.publications.bib.latex`'s, and its
templates are prepared once per entry shape instead of once per entry.

Pure pybtex and Babel: no Sphinx import. Select it with
``pybtex.plugin.find_plugin("pybtex.style.formatting", "cv")``.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from babel import Locale
from babel.dates import format_skeleton
from pybtex.database import Entry, Person
from pybtex.plugin import PluginNotFound, find_plugin
from pybtex.richtext import Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting.unsrt import Style as UnsrtStyle
from pybtex.style.formatting.unsrt import date as unsrt_date
from pybtex.style.template import (
    FieldIsMissing,
    Node,
    join,
    node,
    optional,
    sentence,
    tag,
    words,
)
from pybtex.style.template import field as template_field
from pybtex.style.template import optional_field as template_optional_field

from ...model.words import N_, Gettext, untranslated
from .fields import one_month
from .latex import plain_text, rich_text
from .reading import is_eastern
from .rich import OWNER, TITLE

__all__ = [
    "ET_AL",
    "CVStyle",
    "CitationNames",
    "check_style",
    "is_owner",
    "list_separators",
    "make_style",
]

#: What ends a shortened author list.
ET_AL = N_("et al.")
#: Words of pybtex's ``unsrt`` templates that the catalogue translates.
TEMPLATE_WORDS = (
    N_("In"), N_("pages"), N_("editor"), N_("editors"), N_("Volume"), N_("volume"),
    N_("of"), N_("Number"), N_("number"), N_("in"), N_("chapter"), N_("edition"),
    N_("Master's thesis"), N_("PhD thesis"), N_("Technical Report"),
)  # fmt: skip
_HAS_LETTER = re.compile(r"[A-Za-z]")


def _rich_names(part: str) -> property:
    """pybtex's ``Person.rich_…_names``, decoding through :func:`rich_text`."""
    return property(lambda person: [rich_text(name) for name in getattr(person, part)])


class _Person(Person):
    """A pybtex person whose name parts decode through :func:`rich_text`."""

    @classmethod
    def of(cls, person: Person) -> _Person:
        fast: _Person = cls.__new__(cls)
        fast.__dict__.update(person.__dict__)
        return fast

    rich_first_names = _rich_names("first_names")
    rich_middle_names = _rich_names("middle_names")
    rich_prelast_names = _rich_names("prelast_names")
    rich_last_names = _rich_names("last_names")
    rich_lineage_names = _rich_names("lineage_names")


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


@node
def owner_names(children: list[Any], context: dict[str, Any], role: str) -> Text:
    """The people of ``role``: owner tagged, shortened past the style's ``max_authors``."""
    if children:
        raise ValueError(children)
    persons = context["entry"].persons.get(role)
    if not persons:
        raise FieldIsMissing(role, context["entry"])
    style: CVStyle = context["style"]
    shown, hidden = style.listed_people(persons)

    def fmt(person: Person, owner: bool) -> Any:
        return style.name_text(person, owner, context)

    names = [fmt(p, o) for p, o in shown]
    sep, sep2, last_sep = list_separators(style.language)
    if hidden is not None:
        et_al = style.gettext(ET_AL)
        tail = ["…", *(fmt(p, o) for p, o in hidden), et_al] if hidden else [et_al]
        return join(sep=sep)[[*names, *tail]].format_data(context)
    return join(sep=sep, sep2=sep2, last_sep=last_sep)[names].format_data(context)


@node
def fast_field(
    children: list[Any],
    context: dict[str, Any],
    name: str,
    apply_func: Any = None,
    raw: bool = False,
) -> Any:
    """pybtex's ``field``, decoding LaTeX with :func:`rich_text`."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    try:
        value = entry._find_field(name, bib_data=context.get("bib_data"))
    except KeyError:
        raise FieldIsMissing(name, entry) from None
    value = value if raw else rich_text(value)
    return apply_func(value) if apply_func else value


@node
def fast_optional_field(
    children: list[Any], context: dict[str, Any], *args: Any, **kwargs: Any
) -> Any:
    """pybtex's ``optional_field``, through :func:`fast_field`."""
    if children:
        raise ValueError(children)
    return optional[fast_field(*args, **kwargs)].format_data(context)


#: pybtex's field nodes → ours (same arguments).
_FAST = {template_field.f: fast_field.f, template_optional_field.f: fast_optional_field.f}


#: unsrt's ``date`` through :func:`fast_field`.
_FIELD_DATE = words[fast_optional_field("month"), fast_field("year")]


@node
def localized_date(children: list[Any], context: dict[str, Any]) -> Text:
    """``August 2020`` in the style's language (``août 2020``); else unsrt's date, its
    fields decoded as every other field is."""
    fields = context["entry"].fields
    when = one_month(fields.get("year", ""), fields.get("month", ""))
    if when:
        day = _dt.date(*when, 1)
        return Text(format_skeleton("yMMMM", day, locale=context["style"].language))
    result: Text = _FIELD_DATE.format_data(context)
    return result


class CVStyle(UnsrtStyle):
    """``unsrt`` for a CV: highlighted owner, shortened author lists, no inline links."""

    default_name_style = "plain"

    def __init__(
        self,
        *args: Any,
        owners: Sequence[str] = (),
        max_authors: int = 10,
        language: str = "en",
        gettext: Gettext = untranslated,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.owners = [Person(name) for name in owners]
        self.max_authors = max_authors
        self.language = language
        #: English words and dates are pybtex's own; other languages are translated.
        self.translating = language.split("_")[0] != "en"
        self.gettext = gettext
        self._templates: dict[tuple[Any, ...], Node] = {}
        #: (person, is the owner) → the formatted name (:func:`owner_names`).
        self.names: dict[tuple[str, bool], Text] = {}

    def listed_people(
        self, persons: Sequence[Person]
    ) -> tuple[list[tuple[Person, bool]], list[tuple[Person, bool]] | None]:
        """Who a list of ``persons`` names, each with whether it is the owner: the first
        ``max_authors``, and, when the list is cut, the owner among the rest (at most one,
        shown after "…"; an empty list if none), else None."""
        marked = [(p, is_owner(p, self.owners)) for p in persons]
        if not self.max_authors or len(marked) <= self.max_authors:
            return marked, None
        cut = self.max_authors
        return marked[:cut], [m for m in marked[cut:] if m[1]][:1]

    def name_text(self, person: Person, owner: bool, context: dict[str, Any]) -> Text:
        """``person``'s name, tagged :data:`OWNER` if it is the owner. A name reads the same
        in every entry: formatted once per style (authors recur)."""
        key = (str(person), owner)
        if key not in self.names:
            eastern = eastern_name(person)
            name = (
                join[eastern]
                if eastern is not None
                else self.format_name(_Person.of(person), self.abbreviate_names)
            )
            self.names[key] = (tag(OWNER)[name] if owner else name).format_data(context)
        return self.names[key]

    def format_names(self, role: str, as_sentence: bool = True) -> Any:
        formatted = owner_names(role)
        return sentence[formatted] if as_sentence else formatted

    def format_title(self, e: Any, which_field: str, as_sentence: bool = True) -> Any:
        """Titles as the author wrote them (``unsrt`` forces sentence case)."""
        title = tag(TITLE)[template_field(which_field)]
        return sentence[title] if as_sentence else title

    def format_web_refs(self, e: Any) -> Any:
        return sentence[""]

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        get_template = getattr(self, f"get_{entry.type}_template", None)
        if get_template is None:
            return super().format_entry(label, entry, bib_data)
        # unsrt's templates depend on the entry only through its type and editors.
        shape = (entry.type, tuple((r, min(len(p), 2)) for r, p in entry.persons.items()))
        template = self._templates.get(shape)
        if template is None:
            template = self._templates[shape] = self._prepare(get_template(entry))
        context = {"entry": entry, "style": self, "bib_data": bib_data}
        return FormattedEntry(entry.key, template.format_data(context), label)

    def _prepare(self, part: Any) -> Any:
        """A copy of a template with fast fields, and with words and dates in the language."""
        if isinstance(part, str):
            return self.gettext(part) if self.translating and _HAS_LETTER.search(part) else part
        if not isinstance(part, Node):
            return part
        if part is unsrt_date and self.translating:
            return localized_date
        copy = Node(part.name, _FAST.get(part.f, part.f))
        copy.args = [self._prepare(arg) if isinstance(arg, Node) else arg for arg in part.args]
        copy.kwargs = dict(part.kwargs)
        copy.children = [self._prepare(child) for child in part.children]
        return copy


def check_style(name: str) -> str:
    """``name`` if a pybtex formatting style of that name is installed; else ValueError."""
    name = (name or "").strip()
    if not name:
        raise ValueError("give the name of a pybtex formatting style, e.g. unsrt")
    try:
        find_plugin("pybtex.style.formatting", name)
    except PluginNotFound:
        raise ValueError(
            f"no pybtex formatting style named {name!r}; use 'cv' (the default), 'unsrt', "
            "'plain', 'alpha' or an installed plugin"
        ) from None
    return name


def make_style(
    name: str, owners: Sequence[str], max_authors: int, language: str, gettext: Gettext
) -> Any:
    """An instance of the pybtex style ``name``; the ``cv`` style gets the owner and words."""
    cls = find_plugin("pybtex.style.formatting", name)
    if issubclass(cls, CVStyle):
        return cls(owners=owners, max_authors=max_authors, language=language, gettext=gettext)
    return cls()


def eastern_name(person: Person) -> str | None:
    """``王星尧`` for ``王, 星尧``: a name written wholly in Chinese, Japanese or Korean
    characters, family name first and without spaces (never abbreviated); None for others."""
    parts = person.last_names + person.first_names + person.middle_names
    text = plain_text("".join(parts))
    if not is_eastern(text):
        return None
    return "".join(text.split())


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
