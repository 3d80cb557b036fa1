"""The ``publications`` directive: a .bib file as a list of publications.

Newest first, grouped by year (or type, or not at all), each entry formatted by
a pybtex style, with the owner highlighted, a row of links, a collapsible
abstract and a BibTeX block with a copy button.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from pybtex_docutils import Backend

from .bibcache import get_bibliography
from .bibliography import (
    REQUIRED_FIELDS,
    Publication,
    check_style,
    group_publications,
    parse_year_range,
    select_publications,
)
from .bibstyle import OWNER_TAG, TITLE_TAG
from .config import GROUPS, bibfile_paths
from .directives import CVDirective
from .domain import CVDomain
from .labels import label
from .nodes import cv_bibtex, cv_details, cv_summary, register_id


class CVBackend(Backend):
    """pybtex's docutils backend, plus the owner's highlight and the title's class."""

    def format_tag(self, tag_name: str, text: list[nodes.Node]) -> list[nodes.Node]:
        if tag_name == OWNER_TAG:
            return [nodes.strong("", "", *text, classes=["cv-owner"])]
        if tag_name == TITLE_TAG:
            return [nodes.inline("", "", *text, classes=["cv-pub-title"])]
        result: list[nodes.Node] = super().format_tag(tag_name, text)
        return result

    def format_href(
        self, url: str, text: list[nodes.Node], external: bool = False
    ) -> list[nodes.Node]:
        """Links that other styles print (url, doi): http(s) only, else plain text."""
        if url.split(":", 1)[0].lower() in {"http", "https"}:
            return [nodes.reference("", "", *text, refuri=url)]
        return text


_BACKEND = CVBackend()


def _merged(parts: list[nodes.Node]) -> list[nodes.Node]:
    """pybtex renders every word and comma as a node of its own: join neighbouring texts."""
    out: list[nodes.Node] = []
    for part in parts:
        if isinstance(part, nodes.Text) and out and isinstance(out[-1], nodes.Text):
            out[-1] = nodes.Text(out[-1].astext() + part.astext())
        else:
            if isinstance(part, nodes.Element):
                part.children = _merged(part.children)
                for child in part.children:
                    child.parent = part
            out.append(part)
    return out


def _csv(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _group(text: str | None) -> str:
    return directives.choice((text or "").strip(), GROUPS)


def _style(text: str | None) -> str:
    """A pybtex formatting style that is installed."""
    return check_style(text or "")


def _years(text: str | None) -> tuple[int | None, int | None]:
    return parse_year_range(text or "")


class PublicationsDirective(CVDirective):
    """```{publications} [file.bib …]``` with filters and display options."""

    optional_arguments = 1
    final_argument_whitespace = True
    option_spec: ClassVar[dict[str, Any]] = {
        "type": _csv,
        "years": _years,
        "keyword": _csv,
        "selected": directives.flag,
        "group": _group,
        "style": _style,
        "no-abstracts": directives.flag,
        "no-bibtex": directives.flag,
        "no-links": directives.flag,
        "class": directives.class_option,
    }

    def bibfiles(self) -> list[Path]:
        if self.arguments:
            return [Path(self.env.relfn2path(name)[1]) for name in self.arguments[0].split()]
        return bibfile_paths(self.config)

    def run(self) -> list[nodes.Node]:
        self.check_options()
        paths = self.bibfiles()
        if not paths:
            self.warn(
                "no .bib file; set cv_bibfiles = ['../bib/publications.bib'] in conf.py "
                "or name the file: ```{publications} ../bib/publications.bib",
                subtype="bib",
            )
            return []
        publications: list[Publication] = []
        for path in paths:
            if not path.is_file():
                self.warn(
                    "%s does not exist (paths are relative to this page)", path, subtype="bib"
                )
                continue
            self.env.note_dependency(str(path))
            bib = get_bibliography(self.env, path, self.options.get("style"))
            publications.extend(bib.publications.values())

        chosen = select_publications(
            publications,
            types=self.options.get("type", ()),
            years=self.options.get("years", (None, None)),
            keywords=self.options.get("keyword", ()),
            selected="selected" in self.options,
        )
        filtered = any(k in self.options for k in ("type", "years", "keyword", "selected"))
        unknown = [t for t in self.options.get("type", ()) if t.lower() not in REQUIRED_FIELDS]
        if unknown:
            self.warn(
                "unknown entry type(s) %s in :type:; BibTeX types are: %s",
                ", ".join(unknown),
                ", ".join(sorted(REQUIRED_FIELDS)),
                subtype="bib",
            )
        if publications and not chosen and filtered:
            self.warn("no publication matches these filters; check :type:, :years:, :keyword:")
        domain = self.env.get_domain("cv")
        assert isinstance(domain, CVDomain)

        root = nodes.container("", classes=["cv-publications", *self.options.get("class", [])])
        # pybtex already typesets quotes and dashes; SmartQuotes would only re-walk the text.
        root["support_smartquotes"] = False
        self.set_source_info(root)
        group = self.options.get("group", self.config.cv_publication_group)
        for heading, pubs in group_publications(chosen, group):
            if heading:
                heading = label(self.config.language, heading)  # years stay as they are
                rubric = nodes.rubric(heading, heading, classes=["cv-publications-group"])
                # One level below the section the list stands in.
                rubric["heading-level"] = min(6, self.state.memo.section_level + 1)
                register_id(self.state.document, rubric, nodes.make_id(f"{group}-{heading}"))
                root += rubric
            items = nodes.bullet_list("", classes=["cv-publication-list"])
            for pub in pubs:
                item = self.render(pub)
                anchor = register_id(self.state.document, item, pub.anchor)
                items += item
                domain.add_listing(self.env.docname, pub.key, anchor, filtered)
            root += items
        if not chosen:
            none = label(self.config.language, "none")
            root += nodes.paragraph("", none, classes=["cv-publications-none"])
        return [root]

    def render(self, pub: Publication) -> nodes.list_item:
        item = nodes.list_item("", classes=["cv-publication"])
        item["cv-key"] = pub.key
        text = nodes.paragraph(
            "", "", *_merged(pub.formatted.render(_BACKEND)), classes=["cv-pub-text"]
        )
        item += text
        if pub.links and "no-links" not in self.options:
            row = nodes.paragraph("", "", classes=["cv-pub-links"])
            for i, link in enumerate(pub.links):
                if i:
                    row += nodes.Text(" · ")
                row += nodes.reference(
                    "", link.label, refuri=link.url, classes=["cv-pub-link", f"cv-pub-{link.kind}"]
                )
            item += row
        if pub.abstract and "no-abstracts" not in self.options:
            item += cv_details(
                "",
                cv_summary("", "", nodes.strong("", label(self.config.language, "abstract"))),
                nodes.paragraph("", pub.abstract),
                classes=["cv-abstract"],
            )
        if pub.bibtex and "no-bibtex" not in self.options:
            block = cv_bibtex(pub.bibtex, pub.bibtex)
            item += cv_details(
                "",
                cv_summary("", "", nodes.strong("", "BibTeX")),
                block,
                classes=["cv-bibtex-details"],
            )
        return item
