"""The ``publications`` directive: a .bib file as a list of publications.

Newest first, grouped by year (or type, or not at all), each entry formatted by
a pybtex style, with the owner highlighted, a row of links, a collapsible
abstract and a BibTeX block with a copy button. Before pages are read,
:func:`prepare_bibliographies` formats each .bib (once, in the main process)
and reports its problems.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..directive import CVDirective
from ..domain import cv_domain
from ..model.words import N_
from ..nodes import cv_publication_list
from ..settings import GROUPS, cv_settings
from ..shared import error, gettext, logger, register_id, warn
from .bib import (
    REQUIRED_FIELDS,
    Bibliography,
    Publication,
    check_style,
    group_publications,
    parse_year_range,
    select_publications,
    summarize,
)
from .bibcache import cache_key, get_bibliography
from .view import PublicationView

#: Shown where a filtered list is empty.
NO_MATCH = N_("No publications match.")


def _csv(text: str | None) -> list[str]:
    return [part.strip() for part in (text or "").split(",") if part.strip()]


def _group(text: str | None) -> str:
    return directives.choice((text or "").strip(), GROUPS)


def _style(text: str | None) -> str:
    """A pybtex formatting style that is installed."""
    return check_style(text or "")


def _bibtex(text: str | None) -> str:
    """Which entries show their BibTeX block: ``all``, ``marked`` (al-folio's
    ``bibtex_show = {true}``) or ``none``."""
    return directives.choice((text or "").strip(), ("all", "marked", "none"))


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
        "bibtex": _bibtex,
        "no-bibtex": directives.flag,
        "no-links": directives.flag,
        "class": directives.class_option,
    }

    def bibfiles(self) -> list[Path]:
        if self.arguments:
            return [Path(self.env.relfn2path(name)[1]) for name in self.arguments[0].split()]
        return self.domain.bibfiles

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
        bibfile: dict[str, Path] = {}
        for path in paths:
            if not path.is_file():
                self.warn(
                    "%s does not exist (paths are relative to this page)", path, subtype="bib"
                )
                continue
            self.env.note_dependency(str(path))
            bib = get_bibliography(self.env, path, self.options.get("style"))
            publications.extend(bib.publications.values())
            bibfile.update(dict.fromkeys(bib.publications, path))

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
        root = nodes.container("", classes=["cv-publications", *self.options.get("class", [])])
        # pybtex already typesets quotes and dashes; SmartQuotes would only re-walk the text.
        root["support_smartquotes"] = False
        self.set_source_info(root)
        settings = cv_settings(self.config)
        group = self.options.get("group", settings.publication_group)
        view = PublicationView(self, self.options)
        view.on_demand = len(chosen) > settings.details_inline_max
        for heading, pubs in group_publications(chosen, group):
            if heading:
                heading = gettext(heading)  # years stay as they are
                rubric = nodes.rubric(heading, heading, classes=["cv-publications-group"])
                # One level below the section the list stands in.
                rubric["heading-level"] = min(6, self.state.memo.section_level + 1)
                register_id(self.state.document, rubric, nodes.make_id(f"{group}-{heading}"))
                root += rubric
            items = cv_publication_list("", classes=["cv-publication-list"])
            for pub in pubs:
                item = view.render(pub, bibfile[pub.key])
                anchor = register_id(self.state.document, item, pub.anchor)
                items += item
                self.domain.add_listing(self.env.docname, pub.key, anchor, filtered)
            root += items
        if not chosen:
            none = gettext(NO_MATCH)
            root += nodes.paragraph("", none, classes=["cv-publications-none"])
        return [root]


def report_problems(path: Path, bib: Bibliography) -> None:
    """Each problem of ``path`` at its line (one cause repeated across the file said once,
    with a count and its first lines): an entry that could not be read is an error."""
    if bib.error:
        error(bib.error.message, location=f"{path}:{bib.error.line}", subtype="bib")
    for problem in summarize(bib.problems):
        report = error if problem.error else warn
        report(problem.message, location=f"{path}:{problem.line}", subtype="bib")
    if bib.containers:
        logger.info(
            "%s: %d entries group others (@set, @xdata) and are not listed themselves: %s",
            path,
            len(bib.containers),
            ", ".join(bib.containers),
        )


def prepare_bibliographies(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: make each .bib's cache if any page is read, and report its problems.

    Runs in the main process, so parallel readers only ever load the pickle.
    Problems are reported when the file changed since the last build, or when a
    page that lists it is read again. A file or an entry that cannot be read fails
    the build (exit status 1, even without ``-W``), with its error at ``file:line``;
    every other entry is still listed.
    """
    if not docnames:
        return
    domain = cv_domain(env)
    reported = domain.state.bib_reported
    listing = domain.listing_docs()
    for path in domain.bibfiles:
        key = cache_key(env, path)
        bib = get_bibliography(env, path)
        changed = reported.get(str(path)) != key
        if bib.error or changed or listing.intersection(docnames) or not listing:
            report_problems(path, bib)
        if bib.error or any(problem.error for problem in bib.problems):
            app.statuscode = 1
        reported[str(path)] = key


def note_bibfiles(app: Sphinx) -> None:
    """``cv_bibfiles`` as absolute paths, for code that has only the environment."""
    confdir = Path(app.confdir)
    cv_domain(app.env).state.bibfiles = [
        str((confdir / name).resolve()) for name in cv_settings(app.config).bibfiles
    ]


def setup_publications(app: Sphinx) -> None:
    app.add_directive("publications", PublicationsDirective)
    app.connect("builder-inited", note_bibfiles)
    app.connect("env-before-read-docs", prepare_bibliographies)
