"""What every Sphinx-facing module of sphinx-cv shares (sphinx-design's pattern).

The builder's name, the warning type, the domain accessor, the catalogue's
``gettext``, anchors, and :class:`CVDirective`, the base of every directive.
"""

from __future__ import annotations

import html
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.locale import get_translation
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .words import CATALOG

if TYPE_CHECKING:
    from sphinx.builders import Builder
    from sphinx.environment import BuildEnvironment

    from .domain import CVDomain

__all__ = [
    "PDF_BUILDER",
    "WARNING_TYPE",
    "CVDirective",
    "ancestors",
    "conf_location",
    "cv_domain",
    "duplicate_options",
    "error",
    "gettext",
    "is_website",
    "plain_text",
    "register_id",
    "warn",
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


def cv_domain(env: BuildEnvironment) -> CVDomain:
    """The ``cv`` domain of ``env``: entries, listings and per-build state."""
    from .domain import CVDomain

    domain = env.get_domain(CVDomain.name)
    assert isinstance(domain, CVDomain)
    return domain


def register_id(document: nodes.document, node: nodes.Element, base: str) -> str:
    """Give ``node`` the id ``base`` (``base-2``, ``base-3``… if taken) and return it."""
    anchor, n = base, 1
    while anchor in document.ids:
        n += 1
        anchor = f"{base}-{n}"
    node["ids"].append(anchor)
    document.ids[anchor] = node
    return anchor


_OPTION_LINE = re.compile(r"^\s*:([A-Za-z][\w-]*):")
_YAML_KEY = re.compile(r"^([A-Za-z][\w-]*)\s*:")


def duplicate_options(block_text: str) -> list[tuple[str, int, int]]:
    """Options written twice in a directive's source: (name, first, second) line offsets.

    docutils refuses them in reStructuredText, but MyST keeps the last one
    silently; this reads the option block (``:name:`` lines or a ``---`` YAML
    block) as written.
    """
    lines = block_text.splitlines()[1:]
    seen: dict[str, int] = {}
    found = []
    yaml = bool(lines) and lines[0].strip() == "---"
    for offset, line in enumerate(lines[1:] if yaml else lines, start=2 if yaml else 1):
        if yaml and line.strip() == "---":
            break
        match = (_YAML_KEY if yaml else _OPTION_LINE).match(line)
        if not match:
            if yaml and line[:1].isspace():
                continue  # a continued value
            break
        name = match.group(1)
        if name in seen:
            found.append((name, seen[name], offset))
        seen.setdefault(name, offset)
    return found


class CVDirective(SphinxDirective):
    """What every sphinx-cv directive shares: warnings at the right place, no silent loss."""

    def warn(self, message: str, *args: object, subtype: str = "entry") -> None:
        warn(f"{self.name}: {message}", *args, location=self.get_location(), subtype=subtype)

    def source_block(self) -> str:
        """The directive as written, from its first line. MyST passes it as ``block_text``
        with docutils 0.22 and later (older ones pass the body, or nothing): else it is read
        from the page."""
        first = self.block_text.lstrip().split("\n", 1)[0]
        if f"{{{self.name}}}" in first or f"{self.name}::" in first:
            return self.block_text
        source, _line = self.get_source_info()
        try:
            lines = Path(source).read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            return ""
        return "\n".join(lines[self.lineno - 1 : self.lineno + 100])

    def check_options(self) -> None:
        """Warn about options given twice (MyST would keep only the last)."""
        for name, first, second in duplicate_options(self.source_block()):
            warn(
                "%s: option %r is given twice (lines %d and %d); keep one",
                self.name,
                name,
                self.lineno + first,
                self.lineno + second,
                location=(self.env.docname, self.lineno + second),
                subtype="option",
            )

    @property
    def domain(self) -> CVDomain:
        return cv_domain(self.env)
