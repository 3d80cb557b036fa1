"""Whether the PDF already written is the one a build would write: then it is left alone.

Two checks, the second only where the first cannot tell. A website's build with
``cv_pdf_with_site`` that read and removed no document asks :func:`sources_key`:
what shapes the PDF besides the documents (the settings, the tags, the build date,
sphinx-cv's print theme, WeasyPrint, the fonts that draw what Lato lacks); when it
is what it was, nothing of the PDF is assembled, written or laid out. Otherwise
the PDF's page is assembled and written to the scratch folder as always, and
:func:`layout_digest` of what WeasyPrint would read decides whether to lay it out.
Either way the PDF must still be the file last written there (same size and time).
Images on other servers are not fetched to be compared: like Sphinx, a build does
not notice that they changed.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
from collections.abc import Iterable
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from sphinx.config import Config

from ..model.stable import stable_text
from .fonts import Coverage

__all__ = ["Stamp", "layout_digest", "sources_key"]

#: In the PDF's scratch folder: what each PDF written from it was made from.
STAMP = ".cv-pdf-stamp.json"
#: Files of the scratch folder that WeasyPrint does not read.
NOT_LAID_OUT = {STAMP, ".buildinfo", "objects.inv", ".cv-private-salt"}


def _version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:
        return ""


@functools.cache
def _package_code() -> str:
    """A digest of sphinx-cv's own code (an edited checkout has the same version)."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fonts_key(fonts: Coverage | None) -> str:
    return fonts.key() if fonts is not None else "?"


class Stamp:
    """What each PDF written from a scratch folder was made from (a file in that folder)."""

    def __init__(self, scratch: Path) -> None:
        self.path = scratch / STAMP

    def entries(self) -> dict[str, Any]:
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return entries if isinstance(entries, dict) else {}

    def entry(self, target: Path) -> dict[str, Any] | None:
        """What ``target`` was made from, if it is still the file written from here."""
        entry = self.entries().get(str(target))
        try:
            stat = target.stat()
        except OSError:
            return None
        if not isinstance(entry, dict):
            return None
        if [entry.get("size"), entry.get("mtime_ns")] != [stat.st_size, stat.st_mtime_ns]:
            return None
        return entry

    def is_current(self, target: Path, digest: str) -> bool:
        """Whether ``target`` is the PDF that ``digest`` describes, untouched since."""
        entry = self.entry(target)
        return entry is not None and entry.get("digest") == digest

    def same_layout(self, digest: str) -> Path | None:
        """A PDF laid out from what ``digest`` describes and still as written (another
        build's: the site's PDF and the one to send are the same without private fields)."""
        for name, entry in self.entries().items():
            path = Path(name)
            if isinstance(entry, dict) and entry.get("digest") == digest and self.entry(path):
                return path
        return None

    def stale(self, folder: Path, keep: set[Path]) -> list[Path]:
        """PDFs written from here into ``folder``, still as written, that are not in ``keep``
        (a variant renamed or removed since)."""
        return [
            path
            for name in self.entries()
            if (path := Path(name)).parent == folder
            and path not in keep
            and self.entry(path) is not None
        ]

    def forget(self, target: Path) -> None:
        entries = self.entries()
        if entries.pop(str(target), None) is not None:
            self.path.write_text(json.dumps(entries, indent=1), encoding="utf-8")

    def record(
        self,
        target: Path,
        digest: str,
        chars: Iterable[str],
        sources: str,
        layout: dict[str, Any] | None = None,
    ) -> None:
        """``target`` was laid out from what ``digest`` describes; its text has ``chars``;
        ``sources`` is :func:`sources_key` as it was; ``layout`` what the layout said (its
        pages, and what does not fit a page budget)."""
        stat = target.stat()
        entries = self.entries()
        entry = {
            "digest": digest,
            "size": stat.st_size,
            "mtime_ns": stat.st_mtime_ns,
            "chars": "".join(sorted(set(chars))),
            "sources": sources,
            "layout": layout,
        }
        if entries.get(str(target)) != entry:
            entries[str(target)] = entry
            self.path.write_text(json.dumps(entries, indent=1), encoding="utf-8")


def layout_digest(scratch: Path, page: str, page_css: str, fonts: Coverage | None) -> str:
    """A digest of what WeasyPrint lays out: the ``page`` (the HTML, without the moment of
    the build), the page's CSS, the style sheets, fonts and images beside it in
    ``scratch``, the fonts that draw what Lato lacks, WeasyPrint's version."""
    digest = hashlib.sha256()
    for part in (_version("weasyprint"), page_css, page, _fonts_key(fonts)):
        digest.update(part.encode("utf-8") + b"\0")
    for path in sorted(scratch.rglob("*")):
        name = path.relative_to(scratch).as_posix()
        if name in NOT_LAID_OUT or path.suffix in {".html", ".js"} or not path.is_file():
            continue
        digest.update(name.encode("utf-8") + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


#: Settings that shape one variant's PDF each: the variant's own part is in ``variant``.
_PER_VARIANT = {"cv_variants", "cv_pdf_variants"}


def sources_key(
    config: Config, tags: Iterable[str], theme: Path, fonts: Coverage | None, variant: str
) -> str:
    """A digest of what shapes a PDF besides its documents: every setting (but the
    variants: ``variant`` is what its own is), the ``tags`` given to the build,
    ``SOURCE_DATE_EPOCH``, sphinx-cv's code and its print ``theme``'s files,
    WeasyPrint, and the fonts that draw what Lato lacks. A setting whose value prints
    differently in each process (a function) makes every key new: the slower check runs."""
    digest = hashlib.sha256()
    for option in sorted(config, key=lambda option: option.name):
        if option.name in _PER_VARIANT:
            continue
        digest.update(f"{option.name}={stable_text(option.value)}\n".encode("utf-8", "replace"))
    parts = [
        variant,
        " ".join(sorted(tags)),
        os.environ.get("SOURCE_DATE_EPOCH", ""),
        _package_code(),
        _version("weasyprint"),
        _fonts_key(fonts),
    ]
    for path in sorted(theme.rglob("*")):
        if path.is_file():
            stat = path.stat()
            parts.append(f"{path.relative_to(theme).as_posix()} {stat.st_size} {stat.st_mtime_ns}")
    digest.update("\n".join(parts).encode("utf-8", "replace"))
    return digest.hexdigest()
