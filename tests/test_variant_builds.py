"""Variants of the CV (``cv_variants``): one source, one PDF per variant, each holding what
its variant selects (read back from the PDFs), a download menu, ``resume-NAME.json``,
private fields in the PDFs one sends and nowhere else, page budgets, bad input, and
incremental and parallel builds."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, SOURCE_DATE_EPOCH, sphinx_build
from pypdf import PdfReader
from sphinx import locale
from sphinx.cmd.build import build_main
from sphinx_cv.pdf import builder as pdf
from sphinx_cv.pdf import layout as pdflayout

ROOT = ROOTS / "test-variants"
FULL, INDUSTRY, ACADEMIC = (
    "Vera-Variant-CV.pdf",
    "Vera-Variant-CV-industry.pdf",
    "Vera-Variant-Academic.pdf",
)
PHONE = "+1 555 0199"
#: Each PDF and its text, Markdown and Word twins.
WITH_TWINS = [
    f"{pdf[:-4]}{suffix}"
    for pdf in (FULL, INDUSTRY, ACADEMIC)
    for suffix in (".pdf", ".txt", ".md", ".docx")
]
#: Those whose bytes show the phone (the Word file is compressed; test_twins reads it).
HOLDING_PHONE = sorted(name for name in WITH_TWINS if not name.endswith(".docx"))


def text_of(path: Path) -> str:
    """A PDF's text on one line."""
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


def files_holding(folder: Path, needle: str) -> list[str]:
    """The files under ``folder`` whose bytes or text hold ``needle``."""
    found = []
    for path in folder.rglob("*"):
        if not path.is_file():
            continue
        data = path.read_bytes()
        text = text_of(path) if path.suffix == ".pdf" else ""
        if needle.encode() in data or needle in text:
            found.append(str(path.relative_to(folder)))
    return found


def copy_root(where: Path, **files: str) -> Path:
    src = where / "src"
    shutil.copytree(ROOT, src)
    for name, text in files.items():
        (src / name.replace("__", ".")).write_text(text, encoding="utf-8")
    return src


def build_verbose(src: Path, *args: str, builder: str = "html", out: Path) -> tuple[int, str, str]:
    """sphinx-build as a user runs it, saying what it does: (status, stdout, stderr)."""
    err, said = io.StringIO(), io.StringIO()
    locale.translators.clear()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(said):
            status = build_main(["-b", builder, "-W", "--keep-going", *args, str(src), str(out)])
    finally:
        locale.translators.clear()
    return status, said.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site with its PDFs (public), then the PDFs to send (``-b cvpdf``, with a
    private.toml), from the same doctrees, as ``nox -s build`` does."""
    where = tmp_path_factory.mktemp("variants")
    src = copy_root(where, private__toml=f'phone = "{PHONE}"\n')
    doctrees = str(where / "doctrees")
    site, sent = where / "html", where / "pdf"
    assert sphinx_build(src, "-d", doctrees, out=site, epoch=SOURCE_DATE_EPOCH) == (0, "")
    status, said, err = build_verbose(src, "-d", doctrees, builder="cvpdf", out=sent)
    assert (status, err) == (0, "")
    assert "0 added, 0 changed, 0 removed" in said  # one reading of the sources, for both
    return {"src": src, "site": site, "sent": sent, "doctrees": where / "doctrees"}


def test_one_pdf_per_variant_in_the_site_and_to_send(built: dict[str, Path]) -> None:
    for folder in (built["site"], built["sent"]):
        assert sorted(p.name for p in folder.glob("*.pdf")) == sorted([FULL, INDUSTRY, ACADEMIC])
    # The PDF builder writes its PDFs and their twins (tests/pdf/test_twins.py), nothing else.
    sent = sorted(p.name for p in built["sent"].iterdir() if not p.name.startswith("."))
    assert sent == sorted(WITH_TWINS)


#: Words of the test root's content, and which PDFs hold them.
HOLDS = {
    "UNICORNLINE": {FULL, INDUSTRY, ACADEMIC},  # untagged: in every variant
    "ZEBRAQUOTE": {FULL, ACADEMIC},  # a paragraph tagged academic
    "PAYMENTSERVICE": {FULL, INDUSTRY},  # an entry tagged industry
    "GARBAGECOLLECTOR": {FULL},  # a span tagged details, in that entry
    "HEAPSIZES": {FULL},  # a list tagged details in the industry entry
    "LATTICEMODEL": {FULL, ACADEMIC},  # an entry tagged research
    "CHILDRENCODING": {FULL, INDUSTRY, ACADEMIC},  # an untagged entry
    "HOMEWORKSETS": {FULL, ACADEMIC},  # a page tagged academic; a teaching entry
    "Selected Systems Paper": {FULL, INDUSTRY},  # selected, keyword industry
    "Theory of Lattices": {FULL, ACADEMIC},  # untagged, not selected
    "Old Industry Note": {FULL},  # tags industry, not selected
    "Backend engineer": {INDUSTRY},  # the industry variant's subtitle
}


@pytest.mark.parametrize("words", list(HOLDS))
def test_each_pdf_holds_what_its_variant_selects(built: dict[str, Path], words: str) -> None:
    for folder in (built["site"], built["sent"]):
        holding = {name for name in (FULL, INDUSTRY, ACADEMIC) if words in text_of(folder / name)}
        assert holding == HOLDS[words], (folder.name, words)


def test_a_variant_keeps_its_sections_in_its_order(built: dict[str, Path]) -> None:
    text = text_of(built["site"] / INDUSTRY)
    headings = [h for h in ("SKILLS", "JOBS", "TEACHING", "PAPERS") if h in text]
    assert headings == ["SKILLS", "JOBS", "PAPERS"]
    assert sorted(headings, key=text.index) == headings
    full = text_of(built["site"] / FULL)
    assert sorted(["JOBS", "TEACHING", "SKILLS", "PAPERS"], key=full.index) == [
        "JOBS",
        "TEACHING",
        "SKILLS",
        "PAPERS",
    ]
    # What a variant empties goes too: no year heading without its publications.
    assert "2021" not in text.split("PAPERS", 1)[1]


def test_each_pdf_has_its_title(built: dict[str, Path]) -> None:
    titles = {name: PdfReader(built["site"] / name).metadata.title for name in (FULL, INDUSTRY)}
    assert titles == {
        FULL: "Vera Variant — Curriculum Vitae",
        INDUSTRY: "Vera Variant — Industry résumé",
    }


def test_the_site_offers_every_pdf_in_a_menu(built: dict[str, Path]) -> None:
    for page in ("index.html", "jobs.html"):
        soup = BeautifulSoup((built["site"] / page).read_text(encoding="utf-8"), "html.parser")
        menu = [(a.get_text(strip=True), a["href"]) for a in soup.select(".cv-pdf-menu li > a")]
        assert menu == [("Full CV", FULL), ("Industry résumé", INDUSTRY), ("Academic", ACADEMIC)]


def test_resume_json_per_variant(built: dict[str, Path]) -> None:
    def load(name: str) -> dict[str, Any]:
        data: dict[str, Any] = json.loads((built["site"] / name).read_text(encoding="utf-8"))
        return data

    full, industry = load("resume.json"), load("resume-industry.json")
    assert [w["name"] for w in full["work"]] == ["Initech", "Example University", "Code Club"]
    assert [w["name"] for w in industry["work"]] == ["Initech", "Code Club"]
    assert industry["work"][0]["highlights"] == ["Built the PAYMENTSERVICE."]
    assert "GARBAGECOLLECTOR" in json.dumps(full)
    assert [p["name"] for p in industry["publications"]] == ["Selected Systems Paper"]
    assert "teaching" not in load("resume-industry.json")
    assert "HOMEWORKSETS" in json.dumps(load("resume-academic.json"))


def test_private_fields_are_in_the_pdfs_to_send_and_nowhere_else(built: dict[str, Path]) -> None:
    for name in (FULL, INDUSTRY, ACADEMIC):
        assert f"Phone: {PHONE}" in text_of(built["sent"] / name)
    assert files_holding(built["site"], PHONE) == []
    assert files_holding(built["doctrees"], PHONE) == []
    assert sorted(files_holding(built["sent"], PHONE)) == HOLDING_PHONE
    # The site's PDFs drop the field, its label with it.
    assert "Phone" not in text_of(built["site"] / FULL)


def test_private_fields_stay_out_of_a_doctrees_folder_inside_the_output(tmp_path: Path) -> None:
    """Without -d, Sphinx keeps its doctrees in the output folder: the page the PDF is laid
    out from (with the phone) is removed once the PDF is written."""
    src = copy_root(tmp_path, private__toml=f'phone = "{PHONE}"\n')
    out = tmp_path / "out"
    assert sphinx_build(src, builder="cvpdf", out=out) == (0, "")
    assert sorted(files_holding(out, PHONE)) == HOLDING_PHONE


def test_environment_variables_give_private_fields(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    os.environ["CV_PRIVATE_PHONE"] = "+44 20 7946 0000"
    try:
        assert sphinx_build(src, builder="cvpdf", out=tmp_path / "out") == (0, "")
    finally:
        del os.environ["CV_PRIVATE_PHONE"]
    assert "Phone: +44 20 7946 0000" in text_of(tmp_path / "out" / FULL)


def test_without_private_fields_the_build_says_so_once(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    status, said, err = build_verbose(src, builder="cvpdf", out=tmp_path / "out")
    assert (status, err) == (0, "")
    assert said.count("the PDFs are made without private fields") == 1
    assert "private.toml" in said
    assert "Phone" not in text_of(tmp_path / "out" / FULL)


def test_a_private_field_missing_from_the_file_is_a_warning_at_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path, private__toml='address = "1 Main St"\n')
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "out")
    assert status == 1
    assert f"{src / 'index.md'}:5: WARNING: private: " in err
    assert "has no 'phone'; add phone = \"…\" to it (or set CV_PRIVATE_PHONE)" in err
    assert err.count("has no 'phone'") == 1  # once, not once per variant


def test_a_private_value_that_is_no_text_fails_the_build_at_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path, private__toml='phone = "+1 555 0100"\n\n[address]\nstreet = "x"\n')
    status, err = sphinx_build(src, "-W", builder="cvpdf", out=tmp_path / "out")
    assert status == 1
    assert f"{src / 'private.toml'}:3: ERROR: private.toml: address is not text in quotes" in err


def test_a_private_file_that_is_no_toml_is_an_error_at_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path, private__toml='phone = "+1"\nthis is not toml\n')
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "out")
    assert status == 1
    assert f"{src / 'private.toml'}:2: ERROR: private.toml is not TOML" in err
    assert "traceback" not in err.lower()


def conf_with(variants: str) -> str:
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    return conf.split("cv_variants =", 1)[0] + f"cv_variants = {variants}\n"


def test_a_tag_on_no_content_warns_with_the_nearest_one(tmp_path: Path) -> None:
    src = copy_root(tmp_path, conf__py=conf_with('{"jobs": {"tags": ["industy"]}}'))
    status, err = sphinx_build(src, out=tmp_path / "out")
    assert status == 1
    [line] = err.splitlines()
    assert line.startswith(f"{src / 'conf.py'}:")
    said = "cv_variants['jobs']['tags']: no content has the tag 'industy'"
    assert f'{said}; did you mean "industry"?' in line


def test_a_variant_that_selects_nothing_is_an_error(tmp_path: Path) -> None:
    variants = '{"empty": {"sections": ["teaching"], "exclude": ["teaching"]}}'
    src = copy_root(tmp_path, conf__py=conf_with(variants))
    status, err = sphinx_build(src, out=tmp_path / "out")
    assert status == 1
    assert f"{src / 'conf.py'}:" in err
    assert "ERROR: cv_variants['empty'] selects nothing" in err


def test_a_bad_tag_class_warns_at_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    skills = src / "skills.md"
    skills.write_text(skills.read_text() + "\n{.tag-Big_Data}\nA paragraph.\n", encoding="utf-8")
    status, err = sphinx_build(src, out=tmp_path / "out")
    assert status == 1
    assert f"{src / 'skills.md'}:9: WARNING: class tag-Big_Data: " in err
    assert 'write "big_data"' in err


def long_jobs(count: int) -> str:
    bullet = (
        "- Shipped a feature that customers used every day, with tests and a careful rollout.\n"
    )
    return "# Jobs\n\n" + "".join(
        f"```{{experience}} Engineer {n}\n:organization: Company {n}\n:start: 2010-01\n"
        f":end: 2011-01\n\n{bullet * 3}```\n\n"
        for n in range(count)
    )


def test_a_pdf_over_its_page_budget_is_a_warning_that_says_by_how_much(tmp_path: Path) -> None:
    variants = '{"short": {"pages": 1, "sections": ["jobs", "skills"]}}'
    src = copy_root(tmp_path, conf__py=conf_with(variants), jobs__md=long_jobs(30))
    status, err = sphinx_build(src, out=tmp_path / "out")
    assert status == 1
    [line] = err.splitlines()
    assert line.startswith(f"{src / 'conf.py'}:")
    match = re.search(
        r"cv_variants\['short'\]: Vera-Variant-CV-short\.pdf is (\d+) pages for a budget of 1, "
        r"even with the spacing tightened: (\d+) line\(s\), (\d+) mm, past page 1; the largest "
        r"sections are Jobs \((\d+) mm\), Skills \((\d+) mm\)",
        line,
    )
    assert match, line
    pages, lines, mm, jobs, skills = map(int, match.groups())
    assert pages == len(PdfReader(tmp_path / "out" / "Vera-Variant-CV-short.pdf").pages) >= 2
    assert lines > 10
    assert mm > 40
    assert jobs > 250 > skills > 0  # more than a page, and a line or two


def test_spacing_is_tightened_within_bounds_before_a_warning(tmp_path: Path) -> None:
    """A page over its budget is laid out again with each step of TIGHTER; the type is
    never below 9.5 pt; a page that then fits is no warning."""
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body style='font-size: 10pt'><main><section id='top'><h1>Name</h1>"
        "<section id='jobs'><h2>Jobs</h2>" + "<p>A line of text.</p>" * 60 + "</section>"
        "</section></main></body></html>",
        encoding="utf-8",
    )
    target = tmp_path / "out.pdf"
    assert pdflayout.lay_out(str(page), "", str(target), budget=1)["pages"] == 2
    fits = pdflayout.lay_out(
        str(page), "", str(target), ["p { margin: 0; font-size: 6pt; }"], budget=1
    )
    assert fits == {"pages": 1, "step": 1}
    over = pdflayout.lay_out(str(page), "", str(target), ["p { margin: 0.5em 0; }"], budget=1)
    assert (over["pages"], over["step"]) == (2, 1)
    assert over["overflow"]["sections"][0][0] == "Jobs"
    assert over["overflow"]["lines"] > 0
    assert over["overflow"]["mm"] > 0
    # The builder's steps: the type never goes below 9.5 pt.
    sizes = [float(s) for step in pdf.TIGHTER for s in re.findall(r"font-size: ([\d.]+)pt", step)]
    assert sizes
    assert min(sizes) >= 9.5


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The PDFs laid out (by the worker or in this process), by file name."""
    laid_out: list[str] = []
    worker_start = pdflayout.LayoutWorker.start

    def start(self: pdflayout.LayoutWorker, jobs: list[Any]) -> None:
        laid_out.extend(Path(job["target"]).name for job in jobs)
        worker_start(self, jobs)

    def lay_out_here(**job: Any) -> Any:
        laid_out.append(Path(job["target"]).name)
        return pdflayout.lay_out(**job)

    monkeypatch.setattr(pdflayout.LayoutWorker, "start", start)
    monkeypatch.setattr(pdf, "lay_out", lay_out_here)
    return laid_out


#: Pages Sphinx itself writes again on every build (its index and search pages).
SPHINX_OWN = {"genindex.html", "search.html"}


def mtimes(folder: Path) -> dict[str, int]:
    """When each page of the CV, PDF and export was written."""
    kinds = (".html", ".pdf", ".json")
    return {
        p.name: p.stat().st_mtime_ns
        for p in folder.glob("*")
        if p.suffix in kinds and p.name not in SPHINX_OWN
    }


def test_changing_one_variant_rebuilds_its_pdf_and_nothing_else(
    tmp_path: Path, counted: list[str]
) -> None:
    src = copy_root(tmp_path)
    out = tmp_path / "out"

    def build() -> dict[str, int]:
        counted.clear()
        assert sphinx_build(src, out=out, epoch=SOURCE_DATE_EPOCH) == (0, "")
        return mtimes(out)

    first = build()
    assert sorted(counted) == sorted([FULL, INDUSTRY, ACADEMIC])
    assert build() == first
    assert counted == []
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('"max": 2', '"max": 0'), encoding="utf-8")
    second = build()
    assert counted == [ACADEMIC]
    changed = {name for name in first if first[name] != second[name]}
    assert changed == {ACADEMIC, "resume-academic.json"}
    # A new label changes the menu of every page, and no PDF.
    conf.write_text(
        conf.read_text().replace('"label": "Industry résumé"', '"label": "Résumé"'),
        encoding="utf-8",
    )
    third = build()
    assert counted == []
    assert {name for name in second if second[name] != third[name]} == {
        "index.html",
        "jobs.html",
        "teaching.html",
        "skills.html",
        "papers.html",
    }
    assert ">Résumé</a>" in (out / "index.html").read_text(encoding="utf-8")


def test_parallel_builds_give_the_same_pdfs(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    assert sphinx_build(src, out=serial, epoch=SOURCE_DATE_EPOCH) == (0, "")
    assert sphinx_build(src, "-j", "2", out=parallel, epoch=SOURCE_DATE_EPOCH) == (0, "")
    for name in (FULL, INDUSTRY, ACADEMIC, "resume-industry.json"):
        assert (serial / name).read_bytes() == (parallel / name).read_bytes(), name


def test_one_variant_alone(tmp_path: Path) -> None:
    """``nox -s build -- industry`` (``-D cv_pdf_variants=industry``)."""
    src = copy_root(tmp_path)
    out = tmp_path / "out"
    status, err = sphinx_build(src, "-D", "cv_pdf_variants=industry", builder="cvpdf", out=out)
    assert (status, err) == (0, "")
    assert [p.name for p in out.glob("*.pdf")] == [INDUSTRY]


@pytest.fixture
def flagship(cv_build: dict[str, Path]) -> dict[str, str]:
    return {name: text_of(cv_build[name]) for name in ("pdf", "resume")}


def test_the_flagship_industry_resume_is_one_page(
    cv_build: dict[str, Path], flagship: dict[str, str]
) -> None:
    """docs/conf.py's industry variant: one page of experience, skills, education and the
    publication; the whole CV has the certifications and the details too."""
    assert len(PdfReader(cv_build["resume"]).pages) == 1
    resume, full = flagship["resume"], flagship["pdf"]
    for words in ("EXPERIENCE", "SKILLS", "EDUCATION", "PUBLICATIONS", "Lane Extraction"):
        assert words in resume, words
        assert words in full, words
    for words in ("CERTIFICATIONS", "Relevant coursework", "AdaScale SGD", "Awarded by the Jizhi"):
        assert words not in resume, words
        assert words in full, words
    assert resume.index("EXPERIENCE") < resume.index("SKILLS") < resume.index("EDUCATION")


def test_a_renamed_variant_leaves_no_stale_file_in_the_site(tmp_path: Path) -> None:
    src = copy_root(tmp_path)
    out = tmp_path / "out"
    assert sphinx_build(src, out=out) == (0, "")
    conf = src / "conf.py"
    conf.write_text(conf.read_text().replace('"academic": {', '"scholar": {'), encoding="utf-8")
    (out / "notes.pdf").write_bytes(b"%PDF- the site's own file")  # not the builder's
    assert sphinx_build(src, out=out) == (0, "")
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        [FULL, INDUSTRY, ACADEMIC, "notes.pdf"]
    )
    assert not (out / "resume-academic.json").exists()
    assert (out / "resume-scholar.json").is_file()
    twins = sorted(p.name for p in out.glob("Vera-Variant-Academic.*"))
    assert twins == [f"Vera-Variant-Academic.{f}" for f in ("docx", "md", "pdf", "txt")]
    conf.write_text(conf.read_text().replace('"filename": "Vera-Variant-Academic.pdf",', ""))
    assert sphinx_build(src, out=out) == (0, "")
    assert sorted(p.name for p in out.glob("*.pdf")) == sorted(
        [FULL, INDUSTRY, "Vera-Variant-CV-scholar.pdf", "notes.pdf"]
    )
    assert list(out.glob("Vera-Variant-Academic.*")) == []  # its twins went with it
    conf.write_text(conf.read_text() + "cv_twins = ['txt']\n", encoding="utf-8")
    assert sphinx_build(src, out=out) == (0, "")
    assert sorted(p.suffix for p in out.glob("Vera-Variant-CV.*")) == [".pdf", ".txt"]


@pytest.mark.parametrize(
    ("filename", "owner"),
    [("vera-variant-cv.pdf", "the whole CV"), ("Vera-Variant-CV-industry.pdf", "'industry'")],
)
def test_two_pdfs_with_one_file_name_is_an_error(tmp_path: Path, filename: str, owner: str) -> None:
    variants = f'{{"industry": {{}}, "other": {{"filename": {filename!r}}}}}'
    src = copy_root(tmp_path, conf__py=conf_with(variants))
    status, err = sphinx_build(src, out=tmp_path / "out")
    assert status == 1
    assert f"ERROR: cv_variants['other']: its PDF, {filename}, is {owner}'s file too" in err
    assert sorted(p.name for p in (tmp_path / "out").glob("*.pdf")) == sorted([FULL, INDUSTRY])


def test_private_pages_are_removed_when_a_pdf_is_copied_too(tmp_path: Path) -> None:
    """The PDFs to send, built twice into two folders with one doctrees folder: the second
    build copies the first's PDFs and still leaves no page with the phone behind."""
    src = copy_root(tmp_path, private__toml=f'phone = "{PHONE}"\n')
    doctrees = ["-d", str(tmp_path / "doctrees")]
    for out in ("one", "two"):
        assert sphinx_build(src, *doctrees, builder="cvpdf", out=tmp_path / out) == (0, "")
    assert PHONE in text_of(tmp_path / "two" / FULL)
    assert files_holding(tmp_path / "doctrees", PHONE) == []


def test_an_overflow_is_said_on_every_build_until_it_is_fixed(tmp_path: Path) -> None:
    variants = '{"short": {"pages": 1, "sections": ["jobs"]}}'
    src = copy_root(tmp_path, conf__py=conf_with(variants), jobs__md=long_jobs(20))
    for builder in ("html", "html", "cvpdf", "cvpdf"):
        status, err = sphinx_build(src, builder=builder, out=tmp_path / builder)
        assert status == 1, builder
        assert "pages for a budget of 1, even with the spacing tightened" in err


def test_a_variant_keeps_pages_under_the_pages_it_keeps(tmp_path: Path) -> None:
    """``sections`` names the pages under the first page; a page under one of them stands
    with it, in the PDF and in resume-NAME.json alike; the first page's own sections go by
    their anchor."""
    index = (ROOT / "index.md").read_text(encoding="utf-8")
    index += "\n## Honours\n\n```{award} ROOTPRIZE\n:awarder: Somebody\n:date: 2020\n```\n"
    jobs = (ROOT / "jobs.md").read_text(encoding="utf-8")
    jobs += "\n```{toctree}\n:hidden:\n\nearlier\n```\n"
    earlier = (
        "# Earlier\n\n```{experience} Clerk\n:organization: OLDORG\n:start: 2010\n:end: 2011\n```\n"
    )
    src = copy_root(
        tmp_path,
        conf__py=conf_with('{"short": {"sections": ["jobs"]}, "prize": {"sections": ["honours"]}}'),
        index__md=index,
        jobs__md=jobs,
        earlier__md=earlier,
    )
    out = tmp_path / "out"
    assert sphinx_build(src, out=out) == (0, "")
    short, prize = (
        text_of(out / "Vera-Variant-CV-short.pdf"),
        text_of(out / "Vera-Variant-CV-prize.pdf"),
    )
    exported = {
        name: json.dumps(json.loads((out / f"resume-{name}.json").read_text(encoding="utf-8")))
        for name in ("short", "prize")
    }
    assert "OLDORG" in short
    assert "OLDORG" in exported["short"]
    assert "ROOTPRIZE" not in short
    assert "ROOTPRIZE" not in exported["short"]
    assert "ROOTPRIZE" in prize
    assert "ROOTPRIZE" in exported["prize"]
    assert "OLDORG" not in prize
    assert "OLDORG" not in exported["prize"]
