"""The base of every sphinx-cv directive (sphinx-design's pattern): warnings at the right
place, options given twice caught, and the ``cv`` domain at hand."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx.util.docutils import SphinxDirective

from .domain import CVDomain, cv_domain
from .shared import warn

__all__ = ["CVDirective", "duplicate_options"]

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
