"""The site's owner on the website: the name the site goes by and the photo (the person
and its check are :mod:`..model.person`'s). Shared by the theme (header, title) and the
search-engine tags (og:image, JSON-LD)."""

from __future__ import annotations

import functools
from pathlib import Path

from sphinx.application import Sphinx

from ..projectfiles import IMAGE, project_file
from ..settings import cv_settings
from ..shared import conf_location, is_website, warn
from .photo import Photo, PhotoError, make_photo


@functools.lru_cache(maxsize=8)
def _photo(written: str, roots: tuple[str, ...], stamp: tuple[int, int], outdir: str) -> Photo:
    """The photo ``written`` (relative to conf.py's folder, ``roots[0]``), if it is an image
    in the project (links followed); else :class:`PhotoError` says why."""
    found = project_file(written, roots[0], roots, IMAGE)
    if isinstance(found, str):
        raise PhotoError(f"{written!r} {found}; the site shows no photo")
    return make_photo(found, Path(outdir))


def site_photo(app: Sphinx, report: bool = False) -> Photo | None:
    """``cv_person["image"]`` made small for the site (once per content), or None."""
    image = cv_settings(app.config).photo
    if not image or not is_website(app.builder):
        return None
    if str(image).startswith(("https://", "http://")):
        return Photo(str(image), 0, 0)
    source = Path(app.confdir, str(image))
    try:
        stat = source.stat()
        roots = (str(app.confdir), str(app.srcdir))
        stamp = (stat.st_mtime_ns, stat.st_size)
        return _photo(str(image), roots, stamp, str(app.builder.outdir))
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
