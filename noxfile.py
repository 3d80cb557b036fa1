"""Tasks: ``nox -s build`` (the site), ``tests``, ``lint``, ``bench`` and ``serve``."""

from __future__ import annotations

import hashlib
from pathlib import Path

import nox

nox.options.sessions = ["build", "tests", "lint"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
BUILD = ROOT / "build"
SPHINX_OPTS = ["-W", "--keep-going", "-n", "-j", "auto", "-d", str(BUILD / "doctrees")]


def install(session: nox.Session, extra: str) -> None:
    """Install the project (editable) with ``extra``, only when the project's metadata changed.

    Reused environments make a second run fast: pip is skipped when the stamp
    written after the last install still matches ``pyproject.toml``.
    """
    digest = hashlib.sha256((ROOT / "pyproject.toml").read_bytes() + extra.encode()).hexdigest()
    stamp = Path(session.virtualenv.location) / ".sphinx-cv-installed"
    if stamp.is_file() and stamp.read_text() == digest:
        return
    session.install("-e", f".[{extra}]")
    stamp.write_text(digest)


@nox.session
def build(session: nox.Session) -> None:
    """Build the PDF into build/pdf/, then the site (which offers it) into build/html/."""
    install(session, "docs")
    pdf_opts = [*SPHINX_OPTS[:-1], str(BUILD / "doctrees-pdf")]
    session.run("sphinx-build", "-b", "cvpdf", *pdf_opts, "docs", str(BUILD / "pdf"))
    session.run("sphinx-build", "-b", "html", *SPHINX_OPTS, "docs", str(BUILD / "html"))


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite; extra arguments go to pytest."""
    install(session, "test")
    session.run("pytest", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and a strict mypy check of the extension."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session
def bench(session: nox.Session) -> None:
    """Speed and memory of the publications against sphinxcontrib-bibtex (same run, ratios)."""
    install(session, "bench")
    session.run("python", "tests/bench/run.py", *session.posargs)


@nox.session
def serve(session: nox.Session) -> None:
    """Live preview on http://127.0.0.1:8000, rebuilt on every save."""
    install(session, "serve")
    session.run(
        "sphinx-autobuild",
        "docs",
        str(BUILD / "serve"),
        "--watch",
        "ext",
        "--watch",
        "bib",
        *session.posargs,
    )
