"""The website's share of the extension: its stylesheet and script, the ``website`` tag,
one viewport tag per page, a rebuild with nothing changed that changes nothing, and a site
that stays whole when pages come and go.

The copy button's script is written in the site's language: its English words
are string literals in ``static/sphinx_cv.js`` that the catalogue translates
when the script is copied.
"""

from __future__ import annotations

import glob
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..domain import cv_domain
from ..model.words import N_
from ..shared import gettext, is_website, write_if_changed

STATIC_DIR = Path(__file__).parent.parent / "static"
SCRIPT = "sphinx_cv.js"
#: The script's words, as they stand (JSON string literals) in ``static/sphinx_cv.js``.
SCRIPT_WORDS = (
    N_("Copy"),
    N_("Copied"),
    N_("Select and copy"),
    N_("Copy BibTeX to the clipboard"),
)


def tag_website(app: Sphinx) -> None:
    """The tag ``website`` for the builders that write the site, so that a page can say
    ``{only} not website`` for what the theme's header already shows (or the reverse)."""
    if is_website(app.builder):
        app.tags.add("website")


class StaticPath(list[str]):
    """``html_static_path``, to which extensions add their folders when the builder starts
    (sphinx-design does, and so does this package), saved with the environment as conf.py
    gave it. Sphinx compares the saved value with conf.py's at the next build: with the
    extensions' folders in it, every build would find "The configuration has changed (1
    option: 'html_static_path')"."""

    def __init__(self, configured: list[str]) -> None:
        super().__init__(configured)
        self.configured = list(configured)

    def __reduce__(self) -> tuple[type[list[str]], tuple[list[str]]]:
        return list, (self.configured,)

    def __copy__(self) -> StaticPath:
        copy = StaticPath(self.configured)
        copy[:] = self
        return copy

    def __deepcopy__(self, memo: dict[int, Any]) -> StaticPath:
        return self.__copy__()


def keep_static_path(app: Sphinx) -> None:
    """Before the extensions add their folders, and once the theme is loaded (Sphinx checks
    every setting's type again when it loads one from an entry point: a list, exactly)."""
    app.config.html_static_path = StaticPath(app.config.html_static_path)


def add_static_files(app: Sphinx) -> None:
    if app.builder.format == "html":
        if str(STATIC_DIR) not in app.config.html_static_path:
            app.config.html_static_path.append(str(STATIC_DIR))
        app.add_css_file("sphinx_cv.css")


#: The viewport tag docutils' HTML writer gives each page, which Sphinx passes on in
#: ``metatags`` although its ``basic`` layout (and furo's, and pydata's) writes its own.
DOCUTILS_VIEWPORT = '<meta name="viewport" content="width=device-width, initial-scale=1" />\n'


def one_viewport(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The page's viewport tag once: the theme's, not docutils' too."""
    metatags = context.get("metatags")
    if isinstance(metatags, str) and DOCUTILS_VIEWPORT in metatags:
        context["metatags"] = metatags.replace(DOCUTILS_VIEWPORT, "", 1)


def add_page_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The copy button's script, only on pages that list publications."""
    if cv_domain(app.env).listings_of(pagename):
        app.add_js_file(SCRIPT, loading_method="defer")


def translated_script(source: str) -> str:
    """``static/sphinx_cv.js`` with its words in the build's language."""
    for word in SCRIPT_WORDS:
        source = source.replace(json.dumps(word), json.dumps(gettext(word), ensure_ascii=False))
    return source


def write_script(app: Sphinx, exception: Exception | None) -> None:
    if exception or not is_website(app.builder):
        return
    target = Path(app.builder.outdir) / "_static" / SCRIPT
    text = translated_script((STATIC_DIR / SCRIPT).read_text(encoding="utf-8"))
    write_if_changed(target, text)


def rewrite_all_when_pages_change(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """A CV site shows every section in its navigation bar, so a page added or deleted
    changes every page; Sphinx alone would rewrite only the ones that changed."""
    return sorted(env.found_docs) if cv_domain(env).state.pages_changed else []


def delete_removed_pages(app: Sphinx, exception: Exception | None) -> None:
    """The output of a deleted page goes too, so an incremental build matches a clean one."""
    removed = cv_domain(app.env).state.removed_pages
    if exception or not removed or not is_website(app.builder):
        return
    builder = app.builder
    outdir = Path(builder.outdir).resolve()
    for docname in removed:
        targets = [outdir / builder.get_target_uri(docname)]
        targets += (outdir / "_sources").glob(f"{glob.escape(docname)}.*.txt")  # source copies
        for target in targets:
            target = target.resolve()
            if target.is_file() and outdir in target.parents:
                target.unlink()


def setup_website(app: Sphinx) -> None:
    app.connect("builder-inited", tag_website)
    app.connect("builder-inited", keep_static_path, priority=100)  # before sphinx-design's
    app.connect("builder-inited", add_static_files)
    app.connect("html-page-context", one_viewport)
    app.connect("html-page-context", add_page_scripts)
    app.connect("env-get-updated", rewrite_all_when_pages_change)
    app.connect("build-finished", delete_removed_pages)
    app.connect("build-finished", write_script)
