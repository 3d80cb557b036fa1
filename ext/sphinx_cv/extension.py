"""Wiring: config values, nodes, directives, the role, the domain and static files."""

from __future__ import annotations

import glob
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .bibcache import prepare_bibliographies
from .citations import CiteRole
from .config import add_config_values
from .directives import EducationDirective, ExperienceDirective
from .domain import CVDomain
from .nodes import (
    DETAILS_VISITORS,
    ENTRY_VISITORS,
    SUMMARY_VISITORS,
    cv_bibtex,
    cv_details,
    cv_entry,
    cv_summary,
    visit_bibtex_html,
)
from .pdf import setup_pdf
from .publications import PublicationsDirective
from .seo import setup_seo

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        # A new list: the default one is shared between Sphinx applications in one process.
        if str(STATIC_DIR) not in app.config.html_static_path:
            app.config.html_static_path = [*app.config.html_static_path, str(STATIC_DIR)]
        app.add_css_file("sphinx_cv.css")


def _add_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The copy button's script, only on pages that list publications."""
    domain = app.env.get_domain("cv")
    assert isinstance(domain, CVDomain)
    if domain.listings_of(pagename):
        app.add_js_file("sphinx_cv.js", loading_method="defer")


def _note_page_set_change(
    app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
) -> list[str]:
    """Remember whether pages come or go: every page's navigation lists them all."""
    app._cv_pages_changed = bool(added or removed)  # type: ignore[attr-defined]
    app._cv_removed_pages = set(removed)  # type: ignore[attr-defined]
    return []


def _delete_removed_pages(app: Sphinx, exception: Exception | None) -> None:
    """The output of a deleted page goes too, so an incremental build matches a clean one."""
    builder = app.builder
    removed: set[str] = getattr(app, "_cv_removed_pages", set())
    if exception or not removed or builder.format != "html" or builder.name == "cvpdf":
        return
    outdir = Path(builder.outdir).resolve()
    for docname in removed:
        targets = [outdir / builder.get_target_uri(docname)]
        targets += (outdir / "_sources").glob(f"{glob.escape(docname)}.*.txt")  # source copies
        for target in targets:
            target = target.resolve()
            if target.is_file() and outdir in target.parents:
                target.unlink()


def _rewrite_all_when_pages_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A CV site shows every section in its navigation bar, so a page added or deleted
    changes every page; Sphinx alone would rewrite only the ones that changed."""
    if getattr(app, "_cv_pages_changed", False):
        return sorted(env.found_docs)
    return []


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")
    add_config_values(app)

    app.add_node(cv_entry, **ENTRY_VISITORS)  # type: ignore[arg-type]
    app.add_node(cv_details, **DETAILS_VISITORS)  # type: ignore[arg-type]
    app.add_node(cv_summary, **SUMMARY_VISITORS)  # type: ignore[arg-type]
    # Other builders render it through literal_block's visitors (its base class).
    app.add_node(cv_bibtex, html=(visit_bibtex_html, None))
    app.add_directive("experience", ExperienceDirective)
    app.add_directive("education", EducationDirective)
    app.add_directive("publications", PublicationsDirective)
    app.add_role("cite", CiteRole())
    app.add_domain(CVDomain)
    app.connect("builder-inited", _add_static_files)
    app.connect("html-page-context", _add_page_scripts)
    app.connect("env-before-read-docs", prepare_bibliographies)
    app.connect("env-get-outdated", _note_page_set_change)
    app.connect("env-get-updated", _rewrite_all_when_pages_change)
    app.connect("build-finished", _delete_removed_pages)
    setup_pdf(app)
    setup_seo(app)
