"""The ``experience`` and ``education`` directives.

Both share :class:`EntryDirective`: options are the data model's fields,
validation is the data model's, and the body is ordinary markup (lists,
emphasis, links, roles). Errors are reported at the directive's line.
"""

from __future__ import annotations

import os
import re
from typing import ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .dates import build_moment, get_locale
from .domain import CVDomain, EntryRecord
from .entries import Education, Entry, EntryError, Experience, entry_from_fields
from .nodes import cv_entry, register_id

logger = logging.getLogger(__name__)

#: Options that change the display, not the data.
DISPLAY_OPTIONS = {
    "duration": directives.flag,
    "class": directives.class_option,
    "name": directives.unchanged,
}


def _para(cls: str, *children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children, classes=[cls])


_OPTION_LINE = re.compile(r"^\s*:([A-Za-z][\w-]*):")
_YAML_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:")


def duplicate_options(block_text: str) -> list[tuple[str, int, int]]:
    """Options written twice in a directive's source: (name, first, second) line offsets.

    docutils refuses them in reStructuredText, but MyST keeps the last one
    silently; this reads the option block (``:name:`` lines or a ``---`` YAML
    block) as written.
    """
    lines = block_text.splitlines()[1:]
    seen: dict[str, int] = {}
    found = []
    yaml = bool(lines) and lines[0].strip() == "---"
    for offset, line in enumerate(lines[1:] if yaml else lines, start=2 if yaml else 1):
        if yaml and line.strip() == "---":
            break
        match = (_YAML_KEY if yaml else _OPTION_LINE).match(line)
        if not match:
            if yaml and line[:1].isspace():
                continue  # a continued value
            break
        name = match.group(1)
        if name in seen:
            found.append((name, seen[name], offset))
        seen.setdefault(name, offset)
    return found


class CVDirective(SphinxDirective):
    """What every sphinx-cv directive shares: warnings at the right place, no silent loss."""

    def warn(self, message: str, *args: object, subtype: str = "entry") -> None:
        logger.warning(
            f"{self.name}: {message}",
            *args,
            location=self.get_location(),
            type="cv",
            subtype=subtype,
        )

    def check_options(self) -> None:
        """Warn about options given twice (MyST would keep only the last)."""
        for name, first, second in duplicate_options(self.block_text):
            logger.warning(
                "%s: option %r is given twice (lines %d and %d); keep one",
                self.name,
                name,
                self.lineno + first,
                self.lineno + second,
                location=(self.env.docname, self.lineno + second),
                type="cv",
                subtype="option",
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
            **{name: directives.unchanged for name in cls.model.FIELDS},
            **DISPLAY_OPTIONS,
        }

    def run(self) -> list[nodes.Node]:
        self.check_options()
        values = {k: v for k, v in self.options.items() if k in self.model.FIELDS}
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
        node += self.header(entry)
        if self.content:
            body = nodes.container("", classes=["cv-entry-body"])
            body += self.parse_content_to_nodes(allow_section_headings=False)
            self.neutralise_raw(body)
            node += body

        domain = self.env.get_domain("cv")
        assert isinstance(domain, CVDomain)
        domain.add_entry(EntryRecord(self.env.docname, self.lineno, anchor, entry))
        return [node]

    def neutralise_raw(self, body: nodes.Element) -> None:
        """Raw HTML (which Markdown lets through) in an entry is shown as text, with a warning:
        nothing typed in a directive turns into markup."""
        for raw in list(body.findall(nodes.raw)):
            self.warn("raw %s in an entry is shown as text; write Markdown instead", raw["format"])
            raw.replace_self(nodes.literal(raw.astext(), raw.astext()))

    def dates_text(self, entry: Entry) -> str:
        locale = get_locale(self.config.language)
        return entry.dates.display(
            locale,
            present=self.config.cv_present_label,
            duration="duration" in self.options or self.config.cv_show_duration,
            today=build_moment(os.environ.get("SOURCE_DATE_EPOCH")).date(),
        )

    def subtitle(self, entry: Entry) -> list[nodes.Node]:
        return [nodes.inline("", entry.organization_name, classes=["cv-entry-organization"])]

    def extra_lines(self, entry: Entry) -> list[nodes.Node]:
        return []

    def header(self, entry: Entry) -> nodes.container:
        main = nodes.container("", classes=["cv-entry-main"])
        main += _para("cv-entry-title", nodes.strong("", entry.title))
        main += _para("cv-entry-subtitle", *self.subtitle(entry))
        main.extend(self.extra_lines(entry))
        meta = nodes.container("", classes=["cv-entry-meta"])
        dates = self.dates_text(entry)
        if dates:
            meta += _para("cv-entry-dates", nodes.Text(dates))
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
