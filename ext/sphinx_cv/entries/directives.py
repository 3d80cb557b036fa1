"""The entry directives (``experience``, ``education``, ``award``, ``skill``…), and
their dates.

All share :class:`EntryDirective`: options are the data model's fields,
validation is the data model's, and the body is ordinary markup (lists,
emphasis, links, roles). Errors are reported at the directive's line. Cards
show a title, a line under it, dates and place; compact kinds (skills,
languages, certificates, interests) are one line.

Every entry directive takes ``:tags:`` (:mod:`~sphinx_cv.model.tags`): they are recorded on
the domain's :class:`~sphinx_cv.domain.EntryRecord` and on the node (``node["cv-tags"]``, a list)
for the variants to select by, and are not shown. A bad tag is a warning that says what to
write; the entry keeps its other tags.

Dates are written out when a page is written (:class:`WriteDates`), so that a
duration ("3 years, 1 month") counts to the build's day; a page whose ongoing
duration changed since it was last written is written again
(:func:`rewrite_stale_durations`).
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Sequence
from typing import Any, ClassVar

import babel
from docutils import nodes
from docutils.parsers.rst import directives
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..directive import CVDirective
from ..domain import EntryRecord, cv_domain
from ..model.dates import DateRange, Present, build_moment
from ..model.datetext import PRESENT_WORD, format_range, get_locale
from ..model.entries import Entry, EntryError, entry_from_fields
from ..model.kinds import ENTRY_KINDS
from ..model.stable import stable_text
from ..model.tags import parse_tags
from ..nodes import ENTRY_VISITORS, cv_dates, cv_entry
from ..settings import cv_settings
from ..shared import ancestors, gettext, register_id
from ..variants import Segments, has_tags, node_tags, segments

#: Options that change the display, not the data.
DISPLAY_OPTIONS = {
    "duration": directives.flag,
    "class": directives.class_option,
    "name": directives.unchanged,
}
#: Options that select, not show: the entry's tags, for the variants of the CV.
SELECTION_OPTIONS = {"tags": directives.unchanged}


def _para(cls: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[cls])


def build_day() -> _dt.date:
    """The day of this build (``SOURCE_DATE_EPOCH`` for reproducible builds)."""
    return build_moment(os.environ.get("SOURCE_DATE_EPOCH")).date()


def dates_text(config: Config, dates: DateRange, duration: bool, today: _dt.date) -> str:
    """What an entry's dates read as: ``May 2020 – Sep 2020``, with ``duration`` its
    length as of ``today``."""
    return format_range(
        dates,
        get_locale(config.language),
        present=present_word(config),
        duration=duration,
        today=today,
    )


def present_word(config: Config) -> str:
    return cv_settings(config).present_label or gettext(PRESENT_WORD)


def dates_key(config: Config, dates: DateRange, duration: bool, today: _dt.date) -> str:
    """What an entry's dates read as depends on: Babel's CLDR data, the language, the word
    for an ongoing end, the dates, and the months a duration counts to ``today``."""
    months = dates.months(today) if duration else None
    return (
        f"{babel.__version__} {config.language} {present_word(config)!r} "
        f"{stable_text(dates)} {months}"
    )


def remember_dates(app: Sphinx, env: BuildEnvironment) -> None:
    """Once the pages are read (before the environment is saved): each entry's dates as
    text, kept with the environment, so that a rebuild writes them without loading Babel's
    CLDR data (a twentieth of a second, before the PDF's layout can start). Only the texts
    of this build's entries are kept; those not known yet are made now."""
    domain = cv_domain(env)
    known: dict[str, str] = domain.data["dates_text"]
    today = build_day()
    kept: dict[str, str] = {}
    for records in domain.data["entries"].values():
        for record in records:
            dates = record.entry.dates
            if dates.start is None and dates.end is None:
                continue
            for duration in {record.duration, False}:
                key = dates_key(app.config, dates, duration, today)
                if key not in kept:
                    kept[key] = known.get(key) or dates_text(app.config, dates, duration, today)
    domain.data["dates_text"] = kept


class EntryDirective(CVDirective):
    """Shared base: ``{kind} Title`` + ``:field: value`` options + a body. One subclass per
    kind of entry (:data:`~sphinx_cv.model.kinds.ENTRY_KINDS`), made by :func:`directive_for`:
    its options are the kind's fields, its checks the model's."""

    model: ClassVar[type[Entry]]
    # The title is checked by the model, whose message says what to write.
    required_arguments = 0
    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = {
            **{name: directives.unchanged for name in cls.model.fields()},
            **DISPLAY_OPTIONS,
            **SELECTION_OPTIONS,
        }

    def run(self) -> list[nodes.Node]:
        self.check_options()
        values = {k: v for k, v in self.options.items() if k in self.model.fields()}
        body: list[nodes.Node] = []
        if self.content:
            body = self.parse_content_to_nodes(allow_section_headings=False)
            listed = self.field_from_body(body)
            if listed and listed not in values:
                items = body[0].findall(nodes.list_item)
                values[listed] = ", ".join(i.astext().replace(",", "\\,") for i in items)
                body = []
        title = self.arguments[0] if self.arguments else ""
        try:
            entry = entry_from_fields(self.model, title, values)
        except EntryError as err:
            self.warn("%s", err)
            return []

        tags, bad_tags = parse_tags(self.options.get("tags") or "")
        for message in bad_tags:
            self.warn("%s", message)
        node = cv_entry(
            "", kind=entry.kind, compact=entry.compact, classes=list(self.options.get("class", []))
        )
        node["cv-tags"] = list(tags)
        self.set_source_info(node)
        parts = (entry.kind, entry.organization_name, entry.heading)
        anchor = nodes.make_id(self.options.get("name") or "-".join(filter(None, parts)))
        anchor = register_id(self.state.document, node, anchor)
        if "name" in self.options:
            self.add_name(node)
        duration = "duration" in self.options or cv_settings(self.config).show_duration
        node += self.line(entry) if entry.compact else self.header(entry, duration)
        if body:
            container = nodes.container("", *body, classes=["cv-entry-body"])
            self.neutralise_raw(container)
            node += container
        summary, highlights = body_text(body)
        record = EntryRecord(
            self.env.docname,
            anchor,
            entry,
            duration,
            summary,
            highlights,
            tags=tags,
            tagged_body=tagged_body(body),
        )
        self.domain.add_entry(record)
        return [node]

    def field_from_body(self, body: list[nodes.Node]) -> str:
        """The field a body that is one bulleted list gives (a skill's keywords), or ""."""
        if len(body) != 1 or not isinstance(body[0], nodes.bullet_list):
            return ""
        return next((n for n, option in self.model.fields().items() if option.from_body), "")

    def neutralise_raw(self, body: nodes.Element) -> None:
        """Raw HTML (which Markdown lets through) in an entry is shown as text, with a warning:
        nothing typed in a directive turns into markup."""
        for raw in list(body.findall(nodes.raw)):
            self.warn("raw %s in an entry is shown as text; write Markdown instead", raw["format"])
            raw.replace_self(nodes.literal(raw.astext(), raw.astext()))

    def title(self, entry: Entry) -> nodes.Node:
        """The title in bold, linked to the entry's ``url`` when it has one."""
        text = nodes.strong("", entry.heading)
        url = entry.title_link
        return nodes.reference("", "", text, refuri=url) if url else text

    def header(self, entry: Entry, duration: bool) -> nodes.container:
        main = nodes.container("", classes=["cv-entry-main"])
        main += _para("cv-entry-title", self.title(entry))
        if entry.subtitle_parts():
            main += _para("cv-entry-subtitle", *_joined(entry.subtitle_parts()))
        if entry.detail_parts():
            main += _para("cv-entry-details", *_joined(entry.detail_parts()))
        if entry.links():
            refs = [
                nodes.reference("", gettext(label), refuri=link) for link, label in entry.links()
            ]
            main += _para("cv-entry-links", *_with_separators(refs))
        meta = nodes.container("", classes=["cv-entry-meta"])
        if entry.dates.start or entry.dates.end:
            meta += _para("cv-entry-dates", cv_dates("", dates=entry.dates, duration=duration))
        if entry.when:  # a time that is no date, as written
            meta += nodes.paragraph("", entry.when, classes=["cv-entry-dates", "cv-entry-when"])
        if entry.location:
            meta += _para("cv-entry-location", nodes.Text(entry.location))
        header = nodes.container("", classes=["cv-entry-header"])
        header += main
        if len(meta):
            header += meta
        return header

    def line(self, entry: Entry) -> nodes.paragraph:
        """A compact entry's one line: **Title** (level): keywords · issuer · date."""
        parts: list[nodes.Node] = [self.title(entry)]
        if entry.qualifier():
            parts.append(nodes.inline("", f" ({entry.qualifier()})", classes=["cv-entry-level"]))
        if entry.statement():
            parts += [nodes.Text(": "), nodes.inline("", entry.statement())]
        for text, name in entry.subtitle_parts():
            parts += [nodes.Text(" · "), nodes.inline("", text, classes=[f"cv-entry-{name}"])]
        if entry.dates.start:
            parts += [nodes.Text(" · "), cv_dates("", dates=entry.dates, duration=False)]
        if entry.when:
            parts += [nodes.Text(" · "), nodes.inline("", entry.when, classes=["cv-entry-when"])]
        return _para("cv-entry-line", *parts)


def _plain(node: nodes.Node) -> str:
    """A node's text on one line, leaving out ``only`` blocks (they may be for the PDF)."""
    copy = node.deepcopy()
    for only in list(copy.findall(addnodes.only)):
        only.parent.remove(only)
    return " ".join(copy.astext().split())


def body_text(body: list[nodes.Node]) -> tuple[str, tuple[str, ...]]:
    """An entry body's paragraphs (the summary) and list items (the highlights), for
    exports; ``only`` blocks are left out whatever their condition."""
    summary, highlights = [], []
    for node in body:
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            highlights += [_plain(item) for item in node.children]
        elif isinstance(node, nodes.paragraph):
            summary.append(_plain(node))
    return " ".join(filter(None, summary)), tuple(filter(None, highlights))


def tagged_body(body: list[nodes.Node]) -> tuple[tuple[str, Segments], ...]:
    """An entry body's paragraphs and list items in tagged pieces
    (:func:`~sphinx_cv.variants.segments`), when some part of it is tagged; else nothing."""
    parts: list[tuple[str, Segments]] = []
    for node in body:
        if isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            outer = (tags,) if (tags := node_tags(node)) else ()
            parts += [("highlight", segments(item, outer)) for item in node.children]
        elif isinstance(node, nodes.paragraph):
            parts.append(("summary", segments(node)))
    return tuple(parts) if any(has_tags(part) for _role, part in parts) else ()


class NoteConditions(SphinxTransform):
    """Entries inside ``only`` directives: their conditions go into the domain, so that an
    export from the website leaves out an entry written for the PDF only."""

    default_priority = 500

    def apply(self, **kwargs: Any) -> None:
        domain = cv_domain(self.env)
        for node in self.document.findall(cv_entry):
            only = tuple(
                parent["expr"] for parent in ancestors(node) if isinstance(parent, addnodes.only)
            )
            if only and node["ids"]:
                domain.set_conditions(self.env.docname, node["ids"][0], only)


def _joined(pieces: list[tuple[str, str]]) -> list[nodes.Node]:
    return _with_separators(
        [nodes.inline("", text, classes=[f"cv-entry-{n}"]) for text, n in pieces]
    )


def _with_separators(items: Sequence[nodes.Node]) -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(" · "))
        out.append(item)
    return out


def directive_for(model: type[Entry]) -> type[EntryDirective]:
    """The directive of one kind of entry: ``{experience}``, ``{skill}``…"""
    return type(f"{model.__name__}Directive", (EntryDirective,), {"model": model})


class WriteDates(SphinxPostTransform):
    """Every builder: an entry's dates as text, durations counted to the build's day."""

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        if not cv_domain(self.env).data["entries"]:
            return  # no entry in the project: nothing to look for
        today = build_day()
        known: dict[str, str] = cv_domain(self.env).data["dates_text"]
        for node in list(self.document.findall(cv_dates)):
            dates, duration = node["dates"], node["duration"]
            key = dates_key(self.config, dates, duration, today)
            text = known.get(key) or dates_text(self.config, dates, duration, today)
            node.replace_self(nodes.Text(text))


def _ongoing_months(records: list[EntryRecord], today: _dt.date) -> list[int | None]:
    return [
        r.entry.dates.months(today)
        for r in records
        if r.duration and isinstance(r.entry.end, Present)
    ]


def rewrite_stale_durations(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Pages whose ongoing durations read differently today than when last written.

    Runs after reading, in the main process, before the environment is saved: what it
    records is what the pages written in this build show.
    """
    domain = cv_domain(env)
    today = build_day()
    shown: dict[str, list[int | None]] = domain.data["durations"]
    stale = []
    for docname, records in domain.data["entries"].items():
        months = _ongoing_months(records, today)
        if shown.get(docname, months) != months:
            stale.append(docname)
        if months:
            shown[docname] = months
    return sorted(stale)


def setup_entries(app: Sphinx) -> None:
    app.add_node(cv_entry, **ENTRY_VISITORS)  # type: ignore[arg-type]
    app.add_node(cv_dates)
    for kind, model in ENTRY_KINDS.items():
        app.add_directive(kind, directive_for(model))
    app.add_post_transform(WriteDates)
    app.add_transform(NoteConditions)
    app.connect("env-get-updated", rewrite_stale_durations)
    app.connect("env-updated", remember_dates)
