"""sphinx-cv: write a CV in MyST or reStructuredText, publish it as a site.

Add ``"sphinx_cv"`` to ``extensions`` in ``conf.py`` and use the
``experience`` and ``education`` directives.

The data model (:mod:`sphinx_cv.model`,
:mod:`sphinx_cv.publications.bib`, :mod:`sphinx_cv.site.jsonld`) imports nothing from Sphinx, so
this module does not either until :func:`setup` runs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "0.1.0"


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the extension with Sphinx."""
    from .extension import setup_extension

    setup_extension(app)
    return {
        "version": __version__,
        "env_version": 9,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
