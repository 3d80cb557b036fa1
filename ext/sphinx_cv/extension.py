"""Wiring: each feature module registers itself; this is the list of them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .anchors import setup_anchors
from .citations import setup_citations
from .domain import CVDomain
from .download import setup_download
from .entry_directives import setup_entries
from .export import setup_export
from .pdf import setup_pdf
from .publication_html import setup_publication_html
from .publications import setup_publications
from .seo import setup_seo
from .settings import setup_settings
from .theme import setup_theme
from .website import setup_website
from .words import CATALOG

LOCALE_DIR = Path(__file__).parent / "locale"


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    setup_settings(app)
    app.add_domain(CVDomain)
    setup_entries(app)
    setup_publications(app)
    setup_publication_html(app)
    setup_citations(app)
    setup_website(app)
    setup_seo(app)
    setup_export(app)
    setup_pdf(app)
    setup_download(app)
    setup_theme(app)
    setup_anchors(app)
