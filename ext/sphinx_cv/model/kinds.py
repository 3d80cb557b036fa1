"""How a kind of entry is declared, once: the vocabulary of a declaration and the registry.

Pure Python. A kind of entry (``experience``, ``award``…) is one frozen dataclass, a subclass
of :class:`~.entries.Entry`, registered with :func:`entry_kind`. Its class attributes say
what it is called and how JSON Resume and RenderCV hold it; its fields, declared with
:func:`text_field`, :func:`date_field`, :func:`url_field` and :func:`list_field`, are its
directive's options, in order, each with its help text and the kind of its value. Its date
rule is the date fields it declares (:class:`DateRule`). Everything else is derived from the
declaration: the directive and its checks (:mod:`sphinx_cv.entries.directives`), the README's
option tables (checked by ``tests/test_layout.py``), ``resume.json``
(:mod:`sphinx_cv.site.jsonresume`) and the two imports (:mod:`sphinx_cv.cli.read_jsonresume`,
:mod:`sphinx_cv.cli.read_rendercv`). :func:`entry_kind` checks that a declaration holds
together and says what to write when it does not.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from .entries import Entry

__all__ = [
    "DAY",
    "END",
    "ENTRY_KINDS",
    "JSON_SPAN",
    "LOCATION",
    "START",
    "TITLE_LINK",
    "WHEN",
    "DateRule",
    "EntryField",
    "JSONResume",
    "RenderCV",
    "date_field",
    "entry_kind",
    "join_title",
    "list_field",
    "split_title",
    "text_field",
    "url_field",
]

#: Help texts shared by the kinds' fields of the same meaning.
LOCATION = "city and region or country"
START = "first month: YYYY, YYYY-MM or YYYY-MM-DD"
END = "last month, or 'present' (omit for a single date)"
DAY = "the day or month: YYYY, YYYY-MM or YYYY-MM-DD"
WHEN = "when, as text, if not a date: Fall 2023, Completed (shown as written)"
TITLE_LINK = "a web address (https://… or http://…) the title links to"


@dataclass(frozen=True)
class EntryField:
    """One option of an entry directive: its name, help text, whether it is required, the
    kind of its value (``text``, ``date``, ``url``, ``list``), the label of a link of its own
    (a ``url`` with a label is shown as a link; the one without links the title), and
    whether a body that is one bulleted list gives it (a ``list``)."""

    name: str
    help: str
    required: bool = False
    kind: str = "text"
    label: str = ""
    from_body: bool = False


def _field(default: Any, help: str, kind: str, **more: Any) -> Any:  # noqa: A002
    return field(default=default, metadata={"help": help, "kind": kind, **more})


def text_field(help: str, *, required: bool = False) -> Any:  # noqa: A002 (the field's help)
    """A field of text."""
    return _field("", help, "text", required=required)


def date_field(help: str) -> Any:  # noqa: A002
    """A date: named ``start``, ``end`` or ``date`` (:class:`DateRule`)."""
    return _field(None, help, "date")


def url_field(help: str, *, label: str = "") -> Any:  # noqa: A002
    """A web address: the title's link, or a link of its own shown as ``label`` (a word of
    the catalogue, marked with :func:`~.words.N_`)."""
    return _field("", help, "url", label=label)


def list_field(help: str, *, from_body: bool = False) -> Any:  # noqa: A002
    """A comma-separated list, kept as a tuple of its items; ``from_body``: a body that is
    one bulleted list gives its items instead."""
    return _field((), help, "list", from_body=from_body)


def declared_fields(cls: type) -> dict[str, EntryField]:
    """The options ``cls`` declares itself, in its order (inherited fields are not its)."""
    declared = {f.name: f for f in fields(cls) if "help" in f.metadata}
    own = vars(cls).get("__annotations__", {})
    return {name: EntryField(name, **declared[name].metadata) for name in own if name in declared}


class DateRule(enum.Enum):
    """When an entry happened, as the date fields it declares say: from a ``start`` to an
    ``end`` (which may be 'present'), on one ``date``, or no date at all."""

    SPAN = ("start", "end")
    ONE = ("date",)
    NONE = ()

    @classmethod
    def of(cls, options: Mapping[str, EntryField]) -> DateRule:
        dates = tuple(name for name, option in options.items() if option.kind == "date")
        for rule in cls:
            if sorted(dates) == sorted(rule.value):
                return rule
        raise TypeError(
            f"date fields {', '.join(dates)}: declare 'start' and 'end' (a span), 'date' "
            "(one day or month) or none"
        )


#: The span's usual keys in JSON Resume: an option → its key.
JSON_SPAN = {"location": "location", "start": "startDate", "end": "endDate"}


@dataclass(frozen=True)
class JSONResume:
    """How a kind stands in JSON Resume (jsonresume.org, schema 1.x), both ways: ``resume.json``
    writes it so and ``sphinx-cv import`` reads it back.

    ``section``: its section (``work``); ``title``: the key of the title, or two keys a title
    "A in B" is split into (education's ``studyType`` and ``area``); ``keys``: each option's
    key, in the order they are written (an option left out is not exported; only ``when``
    may be); ``summary``, ``items``: the keys of the body's paragraphs and list items ("" for
    none; list items join the summary when there is no ``items``); ``old_keys``: JSON Resume
    0.x's keys, read as 1.x's; ``ongoing``: an item with a start and no end is ongoing;
    ``untitled``: the option whose value titles an item without a title.
    """

    section: str
    title: str | tuple[str, str]
    keys: Mapping[str, str] = field(default_factory=dict)
    summary: str = ""
    items: str = ""
    old_keys: Mapping[str, str] = field(default_factory=dict)
    ongoing: bool = False
    untitled: str = ""

    @property
    def title_keys(self) -> tuple[str, ...]:
        return (self.title,) if isinstance(self.title, str) else self.title


@dataclass(frozen=True)
class RenderCV:
    """How a kind stands in a RenderCV file (read by ``sphinx-cv import``).

    ``entry_type``: the type RenderCV gives an entry by its keys (``ExperienceEntry``); the
    keys of its ``title`` (two are joined as "A in B") and ``keys`` (option → RenderCV key)
    tell it. ``shared``: it takes RenderCV's shared keys too (its dates, ``location``,
    ``summary``, ``highlights``); ``title_link``: the option that takes the address of a
    title written as a Markdown link, ``[words](address)``.
    """

    entry_type: str
    title: str | tuple[str, str]
    keys: Mapping[str, str] = field(default_factory=dict)
    shared: bool = True
    title_link: str = ""

    @property
    def title_keys(self) -> tuple[str, ...]:
        return (self.title,) if isinstance(self.title, str) else self.title

    @property
    def own_keys(self) -> tuple[str, ...]:
        """The keys by which RenderCV tells this type of entry."""
        return (*self.title_keys, *self.keys.values())


def join_title(parts: tuple[str, ...] | list[str]) -> str:
    """A title from two parts, ``Bachelor of Science`` and ``Physics``: "Bachelor of Science
    in Physics" (either alone when the other is empty)."""
    given = [part for part in parts if part]
    return " in ".join(given) if len(given) == len(parts) else (given[0] if given else "")


def split_title(title: str) -> tuple[str, str]:
    """``Bachelor of Science in Physics`` → (``Bachelor of Science``, ``Physics``); a title
    without " in " is the second part."""
    first, found, second = title.partition(" in ")
    return (first, second) if found and first and second else ("", title)


#: Every kind of entry, by directive name, in the order a CV usually shows them.
ENTRY_KINDS: dict[str, type[Entry]] = {}

E = TypeVar("E", bound="type[Entry]")


def _problems(cls: type[Entry]) -> list[str]:
    """What does not hold together in the declaration of ``cls``, each with what to write."""
    options = cls.fields()
    json, rendercv = getattr(cls, "jsonresume", None), cls.rendercv
    if json is None:
        return ["declare jsonresume = JSONResume(section, title, keys)"]
    problems = []
    if not cls.kind.isidentifier() or cls.kind != cls.kind.lower():
        problems.append("kind = '…' is its directive's name: a lower-case word")
    if ENTRY_KINDS.get(cls.kind, cls) is not cls:
        problems.append(f"{ENTRY_KINDS[cls.kind].__name__} is kind {cls.kind!r} already")
    try:
        rule = DateRule.of(options)
    except TypeError as err:
        problems.append(str(err))
        rule = DateRule.NONE
    for name in (
        cls.organization_field,
        cls.title_fallback,
        *cls.subtitle_fields,
        *cls.detail_fields,
    ):
        if name and name not in options:
            problems.append(f"{name!r} is named as a field but not declared")
    if len([o for o in options.values() if o.kind == "url" and not o.label]) > 1:
        problems.append("one url field links the title; give the others a label=N_('…')")
    unmapped = [name for name in options if name not in json.keys and name != "when"]
    if unmapped:
        problems.append(f"jsonresume: no key for {', '.join(unmapped)}; add 'option': 'key'")
    named = [*json.keys, json.untitled, *(rendercv.keys if rendercv else ())]
    if rendercv:
        named.append(rendercv.title_link)
    undeclared = [name for name in named if name and name not in options]
    if undeclared:
        problems.append(f"jsonresume or rendercv name {', '.join(undeclared)}: no such field")
    if rendercv and rendercv.shared and rule is not DateRule.SPAN:
        problems.append("rendercv: RenderCV's shared keys give a span (start and end); "
                        "declare them, or shared=False")  # fmt: skip
    return problems


def entry_kind(cls: E) -> E:
    """Register the kind ``cls`` (a frozen dataclass of :class:`~.entries.Entry`), after
    checking that its declaration holds together; its directive, export and import follow."""
    problems = _problems(cls)
    if problems:
        raise TypeError(f"{cls.__name__} (entry kind {cls.kind!r}): {'; '.join(problems)}")
    ENTRY_KINDS[cls.kind] = cls
    return cls
