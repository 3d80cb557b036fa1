"""The website theme ``sphinx_cv``: what its templates are given, and what pages load.

``html_theme = "sphinx_cv"`` (the theme is in ``themes/sphinx_cv/``, on Sphinx's
``basic``). Each page gets ``cv_theme``: the person from ``cv_person`` (name,
one-line description and photo on the home page, contact links with inline SVG
icons on every page), the root's toctree as the navigation bar, the PDF button,
and a title that never repeats the name. Scripts are deferred, and a page loads
only what it uses: no search scripts outside the search page, no Pygments
stylesheet without highlighted code, no tab script without tabs.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sphinx.application import Sphinx
from sphinx.transforms import SphinxTransform
from sphinx.util.osutil import relative_uri

from ..domain import cv_domain
from ..model.words import N_
from ..settings import cv_settings
from ..shared import conf_location, gettext, is_website, plain_text, warn
from .icons import contact_links, icon_svg
from .person import site_photo

THEME = "sphinx_cv"
THEME_DIR = Path(__file__).parent.parent / "themes" / THEME

WORDS = {
    "skip": N_("Skip to content"),
    "contact": N_("Contact"),
    "sections": N_("Sections"),
    "dark": N_("Dark mode"),
    "home": N_("Home"),
}
#: Sphinx's scripts for its search page; a CV's other pages do not search.
SEARCH_SCRIPTS = {
    "documentation_options.js",
    "doctools.js",
    "sphinx_highlight.js",
    "language_data.js",
    "searchtools.js",
}
#: A CSS font-family list: names, quotes, commas, spaces, hyphens.
FONT_FAMILY = re.compile(r"[\w\s,\"'-]*")


def uses_theme(app: Sphinx) -> bool:
    return is_website(app.builder) and app.config.html_theme == THEME


def favicon(name: str) -> str:
    """A favicon drawn from the name's initials, as a data: URI (no request)."""
    words = [w for w in re.split(r"[\s\-]+", name) if w and w[0].isalpha()]
    initials = "".join(w[0] for w in (words[:1] + words[-1:] if len(words) > 1 else words))
    svg = (
        "<svg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 32 32'>"
        "<rect width='32' height='32' rx='7' fill='#0a6e8a'/>"
        "<text x='16' y='21.5' font-family='system-ui,sans-serif' font-size='15' "
        f"font-weight='700' fill='#fff' text-anchor='middle'>{initials.upper()}</text></svg>"
    )
    return "data:image/svg+xml," + quote(svg, safe="/:=' #,.-")


def navigation(app: Sphinx, pagename: str, site: str) -> list[dict[str, Any]]:
    """The home page, then the pages the root's toctrees list, in order."""
    env, root = app.env, app.config.root_doc
    if app.builder.name not in {"html", "dirhtml"}:
        return []
    docs = [root, *dict.fromkeys(env.toctree_includes.get(root, []))]
    items = []
    for doc in docs:
        if doc not in env.titles:
            continue
        title = env.titles[doc].astext()
        if doc == root and (not title or title == site):
            title = gettext(WORDS["home"])
        href = app.builder.get_relative_uri(pagename, doc)
        items.append({"title": title, "href": href, "current": doc == pagename})
    return items


def trimmed_assets(context: dict[str, Any], pagename: str) -> None:
    """Scripts deferred; search, tab and highlighting files only where a page uses them."""
    body = str(context.get("body", ""))
    dropped = set() if pagename == "search" else set(SEARCH_SCRIPTS)
    if "sd-tab-set" not in body:
        dropped.add("design-tabs.js")
    if 'class="highlight' not in body:
        dropped.add("pygments.css")
    scripts = []
    for js in context.get("script_files", []):
        name = Path(str(getattr(js, "filename", js) or "")).name
        if name in dropped:
            continue
        attributes = dict(getattr(js, "attributes", {}))
        waits = {"async", "defer"} & attributes.keys() or attributes.get("type") == "module"
        if getattr(js, "filename", None) and not waits:
            js = type(js)(js.filename, priority=js.priority, **attributes, defer="defer")
        scripts.append(js)
    context["script_files"] = scripts
    context["css_files"] = [
        css
        for css in context.get("css_files", [])
        if Path(str(getattr(css, "filename", css) or "")).name not in dropped
    ]


def add_theme_context(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    if not uses_theme(app):
        return
    trimmed_assets(context, pagename)
    settings = cv_settings(app.config)
    person = settings.person or {}
    site = settings.site_name
    home = pagename == app.config.root_doc
    title = plain_text(context.get("title"))
    photo = site_photo(app) if home else None
    context["cv_theme"] = {
        "title": site if home or not title or title == site else f"{title} — {site}",
        "name": person.get("name") or site,
        "home_href": "#cv-main"
        if app.builder.name == "singlehtml"
        else app.builder.get_relative_uri(pagename, app.config.root_doc),
        "tagline": person.get("description") if home else None,
        "photo": photo
        and {
            "src": photo.path
            if photo.path.startswith("http")
            else relative_uri(app.builder.get_target_uri(pagename), photo.path),
            "width": photo.width or 96,
            "height": photo.height or 96,
            "alt": person.get("image_alt") or person.get("name") or site,
        },
        "links": contact_links(person),
        "nav": navigation(app, pagename, site),
        "body_class": "cv-home" if home else "cv-page",
        "hide_title": home and title == (person.get("name") or site),
        "favicon": favicon(str(person.get("name") or site)),
        "font_family": app.config.html_theme_options.get("font_family", ""),
        "icons": {"sun": icon_svg("sun"), "moon": icon_svg("moon")},
        "words": {key: gettext(word) for key, word in WORDS.items()},
    }


def check_theme_settings(app: Sphinx) -> None:
    """Once per build: the photo made (or a warning) and the font's name checked."""
    if not uses_theme(app):
        return
    site_photo(app, report=True)
    font = app.config.html_theme_options.get("font_family", "")
    if not isinstance(font, str) or not FONT_FAMILY.fullmatch(font):
        warn(
            "html_theme_options['font_family']: %r is not a CSS font-family list; write "
            "names separated by commas, e.g. 'Inter, system-ui, sans-serif'",
            font,
            location=conf_location(app.confdir, "html_theme_options"),
            subtype="theme",
        )
        app.config.html_theme_options = {**app.config.html_theme_options, "font_family": ""}


class NotePhoto(SphinxTransform):
    """Every page shows the photo (the header, og:image): a new photo rewrites them all."""

    default_priority = 900

    def apply(self, **kwargs: Any) -> None:
        photo = cv_domain(self.env).state.photo
        if photo:
            self.env.note_dependency(photo)


def note_photo_path(app: Sphinx) -> None:
    """``cv_person["image"]`` as an absolute path (it is relative to conf.py), for
    :class:`NotePhoto`."""
    image = cv_settings(app.config).photo
    local = image and not image.startswith(("https://", "http://"))
    cv_domain(app.env).state.photo = str(Path(app.confdir, image).resolve()) if local else ""


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_transform(NotePhoto)
    app.connect("builder-inited", note_photo_path)
    app.connect("builder-inited", check_theme_settings)
    # After download.add_pdf_href, which gives the PDF's address.
    app.connect("html-page-context", add_theme_context, priority=600)
