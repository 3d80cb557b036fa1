"""What every Sphinx-facing module of sphinx-cv shares (sphinx-design's pattern).

The builder's name, the warning type, the catalogue's ``gettext``, warnings and
errors, and anchors. (The domain is :mod:`.domain`'s, the directives' base
:mod:`.directive`'s.)
"""

from __future__ import annotations

import html
import os
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging

from .model.words import CATALOG

if TYPE_CHECKING:
    from sphinx.builders import Builder

__all__ = [
    "PDF_BUILDER",
    "WARNING_TYPE",
    "ancestors",
    "conf_location",
    "error",
    "gettext",
    "is_website",
    "plain_text",
    "register_id",
    "warn",
    "write_if_changed",
]

#: The name of the PDF builder (``sphinx-build -b cvpdf``, ``{only} cvpdf``).
PDF_BUILDER = "cvpdf"
#: The type of every warning sphinx-cv gives (``suppress_warnings = ["cv.bib"]``).
WARNING_TYPE = "cv"

logger = logging.getLogger("sphinx_cv")
_translate = get_translation(CATALOG)


def is_website(builder: Builder) -> bool:
    """Whether ``builder`` writes a website: HTML pages, not the PDF or an e-book."""
    return builder.format == "html" and builder.name not in {PDF_BUILDER, "epub"}


def ancestors(node: nodes.Node) -> list[nodes.Element]:
    """The elements ``node`` stands in, nearest first."""
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def plain_text(markup: object) -> str:
    """An HTML fragment from a template's context (a page's title) as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", str(markup or ""))).strip()


def conf_location(confdir: str | Path, name: str) -> str | None:
    """``conf.py:LINE`` where ``name`` is set in conf.py, for warnings about a setting
    (None when conf.py does not set it: it came from ``-D``)."""
    path = Path(confdir, "conf.py")
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        return None
    pattern = re.compile(rf"{re.escape(name)}\s*(\[[^]]*\]\s*)?[+]?=")
    for number, line in enumerate(lines, 1):
        if pattern.match(line):
            return f"{path}:{number}"
    return None


def gettext(message: str) -> str:
    """``message`` in the build's language, from the catalogue (English if it has none)."""
    return str(_translate(message))


def warn(message: str, *args: object, location: Any, subtype: str) -> None:
    """A sphinx-cv warning at ``location`` (a node, ``(docname, line)`` or ``"file:line"``)."""
    logger.warning(message, *args, location=location, type=WARNING_TYPE, subtype=subtype)


def error(message: str, *args: object, location: Any, subtype: str) -> None:
    """A sphinx-cv error at ``location``: the build fails even without ``-W``."""
    logger.error(message, *args, location=location, type=WARNING_TYPE, subtype=subtype)


def register_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    """Give ``node`` the id ``base`` (``base-2``, ``base-3``… if taken) and return it."""
    anchor, n = base, 1
    while anchor in document.ids:
        n += 1
        anchor = f"{base}-{n}"
    node["ids"].append(anchor)
    document.ids[anchor] = node
    return anchor


def write_if_changed(target: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``target`` unless the file holds it already, so that a
    rebuild leaves unchanged files alone; atomic, for parallel writers. A long publication
    list writes thousands: plain ``os`` calls, few of them."""
    data = text.encode("utf-8")
    try:
        with open(target, "rb") as file:
            if file.read() == data:
                return
    except FileNotFoundError:
        pass
    folder = os.path.dirname(target)
    if not os.path.isdir(folder):
        os.makedirs(folder, exist_ok=True)
    partial = f"{target}.{os.getpid()}"
    with open(partial, "wb") as file:
        file.write(data)
    os.replace(partial, target)
