"""Wiring: each feature module registers itself; this is the list of them."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .domain import setup_domain
from .entries.directives import setup_entries
from .model.words import CATALOG
from .pdf.builder import setup_pdf
from .pdf.download import setup_download
from .pdf.private import setup_private
from .pdf.twins import setup_twins
from .publications.anchors import setup_anchors
from .publications.citations import setup_citations
from .publications.directive import setup_publications
from .publications.html import setup_publication_html
from .settings import setup_settings
from .site.export import setup_export
from .site.seo import setup_seo
from .site.theme import setup_theme
from .site.website import setup_website
from .variants import setup_variants

LOCALE_DIR = Path(__file__).parent / "locale"


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")
    app.add_message_catalog(CATALOG, str(LOCALE_DIR))
    setup_settings(app)
    setup_domain(app)
    setup_entries(app)
    setup_publications(app)
    setup_publication_html(app)
    setup_citations(app)
    setup_website(app)
    setup_seo(app)
    setup_export(app)
    setup_variants(app)
    setup_pdf(app)
    setup_private(app)
    setup_twins(app)
    setup_download(app)
    setup_theme(app)
    setup_anchors(app)
