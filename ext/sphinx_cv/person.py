"""The site's owner, from ``cv_person``: the name the site goes by and the photo.

Shared by the theme (header, title) and the search-engine tags (og:image, JSON-LD).
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .photo import Photo, PhotoError, make_photo
from .shared import conf_location, is_website, warn

#: Sphinx's ``author`` when conf.py sets none.
_NO_AUTHOR = "Author name not set"


def person_settings(config: Any) -> dict[str, Any] | None:
    """``cv_person``, with the name defaulting to ``author``; None when no name is known."""
    person = dict(config.cv_person or {})
    if not person.get("name") and config.author and config.author != _NO_AUTHOR:
        person["name"] = config.author
    return person if person.get("name") else None


@functools.lru_cache(maxsize=8)
def _photo(source: str, stamp: tuple[int, int], outdir: str) -> Photo:
    return make_photo(Path(source), Path(outdir))


def site_photo(app: Sphinx, report: bool = False) -> Photo | None:
    """``cv_person["image"]`` made small for the site (once per content), or None."""
    image = (app.config.cv_person or {}).get("image")
    if not image or not is_website(app.builder):
        return None
    if str(image).startswith(("https://", "http://")):
        return Photo(str(image), 0, 0)
    source = Path(app.confdir, str(image))
    try:
        stat = source.stat()
        return _photo(str(source), (stat.st_mtime_ns, stat.st_size), str(app.builder.outdir))
    except (OSError, PhotoError) as exc:
        if report:
            message = str(exc) if isinstance(exc, PhotoError) else f"{source}: {exc.strerror}"
            warn(
                "cv_person['image']: %s (write a path relative to conf.py, e.g. "
                "'_static/photo.jpg')",
                message,
                location=conf_location(app.confdir, "cv_person"),
                subtype="theme",
            )
        return None


def site_name(app: Sphinx) -> str:
    """The name the site goes by: ``html_title`` when conf.py sets it, else the person's
    name, else the project's."""
    raw = getattr(app.config, "_raw_config", {})
    if raw.get("html_title"):
        return str(app.config.html_title)
    person = person_settings(app.config)
    return str(person["name"]) if person else str(app.config.project)
