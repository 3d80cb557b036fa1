"""The parsed and formatted .bib files of a build, kept on disk beside the environment.

A bibliography is parsed and formatted once per content: the result is pickled
under the doctree folder, keyed by a hash of the file's bytes and of the
settings that shape the output (style, owner, author limit, language). A build
that reads no page touching the .bib does no BibTeX work; one that does loads
the pickle, or makes it once in the main process before parallel reading starts.
In each process, the last few bibliographies used stay in memory (:data:`MEMORY`).
"""

from __future__ import annotations

import hashlib
import os
import pickle
from collections import OrderedDict
from pathlib import Path
from typing import Generic, TypeVar

from sphinx.environment import BuildEnvironment

from .. import __version__
from ..model.datetext import get_locale
from ..settings import cv_settings
from ..shared import gettext
from .bib import Bibliography, Problem, load_bibliography

__all__ = ["MEMORY", "Memo", "cache_key", "get_bibliography"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(Generic[K, V]):
    """A dict that keeps only the ``size`` entries used last."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._data: OrderedDict[K, V] = OrderedDict()

    def get(self, key: K) -> V | None:
        if key in self._data:
            self._data.move_to_end(key)
            return self._data[key]
        return None

    def put(self, key: K, value: V) -> V:
        self._data[key] = value
        self._data.move_to_end(key)
        while len(self._data) > self.size:
            self._data.popitem(last=False)
        return value

    def clear(self) -> None:
        self._data.clear()

    def __len__(self) -> int:
        return len(self._data)


#: The code that reads and formats .bib files: a cache made by other code is not used.
_CODE = hashlib.sha256(
    b"".join(p.read_bytes() for p in sorted((Path(__file__).parent / "bib").glob("*.py")))
).hexdigest()

#: Cache key → bibliography, in this process.
MEMORY: Memo[str, Bibliography] = Memo(16)
#: (path, size, mtime) → hash of the bytes, so an unchanged file is hashed once per process.
_DIGESTS: Memo[tuple[str, int, int], str] = Memo(64)


def _file_digest(path: Path) -> str:
    stat = path.stat()
    sig = (str(path), stat.st_size, stat.st_mtime_ns)
    return _DIGESTS.get(sig) or _DIGESTS.put(sig, hashlib.sha256(path.read_bytes()).hexdigest())


def cache_key(env: BuildEnvironment, path: Path, style: str | None = None) -> str:
    """What the formatted bibliography of ``path`` depends on, as one hash."""
    settings = cv_settings(env.config)
    h = hashlib.sha256(_file_digest(path).encode())
    parts = (
        __version__,
        _CODE,
        style or settings.bibstyle,
        "\0".join(settings.owner),
        str(settings.max_authors),
        str(env.config.language or "en"),
    )
    for part in parts:
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def get_bibliography(env: BuildEnvironment, path: Path, style: str | None = None) -> Bibliography:
    """The bibliography of ``path`` in ``style`` (default ``cv_bibstyle``), made at most once."""
    style = style or cv_settings(env.config).bibstyle
    key = cache_key(env, path, style)
    bib = MEMORY.get(key)
    if bib is not None:
        return bib
    pickled = Path(env.doctreedir) / "sphinx_cv" / f"{key}.pickle"
    try:
        with pickled.open("rb") as f:
            bib = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError):
        bib = read_bibliography(env, path, style)
        pickled.parent.mkdir(parents=True, exist_ok=True)
        tmp = pickled.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(bib, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, pickled)  # atomic: parallel readers see all or nothing
        for old in pickled.parent.glob("*.pickle"):
            if old != pickled and old.stat().st_mtime < pickled.stat().st_mtime - 3600:
                old.unlink(missing_ok=True)
    assert isinstance(bib, Bibliography)
    return MEMORY.put(key, bib)


def read_bibliography(env: BuildEnvironment, path: Path, style: str) -> Bibliography:
    """Parse and format ``path`` (the work the cache saves); a file that cannot be read is
    a bibliography with an ``error``."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return Bibliography(error=Problem(line, "not UTF-8 text; save the file as UTF-8"))
    settings = cv_settings(env.config)
    return load_bibliography(
        text,
        style=style,
        owners=settings.owner,
        max_authors=settings.max_authors,
        language=str(get_locale(env.config.language)),
        gettext=gettext,
    )
