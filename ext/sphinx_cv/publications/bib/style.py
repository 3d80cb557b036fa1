"""Formatting styles by name, and how every entry is formatted whatever its style.

``cv`` (the default) is :class:`~.cvformat.CVFormatter`. Any other pybtex formatting
style (``unsrt``, ``plain``, ``alpha`` or an installed plugin) formats through
:class:`PybtexFormatter`, its text read as :data:`~.rich.Rich`, its fields and names
decoded by :mod:`.latex` so that a title reads the same in every style. :class:`CVStyle`
is the ``cv`` style as a pybtex plugin, for other pybtex users. :class:`EntryFormatter`
formats an entry in a style whatever the entry: an unknown type as ``@misc``, an
entry that lacks a field its type needs with what it has, one the style fails on by
its title, with a problem reported.

Pure pybtex: no Sphinx import.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from pybtex.database import Entry, Person
from pybtex.plugin import PluginNotFound, find_plugin
from pybtex.richtext import Text
from pybtex.scanner import PybtexError
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle
from pybtex.style.template import FieldIsMissing, Node, node, optional
from pybtex.style.template import field as pybtex_field
from pybtex.style.template import optional_field as pybtex_optional_field

from ...model.words import Gettext, untranslated
from .cvformat import CVFormatter
from .latex import plain_text, rich_text
from .rich import Rich, from_pybtex, to_pybtex

__all__ = ["CVStyle", "EntryFormatter", "Formatter", "PybtexFormatter", "check_style", "formatter"]


class Formatter(Protocol):
    """What formats one entry (raising pybtex's ``FieldIsMissing`` for a missing field)."""

    def format(self, entry: Entry) -> Rich: ...


class CVStyle(BaseStyle):
    """The ``cv`` style as a pybtex formatting plugin: each entry by :class:`CVFormatter`."""

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
        self.formatter = CVFormatter(owners, max_authors, language, gettext)

    def format_entry(self, label: str, entry: Entry, bib_data: Any = None) -> FormattedEntry:
        return FormattedEntry(entry.key, to_pybtex(self.formatter.format(entry)), label)


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


def formatter(
    name: str, owners: Sequence[str], max_authors: int, language: str, gettext: Gettext
) -> Formatter:
    """The formatter of style ``name``: the ``cv`` style with the owner and the words,
    another pybtex style as it is."""
    cls = find_plugin("pybtex.style.formatting", name)
    if issubclass(cls, CVStyle):
        return CVFormatter(owners, max_authors, language, gettext)
    return PybtexFormatter(cls())


def _rich_names(part: str) -> property:
    """pybtex's ``Person.rich_…_names``, decoding through :func:`rich_text`."""
    return property(lambda person: [rich_text(name) for name in getattr(person, part)])


class _Person(Person):
    """A pybtex person whose name parts decode through :func:`rich_text`."""

    @classmethod
    def of(cls, person: Person) -> _Person:
        decoded: _Person = cls.__new__(cls)
        decoded.__dict__.update(person.__dict__)
        return decoded

    rich_first_names = _rich_names("first_names")
    rich_middle_names = _rich_names("middle_names")
    rich_prelast_names = _rich_names("prelast_names")
    rich_last_names = _rich_names("last_names")
    rich_lineage_names = _rich_names("lineage_names")


@node
def _field(
    children: list[Any],
    context: dict[str, Any],
    name: str,
    apply_func: Any = None,
    raw: bool = False,
) -> Any:
    """pybtex's ``field``, its LaTeX decoded by :func:`rich_text`."""
    if children:
        raise ValueError(children)
    entry = context["entry"]
    value = entry.fields.get(name)
    if value is None:
        raise FieldIsMissing(name, entry)
    value = value if raw else rich_text(value)
    return apply_func(value) if apply_func else value


@node
def _optional_field(children: list[Any], context: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
    """pybtex's ``optional_field``, through :func:`_field`."""
    if children:
        raise ValueError(children)
    return optional[_field(*args, **kwargs)].format_data(context)


#: pybtex's field nodes → ours (same arguments).
_DECODING = {pybtex_field.f: _field.f, pybtex_optional_field.f: _optional_field.f}


def _decoding(part: Any) -> Any:
    """A copy of a pybtex template whose fields decode through :func:`rich_text`."""
    if not isinstance(part, Node):
        return part
    copy = Node(part.name, _DECODING.get(part.f, part.f))
    copy.args = [_decoding(arg) for arg in part.args]
    copy.kwargs = dict(part.kwargs)
    copy.children = [_decoding(child) for child in part.children]
    return copy


class PybtexFormatter:
    """A pybtex style's references, its fields and names read by :mod:`.latex` (as every
    other text of the site is: math, accents, ``\\emph``, ``\\noopsort``). A style whose
    entries have templates (``unsrt``, ``plain``, ``alpha``) has its fields decoded; one
    that formats entries its own way has its names decoded."""

    def __init__(self, style: Any) -> None:
        self.style = style
        self.templates = type(style).format_entry is BaseStyle.format_entry

    def format(self, entry: Entry) -> Rich:
        persons = {role: [_Person.of(p) for p in people] for role, people in entry.persons.items()}
        decoded = Entry(entry.type, fields=entry.fields, persons=persons)
        decoded.key = entry.key
        get_template = getattr(self.style, f"get_{entry.type}_template", None)
        if self.templates and get_template is not None:
            context = {"entry": decoded, "style": self.style, "bib_data": None}
            text: Text = _decoding(get_template(decoded)).format_data(context)
        else:
            text = self.style.format_entry(entry.key, decoded).text
        return from_pybtex(text)


#: What names where an entry appeared, for entries shown without their type's template.
_VENUE_FIELDS = (
    "journal", "booktitle", "series", "school", "institution", "organization", "publisher",
    "address",
)  # fmt: skip
#: BibTeX's other names of a type (``unsrt.bst``: ``FUNCTION {conference} { inproceedings }``).
_ALIASES = {"conference": "inproceedings"}


class EntryFormatter:
    """An entry's reference in a style, whatever the entry: an entry that lacks a field
    its type needs as @misc with what it has; else its title, with a problem reported."""

    def __init__(self, formatter: Formatter, problem_at: Callable[[str, str], None]) -> None:
        self.formatter = formatter
        self.problem_at = problem_at

    def format(self, key: str, entry: Entry, known_type: bool = True) -> Rich:
        """The reference; an entry of an unknown type as @misc."""
        kind = _ALIASES.get(entry.type, entry.type) if known_type else "misc"
        if kind != entry.type:
            entry = Entry(kind, fields=entry.fields, persons=entry.persons)
        try:
            return self.formatter.format(entry)
        except UnicodeDecodeError:
            pass  # a lone backslash: reported by clean() already
        except FieldIsMissing:
            return self.format_what_is_there(key, entry)
        except PybtexError as err:
            self.problem_at(key, f"cannot be formatted ({err}); only its title is shown")
        except Exception as err:  # a third-party style may fail in any way
            self.problem_at(
                key,
                f"the style failed on it ({type(err).__name__}: {err}); only its title is shown",
            )
        return (plain_text(entry.fields.get("title", key)),)

    def format_what_is_there(self, key: str, entry: Entry) -> Rich:
        """An entry that lacks a field its type needs, as @misc: its authors, title, venue
        (what it has of journal, booktitle, school…) and date."""
        fields = dict(entry.fields)
        lower = {name.lower(): value for name, value in fields.items()}
        venue = [lower[n] for n in _VENUE_FIELDS if lower.get(n)]
        if venue and "howpublished" not in lower:
            fields["howpublished"] = ", ".join(venue)
        persons = dict(entry.persons)
        if "author" not in persons and "editor" in persons:  # misc shows authors only
            persons["author"] = persons["editor"]
        try:
            return self.formatter.format(Entry("misc", fields, persons))
        except (PybtexError, UnicodeDecodeError):
            return (plain_text(entry.fields.get("title", key)),)
