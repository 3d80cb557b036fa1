"""The site's owner, from ``cv_person``: its check, the name the site goes by and the photo.

Shared by the settings (the check), the theme (header, title) and the search-engine tags
(og:image, JSON-LD).
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sphinx.application import Sphinx

from .photo import Photo, PhotoError, make_photo
from .projectfiles import IMAGE, project_file
from .shared import conf_location, is_website, warn

#: Sphinx's ``author`` when conf.py sets none.
_NO_AUTHOR = "Author name not set"
#: The keys of ``cv_person``, with an example of each.
PERSON_KEYS = {
    "name": "'Jane Doe'",
    "email": "'jane@example.org'",
    "url": "'https://jane.example.org/'",
    "sameAs": "['https://github.com/janedoe', 'https://orcid.org/0000-0002-1825-0097']",
    "description": "'Physicist working on …'",
    "location": "'Ann Arbor, MI' (city, then region or country)",
    "image": "'_static/photo.jpg' (relative to conf.py)",
    "image_alt": "'Jane Doe at her desk'",
}
_NOT_IN_ADDRESS = re.compile(r"[\s\x00-\x1f\x7f\"'<>`\\]")


def web_address(value: Any) -> bool:
    """Whether ``value`` is an ``https://`` or ``http://`` address (a personal site may
    have no https)."""
    if not isinstance(value, str) or _NOT_IN_ADDRESS.search(value):
        return False
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def check_person(value: Any, confdir: Path) -> str | None:
    """What is wrong with ``cv_person`` (a dict or None), saying what to write; or None."""
    if value is None:
        return None
    unknown = sorted(set(value) - set(PERSON_KEYS))
    if unknown:
        return f"unknown key {unknown[0]!r}; the keys are {', '.join(PERSON_KEYS)}"
    for key, example in PERSON_KEYS.items():
        if key != "sameAs" and key in value and not isinstance(value[key], str):
            return f"{key!r} is text: write e.g. {key!r}: {example}"
    email = value.get("email", "")
    if email and (email.count("@") != 1 or " " in email or email.startswith("mailto:")):
        return f"'email' is {email!r}: write the address alone, e.g. 'jane@example.org'"
    if value.get("url") and not web_address(value["url"]):
        return f"'url' is {value['url']!r}: write an http(s) address, e.g. {PERSON_KEYS['url']}"
    profiles = value.get("sameAs", [])
    if not isinstance(profiles, list) or not all(map(web_address, profiles)):
        return f"'sameAs' is a list of http(s) addresses, e.g. {PERSON_KEYS['sameAs']}"
    return None


def warn_if_unnamed(config: Any, location: str | None) -> None:
    """A ``cv_person`` with no name, and no ``author`` to stand in, would be left out of the
    site without a word: say so."""
    if config.cv_person and person_settings(config) is None:
        warn(
            "cv_person has no 'name' (and conf.py sets no author), so the site's header, "
            "JSON-LD and resume.json leave the person out; write e.g. "
            "cv_person = {'name': 'Jane Doe', …}",
            location=location,
            subtype="config",
        )


def person_settings(config: Any) -> dict[str, Any] | None:
    """``cv_person``, with the name defaulting to ``author``; None when no name is known."""
    person = dict(config.cv_person or {})
    if not str(person.get("name") or "").strip() and config.author not in ("", _NO_AUTHOR):
        person["name"] = config.author
    return person if str(person.get("name") or "").strip() else None


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
    image = (app.config.cv_person or {}).get("image")
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


def owner_name(config: Any) -> str:
    """Whose CV it is: ``cv_person``'s name, else ``author`` (unless Sphinx's placeholder),
    else the project's name."""
    person = person_settings(config)
    return str(person["name"]) if person else str(config.project)


def owner_setting(config: Any) -> str:
    """The setting of conf.py that :func:`owner_name` comes from."""
    if str((config.cv_person or {}).get("name") or "").strip():
        return "cv_person"
    return "author" if config.author not in ("", _NO_AUTHOR) else "project"


def site_name(app: Sphinx) -> str:
    """The name the site goes by: ``html_title`` when conf.py sets it, else the person's
    name, else the project's."""
    raw = getattr(app.config, "_raw_config", {})
    if raw.get("html_title"):
        return str(app.config.html_title)
    return owner_name(app.config)
