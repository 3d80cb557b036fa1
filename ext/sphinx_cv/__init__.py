"""sphinx-cv: write a CV in MyST or reStructuredText, publish it as a site.

Add ``"sphinx_cv"`` to ``extensions`` in ``conf.py`` and use the
``experience`` and ``education`` directives.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .directives import EducationDirective, ExperienceDirective
from .domain import CVDomain
from .nodes import ENTRY_VISITORS, cv_entry

__version__ = "0.1.0"

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))  # type: ignore[attr-defined]
        app.add_css_file("sphinx_cv.css")


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_design")

    app.add_config_value("cv_show_duration", False, "env", types=[bool])
    app.add_config_value("cv_present_label", None, "env", types=[str, type(None)])

    app.add_node(cv_entry, **ENTRY_VISITORS)
    app.add_directive("experience", ExperienceDirective)
    app.add_directive("education", EducationDirective)
    app.add_domain(CVDomain)
    app.connect("builder-inited", _add_static_path)

    return {
        "version": __version__,
        "env_version": 1,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
