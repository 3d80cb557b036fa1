"""``sphinx-cv new``: a starter CV that builds as a website and a PDF the moment it is written."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import types
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, NoReturn

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import REPO
from markdown_it import MarkdownIt
from packaging.requirements import Requirement
from pypdf import PdfReader
from sphinx import locale
from sphinx_cv import __version__
from sphinx_cv.cli import starter as starter_module
from sphinx_cv.cli.main import main
from sphinx_cv.cli.starter import (
    EXCLUDE_PATTERNS,
    FILES,
    Source,
    StarterError,
    installed_source,
    notice,
    requirement_for,
    write_starter,
)


class FakeSession:
    """What the project's noxfile asks of nox's session: its ``sphinx-cv build`` commands
    run in this process (the project's folder is the current one); installs are noted only.
    ``ran`` holds their sphinx-build arguments."""

    def __init__(self, *posargs: str) -> None:
        self.posargs = list(posargs)
        self.ran: list[list[str]] = []
        self.stdout = self.stderr = ""

    def install(self, *args: str) -> None:
        assert list(args[:2]) == ["-r", "requirements.txt"]

    def run(self, program: str, command: str, *args: str) -> None:
        assert (program, command) == ("sphinx-cv", "build")
        self.ran.append(list(args))
        out, err = io.StringIO(), io.StringIO()
        locale.translators.clear()  # as conftest.sphinx_build: no language leaks between runs
        try:
            with contextlib.redirect_stderr(err), contextlib.redirect_stdout(out):
                status = main([command, *args])
        finally:
            locale.translators.clear()
        self.stdout += out.getvalue()
        self.stderr += err.getvalue()
        assert status == 0, f"sphinx-build {' '.join(args)}:\n{err.getvalue()}"


def nox_build(folder: Path, *posargs: str) -> FakeSession:
    """``nox -s build -- POSARGS`` in ``folder``, as its noxfile says, without nox."""
    fake_nox = types.SimpleNamespace(
        options=types.SimpleNamespace(), session=lambda function: function, Session=FakeSession
    )
    session = FakeSession(*posargs)
    with pytest.MonkeyPatch.context() as patch:
        patch.setitem(sys.modules, "nox", fake_nox)
        patch.chdir(folder)
        scope: dict[str, Any] = {}
        exec(compile((folder / "noxfile.py").read_text(), "noxfile.py", "exec"), scope)
        scope["build"](session)
    return session


def pdf_text(path: Path) -> str:
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@dataclass
class Starter:
    folder: Path
    said: str
    build: FakeSession

    @property
    def html(self) -> Path:
        return self.folder / "_build" / "html"

    @property
    def pdf(self) -> Path:
        return self.folder / "_build" / "pdf"

    @property
    def variants(self) -> dict[str, dict[str, Any]]:
        """``cv_variants`` of its conf.py."""
        scope: dict[str, Any] = {}
        exec((self.folder / "conf.py").read_text(), scope)
        return dict(scope["cv_variants"])

    def tagged(self, tag: str) -> list[str]:
        """The text its pages tag ``tag`` (a phrase, or the paragraph after the tag)."""
        spans = re.compile(r"\[([^\]]+)\]\{\." + f"tag-{tag}" + r"\}")
        blocks = re.compile(r"^\{\." + f"tag-{tag}" + r"\}\n(.+)$", re.M)
        found = []
        for page in self.folder.glob("*.md"):
            if page.name in EXCLUDE_PATTERNS:  # README.md: no page of the CV
                continue
            text = page.read_text()
            found += spans.findall(text) + blocks.findall(text)
        return [re.sub(r"[*_]", "", line) for line in found]


NAME = "Elena Marchetti-Núñez"
FULL_PDF = "Elena-Marchetti-Nunez-CV.pdf"


@pytest.fixture(scope="module")
def starter(tmp_path_factory: pytest.TempPathFactory) -> Starter:
    """A new project, built once as its ``nox -s build`` builds it (-W)."""
    folder = tmp_path_factory.mktemp("starter") / "cv"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["new", NAME, str(folder)]) == 0
    return Starter(folder, out.getvalue(), nox_build(folder))


def test_a_new_cv_builds_at_once(starter: Starter) -> None:
    folder, html = starter.folder, starter.html
    assert "nox -s build" in starter.said
    assert sorted(p.name for p in folder.iterdir()) == sorted([*FILES.values(), "_build"])
    # As its noxfile says: the site and its PDFs, then the PDFs to send from the same reading.
    assert [args[:2] for args in starter.build.ran] == [["-b", "html"], ["-b", "cvpdf"]]
    assert all("-W" in args for args in starter.build.ran)
    doctrees = {args[args.index("-d") + 1] for args in starter.build.ran}
    assert doctrees == {"_build/doctrees"}
    page = BeautifulSoup((html / "index.html").read_text(), "html.parser")
    assert page.select_one("a.cv-pdf-link")["href"] == FULL_PDF
    # On the CV theme: the header, the sections, the PDF button, a title said once.
    assert page.title.string == NAME
    assert page.select_one(".cv-name").get_text() == NAME
    # The button is a menu: the whole CV, then each variant by its label.
    menu = [(a.get_text(), a["href"]) for a in page.select(".cv-pdf-menu li > a")]
    labels = [v["label"] for v in starter.variants.values()]
    variants = [FULL_PDF.replace(".pdf", f"-{name}.pdf") for name in starter.variants]
    assert menu == list(zip(["Full CV", *labels], [FULL_PDF, *variants], strict=True))
    nav = [a.get_text() for a in page.select("nav.cv-nav a")]
    assert nav == ["Home", "Experience", "Education", "Publications", "Skills"]
    # The contact line is in the header on the web, and in the PDF's text.
    assert "One line about what you do." not in page.select_one("main").get_text()
    assert "One line about what you do." in page.select_one("header").get_text()
    assert "One line about what you do." in pdf_text(html / FULL_PDF)
    pubs = BeautifulSoup((html / "publications.html").read_text(), "html.parser")
    assert [o.get_text() for o in pubs.select("strong.cv-owner")] == [NAME]
    config = yaml.safe_load((folder / ".readthedocs.yaml").read_text())
    assert config["sphinx"]["fail_on_warning"] is True
    # Read the Docs draws every name of the PDF (a CJK name would be a font warning there).
    assert {"libpango-1.0-0", "fonts-noto-cjk"} <= set(config["build"]["apt_packages"])
    # It takes one PDF as the project's download: the whole CV's, which the site's build wrote.
    copies = [line for line in config["build"]["jobs"]["post_build"] if line.startswith("cp ")]
    assert copies == [f'cp "$READTHEDOCS_OUTPUT/html/{FULL_PDF}" "$READTHEDOCS_OUTPUT/pdf/"']


def test_each_variant_is_one_more_pdf_in_the_site_and_in_the_pdfs_to_send(
    starter: Starter,
) -> None:
    ((name, variant),) = starter.variants.items()  # one, which leaves out `details`
    assert variant["exclude"] == ["details"]
    resume = FULL_PDF.replace(".pdf", f"-{name}.pdf")
    for folder in (starter.html, starter.pdf):
        assert sorted(p.name for p in folder.glob("*.pdf")) == sorted([FULL_PDF, resume])
    # The starter's pages tag a bullet and a paragraph `details`; the variant leaves them out.
    details = starter.tagged("details")
    assert len(details) == 2
    for folder in (starter.html, starter.pdf):
        full, short = pdf_text(folder / FULL_PDF), pdf_text(folder / resume)
        for text in details:
            assert text in full
            assert text not in short
        # Untagged content is in both.
        assert "What you built, for whom" in full
        assert "What you built, for whom" in short
        assert len(PdfReader(folder / resume).pages) <= variant["pages"]


def test_private_fields_are_in_the_pdfs_to_send_only(starter: Starter) -> None:
    ignored = [
        line.strip()
        for line in (starter.folder / ".gitignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    assert {"private.toml", "_build/"} <= set(ignored)
    phone = tomllib.loads((starter.folder / "private.toml").read_text())["phone"]
    assert phone
    for pdf in starter.pdf.glob("*.pdf"):
        assert f"Mobile: {phone}" in pdf_text(pdf)
    assert "without private fields" not in starter.build.stdout
    # Nowhere on the website: no page, no file, no PDF it offers (their text is compressed).
    site = [p for p in starter.html.rglob("*") if p.is_file()]
    assert not [p for p in site if phone.encode() in p.read_bytes()]
    for pdf in starter.html.glob("*.pdf"):
        text = pdf_text(pdf)
        assert phone not in text
        assert "Mobile" not in text  # the field it emptied goes too
        assert "Email:" in text


def test_without_private_toml_one_variant_builds_alone_without_them(
    starter: Starter, tmp_path: Path
) -> None:
    """A clone elsewhere has no private.toml (git ignores it): ``nox -s build -- resume``
    still passes -W, says once that the PDFs have no private fields, and writes that PDF."""
    folder = tmp_path / "cv"
    shutil.copytree(starter.folder, folder, ignore=shutil.ignore_patterns("_build"))
    (folder / "private.toml").unlink()
    build = nox_build(folder, "resume")
    assert [args[:2] for args in build.ran] == [["-b", "cvpdf"]]
    assert build.stderr == ""
    assert build.stdout.count("the PDFs are made without private fields") == 1
    (pdf,) = (folder / "_build" / "pdf").glob("*.pdf")
    assert pdf.name == FULL_PDF.replace(".pdf", "-resume.pdf")
    text = pdf_text(pdf)
    assert "Mobile" not in text
    assert "Email:" in text


def test_an_existing_project_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "conf.py").write_text("project = 'mine'\n")
    assert main(["new", "Jane Doe", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert f"{tmp_path} already exists and is not empty; nothing was written" in err
    assert [p.name for p in tmp_path.iterdir()] == ["conf.py"]
    assert (tmp_path / "conf.py").read_text() == "project = 'mine'\n"


def test_a_name_that_is_not_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "  ", str(tmp_path / "x")]) == 2
    assert "is not a name to write in a CV" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


@pytest.mark.parametrize("name", ["Jane\x1b[31mDoe", "Jane\u202eeoD", "Jane\nDoe\x00"])
def test_a_name_with_control_characters_is_refused(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["new", name, str(tmp_path / "x")]) == 2
    assert "is not a name to write in a CV" in capsys.readouterr().err
    assert not (tmp_path / "x").exists()


def test_the_default_folder_is_a_slug_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A name never chooses where the project goes: ``Jane/../../Doe`` is ``jane-doe-cv``
    in the current folder."""
    work = tmp_path / "a" / "b"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    assert main(["new", "Jane/../../Doe"]) == 0
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_dir() and p.parent == work) == [
        "jane-doe-cv"
    ]
    assert [p.name for p in tmp_path.iterdir()] == ["a"]
    assert "Jane/../../Doe" in (work / "jane-doe-cv" / "index.md").read_text()
    assert main(["new", "Zofia Łukasiewicz"]) == 0
    assert (work / "zofia-lukasiewicz-cv" / "conf.py").is_file()
    assert main(["new", "王星尧"]) == 0
    assert (work / "wangxingyao-cv" / "conf.py").is_file()
    capsys.readouterr()


def test_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "your name, as people read it",
        "where to write the project",
        "never overwritten",
        "installs sphinx-cv from where this copy came from",
    ):
        assert words in text


# -- Where a new project installs sphinx-cv from ---------------------------------------------

CI = os.environ.get("CI") == "true"


def _skip_or_fail(reason: str) -> NoReturn:
    if CI:
        pytest.fail(f"{reason} (CI=true: this test must run)")
    pytest.skip(reason)


@pytest.mark.parametrize(
    ("record", "requirement", "kind", "local"),
    [
        # pip install -e . in a clone, or pip install . (the README's line)
        (
            {"url": "file:///home/jane/sphinx-cv", "dir_info": {"editable": True}},
            "sphinx-cv[pdf] @ file:///home/jane/sphinx-cv",
            "folder",
            True,
        ),
        (
            {"url": "file://localhost/home/jane/my%20cv%20tools", "dir_info": {}},
            "sphinx-cv[pdf] @ file:///home/jane/my%20cv%20tools",
            "folder",
            True,
        ),
        # pip install "sphinx-cv[pdf] @ git+https://…@main": pinned to the commit installed
        (
            {
                "url": "https://github.com/jane/sphinx-cv.git",
                "vcs_info": {"vcs": "git", "requested_revision": "main", "commit_id": "0a1b2c"},
            },
            "sphinx-cv[pdf] @ git+https://github.com/jane/sphinx-cv.git@0a1b2c",
            "vcs",
            False,
        ),
        (
            {
                "url": "https://github.com/jane/cv-tools",
                "vcs_info": {"vcs": "git", "commit_id": "0a1b2c"},
                "subdirectory": "sphinx-cv",
            },
            "sphinx-cv[pdf] @ git+https://github.com/jane/cv-tools@0a1b2c#subdirectory=sphinx-cv",
            "vcs",
            False,
        ),
        (
            {"url": "file:///srv/git/sphinx-cv", "vcs_info": {"vcs": "git", "commit_id": "0a1b"}},
            "sphinx-cv[pdf] @ git+file:///srv/git/sphinx-cv@0a1b",
            "vcs",
            True,
        ),
        # a wheel or an sdist, on the web or on this computer
        (
            {
                "url": "https://example.org/dist/sphinx_cv-0.1.0-py3-none-any.whl",
                "archive_info": {"hashes": {"sha256": "00ff"}},
            },
            "sphinx-cv[pdf] @ https://example.org/dist/sphinx_cv-0.1.0-py3-none-any.whl",
            "file",
            False,
        ),
        (
            {"url": "file:///tmp/dist/sphinx_cv-0.1.0.tar.gz", "archive_info": {}},
            "sphinx-cv[pdf] @ file:///tmp/dist/sphinx_cv-0.1.0.tar.gz",
            "file",
            True,
        ),
        # no direct_url.json: a release from an index
        (None, "sphinx-cv[pdf]==0.3.1", "release", False),
    ],
)
def test_the_requirement_follows_how_sphinx_cv_was_installed(
    record: dict[str, Any] | None, requirement: str, kind: str, local: bool
) -> None:
    source = requirement_for("0.3.1", record)
    assert source == Source(requirement, kind, local)
    parsed = Requirement(source.requirement)
    assert (parsed.name, parsed.extras) == ("sphinx-cv", {"pdf"})
    assert (notice(source) is not None) is local


def test_a_folder_s_address_is_built_by_pathlib() -> None:
    folder = Path("/home/jane/cv tools #2/${HOME}/sphinx-cv")
    source = requirement_for("0.1", {"url": folder.as_uri(), "dir_info": {}})
    assert source.requirement == f"sphinx-cv[pdf] @ {folder.as_uri()}"
    # Nothing pip's requirements files would read as a comment, a space or a variable.
    assert " #" not in source.requirement
    assert "${" not in source.requirement


@pytest.mark.parametrize(
    ("record", "message"),
    [
        ({"dir_info": {}}, "names no URL"),
        ({"url": "file:relative/path", "dir_info": {}}, "is not the file URL of an absolute path"),
        ({"url": "file://server/share/sphinx-cv", "dir_info": {}}, "absolute path"),
        ({"url": "https://example.org/sphinx-cv", "dir_info": {}}, "neither a local folder"),
        ({"url": "https://example.org/x", "vcs_info": {"vcs": "git"}}, "names no version"),
        ({"url": "https://example.org/x"}, "neither a local folder, a repository nor"),
        ({"url": "https://example.org/a b.whl", "archive_info": {}}, "not an address pip"),
        ({"url": "https://example.org/a.whl\n-e .", "archive_info": {}}, "not an address pip"),
    ],
)
def test_a_record_that_names_no_source_is_an_error(record: dict[str, Any], message: str) -> None:
    with pytest.raises(StarterError, match=r"direct_url\.json") as err:
        requirement_for("0.1", record)
    assert message in str(err.value)


class FakeDistribution:
    def __init__(self, record: str | None) -> None:
        self.version = "2.0"
        self.record = record

    def read_text(self, name: str) -> str | None:
        assert name == "direct_url.json"
        return self.record


def test_the_installation_record_is_read(monkeypatch: pytest.MonkeyPatch) -> None:
    def distribution(record: str | None) -> Callable[[str], FakeDistribution]:
        return lambda name: FakeDistribution(record)

    monkeypatch.setattr(metadata, "distribution", distribution(None))
    assert installed_source().requirement == "sphinx-cv[pdf]==2.0"
    record = json.dumps({"url": "file:///opt/sphinx-cv", "dir_info": {"editable": False}})
    monkeypatch.setattr(metadata, "distribution", distribution(record))
    assert installed_source().requirement == "sphinx-cv[pdf] @ file:///opt/sphinx-cv"
    monkeypatch.setattr(metadata, "distribution", distribution("{not json"))
    with pytest.raises(StarterError, match=r"direct_url\.json\) is not JSON"):
        installed_source()

    def missing(name: str) -> FakeDistribution:
        raise metadata.PackageNotFoundError(name)

    monkeypatch.setattr(metadata, "distribution", missing)
    assert installed_source().requirement == f"sphinx-cv[pdf]=={__version__}"


def _fences(markdown: str) -> list[Any]:
    return [t for t in MarkdownIt("commonmark").parse(markdown) if t.type == "fence"]


def test_every_file_takes_the_requirement_from_one_place(tmp_path: Path) -> None:
    # An address with backticks and Markdown in it stays one line of code in the README.
    url = "https://example.org/a```b*c*/sphinx_cv-0.1.0-py3-none-any.whl"
    source = requirement_for("0.1", {"url": url, "archive_info": {}})
    write_starter("Jane <b>*Doe*</b>", tmp_path / "cv", source=source)
    lines = (tmp_path / "cv" / "requirements.txt").read_text().splitlines()
    assert [line for line in lines if not line.startswith("#")] == [
        f"sphinx-cv[pdf] @ {url}",
        "myst-parser",
    ]
    noxfile = (tmp_path / "cv" / "noxfile.py").read_text()
    assert "sphinx-cv[pdf]" not in noxfile  # no second place to change
    assert 'REQUIREMENTS = ["-r", "requirements.txt"]' in noxfile
    assert noxfile.count("session.install(*REQUIREMENTS") == 2
    config = yaml.safe_load((tmp_path / "cv" / ".readthedocs.yaml").read_text())
    assert config["python"]["install"] == [{"requirements": "requirements.txt"}]
    readme = (tmp_path / "cv" / "README.md").read_text()
    shown = next(t.content for t in _fences(readme) if t.info == "text")
    assert shown == f"{source.requirement}\n"
    html = BeautifulSoup(MarkdownIt("commonmark").render(readme), "html.parser")
    assert html.h1.get_text() == "Jane <b>*Doe*</b> — CV"
    assert "This is a package file." in html.get_text()
    # The project's pages never read what nox and the writer keep beside them.
    assert "exclude_patterns = ['_build', '.nox', '.venv', 'README.md']" in (
        (tmp_path / "cv" / "conf.py").read_text()
    )


@pytest.mark.parametrize("local", [True, False])
def test_new_says_when_the_project_builds_here_only(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    local: bool,
) -> None:
    record = (
        {"url": (tmp_path / "sphinx-cv").as_uri(), "dir_info": {}}
        if local
        else {"url": "https://example.org/x.git", "vcs_info": {"vcs": "git", "commit_id": "ab"}}
    )
    monkeypatch.setattr(starter_module, "installed_source", lambda: requirement_for("0.1", record))
    assert main(["new", "Jane Doe", str(tmp_path / "cv")]) == 0
    out = capsys.readouterr().out
    said = "Note: requirements.txt installs sphinx-cv from a folder on this computer"
    assert (said in out) is local
    readme = (tmp_path / "cv" / "README.md").read_text()
    assert ("Read the Docs cannot see it" in readme) is local
    # Wherever it came from, the README shows the lines to write instead.
    assert "sphinx-cv[pdf] @ git+https://github.com/OWNER/sphinx-cv@v" in readme
    assert f"sphinx-cv[pdf]=={__version__}" in readme


def test_an_installation_that_cannot_be_told_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def unknown() -> Source:
        return requirement_for("0.1", {"url": "https://example.org/x"})

    monkeypatch.setattr(starter_module, "installed_source", unknown)
    assert main(["new", "Jane Doe", str(tmp_path / "cv")]) == 2
    assert "sphinx-cv new: sphinx-cv's installation record" in capsys.readouterr().err
    assert not (tmp_path / "cv").exists()


# -- The README's lines, on a machine where sphinx-cv is on no index ---------------------------


def _sh_block(markdown: str, heading: str) -> str:
    """The first ``sh`` code block under ``heading`` in ``markdown``."""
    tokens = MarkdownIt("commonmark").parse(markdown)
    start = next(
        i
        for i, t in enumerate(tokens)
        if t.type == "inline" and t.content == heading and tokens[i - 1].type == "heading_open"
    )
    return next(t.content for t in tokens[start:] if t.type == "fence" and t.info == "sh")


def _commands(lines: str) -> list[str]:
    """The shell commands of ``lines``, without comments, ``&&`` chains split."""
    return [
        command.strip()
        for line in lines.splitlines()
        for command in line.split("#")[0].split("&&")
        if command.strip()
    ]


@pytest.fixture(scope="module")
def wheelhouse(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """sphinx-cv's dependencies, nox and the build backend as files: the only place the
    pip of the test below finds packages. sphinx-cv itself is not among them. Downloaded
    once per pyproject.toml and Python into pytest's cache."""
    pyproject = REPO / "pyproject.toml"
    key = hashlib.sha256(pyproject.read_bytes() + sys.version.encode()).hexdigest()
    cache = getattr(request.config, "cache", None)  # None with -p no:cacheprovider
    folder = cache.mkdir("starter-wheelhouse") if cache else tmp_path_factory.mktemp("wheels")
    stamp = folder / "stamp"
    if not (stamp.is_file() and stamp.read_text() == key):
        shutil.rmtree(folder)
        folder.mkdir()
        backend = tomllib.loads(pyproject.read_text())["build-system"]["requires"]
        wanted = [f"{REPO}[pdf]", "myst-parser", "nox", *backend]
        done = subprocess.run(
            [sys.executable, "-m", "pip", "download", "-q", "-d", str(folder), *wanted],
            capture_output=True,
            text=True,
            check=False,
        )
        if done.returncode:
            _skip_or_fail(f"sphinx-cv's dependencies cannot be downloaded:\n{done.stderr[-2000:]}")
        stamp.write_text(key)
    assert not list(folder.glob("sphinx_cv*")), "sphinx-cv must come from the starter's line"
    return folder


def test_the_readme_lines_build_a_new_cv_where_sphinx_cv_is_on_no_index(
    tmp_path: Path, wheelhouse: Path
) -> None:
    """README.md's lines, run as they are in a clone's root folder, on a fresh Python whose
    pip sees no index: sphinx-cv installs from the clone, `sphinx-cv new` writes a project,
    and its own `nox -s build` installs sphinx-cv from the line the starter wrote."""
    if shutil.which("bash") is None:
        _skip_or_fail("bash is not installed")
    clone = tmp_path / "sphinx-cv"
    clone.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(REPO / name, clone / name)
    shutil.copytree(
        REPO / "ext", clone / "ext", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    python = tmp_path / "python"
    made = subprocess.run(
        [sys.executable, "-m", "venv", str(python)], capture_output=True, text=True, check=False
    )
    if made.returncode:
        _skip_or_fail(f"python -m venv cannot make a fresh Python here:\n{made.stderr}")
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("PIP_", "NOX_")) and name not in ("PYTHONPATH", "PYTHONHOME")
    }
    env |= {
        "PATH": f"{python / 'bin'}{os.pathsep}{env['PATH']}",
        "VIRTUAL_ENV": str(python),
        "PIP_NO_INDEX": "1",
        "PIP_FIND_LINKS": str(wheelhouse),
        "PIP_CONFIG_FILE": os.devnull,
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    lines = _sh_block((REPO / "README.md").read_text(), "Writing your own CV")
    done = subprocess.run(
        ["bash", "-euo", "pipefail", "-c", lines],
        cwd=clone,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, f"{lines}\n{done.stdout[-5000:]}\n{done.stderr[-5000:]}"

    project = tmp_path / "jane-cv"
    requirement = f"sphinx-cv[pdf] @ {clone.as_uri()}"
    assert requirement in (project / "requirements.txt").read_text().splitlines()
    assert "Note: requirements.txt installs sphinx-cv from a folder on this computer" in (
        done.stdout
    )
    # What the README ran in the project is what the project's README says to run.
    said = _commands(_sh_block((project / "README.md").read_text(), "Jane Doe — CV"))
    ran = _commands(lines)
    assert ran[ran.index("cd ../jane-cv") + 1 :] == said[: said.index("nox -s build") + 1]
    # nox installed sphinx-cv from the starter's line: from the clone, found on no index.
    (record,) = project.glob(".nox/build/lib/python*/site-packages/sphinx_cv-*.dist-info")
    assert json.loads((record / "direct_url.json").read_text())["url"] == clone.as_uri()
    assert "Session build was successful" in done.stderr
    assert (project / "_build" / "html" / "index.html").is_file()
    # The site's PDFs, then the PDFs to send: the whole CV and the one-page résumé.
    for built in ("html", "pdf"):
        pdfs = sorted(p.name for p in (project / "_build" / built).glob("*.pdf"))
        assert pdfs == ["Jane-Doe-CV-resume.pdf", "Jane-Doe-CV.pdf"]
