"""The parsed and formatted .bib files of a build, kept on disk beside the environment.

A bibliography is parsed and formatted once per content: the result is pickled
under the doctree folder, keyed by a hash of the file's bytes and of the
settings that shape the output (style, owner, author limit). A build that reads
no page touching the .bib does no BibTeX work; a build that does loads the
pickle, or makes it once in the main process before parallel reading starts.
"""

from __future__ import annotations

import hashlib
import os
import pickle
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util import logging

from . import __version__
from .bibliography import (
    Bibliography,
    BibliographyError,
    Problem,
    Publication,
    load_bibliography,
)
from .config import bibfile_paths, owner_names
from .domain import CVDomain

logger = logging.getLogger(__name__)

#: In-process memo: cache key → bibliography (each process fills its own).
_MEMO: dict[str, Bibliography] = {}


#: (path, size, mtime) → hash of the bytes, so a file is hashed once per process.
_DIGESTS: dict[tuple[str, int, int], str] = {}


def _file_digest(path: Path) -> str:
    stat = path.stat()
    sig = (str(path), stat.st_size, stat.st_mtime_ns)
    if sig not in _DIGESTS:
        _DIGESTS[sig] = hashlib.sha256(path.read_bytes()).hexdigest()
    return _DIGESTS[sig]


def _key(env: BuildEnvironment, path: Path, style: str) -> str:
    config = env.config
    h = hashlib.sha256(_file_digest(path).encode())
    for part in (__version__, style, "\0".join(owner_names(config)), str(config.cv_max_authors)):
        h.update(b"\0" + part.encode())
    return h.hexdigest()


def _cache_dir(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir) / "sphinx_cv"


def get_bibliography(env: BuildEnvironment, path: Path, style: str | None = None) -> Bibliography:
    """The bibliography of ``path`` in ``style`` (default ``cv_bibstyle``), made at most once."""
    style = style or env.config.cv_bibstyle
    key = _key(env, path, style)
    if key in _MEMO:
        return _MEMO[key]
    pickled = _cache_dir(env) / f"{key}.pickle"
    try:
        with pickled.open("rb") as f:
            bib: Bibliography = pickle.load(f)
    except (OSError, pickle.PickleError, EOFError, AttributeError):
        bib = _load(env, path, style)
        pickled.parent.mkdir(parents=True, exist_ok=True)
        tmp = pickled.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as f:
            pickle.dump(bib, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, pickled)  # atomic: parallel readers see all or nothing
        for old in pickled.parent.glob("*.pickle"):
            if old != pickled and old.stat().st_mtime < pickled.stat().st_mtime - 3600:
                old.unlink(missing_ok=True)
    _MEMO[key] = bib
    return bib


#: Cache keys of the .bib files → their publications by case-folded key, for citations.
_INDEX: dict[tuple[str, ...], tuple[dict[str, Publication], bool]] = {}


def citable(env: BuildEnvironment) -> tuple[dict[str, Publication], bool]:
    """Every publication of ``cv_bibfiles`` by case-folded key (the first file wins), and
    whether a file could not be read. Built once per process and content, not per citation."""
    paths = bibfile_paths(env.config)
    keys = tuple(_key(env, path, env.config.cv_bibstyle) for path in paths)
    if keys not in _INDEX:
        index: dict[str, Publication] = {}
        broken = False
        for path in paths:
            bib = get_bibliography(env, path)
            broken = broken or bib.error is not None
            for key, pub in bib.publications.items():
                index.setdefault(key.casefold(), pub)
        _INDEX[keys] = (index, broken)
    return _INDEX[keys]


def _load(env: BuildEnvironment, path: Path, style: str) -> Bibliography:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        line = path.read_bytes()[: err.start].count(b"\n") + 1
        return Bibliography(error=Problem(line, "not UTF-8 text; save the file as UTF-8"))
    try:
        return load_bibliography(
            text,
            style=style,
            owners=owner_names(env.config),
            max_authors=env.config.cv_max_authors,
        )
    except BibliographyError as err:
        return Bibliography(error=Problem(err.line, err.message))


def report_problems(path: Path, bib: Bibliography) -> None:
    if bib.error:
        logger.error(
            bib.error.message, location=f"{path}:{bib.error.line}", type="cv", subtype="bib"
        )
    for problem in bib.problems:
        logger.warning(problem.message, location=f"{path}:{problem.line}", type="cv", subtype="bib")


def prepare_bibliographies(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    """Before reading: make each .bib's cache if any page is read, and report its problems.

    Runs in the main process, so parallel readers only ever load the pickle.
    Problems are reported when the file changed since the last build, or when a
    page that lists it is read again. A file that cannot be read fails the
    build (exit status 1, even without ``-W``), with its error at ``file:line``.
    """
    if not docnames:
        return
    seen: dict[str, str] = getattr(env, "cv_bib_digests", {})
    domain = env.get_domain("cv")
    assert isinstance(domain, CVDomain)
    listing = domain.listing_docs()
    for path in bibfile_paths(app.config):
        key = _key(env, path, env.config.cv_bibstyle)
        bib = get_bibliography(env, path)
        if bib.error or seen.get(str(path)) != key or listing.intersection(docnames) or not listing:
            report_problems(path, bib)
        if bib.error:
            app.statuscode = 1
        seen[str(path)] = key
    env.cv_bib_digests = seen  # type: ignore[attr-defined]
