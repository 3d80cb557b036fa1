"""``sphinx-cv import``: JSON Resume and RenderCV files become projects that build at once,
keep every entry, and give the same entries back as ``resume.json``."""

from __future__ import annotations

import json
import os
import re
import subprocess
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOTS, TESTS, sphinx_build
from pypdf import PdfReader
from sphinx_cv.cli.main import main

SCHEMA_PACKAGE = TESTS / "browser" / "node_modules" / "@jsonresume" / "schema"
EXAMPLES = ["sample.resume.json", *(f"examples/{n}.resume.json" for n in
            ("career-changer", "new-grad", "senior-engineer"))]  # fmt: skip
RENDERCV = sorted((ROOTS / "import").glob("rendercv-*.yaml"))
#: Fields sphinx-cv keeps as text on the page rather than as data.
AS_TEXT = {("projects", "type")}


def example(name: str) -> Path:
    path = SCHEMA_PACKAGE / name
    if not path.is_file():
        if os.environ.get("CI") == "true":
            pytest.fail("JSON Resume's schema package is missing: npm ci --prefix tests/browser")
        pytest.skip("JSON Resume's schema package is missing: npm ci --prefix tests/browser")
    return path


def imported(source: Path, folder: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["import", str(source), str(folder)]) == 0
    out = capsys.readouterr().out
    # As its noxfile does, with -W; the PDF is left out here (tested once, below).
    status, err = sphinx_build(folder, "-D", "cv_pdf_with_site=0", out=folder / "_build" / "html")
    assert (status, err) == (0, "")
    return out


def pdf_text(path: Path) -> str:
    """A PDF's text on one line."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def holding(folder: Path, needle: str) -> list[str]:
    """The files under ``folder`` whose bytes (or a PDF's text) hold ``needle``."""
    return sorted(
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file()
        and (needle.encode() in path.read_bytes()
             or (path.suffix == ".pdf" and needle in pdf_text(path)))
    )  # fmt: skip


def private_toml(folder: Path) -> dict[str, Any]:
    """The imported project's private fields ({} without a private.toml)."""
    path = folder / "private.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def normal(section: str, name: str, value: Any) -> Any:
    if isinstance(value, str):
        value = " ".join(value.split())
        if section == "publications" and name == "releaseDate":
            return value[:7]  # BibTeX has a year and a month
        if name in ("startDate", "endDate", "date"):
            return re.sub(r"^(\d{4}-\d{2})-01$", r"\1", value)  # the 1st: JSON Resume's month
    if isinstance(value, list):
        return [normal(section, name, v) for v in value]
    return value


@pytest.mark.parametrize("name", EXAMPLES)
def test_a_json_resume_comes_back_as_it_went_in(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str
) -> None:
    source = example(name)
    given = json.loads(source.read_text())
    imported(source, tmp_path / "cv", capsys)
    back = json.loads((tmp_path / "cv" / "_build" / "html" / "resume.json").read_text())
    for section, items in given.items():
        if not isinstance(items, list):
            continue
        assert len(back.get(section, [])) == len(items), section
        if section == "publications":  # the site lists them newest first
            items = sorted(items, key=lambda i: i["name"])
            back[section].sort(key=lambda i: i["name"])
        for item, returned in zip(items, back[section], strict=True):
            for field, value in item.items():
                if (section, field) in AS_TEXT or value in ("", [], None):
                    continue
                assert normal(section, field, returned.get(field)) == normal(
                    section, field, value
                ), (section, field)
    basics, returned = given["basics"], back["basics"]
    for field in ("name", "email", "url", "summary"):
        assert returned[field] == basics[field], field
    assert [p["url"] for p in returned["profiles"]] == [
        p["url"] for p in basics["profiles"] if p.get("url")
    ]


def test_what_has_no_home_is_kept_and_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = imported(example("sample.resume.json"), tmp_path / "cv", capsys)
    assert "note: projects[0].type: no sphinx-cv field for it; kept as text on Projects" in out
    assert "note: basics.phone: on the home page, in the PDF only" in out
    projects = (tmp_path / "cv" / "_build" / "html" / "projects.html").read_text()
    assert "type: application" in projects
    site = tmp_path / "cv" / "_build" / "html"
    for page in site.glob("*.html"):
        assert "555-4321" not in page.read_text()  # the phone is for the PDF
    assert "555-4321" not in (site / "resume.json").read_text()
    assert private_toml(tmp_path / "cv")["phone"] == "(912) 555-4321"


def test_the_phone_and_street_address_reach_the_sent_pdf_from_private_toml_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """They go to private.toml, which git ignores; the home page names them
    ({private}`phone`); the PDF ``-b cvpdf`` writes has them, and no other file does: not
    the site, its public PDF, the doctrees, the pages, conf.py."""
    source = example("sample.resume.json")
    basics = json.loads(source.read_text())["basics"]
    street = f"{basics['location']['address']}, {basics['location']['postalCode']}"
    folder = tmp_path / "cv"
    assert main(["import", str(source), str(folder)]) == 0
    out = capsys.readouterr().out
    assert "note: phone, address: in private.toml, which .gitignore keeps out of git" in out
    assert private_toml(folder) == {"phone": basics["phone"], "address": street}
    home = (folder / "index.md").read_text()
    assert ":Phone: {private}`phone`" in home
    assert ":Address: {private}`address`" in home
    subprocess.run(["git", "init", "-q", str(folder)], check=True)
    ignored = subprocess.run(["git", "-C", str(folder), "check-ignore", "-q", "private.toml"])
    assert ignored.returncode == 0  # the project's .gitignore lists it

    # As nox -s build does: the site (with its public PDF), then the PDF to send.
    assert sphinx_build(folder, out=folder / "_build" / "html") == (0, "")
    assert sphinx_build(folder, builder="cvpdf", out=folder / "_build" / "pdf") == (0, "")
    (sent,) = (folder / "_build" / "pdf").glob("*.pdf")
    assert f"Phone: {basics['phone']}" in pdf_text(sent)
    assert f"Address: {street}" in pdf_text(sent)
    assert len(list((folder / "_build" / "html").glob("*.pdf"))) == 1  # the site's, public
    # The file, and the PDF to send with its text and Markdown twins (the Word twin's text
    # is compressed; tests/pdf/test_twins.py reads it).
    sent_files = [sent.with_suffix(suffix) for suffix in (".pdf", ".txt", ".md")]
    kept = ["private.toml", *(str(path.relative_to(folder)) for path in sent_files)]
    assert holding(folder, basics["phone"]) == sorted(kept)
    assert holding(folder, basics["location"]["address"]) == sorted(kept)


def test_an_import_without_phone_or_address_writes_no_private_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Blank values give no field: a role without its value would warn in the PDF's build."""
    source = tmp_path / "r.json"
    source.write_text(json.dumps({
        "basics": {"name": "J", "phone": "  ", "fax": None,
                   "location": {"city": "Paris", "address": "", "postalCode": " "}},
        "work": [{"name": "A", "position": "B", "startDate": "2020"}],
    }))  # fmt: skip
    folder = tmp_path / "cv"
    assert main(["import", str(source), str(folder)]) == 0
    assert "private.toml" not in capsys.readouterr().out
    assert not (folder / "private.toml").exists()
    assert "{private}" not in (folder / "index.md").read_text()
    assert sphinx_build(folder, builder="cvpdf", out=folder / "_build" / "pdf") == (0, "")


def test_an_imported_project_builds_its_pdf_and_site_with_w(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "cv"
    assert main(["import", str(example("examples/new-grad.resume.json")), str(folder)]) == 0
    html = folder / "_build" / "html"
    assert sphinx_build(folder, "-d", str(tmp_path / "d2"), out=html) == (0, "")
    assert len(list(html.glob("*.pdf"))) == 1  # one run: the site and its PDF


@pytest.mark.parametrize("source", RENDERCV, ids=lambda p: p.stem)
def test_a_rendercv_file_keeps_every_entry(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], source: Path
) -> None:
    imported(source, tmp_path / "cv", capsys)
    site = tmp_path / "cv" / "_build" / "html"
    text = " ".join(
        " ".join(BeautifulSoup(p.read_text(), "html.parser").get_text(" ").split())
        for p in site.glob("*.html")
    )
    cv = yaml.safe_load(source.read_text())["cv"]
    assert cv["name"] in text
    back = json.loads((site / "resume.json").read_text())
    for title, entries in cv["sections"].items():
        for entry in entries:
            if isinstance(entry, str):
                continue  # text: checked through the pages' words below
            word = next(str(entry[k]) for k in ("company", "institution", "name", "title",
                        "label", "bullet", "number", "reversed_number") if k in entry)  # fmt: skip
            word = word.split("](")[0].lstrip("[").split("**")[0][:30]
            assert word in text or word in json.dumps(back, ensure_ascii=False), (title, word)
    jobs = [e for es in cv["sections"].values() for e in es
            if isinstance(e, dict) and "company" in e]  # fmt: skip
    assert len(back.get("work", [])) == len(jobs)
    # The phone numbers: in private.toml, in no file of the site.
    phones = cv.get("phone") or []
    phones = [phones] if isinstance(phones, str) else phones
    assert list(private_toml(tmp_path / "cv").values()) == [p.removeprefix("tel:") for p in phones]
    for phone in phones:
        assert holding(site, phone.removeprefix("tel:")) == []


#: A value of the wrong type: an error naming its place and what to write, never a
#: traceback nor letters taken as items.
WRONG_TYPES = [
    ("profiles.json", '{"basics": {"name": "J", "profiles": "abc"}}',
     "basics.profiles: text ('abc') where a list belongs; write e.g. profiles: [...]"),
    ("location.json", '{"basics": {"name": "J", "location": "Paris"}}',
     "basics.location: text ('Paris') where an object belongs; write e.g. location: "
     '{"city": "Paris", "countryCode": "FR"}'),
    ("email.json", '{"basics": {"name": "J", "email": 5}}',
     'basics.email: a number (5) where text belongs; write e.g. email: "jane@example.org"'),
    ("highlights.json",
     '{"basics": {"name": "J"}, "work": [{"name": "A", "position": "B", "highlights": "abc"}]}',
     "work[0].highlights: text ('abc') where a list belongs; write e.g. highlights: "),
    ("item.json", '{"basics": {"name": "J"}, "work": ["A"]}',
     "work[0]: text ('A') where an object with fields belongs"),
    ("sections.yaml", "cv:\n  name: J\n  sections:\n    jobs: abc\n",
     "cv.sections.jobs: text ('abc') where a list of entries belongs"),
    ("name.yaml", "cv:\n  name: [J]\n", "cv.name: a list where text belongs"),
]  # fmt: skip
#: Files that would take the memory or the stack: bounded, with the place.
TOO_BIG = [
    ("laughs.yaml",
     "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
     + "".join(f"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n"
               for p, c in zip("abcdefgh", "bcdefghi", strict=True))
     + "cv: {name: J, sections: {x: [*i]}}\n",
     "more than 100,000 values, counting each repetition of a YAML alias"),
    ("deep.json", '{"basics": {"name": "J"}, "x": ' + "[" * 50 + "]" * 50 + "}",
     "nested more than 40 levels deep"),
    ("deeper.json", '{"basics": {"name": "J"}, "x": ' + "[" * 100_000 + "]" * 100_000 + "}",
     "nested too deeply to read"),
    ("loop.yaml", "cv: &c {name: J, sections: {x: [*c]}}\n", "nested more than 40 levels"),
    ("digits.json", '{"basics": {"name": "J", "phone": ' + "1" * 5000 + "}}",
     "cannot be read (a number of thousands of digits); write it as text in quotes"),
    ("digits.yaml", "basics:\n  name: J\n  phone: " + "1" * 5000 + "\n",
     "cannot be read (a number of thousands of digits); write it as text in quotes"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("name", "text", "words"),
    [
        ("bad.json", '{"basics": {"name": "J"},\n "work": [}', "bad.json:2:11: not valid JSON"),
        ("bad.yaml", "cv:\n  name: [J\n", "bad.yaml:3:1: not valid YAML"),
        ("other.json", '{"name": "J"}', "neither a JSON Resume"),
        (
            "date.json",
            '{"basics": {"name": "J"}, "work": [{"name": "A", "position": "B", '
            '"startDate": "2013-13-01"}]}',
            "work[0].startDate: start: ",
        ),
        (
            "typo.yaml",
            "cv:\n  name: J\n  sections:\n    jobs:\n      - company: A\n"
            "        position: B\n        start_data: 2020-01\n",
            "cv.sections.jobs[0].start_data: unknown key 'start_data'; did you mean 'start_date'?",
        ),
        (
            "url.json",
            '{"basics": {"name": "J"}, "certificates": [{"name": "C", '
            '"url": "javascript:alert(1)"}]}',
            "certificates[0].url: 'javascript:alert(1)' is not a web address; write one that "
            "starts with https://",
        ),
        (
            "missing.json",
            '{"basics": {"name": "J"}, "work": [{"position": "B", "startDate": "2020"}]}',
            "work[0]: no 'name' (employer or lab), which a experience needs; add it (the keys "
            "it has: position, startDate)",
        ),
        *WRONG_TYPES,
        *TOO_BIG,
    ],
)
def test_invalid_input_is_a_clear_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, text: str, words: str
) -> None:
    source = tmp_path / name
    source.write_text(text)
    assert main(["import", str(source), str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert words in err
    assert "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_text_from_the_file_never_becomes_markup(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    hostile = "```{raw} html\n<script>alert(1)</script>\n``` {eval-rst} `x` **b** [l](u)"
    data = {
        "basics": {"name": "J <b>", "summary": hostile},
        "work": [{"name": "A {raw}`x`", "position": "- B", "startDate": "2020",
                  "summary": hostile, "highlights": [hostile, ":::{only} html"]}],
    }  # fmt: skip
    source = tmp_path / "r.json"
    source.write_text(json.dumps(data))
    imported(source, tmp_path / "cv", capsys)
    page = (tmp_path / "cv" / "_build" / "html" / "experience.html").read_text()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "- B" in page
    back = json.loads((tmp_path / "cv" / "_build" / "html" / "resume.json").read_text())
    assert back["work"][0]["summary"] == " ".join(hostile.split())
    assert back["work"][0]["name"] == "A {raw}`x`"


def test_an_existing_project_is_never_overwritten(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "conf.py").write_text("x = 1\n")
    assert main(["import", str(example("sample.resume.json")), str(tmp_path / "out")]) == 2
    assert "already exists and is not empty; nothing was written" in capsys.readouterr().err
    assert (tmp_path / "out" / "conf.py").read_text() == "x = 1\n"


def test_help_explains_the_import(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["import", "--help"])
    assert done.value.code == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "JSON Resume file" in out
    assert "RenderCV file" in out
    assert "nothing is written" in out
    assert "phone number and street address go to private.toml" in out


def test_publication_keys_stay_distinct() -> None:
    """Thirty papers by one author in one year: thirty keys (the old RenderCV scheme, a
    letter by position, gave the 27th the 1st's key)."""
    from sphinx_cv.cli.imports import ImportedCV

    cv = ImportedCV()
    for i in range(30):
        cv.add_publication("misc", "Doe2021", {"title": f"T{i}"})
    keys = [record.split("{", 1)[1].split(",", 1)[0] for record in cv.bibtex]
    assert len(set(keys)) == 30
    assert keys[:3] == ["doe2021", "doe2021b", "doe2021c"]


def test_sections_that_would_share_a_page_keep_one_each(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``Experience`` and ``experience!`` (one file name), ``Index`` (the home page's),
    ``README`` (the project's): each section keeps a page of its own, and the notes say so."""
    source = tmp_path / "cv.yaml"
    sections = {title: [f"{title} text"] for title in ("Experience", "experience!", "Index",
                                                       "README", "Expériences")}  # fmt: skip
    source.write_text(yaml.safe_dump({"cv": {"name": "J", "sections": sections}}))
    out = imported(source, tmp_path / "cv", capsys)
    site = tmp_path / "cv" / "_build" / "html"
    pages = {"experience": "Experience", "experience-2": "experience!", "index-2": "Index",
             "readme-2": "README", "experiences": "Expériences"}  # fmt: skip
    for name, title in pages.items():
        assert f"{title} text" in (site / f"{name}.html").read_text(), name
    assert "cv.sections.experience!: its page's name 'experience' is taken" in out
    assert "cv.sections.Index: its page's name 'index' is taken (the home page)" in out
    assert "# J" in (tmp_path / "cv" / "index.md").read_text()
