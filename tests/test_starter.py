"""``sphinx-cv new``: a starter CV that builds as a website and a PDF the moment it is written."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import sphinx_build
from pypdf import PdfReader
from sphinx_cv.cli import main
from sphinx_cv.starter import FILES


def test_a_new_cv_builds_at_once(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "cv"
    assert main(["new", "Elena Marchetti-Núñez", str(folder)]) == 0
    assert "nox -s build" in capsys.readouterr().out
    assert sorted(p.name for p in folder.iterdir()) == sorted(FILES.values())
    # As its noxfile and .readthedocs.yaml do: one run, -W, writes the site and its PDF.
    html = folder / "_build" / "html"
    assert sphinx_build(folder, "-d", str(tmp_path / "dt"), out=html) == (0, "")
    assert [p.name for p in html.glob("*.pdf")] == ["Elena-Marchetti-Nunez-CV.pdf"]
    pdf = html
    page = BeautifulSoup((html / "index.html").read_text(), "html.parser")
    assert page.select_one("a.cv-pdf-link")["href"] == "Elena-Marchetti-Nunez-CV.pdf"
    # On the CV theme: the header, the sections, the PDF button, a title said once.
    assert page.title.string == "Elena Marchetti-Núñez"
    assert page.select_one(".cv-name").get_text() == "Elena Marchetti-Núñez"
    assert page.select_one(".cv-pdf-button")["href"] == "Elena-Marchetti-Nunez-CV.pdf"
    nav = [a.get_text() for a in page.select("nav.cv-nav a")]
    assert nav == ["Home", "Experience", "Education", "Publications", "Skills"]
    # The contact line is in the header on the web, and in the PDF's text.
    assert "One line about what you do." not in page.select_one("main").get_text()
    assert "One line about what you do." in page.select_one("header").get_text()
    (written,) = pdf.glob("*.pdf")
    text = " ".join(p.extract_text() for p in PdfReader(written).pages)
    assert "One line about what you do." in text
    pubs = BeautifulSoup((html / "publications.html").read_text(), "html.parser")
    assert [o.get_text() for o in pubs.select("strong.cv-owner")] == ["Elena Marchetti-Núñez"]
    config = yaml.safe_load((folder / ".readthedocs.yaml").read_text())
    assert config["sphinx"]["fail_on_warning"] is True
    compile((folder / "noxfile.py").read_text(), "noxfile.py", "exec")


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


def test_help_explains_every_option(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["new", "--help"])
    assert exit_.value.code == 0
    text = " ".join(capsys.readouterr().out.split())
    for words in (
        "your name, as people read it",
        "where to write the project",
        "never overwritten",
    ):
        assert words in text
