"""A PDF every reader gets right: machines read the résumé before people do.

The text of this repository's PDF, of a CV with every kind of entry and of a CV in nine
scripts, as three extractors read it (poppler's ``pdftotext``, pypdf, pdfminer.six): the
facts in the order the pages write them (name, contact line, each section, each entry's
title, organization, dates and location, then its bullets), words whole (no ligature
characters, no hyphenation), addresses whole. And what assistive technology reads: a
tagged PDF/UA-1 file (headings H1–H3, lists, links with their address, the language, the
title shown), the footer an artifact, an outline, and metadata that agree."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOTS, SOURCE_DATE_EPOCH, build_cv, sphinx_build
from pdfminer.high_level import extract_text as pdfminer_text
from pypdf import PdfReader


def poppler_text(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def pypdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(path).pages)


def pdfminer(path: Path) -> str:
    return str(pdfminer_text(str(path)))


EXTRACTORS: dict[str, Callable[[Path], str]] = {
    "pdftotext": poppler_text,
    "pypdf": pypdf_text,
    "pdfminer.six": pdfminer,
}


@pytest.fixture(scope="module", params=list(EXTRACTORS))
def extractor(request: pytest.FixtureRequest) -> Callable[[Path], str]:
    if request.param == "pdftotext" and shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext is not installed: .ci/run installs poppler-utils")
        pytest.skip("pdftotext is not installed (Debian: poppler-utils; CI installs it)")
    return EXTRACTORS[request.param]


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """This repository's CV, a CV with every kind of entry, a CV in nine scripts."""
    where = tmp_path_factory.mktemp("reading")
    assert build_cv(where / "cv", builder="cvpdf") == (0, "")
    found = {"cv": where / "cv" / "Xingyao-Wang-CV.pdf"}
    for root in ("test-sections", "test-international"):
        src = where / root
        shutil.copytree(ROOTS / root, src)
        out = where / f"{root}-pdf"
        assert sphinx_build(src, builder="cvpdf", out=out, epoch=SOURCE_DATE_EPOCH) == (0, "")
        (found[root],) = out.glob("*.pdf")
    return found


def flat(text: str) -> str:
    """Text on one line, runs of white space as one space (NBSP included)."""
    return " ".join(text.replace("\u00a0", " ").split())


#: The facts of each CV in the order its pages write them.
ORDER = {
    "cv": [
        "Xingyao Wang",
        "xingyaow@umich.edu",
        "linkedin.com/in/xingyao-wang",
        "EDUCATION",
        "Bachelor of Science in Computer Science and Data Science",
        "University of Michigan",
        "Sep 2019 – May 2022",
        "Ann Arbor, MI",
        "GPA: 4.00 / 4.00",
        "Relevant coursework",
        "EECS 492 Intro to Artificial Intelligence",
        "Bachelor of Science in Pharmacy and Computer Science",
        "Tianjin University",
        "Sep 2017 – Jun 2019",
        "Tianjin, China",
        "EXPERIENCE",
        "Software Engineer Intern (Deep Learning)",
        "Tencent",
        "May 2020 – Sep 2020",
        "Shenzhen, China",
        "• Honor: Star Employee of June in Exploration",
        "• Trained and converged ResNet50 on ImageNet",
        "1. Utilized Layer-wise Adaptive Rate Scaling",
        "2. Improved the scaling efficiency",
        "7. Implemented rectangle validation in TensorFlow",
        "• Mixed Precision Training",
        "Undergraduate Researcher",
        "University of Michigan, School of Information",
        "Sep 2019 – Present",
        "Ann Arbor, MI",
        "• Multi-modal Tweet-GIF Interaction Understanding",
        "PUBLICATIONS",
        "Lane Extraction and Quality Evaluation",
        "SKILLS",
        "Proficient: Python",
        "CERTIFICATIONS",
        "Python for Everybody Specialization",
    ],
    "test-sections": [
        "Jane Doe",
        "Research Scientist",
        "Quantum Labs",
        "Boston, MA",
        "Built the lab’s first magnetometer.",
        "• Led a team of three.",
        "PhD in Physics",
        "University of Somewhere",
        "GPA 3.9",
        "Reviewer",
        "Physical Review",
        "Secret Prize",
    ],
    "test-international": [
        "Zofia Łukasiewicz",
        "Antonín Dvořák",
        "Çağrı Işık",
        "Пётр Чайковский",
        "Αριστοτέλης Παπαδόπουλος",
        "王星尧",
        "Docentka (Vysoké učení technické, Antonín Dvořák’s group)",
        "Vysoké učení technické v Brně",
        "Brno",
        "• Taught with Erdős Pál of the Műegyetem, Budapest",
        "Misafir araştırmacı: Çağrı Işık",
        "İstanbul Teknik Üniversitesi",
        "Научный сотрудник: Пётр Чайковский",
        "Московский государственный университет",
        "Москва",
        "访问学者：王星尧",
        "清华大学",
    ],
}


@pytest.mark.parametrize("cv", list(ORDER))
def test_every_extractor_reads_the_facts_in_the_pages_order(
    pdfs: dict[str, Path], extractor: Callable[[Path], str], cv: str
) -> None:
    text = flat(extractor(pdfs[cv]))
    at = 0
    for fact in ORDER[cv]:
        found = text.find(fact, at)
        assert found >= 0, (fact, text[at : at + 300])
        at = found + len(fact)


def test_words_and_addresses_come_out_whole(
    pdfs: dict[str, Path], extractor: Callable[[Path], str]
) -> None:
    raw = extractor(pdfs["cv"])
    text = flat(raw)
    assert not re.search("[\ufb00-\ufb06]", raw)  # no ligature characters
    assert "\u00ad" not in raw  # no soft hyphens
    for word in ("efficiency", "Specialization", "Artificial", "Proficient", "sparsification"):
        assert word in text, word
    assert not re.search(r"[a-z]-\n[a-z]", raw)  # no word hyphenated at a line's end
    assert "xingyaow@umich.edu" in text
    assert "linkedin.com/in/xingyao-wang" in text


@pytest.fixture(scope="module")
def tagged(pdfs: dict[str, Path]) -> pikepdf.Pdf:
    return pikepdf.open(pdfs["cv"])


def structure(pdf: pikepdf.Pdf) -> list[tuple[str, int]]:
    """The structure tree's elements, (role, depth), in order."""
    found: list[tuple[str, int]] = []

    def walk(element: pikepdf.Dictionary, depth: int) -> None:
        found.append((str(element.get("/S")), depth))
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, depth + 1)

    walk(pdf.Root.StructTreeRoot, 0)
    return found


def test_the_pdf_is_tagged_with_its_language_and_title(tagged: pikepdf.Pdf) -> None:
    root = tagged.Root
    assert root.MarkInfo.Marked is True
    assert str(root.Lang) == "en"
    assert root.ViewerPreferences.DisplayDocTitle is True
    with tagged.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert xmp["pdfuaid:part"] == "1"
    roles = [role for role, _depth in structure(tagged)]
    assert roles.count("/H1") == 1
    assert roles.count("/H2") == 5  # the sections
    assert roles.count("/H3") >= 5  # the entries (and a year over the publications)
    assert roles.count("/L") >= 5
    assert roles.count("/LI") >= 20
    assert roles.count("/Link") >= 3


def test_links_are_tagged_with_their_address(tagged: pikepdf.Pdf) -> None:
    uris = {
        str(annot.A.URI)
        for page in tagged.pages
        for annot in page.get("/Annots", [])
        if annot.get("/Subtype") == "/Link" and "/A" in annot and "/URI" in annot.A
    }
    assert "mailto:xingyaow@umich.edu" in uris
    assert "https://www.linkedin.com/in/xingyao-wang" in uris
    # Each link annotation belongs to a Link element of the structure (its /StructParent).
    for page in tagged.pages:
        for annot in page.get("/Annots", []):
            assert "/StructParent" in annot


def referenced_mcids(pdf: pikepdf.Pdf) -> dict[tuple[int, int], set[int]]:
    """Each page (by object) → the marked-content ids the structure tree names on it."""
    found: dict[tuple[int, int], set[int]] = {}

    def walk(element: pikepdf.Dictionary, page: pikepdf.Object | None) -> None:
        page = element.get("/Pg", page)
        kids = element.get("/K")
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, int) and page is not None:
                found.setdefault(page.objgen, set()).add(int(kid))
            elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                found.setdefault(kid.get("/Pg", page).objgen, set()).add(int(kid.MCID))
            elif isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, page)

    walk(pdf.Root.StructTreeRoot, None)
    return found


def test_the_footer_is_outside_the_structure(tagged: pikepdf.Pdf) -> None:
    """The name and "Page X of Y" at the foot of each page are no content of the structure
    tree (WeasyPrint keeps margin boxes out of it, as PDF 1.7 asks of artifacts), so that a
    tagged reading never puts them among the entries; the rules and backgrounds are marked
    as artifacts."""
    referenced = referenced_mcids(tagged)
    for page in tagged.pages:
        operations = pikepdf.parse_content_stream(page)
        marked = [
            int(operands[1]["/MCID"])
            for operands, operator in operations
            if str(operator) == "BDC"
            and isinstance(operands[1], pikepdf.Dictionary)
            and "/MCID" in operands[1]
        ]
        outside = [mcid for mcid in marked if mcid not in referenced.get(page.objgen, set())]
        assert len(outside) == 2  # the name, the page counter
        assert outside == marked[-2:]  # drawn after the page's content
        artifacts = [o for o, op in operations if str(op) == "BMC" and str(o[0]) == "/Artifact"]
        assert artifacts  # the section rules


def test_an_outline_of_sections_and_entries(tagged: pikepdf.Pdf) -> None:
    with tagged.open_outline() as outline:
        (name,) = outline.root
        assert name.title == "Xingyao Wang"
        sections = [item.title for item in name.children]
        entries = {item.title: [e.title for e in item.children] for item in name.children}
    assert sections == ["Education", "Experience", "Publications", "Skills", "Certifications"]
    assert entries["Experience"] == [
        "Software Engineer Intern (Deep Learning)",
        "Undergraduate Researcher",
    ]
    assert entries["Education"] == [
        "Bachelor of Science in Computer Science and Data Science",
        "Bachelor of Science in Pharmacy and Computer Science",
    ]


def test_metadata_agree_with_the_xmp(tagged: pikepdf.Pdf) -> None:
    info = tagged.docinfo
    with tagged.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        assert str(info.Title) == xmp["dc:title"] == "Xingyao Wang — Résumé"
        assert str(info.Author) == "Xingyao Wang"
        assert xmp["dc:creator"] == ["Xingyao Wang"]
        assert str(info.Subject) == xmp["dc:description"]
        assert str(info.Keywords) == xmp["pdf:Keywords"]
        assert "résumé" in str(info.Keywords)
        assert str(info.Creator) == xmp["xmp:CreatorTool"] == "sphinx-cv"
        assert str(info.Producer).startswith("WeasyPrint")
        # SOURCE_DATE_EPOCH, the same in both.
        assert str(info.CreationDate) == "D:20200901000000Z"
        assert xmp["xmp:CreateDate"] == "2020-09-01T00:00:00Z"
