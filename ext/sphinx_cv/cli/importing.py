"""``sphinx-cv import``'s two steps: :func:`load` reads a JSON Resume or RenderCV file into
an :class:`~.imports.ImportedCV` (through :mod:`.read_jsonresume` or :mod:`.read_rendercv`),
:func:`project_files` writes it as a project (:mod:`.files`)."""

from __future__ import annotations

from pathlib import Path

from .data import CVImportError, parse
from .files import project_files
from .imports import ImportedCV
from .read_jsonresume import read_jsonresume
from .read_rendercv import read_rendercv

__all__ = ["load", "project_files"]


def load(path: Path) -> ImportedCV:
    """Read ``path`` (JSON Resume as JSON or YAML, or RenderCV YAML)."""
    data = parse(path)
    try:
        if isinstance(data, dict) and isinstance(data.get("cv"), dict):
            return read_rendercv(data)
        if isinstance(data, dict) and isinstance(data.get("basics"), dict):
            return read_jsonresume(data)
    except RecursionError:  # the walk in parse() bounds the depth; this is a last guard
        raise CVImportError(f"{path}: nested too deeply to read") from None
    raise CVImportError(
        f"{path}: neither a JSON Resume (an object with 'basics') nor a RenderCV file "
        "(YAML with 'cv:'); export your résumé in one of these formats"
    )
