"""Wiring: config values, nodes, directives, the domain and static files."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from .directives import EducationDirective, ExperienceDirective
from .domain import CVDomain
from .nodes import ENTRY_VISITORS, cv_entry

STATIC_DIR = Path(__file__).parent / "static"


def _add_static_path(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("sphinx_cv.css")


def setup_extension(app: Sphinx) -> None:
    app.setup_extension("sphinx_design")

    app.add_config_value("cv_show_duration", False, "env", types=[bool])
    app.add_config_value("cv_present_label", None, "env", types=[str, type(None)])

    app.add_node(cv_entry, **ENTRY_VISITORS)  # type: ignore[arg-type]
    app.add_directive("experience", ExperienceDirective)
    app.add_directive("education", EducationDirective)
    app.add_domain(CVDomain)
    app.connect("builder-inited", _add_static_path)
