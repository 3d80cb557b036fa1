"""The PDF résumé: pages, metadata, fonts, text order, links, reproducibility, paper sizes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import build_cv
from pypdf import PdfReader
from sphinx_cv.pdf import layout as pdflayout
from sphinx_cv.pdf.layout import LayoutError, LayoutWorker, lay_out

PHONES = "+1734-272-2163 / +86176-9577-6683"


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The PDF builder alone (``-b cvpdf``), as a user runs it."""
    out = tmp_path_factory.mktemp("cvpdf") / "pdf"
    assert build_cv(out, builder="cvpdf") == (0, "")
    return out / "Xingyao-Wang-CV.pdf"


@pytest.fixture(scope="module")
def reader(pdf: Path) -> PdfReader:
    return PdfReader(pdf)


@pytest.fixture(scope="module")
def text(reader: PdfReader) -> str:
    raw = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", raw)


def test_one_pdf_per_variant_and_nothing_else(pdf: Path) -> None:
    """The whole CV's and the industry résumé's (docs/conf.py's cv_variants) and their twins
    (tests/pdf/test_twins.py), nothing else."""
    written = sorted(p.name for p in pdf.parent.iterdir() if not p.name.startswith("."))
    assert written == sorted(
        f"Xingyao-Wang-{name}.{suffix}"
        for name in ("CV", "Resume")
        for suffix in ("pdf", "txt", "md", "docx")
    )


def test_at_most_two_letter_pages(reader: PdfReader) -> None:
    assert 1 <= len(reader.pages) <= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (612, 792)


def test_metadata(reader: PdfReader) -> None:
    meta = reader.metadata
    assert meta.title == "Xingyao Wang — Résumé"
    assert meta.author == "Xingyao Wang"
    assert meta.subject.startswith("Résumé of Xingyao Wang")
    assert "deep learning" in meta["/Keywords"]
    # SOURCE_DATE_EPOCH=1598918400 is 2020-09-01 00:00:00 UTC.
    assert meta["/CreationDate"].startswith("D:20200901000000")


def test_fonts_are_embedded(reader: PdfReader) -> None:
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target["/FontDescriptor"].get_object()
            fonts.append(str(font["/BaseFont"]))
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")), font
    assert any("Lato" in name for name in fonts), fonts


def test_facts_in_reading_order(text: str) -> None:
    facts = [
        "Xingyao Wang",
        "xingyaow@umich.edu",
        "linkedin.com/in/xingyao-wang",
        PHONES,
        "EDUCATION",
        "Bachelor of Science in Computer Science and Data Science",
        "University of Michigan",
        "Sep 2019 – May 2022",
        "GPA: 4.00 / 4.00",
        "EECS 280 Programming and Intro Data Structures (Grade A+, Top 1.36%)",
        "Tianjin University",
        "GPA: 3.89 / 4.00",
        "EXPERIENCE",
        "Software Engineer Intern (Deep Learning)",
        "Tencent",
        "May 2020 – Sep 2020",
        "Star Employee of June in Exploration",
        "2 minutes 2 seconds using RDMA",
        "Layer-wise Adaptive Rate Scaling (LARS)",
        "rectangle validation in TensorFlow",
        "ProprageWhiteFwdThroughClearAndGray",
        "Undergraduate Researcher",
        "Blablablab NLP Group",
        "Sep 2019 – Present",
        "Professor David Jurgens",
        "Krippendorff alpha, Fleiss Kappa",
        "PUBLICATIONS",
        "Xingyao Wang, Da Yan, Ke Chen, Yancong Deng, Cheng Long, Kunlin Zhang, and Sibo Yan",
        "Lane Extraction and Quality Evaluation: A Hough Transform Based Approach",
        "SKILLS",
        "Proficient: Python",
        "Intermediate: C++, TensorFlow, C, Horovod, Git",
        "Basic: RPC (built a file transfer tool with RPC), Docker, SQL",
        "CERTIFICATIONS",
        "Deep Learning Specialization",
        "Python for Everybody Specialization",
    ]
    positions = []
    for fact in facts:
        assert fact in text, fact
        positions.append(text.index(fact, positions[-1] if positions else 0))
    assert positions == sorted(positions)


def test_no_web_chrome(text: str) -> None:
    for chrome in ["¶", "Download the full CV", "Copy", "BibTeX", "Abstract", "Search"]:
        assert chrome not in text, chrome


def test_footer(reader: PdfReader) -> None:
    total = len(reader.pages)
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {total}" in page.extract_text()
        assert "Xingyao Wang" in page.extract_text()


def test_links_are_clickable(reader: PdfReader) -> None:
    uris = set()
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            if action and "/URI" in action:
                uris.add(str(action["/URI"]))
    assert {
        "mailto:xingyaow@umich.edu",
        "https://www.linkedin.com/in/xingyao-wang",
        "https://doi.org/10.1109/MIPR49039.2020.00010",
        "https://ieeexplore.ieee.org/document/9175569",
        "https://github.com/xingyaoww/HT-Based-Evaluation-Metric",
    } <= uris


def test_reproducible_bytes_and_a4(tmp_path: Path, pdf: Path) -> None:
    assert build_cv(tmp_path / "again", builder="cvpdf") == (0, "")
    assert (tmp_path / "again" / pdf.name).read_bytes() == pdf.read_bytes()

    assert build_cv(tmp_path / "a4", "-D", "cv_pdf_paper=a4", builder="cvpdf") == (0, "")
    box = PdfReader(tmp_path / "a4" / pdf.name).pages[0].mediabox
    assert (round(float(box.width)), round(float(box.height))) == (595, 842)


def test_footer_in_the_site_language(tmp_path: Path) -> None:
    assert build_cv(tmp_path / "de", "-D", "language=de", builder="cvpdf") == (0, "")
    reader = PdfReader(next((tmp_path / "de").glob("*.pdf")))
    total = len(reader.pages)
    assert f"Seite 1 von {total}" in reader.pages[0].extract_text()
    assert "Mai 2020 – Sept. 2020" in reader.pages[0].extract_text()


def test_the_layout_worker_lays_out_like_this_process(tmp_path: Path) -> None:
    """WeasyPrint in its own process gives the same bytes as here, and says what failed."""
    page = tmp_path / "cv.html"
    page.write_text("<html><body><h1>Jane Doe</h1><p>Engineer.</p></body></html>")
    css = "@page { size: A4; }"
    here, there = tmp_path / "here.pdf", tmp_path / "there.pdf"
    assert lay_out(str(page), css, str(here)) == {"pages": 1, "step": 0}
    worker = LayoutWorker()
    worker.start([{"html_file": str(page), "page_css": css, "target": str(there)}])
    assert worker.results() == [{"pages": 1, "step": 0}]
    assert here.read_bytes() == there.read_bytes()
    worker = LayoutWorker()
    worker.start([{"html_file": str(tmp_path / "missing.html"), "page_css": css, "target": "x"}])
    [failed] = worker.results()
    assert failed["kind"] == "layout"
    assert "missing.html" in failed["error"]


def test_a_worker_that_is_not_needed_ends(tmp_path: Path) -> None:
    worker = LayoutWorker()
    process = worker.process
    assert process is not None
    worker.stop()
    assert process.poll() is not None
    with pytest.raises(LayoutError, match="stopped"):
        worker.start([{"html_file": str(tmp_path / "a.html"), "page_css": "", "target": "a"}])


def test_a_failed_layout_process_is_replaced_by_this_one(
    tmp_path: Path, pdf: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the layout process cannot do its work, the build lays the PDF out itself."""

    def broken(self: LayoutWorker) -> list[object]:
        self.stop()
        raise LayoutError("No module named 'sphinx_cv'")

    monkeypatch.setattr(LayoutWorker, "results", broken)
    out = tmp_path / "pdf"
    assert build_cv(out, builder="cvpdf") == (0, "")
    assert (out / pdf.name).read_bytes() == pdf.read_bytes()


def test_the_layout_process_runs_this_file_alone(tmp_path: Path) -> None:
    """It needs nothing of sphinx-cv importable: conf.py may add the extension's path."""
    worker = LayoutWorker()
    assert worker.process is not None
    assert worker.process.args[-1] == str(Path(pdflayout.__file__).resolve())
    source = Path(pdflayout.__file__).read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from \.|from sphinx_cv|import sphinx_cv)", source, re.MULTILINE)
    worker.stop()
