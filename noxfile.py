"""Tasks: ``build`` (PDF and site), ``check_pdf``, ``tests``, ``oldest``, ``lint``, ``bench``,
``screenshots``, ``serve``, ``translations``."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import nox

nox.options.sessions = ["build", "tests", "lint"]
nox.options.reuse_venv = "yes"
nox.options.error_on_missing_interpreters = True

ROOT = Path(__file__).parent
BUILD = ROOT / "build"
SPHINX_OPTS = ["-W", "--keep-going", "-n", "-j", "auto", "-d", str(BUILD / "doctrees")]


def install(session: nox.Session, extra: str, constraints: Path | None = None) -> None:
    """Install the project (editable) with ``extra``, only when the project's metadata changed.

    Reused environments make a second run fast: pip is skipped when the stamp
    written after the last install still matches ``pyproject.toml`` (and ``constraints``).
    """
    pinned = constraints.read_bytes() if constraints else b""
    metadata = (ROOT / "pyproject.toml").read_bytes() + extra.encode() + pinned
    digest = hashlib.sha256(metadata).hexdigest()
    stamp = Path(session.virtualenv.location) / ".sphinx-cv-installed"
    if stamp.is_file() and stamp.read_text() == digest:
        return
    session.install(*(["-c", str(constraints)] if constraints else []), "-e", f".[{extra}]")
    stamp.write_text(digest)


def build_site(session: nox.Session) -> None:
    """The site and its PDFs (one Sphinx run: docs/conf.py sets cv_pdf_with_site) into
    build/html/; then the PDFs to send, with the private fields (docs/private.toml, if
    there), into build/pdf/ from the same reading of the pages."""
    session.run("sphinx-cv", "build", "-b", "html", *SPHINX_OPTS, "docs", str(BUILD / "html"))
    build_pdfs(session)


def build_pdfs(session: nox.Session, *variants: str) -> None:
    """The PDFs to send into build/pdf/: every variant's, or those named."""
    only = ["-D", f"cv_pdf_variants={','.join(variants)}"] if variants else []
    session.run(
        "sphinx-cv", "build", "-b", "cvpdf", *SPHINX_OPTS, *only, "docs", str(BUILD / "pdf")
    )


def install_axe(session: nox.Session) -> None:
    """axe-core from the npm registry for the accessibility tests (skipped without npm)."""
    browser = ROOT / "tests" / "browser"
    lock = (browser / "package-lock.json").read_bytes()
    stamp = browser / "node_modules" / ".installed-from-lock"
    if stamp.is_file() and stamp.read_bytes() == lock:
        return
    if shutil.which("npm") is None:
        session.warn("npm not found: the accessibility tests will skip (or fail under CI=true)")
        return
    session.run("npm", "ci", "--prefix", str(browser), "--no-audit", "--no-fund", external=True)
    stamp.write_bytes(lock)


@nox.session
def build(session: nox.Session) -> None:
    """Build the site and the PDFs it offers into build/html/, and the PDFs to send (with
    the private fields) into build/pdf/; ``nox -s build -- industry``: that variant's PDF
    alone (``full``: the whole CV's)."""
    install(session, "docs")
    if session.posargs:
        build_pdfs(session, *session.posargs)
    else:
        build_site(session)


@nox.session
def check_pdf(session: nox.Session) -> None:
    """Check the PDFs to send (build/pdf/, written by ``nox -s build``) as applicant tracking
    systems and screen readers read them; ``nox -s check_pdf -- FILE…``: those PDFs."""
    install(session, "docs")
    pdfs = session.posargs or sorted(map(str, (BUILD / "pdf").glob("*.pdf")))
    if not pdfs:
        session.error("no PDF in build/pdf/: run nox -s build first")
    session.run("sphinx-cv", "check-pdf", *pdfs)


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, a test file per worker on every core (pytest-xdist); extra
    arguments go to pytest (``-n 0``: in this process)."""
    install(session, "test")
    install_axe(session)
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session(python="3.11")
def oldest(session: nox.Session) -> None:
    """The test suite on the oldest Python and releases the package claims (Sphinx 8.1)."""
    install(session, "test", ROOT / "tests" / "constraints-oldest.txt")
    install_axe(session)
    session.run("pytest", "-n", "auto", "--dist", "loadfile", *session.posargs)


@nox.session
def translations(session: nox.Session) -> None:
    """List the words the package marks (N_) into a template and compile every catalogue."""
    session.install("babel")
    package = ROOT / "ext" / "sphinx_cv"
    template = str(package / "locale" / "sphinx_cv.pot")
    session.run("pybabel", "extract", "-k", "N_", "--no-location", "--omit-header",
                "-o", template, str(package))  # fmt: skip
    session.run("pybabel", "compile", "-D", "sphinx_cv", "-d", str(package / "locale"))


@nox.session
def screenshots(session: nox.Session) -> None:
    """Build the site, then save every page in light, dark and mobile to build/screenshots/."""
    install(session, "test")
    build_site(session)
    session.run("python", "tests/browser/screenshots.py")


@nox.session
def lint(session: nox.Session) -> None:
    """ruff (lint and format) and a strict mypy check of the extension."""
    install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


#: RenderCV for the bench's side-by-side timing, in a virtualenv of its own (reused).
RENDERCV = "rendercv[full]"


def rendercv_venv(session: nox.Session) -> list[str]:
    """``--rendercv COMMAND`` for tests/bench/run.py, RenderCV installed (once) in a
    virtualenv of its own; or ``--rendercv-missing WHY`` when it cannot be.

    RenderCV 2.4 and later need Python 3.12 (3.11 gets RenderCV 2.3, whose command no
    longer starts with the Typer it installs), so the newest Python 3.12+ found is used."""
    found = [shutil.which(f"python3.{minor}") for minor in (14, 13, 12)]
    found += sorted(map(str, Path.home().glob(".pyenv/versions/3.1[2-9]*/bin/python3")))[::-1]
    for python in filter(None, found):
        try:
            session.run(python, "-c", "import sys; assert sys.version_info >= (3, 12)",
                        external=True, silent=True)  # fmt: skip
        except nox.command.CommandFailed:
            continue
        venv = BUILD / "bench" / "rendercv-venv"
        stamp = venv / ".installed"
        if not (stamp.is_file() and stamp.read_text() == RENDERCV + python):
            shutil.rmtree(venv, ignore_errors=True)
            session.run(python, "-m", "venv", str(venv), external=True)
            try:
                session.run(str(venv / "bin" / "python"), "-m", "pip", "install", "-q", RENDERCV,
                            external=True)  # fmt: skip
            except nox.command.CommandFailed:
                return ["--rendercv-missing", f"pip could not install {RENDERCV}"]
            stamp.write_text(RENDERCV + python)
        return ["--rendercv", str(venv / "bin" / "rendercv")]
    return ["--rendercv-missing", "RenderCV needs Python 3.12 or later and none was found"]


@nox.session
def bench(session: nox.Session) -> None:
    """Speed, memory and size against sphinxcontrib-bibtex and RenderCV, side by side in one
    run (ratios); ``nox -s bench -- --help`` for its parts and options."""
    install(session, "bench")
    rendercv = [] if "--help" in session.posargs else rendercv_venv(session)
    session.run("python", "tests/bench/run.py", *rendercv, *session.posargs)


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
