"""The words sphinx-cv writes, as a pure-Python side can name them.

The data model (:mod:`sphinx_cv.model.dates`, :mod:`sphinx_cv.publications.bib`) knows nothing of
Sphinx, so it cannot look words up itself: it marks them with :func:`N_` (to be
translated later, by whoever shows them) or takes a :data:`Gettext` function
from its caller. The catalogue itself is ``locale/<lang>/LC_MESSAGES/sphinx_cv.po``,
read through Sphinx's own machinery (:mod:`sphinx_cv.shared`).
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = ["CATALOG", "N_", "Gettext", "untranslated"]

#: The gettext domain of the catalogue (``sphinx_cv.mo``).
CATALOG = "sphinx_cv"

#: Looks up one message of the catalogue: English in, the site's language out.
Gettext = Callable[[str], str]


def N_(message: str) -> str:  # noqa: N802 (gettext's name)
    """Mark ``message`` for the catalogue without translating it (gettext_noop)."""
    return message


def untranslated(message: str) -> str:
    """The :data:`Gettext` of an English build: every message as it is."""
    return message
