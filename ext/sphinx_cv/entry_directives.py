"""The ``experience`` and ``education`` directives, and their dates.

Both share :class:`EntryDirective`: options are the data model's fields,
validation is the data model's, and the body is ordinary markup (lists,
emphasis, links, roles). Errors are reported at the directive's line.

Dates are written out when a page is written (:class:`WriteDates`), so that a
duration ("3 years, 1 month") counts to the build's day; a page whose ongoing
duration changed since it was last written is written again
(:func:`rewrite_stale_durations`).
"""

from __future__ import annotations

import datetime as _dt
import os
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform

from .dates import Present, build_moment
from .datetext import PRESENT_WORD, format_range, get_locale
from .domain import EntryRecord
from .entries import Education, Entry, EntryError, Experience, entry_from_fields
from .nodes import ENTRY_VISITORS, cv_dates, cv_entry
from .shared import CVDirective, cv_domain, gettext, register_id

#: Options that change the display, not the data.
DISPLAY_OPTIONS = {
    "duration": directives.flag,
    "class": directives.class_option,
    "name": directives.unchanged,
}


def _para(cls: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[cls])


def build_day() -> _dt.date:
    """The day of this build (``SOURCE_DATE_EPOCH`` for reproducible builds)."""
    return build_moment(os.environ.get("SOURCE_DATE_EPOCH")).date()


def dates_text(config: Config, node: cv_dates, today: _dt.date) -> str:
    return format_range(
        node["dates"],
        get_locale(config.language),
        present=config.cv_present_label or gettext(PRESENT_WORD),
        duration=node["duration"],
        today=today,
    )


class EntryDirective(CVDirective):
    """Shared base: ``{kind} Title`` + ``:field: value`` options + a body."""

    model: ClassVar[type[Entry]]
    required_arguments = 1
    final_argument_whitespace = True
    has_content = True

    def __init_subclass__(cls, **kwargs: object) -> None:
        super().__init_subclass__(**kwargs)
        cls.option_spec = {
            **{name: directives.unchanged for name in cls.model.fields()},
            **DISPLAY_OPTIONS,
        }

    def run(self) -> list[nodes.Node]:
        self.check_options()
        values = {k: v for k, v in self.options.items() if k in self.model.fields()}
        try:
            entry = entry_from_fields(self.model, self.arguments[0], values)
        except EntryError as err:
            self.warn("%s", err)
            return []

        node = cv_entry("", kind=entry.kind, classes=list(self.options.get("class", [])))
        self.set_source_info(node)
        anchor = nodes.make_id(
            self.options.get("name") or f"{entry.kind}-{entry.organization_name}-{entry.title}"
        )
        anchor = register_id(self.state.document, node, anchor)
        if "name" in self.options:
            self.add_name(node)
        duration = "duration" in self.options or self.config.cv_show_duration
        node += self.header(entry, duration)
        if self.content:
            body = nodes.container("", classes=["cv-entry-body"])
            body += self.parse_content_to_nodes(allow_section_headings=False)
            self.neutralise_raw(body)
            node += body
        self.domain.add_entry(EntryRecord(self.env.docname, anchor, entry, duration))
        return [node]

    def neutralise_raw(self, body: nodes.Element) -> None:
        """Raw HTML (which Markdown lets through) in an entry is shown as text, with a warning:
        nothing typed in a directive turns into markup."""
        for raw in list(body.findall(nodes.raw)):
            self.warn("raw %s in an entry is shown as text; write Markdown instead", raw["format"])
            raw.replace_self(nodes.literal(raw.astext(), raw.astext()))

    def subtitle(self, entry: Entry) -> list[nodes.Node]:
        return [nodes.inline("", entry.organization_name, classes=["cv-entry-organization"])]

    def extra_lines(self, entry: Entry) -> list[nodes.Node]:
        return []

    def header(self, entry: Entry, duration: bool) -> nodes.container:
        main = nodes.container("", classes=["cv-entry-main"])
        main += _para("cv-entry-title", nodes.strong("", entry.title))
        main += _para("cv-entry-subtitle", *self.subtitle(entry))
        main.extend(self.extra_lines(entry))
        meta = nodes.container("", classes=["cv-entry-meta"])
        if entry.start or entry.end:
            meta += _para("cv-entry-dates", cv_dates("", dates=entry.dates, duration=duration))
        if entry.location:
            meta += _para("cv-entry-location", nodes.Text(entry.location))
        header = nodes.container("", classes=["cv-entry-header"])
        header += main
        if len(meta):
            header += meta
        return header


class ExperienceDirective(EntryDirective):
    """```{experience} Job title``` with organization, unit, location, start, end."""

    model = Experience

    def subtitle(self, entry: Entry) -> list[nodes.Node]:
        assert isinstance(entry, Experience)
        parts = super().subtitle(entry)
        if entry.unit:
            parts += [nodes.Text(" · "), nodes.inline("", entry.unit, classes=["cv-entry-unit"])]
        return parts


class EducationDirective(EntryDirective):
    """```{education} Degree``` with institution, location, start, end, score, honors."""

    model = Education

    def extra_lines(self, entry: Entry) -> list[nodes.Node]:
        assert isinstance(entry, Education)
        parts: list[nodes.Node] = []
        if entry.score:
            parts.append(nodes.inline("", entry.score, classes=["cv-entry-score"]))
        if entry.honors:
            if parts:
                parts.append(nodes.Text(" · "))
            parts.append(nodes.inline("", entry.honors, classes=["cv-entry-honors"]))
        return [_para("cv-entry-details", *parts)] if parts else []


class WriteDates(SphinxPostTransform):
    """Every builder: an entry's dates as text, durations counted to the build's day."""

    default_priority = 100

    def run(self, **kwargs: Any) -> None:
        if not cv_domain(self.env).data["entries"]:
            return  # no entry in the project: nothing to look for
        today = build_day()
        for node in list(self.document.findall(cv_dates)):
            node.replace_self(nodes.Text(dates_text(self.config, node, today)))


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
    app.add_directive("experience", ExperienceDirective)
    app.add_directive("education", EducationDirective)
    app.add_post_transform(WriteDates)
    app.connect("env-get-updated", rewrite_stale_durations)
