"""Shared fixtures: Sphinx's testing fixtures and a builder for one-page projects."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path

import pytest
from sphinx import locale
from sphinx.cmd.build import build_main
from sphinx.util import console

pytest_plugins = ["sphinx.testing.fixtures"]

# tests/browser/support.py: the site's pages, the browser and a local server, for the tests
# and for `nox -s screenshots`.
sys.path.insert(0, str(Path(__file__).parent / "browser"))

#: This folder: the wings' tests are in folders named like the package's wings.
TESTS = Path(__file__).parent
ROOTS = TESTS / "roots"

#: With docutils older than 0.22 (Sphinx 8.1), MyST reports its own option errors (unknown
#: option, invalid value) at "page.md.rst" and another line, and in other words.
OLD_MYST = tuple(int(n) for n in version("docutils").split(".")[:2]) < (0, 22)


def myst_words(message: str) -> str:
    """``message`` as this MyST words it: older releases say "Unknown option keys: ['x']"."""
    if OLD_MYST:
        return re.sub(r"Unknown option key: '([^']*)'", r"Unknown option keys: ['\1']", message)
    return message


REPO = Path(__file__).parent.parent


@pytest.fixture(autouse=True)
def _plain_messages() -> None:
    """Messages without colour codes, whatever ran before in this process (Sphinx keeps its
    colour setting per process, and some runs turn it on)."""
    console.nocolor()


@pytest.fixture(scope="session")
def rootdir() -> Path:
    return ROOTS


@pytest.fixture
def copy_root(tmp_path: Path) -> Callable[..., Path]:
    """Copy ``roots/test-NAME`` to a fresh folder, then write or replace ``files`` in it."""

    def make(name: str, **files: str) -> Path:
        src = Path(tempfile.mkdtemp(dir=tmp_path)) / name
        shutil.copytree(ROOTS / f"test-{name}", src)
        for filename, text in files.items():
            (src / filename.replace("__", ".")).write_text(text, encoding="utf-8")
        return src

    return make


@pytest.fixture
def page_project(copy_root: Callable[..., Path]) -> Callable[..., Path]:
    """``roots/test-minimal`` with ``content`` as its ``index.md``."""

    def make(content: str, **files: str) -> Path:
        return copy_root("minimal", index__md=content, **files)

    return make


#: A fixed build date, so the PDF's bytes can be compared between builds.
SOURCE_DATE_EPOCH = "1598918400"  # 2020-09-01T00:00:00Z


def sphinx_build(
    src: Path,
    *args: str,
    builder: str = "html",
    out: Path | None = None,
    epoch: str | None = None,
) -> tuple[int, str]:
    """Run sphinx-build like a user (``-W --keep-going``), in this process; return
    (status, stderr). ``out`` defaults to ``src/_build``; ``epoch`` sets
    ``SOURCE_DATE_EPOCH`` for the build."""
    out = out or src / "_build"
    err = io.StringIO()
    old = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch is not None:
        os.environ["SOURCE_DATE_EPOCH"] = epoch
    # Sphinx keeps message catalogues per process: one build's language must not leak into
    # the next (SphinxTestApp clears them the same way).
    locale.translators.clear()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            status = build_main(
                ["-b", builder, "-W", "--keep-going", "-q", *args, str(src), str(out)]
            )
    finally:
        locale.translators.clear()
        if old is None:
            os.environ.pop("SOURCE_DATE_EPOCH", None)
        else:
            os.environ["SOURCE_DATE_EPOCH"] = old
    return status, err.getvalue()


def build_cv(out: Path, *extra: str, builder: str = "html") -> tuple[int, str]:
    """Build the flagship CV in docs/ into ``out`` like ``nox -s build`` (``-W -n``)."""
    doctrees = str(out.parent / f".doctrees-{out.name}")
    return sphinx_build(
        REPO / "docs",
        "-n",
        "-d",
        doctrees,
        *extra,
        builder=builder,
        out=out,
        epoch=SOURCE_DATE_EPOCH,
    )


@pytest.fixture(scope="session")
def cv_build(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The CV built as nox -s build does: one run writes the site and the PDF it offers."""
    root = tmp_path_factory.mktemp("cv")
    status, err = build_cv(root / "html")
    assert (status, err) == (0, ""), "the CV site must build without a single warning"
    pdfs = {pdf.name: pdf for pdf in (root / "html").glob("*.pdf")}
    assert sorted(pdfs) == ["Xingyao-Wang-CV.pdf", "Xingyao-Wang-Resume.pdf"]
    return {
        "html": root / "html",
        "pdf": pdfs["Xingyao-Wang-CV.pdf"],
        "resume": pdfs["Xingyao-Wang-Resume.pdf"],
        "root": root,
    }
