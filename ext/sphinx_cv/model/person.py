"""The person a CV is about, from ``cv_person`` and ``author``: the keys, their check, the
name the CV goes by. Pure Python: no Sphinx (the settings read them: :mod:`..settings`)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

__all__ = [
    "PERSON_KEYS",
    "check_person",
    "name_setting",
    "person_with_name",
    "web_address",
]

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


def _author(author: Any) -> str:
    """conf.py's ``author``, "" when it sets none."""
    text = str(author or "").strip()
    return "" if text == _NO_AUTHOR else text


def person_with_name(person: Mapping[str, Any] | None, author: Any) -> dict[str, Any] | None:
    """``cv_person``, with the name defaulting to ``author``; None when no name is known."""
    found = dict(person or {})
    if not str(found.get("name") or "").strip() and _author(author):
        found["name"] = _author(author)
    return found if str(found.get("name") or "").strip() else None


def name_setting(person: Mapping[str, Any] | None, author: Any) -> str:
    """The setting of conf.py that the CV's name comes from: ``cv_person``, ``author`` or
    ``project``."""
    if str((person or {}).get("name") or "").strip():
        return "cv_person"
    return "author" if _author(author) else "project"
