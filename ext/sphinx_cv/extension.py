"""Wiring: config values, nodes, directives, the role, the domain and static files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

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
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("sphinx_cv.css")


def _add_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The copy button's script, only on pages that list publications."""
    domain = app.env.get_domain("cv")
    assert isinstance(domain, CVDomain)
    if domain.listings_of(pagename):
        app.add_js_file("sphinx_cv.js", loading_method="defer")


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
    setup_pdf(app)
    setup_seo(app)
