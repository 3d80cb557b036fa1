"""Every kind of entry (award, certificate, project, talk, teaching, volunteer, skill,
language, interest, reference) in every builder, and ``resume.json``; the kinds as the
README lists them; and a kind declared once (the README's patents) getting its directive,
checks, export and import from its declaration alone."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, TESTS, sphinx_build
from pypdf import PdfReader
from sphinx_cv.cli.main import main
from sphinx_cv.model.kinds import ENTRY_KINDS, DateRule
from test_layout import README, readme_table_rows

BROWSER = TESTS / "browser"
SCHEMA = BROWSER / "node_modules" / "@jsonresume" / "schema" / "schema.json"
THEME = BROWSER / "node_modules" / "jsonresume-theme-even"
TITLES = [
    "Research Scientist",
    "PhD in Physics",
    "Reviewer",
    "Best Paper Award",
    "Laser Safety",
    "OpenMag",
    "Sensing with Diamonds",
    "Quantum Mechanics I",
    "Programming",
    "Spanish",
    "Open source",
    "Prof. Ada Lovelace",
]


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} (CI=true: these tests must run)")
    pytest.skip(what)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    src = tmp_path_factory.mktemp("sections") / "src"
    shutil.copytree(ROOTS / "test-sections", src)
    out = {}
    for builder in ("html", "text", "latex", "cvpdf"):
        out[builder] = src / "_build" / builder
        assert sphinx_build(src, builder=builder, out=out[builder]) == (0, ""), builder
    return out


def test_every_kind_has_a_directive() -> None:
    assert set(ENTRY_KINDS) == {
        "experience", "education", "volunteer", "award", "certificate", "project", "talk",
        "teaching", "skill", "language", "interest", "reference",
    }  # fmt: skip


def test_every_kind_renders_in_every_builder(built: dict[str, Path]) -> None:
    html = " ".join(
        BeautifulSoup(p.read_text(), "html.parser").get_text(" ")
        for p in built["html"].glob("*.html")
    )
    text = " ".join(p.read_text() for p in built["text"].glob("*.txt"))
    (tex,) = built["latex"].glob("*.tex")
    (pdf,) = built["cvpdf"].glob("*.pdf")
    pdf_text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    for title in TITLES:
        assert title in html, title
        assert title in text, title
        assert title in tex.read_text(), title
        assert title in " ".join(pdf_text.split()), title
    assert "Secret Prize" in pdf_text  # the PDF-only entry is in the PDF…
    assert "Secret Prize" not in html  # …and nowhere on the website


def test_compact_kinds_are_one_line(built: dict[str, Path]) -> None:
    page = BeautifulSoup((built["html"] / "more.html").read_text(), "html.parser")
    lines = {
        " ".join(div.get_text(" ").split()).replace(" :", ":")
        for div in page.select("div.cv-compact")
    }
    assert lines == {
        "Laser Safety · MIT EHS · Jan 2020",
        "Programming (Advanced): Python, C++",
        "Basic: Rust, Go",  # the body's list is the keywords
        "Spanish: Fluent",
        "Open source: firmware, hardware",
    }
    assert page.select_one("#certificate-mit-ehs-laser-safety a")["href"] == "https://ehs.mit.edu/"
    cards = {a["id"] for a in page.select("article.cv-entry")}
    assert cards == {
        "award-aps-best-paper-award",
        "project-quantum-labs-openmag",
        "talk-aps-march-meeting-sensing-with-diamonds",
        "teaching-university-of-somewhere-quantum-mechanics-i",
        "reference-prof-ada-lovelace",
    }
    talk = page.select_one("#talk-aps-march-meeting-sensing-with-diamonds")
    assert talk.select_one(".cv-entry-links a")["href"] == "https://example.org/slides.pdf"
    assert talk.select_one(".cv-entry-dates").get_text() == "Mar 7, 2023"


@pytest.mark.parametrize(
    ("directive", "words"),
    [
        ("```{talk} T\n:slides: javascript:alert(1)\n```", "slides: 'javascript:alert(1)' is not"),
        ("```{skill}\n:keywords: Python\n```", "skill needs a name after the directive name"),
        ("```{award} A\n:date: soon\n```", "date: "),
        ("```{certificate}\n:issuer: X\n```", "certificate needs a name after"),
        ("```{teaching} Physics\n:role: TA\n```", "teaching 'Physics' has no 'institution'"),
        ("```{language} French\n:fluency:\n```", "field 'fluency' is empty"),
    ],
)
def test_bad_entries_are_warnings_at_their_line(
    page_project: Callable[..., Path], directive: str, words: str
) -> None:
    src = page_project(f"# CV\n\n{directive}\n")
    status, err = sphinx_build(src)
    assert status == 1
    assert "index.md:3: WARNING:" in err
    assert words in err


def validate(document: dict[str, object]) -> None:
    if not SCHEMA.is_file():
        _missing("JSON Resume's schema is not installed: npm ci --prefix tests/browser")
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(document, schema, format_checker=jsonschema.FormatChecker())


def render_with_theme(resume: Path) -> str:
    if not THEME.is_dir() or shutil.which("node") is None:
        _missing("node or the JSON Resume theme is missing: npm ci --prefix tests/browser")
    done = subprocess.run(
        ["node", str(BROWSER / "render-resume.mjs"), str(resume)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    return done.stdout


def test_resume_json_holds_every_entry(built: dict[str, Path]) -> None:
    resume = built["html"] / "resume.json"
    data = json.loads(resume.read_text())
    validate(data)
    assert data["basics"]["name"] == "Jane Doe"
    assert data["basics"]["label"] == "Research Scientist"  # the current position
    assert data["basics"]["location"] == {"city": "Ann Arbor", "region": "MI"}
    assert [p["network"] for p in data["basics"]["profiles"]] == ["GitHub", "Mastodon"]
    assert data["work"] == [
        {
            "name": "Quantum Labs",
            "description": "Sensors Group",
            "position": "Research Scientist",
            "location": "Boston, MA",
            "startDate": "2021-03",  # ongoing: no endDate
            "summary": "Built the lab's first magnetometer.",
            "highlights": ["Led a team of three.", "Published two papers."],
        }
    ]
    assert data["education"][0]["studyType"] == "PhD"
    assert data["education"][0]["area"] == "Physics"
    assert data["awards"] == [
        {"title": "Best Paper Award", "awarder": "APS", "date": "2022-06",
         "location": "Chicago, IL", "summary": "For the magnetometry paper."}
    ]  # fmt: skip
    assert data["skills"][1] == {"name": "Basic", "level": "Basic", "keywords": ["Rust", "Go"]}
    assert data["references"] == [
        {"name": "Prof. Ada Lovelace", "reference": "Jane is a careful experimentalist."}
    ]
    assert data["publications"] == [
        {
            "name": "Diamond Magnetometry at Scale",
            "publisher": "Physical Review Letters",
            "releaseDate": "2021-03",
            "url": "https://doi.org/10.1103/PhysRevLett.126.000001",
            "summary": "We measure small fields.",
        }
    ]
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    assert counts == {
        "work": 1, "education": 1, "volunteer": 1, "awards": 1, "certificates": 1,
        "projects": 1, "talks": 1, "teaching": 1, "skills": 2, "languages": 1,
        "interests": 1, "references": 1, "publications": 1,
    }  # fmt: skip
    assert "Secret" not in resume.read_text()  # in {only} cvpdf
    assert "555" not in resume.read_text()  # an only block in a body
    home = BeautifulSoup((built["html"] / "index.html").read_text(), "html.parser")
    link = home.select_one("link[rel=alternate][type='application/json']")
    assert link["href"] == "resume.json"


def test_resume_json_renders_in_a_json_resume_theme(built: dict[str, Path]) -> None:
    html = render_with_theme(built["html"] / "resume.json")
    for text in ("Quantum Labs", "Best Paper Award", "Laser Safety", "OpenMag", "Spanish",
                 "Diamond Magnetometry at Scale", "Prof. Ada Lovelace"):  # fmt: skip
        assert text in html, text


def test_this_cv_as_a_json_resume(cv_build: dict[str, Path]) -> None:
    resume = cv_build["html"] / "resume.json"
    validate(json.loads(resume.read_text()))
    text = resume.read_text()
    for phone in ("734-272-2163", "176-9577-6683", "Mobile"):
        assert phone not in text  # the phone numbers are for the PDF only
    html = render_with_theme(resume)
    for fact in ("Tencent", "University of Michigan", "Tianjin University",
                 "Deep Learning Specialization", "Lane Extraction and Quality Evaluation",
                 "Horovod"):  # fmt: skip
        assert fact in html, fact


def test_resume_json_can_be_turned_off(page_project: Callable[..., Path]) -> None:
    src = page_project("# CV\n", conf__py='extensions = ["myst_parser", "sphinx_cv"]\n'
                       "cv_resume_json = False\n")  # fmt: skip
    assert sphinx_build(src) == (0, "")
    assert not (src / "_build" / "resume.json").exists()
    assert "application/json" not in (src / "_build" / "index.html").read_text()


def test_a_project_body_list_stays_its_highlights(page_project: Callable[..., Path]) -> None:
    """Only a kind whose field says so (a skill's, an interest's keywords) takes a body that
    is one list as that field; a project's list is its highlights."""
    src = page_project(
        "# CV\n\n```{project} OpenMag\n\n- Built it, with C++.\n- Shipped it.\n```\n\n"
        "```{interest} Open source\n\n- firmware\n- hardware\n```\n"
    )
    assert sphinx_build(src) == (0, "")
    page = BeautifulSoup((src / "_build" / "index.html").read_text(), "html.parser")
    items = [li.get_text(strip=True) for li in page.select(".cv-entry-project .cv-entry-body li")]
    assert items == ["Built it, with C++.", "Shipped it."]
    assert page.select_one(".cv-entry-project .cv-entry-keywords") is None
    data = json.loads((src / "_build" / "resume.json").read_text())
    assert data["projects"] == [{"name": "OpenMag", "highlights": items}]
    assert data["interests"] == [{"name": "Open source", "keywords": ["firmware", "hardware"]}]


def test_readme_lists_every_kind_as_declared() -> None:
    """The kinds' table (argument, dates, JSON Resume section, RenderCV entry) is the
    declarations'."""
    dates = {DateRule.SPAN: "`start`, `end`", DateRule.ONE: "`date`", DateRule.NONE: "none"}
    rows = readme_table_rows(
        "### More sections: volunteering, awards, certificates, projects, talks, teaching, "
        "skills, languages, interests, references"
    )
    assert rows == [
        [
            f"`{kind}`",
            model.title_name + (f", or none (`{model.title_fallback}`)" if model.title_fallback
                                else ""),
            dates[model.date_rule()],
            f"`{model.jsonresume.section}`",
            f"`{model.rendercv.entry_type}`" if model.rendercv else "—",
        ]
        for kind, model in ENTRY_KINDS.items()
    ]  # fmt: skip


#: The README's worked example: a kind of entry declared once.
PATENT = README.split("Patents, say:\n\n```python\n", 1)[1].split("```", 1)[0]
PATENT_PAGE = """# Patents

~~~{patent} Diamond magnetometer
:office: USPTO
:number: US 11,000,000
:date: 2021-03
:url: https://patents.example.org/11000000

A sensor that reads *fields* at the nanoscale.
~~~
"""


@pytest.fixture
def patents(page_project: Callable[..., Path]) -> Iterator[Callable[[str], Path]]:
    """Projects whose ``conf.py`` imports the README's patents (a module of the project):
    the kind is registered through its declaration alone, and unregistered afterwards."""
    made: list[Path] = []

    def make(page: str) -> Path:
        src = page_project(page, patent_kind__py=PATENT, conf__py=(
            "import os, sys\nsys.path.insert(0, os.path.dirname(__file__))\n"
            "import patent_kind\n\nextensions = ['myst_parser', 'sphinx_cv']\n"
            "cv_person = {'name': 'Jane Doe'}\n"))  # fmt: skip
        made.append(src)
        sys.modules.pop("patent_kind", None)  # each project's conf.py imports its own
        return src

    yield make
    ENTRY_KINDS.pop("patent", None)
    sys.modules.pop("patent_kind", None)
    sys.path[:] = [p for p in sys.path if Path(p) not in made]


def test_a_kind_declared_once_is_a_directive_export_and_import(
    patents: Callable[[str], Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = patents(PATENT_PAGE)
    assert sphinx_build(src) == (0, "")
    assert "patent" in ENTRY_KINDS
    page = BeautifulSoup((src / "_build" / "index.html").read_text(), "html.parser")
    card = page.select_one("article.cv-entry-patent")
    assert card["id"] == "patent-uspto-diamond-magnetometer"
    title = card.select_one(".cv-entry-title a")
    assert (title.get_text(), title["href"]) == (
        "Diamond magnetometer", "https://patents.example.org/11000000")  # fmt: skip
    assert card.select_one(".cv-entry-subtitle").get_text() == "USPTO"
    assert card.select_one(".cv-entry-dates").get_text() == "Mar 2021"
    assert card.select_one(".cv-entry-body em").get_text() == "fields"
    patent = {"name": "Diamond magnetometer", "office": "USPTO", "number": "US 11,000,000",
              "date": "2021-03", "url": "https://patents.example.org/11000000",
              "summary": "A sensor that reads fields at the nanoscale."}  # fmt: skip
    resume = src / "_build" / "resume.json"
    assert json.loads(resume.read_text())["patents"] == [patent]

    # sphinx-cv import reads the section back as patents, and they export the same.
    folder = tmp_path / "imported"
    assert main(["import", str(resume), str(folder)]) == 0
    assert "patents" not in capsys.readouterr().out  # no note: nothing kept as text
    assert "~~~{patent} Diamond magnetometer" in (folder / "patents.md").read_text()
    out = folder / "_build"
    assert sphinx_build(folder, "-D", "cv_pdf_with_site=0", out=out) == (0, "")
    assert json.loads((out / "resume.json").read_text())["patents"] == [patent]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        (":number: US 1\n", "patent 'P' has no 'office'; add ':office: …' (the patent office, "
                            "e.g. USPTO)"),
        (":office: EPO\n:date: 2021-13\n", "date: '2021-13' is not a date"),
        (":office: EPO\n:url: www.x.org\n", "url: 'www.x.org' is not a web address"),
        (":office:\n", "field 'office' is empty; give it a value (the patent office"),
    ],
)  # fmt: skip
def test_a_declared_kind_is_checked_by_its_declaration(
    patents: Callable[[str], Path], options: str, words: str
) -> None:
    status, err = sphinx_build(patents(f"# Patents\n\n```{{patent}} P\n{options}```\n"))
    assert status == 1
    assert "index.md:3: WARNING:" in err
    assert words in err
