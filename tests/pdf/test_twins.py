"""The PDFs' plain twins (``NAME-CV.txt``, ``.md``, ``.docx``): written next to each PDF by
the same build, in the site and in ``-b cvpdf``'s output, each holding every fact of the
CV in its order, following the variants, private fields only where the PDF has them,
offered in the site's download menu; reproducible; ``cv_twins`` turns them off."""

from __future__ import annotations

import importlib.util
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from bs4 import BeautifulSoup
from conftest import REPO, ROOTS, SOURCE_DATE_EPOCH, sphinx_build
from markdown_it import MarkdownIt
from pypdf import PdfReader
from sphinx_cv.pdf.plain import Block, Span
from sphinx_cv.pdf.twins import WIDTH, cells, markdown_form, text_form
from support import PAGES
from test_variant_builds import ACADEMIC, FULL, HOLDS, INDUSTRY, PHONE

FORMS = ("txt", "md", "docx")
CV, RESUME = "Xingyao-Wang-CV", "Xingyao-Wang-Resume"


def _facts() -> dict[str, list[str]]:
    """The site test's facts of resume.txt, page by page (tests/site/test_site.py)."""
    path = REPO / "tests" / "site" / "test_site.py"
    spec = importlib.util.spec_from_file_location("site_facts", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    facts: dict[str, list[str]] = module.FACTS
    return facts


FACTS = _facts()


def md_html(path: Path) -> str:
    return MarkdownIt("commonmark").render(path.read_text(encoding="utf-8"))


def text_of(path: Path) -> str:
    """What a reader of the twin reads, on one line per paragraph: a Markdown file as
    rendered, a Word file's paragraphs; link addresses too."""
    if path.suffix == ".txt":
        return path.read_text(encoding="utf-8")
    if path.suffix == ".md":
        soup = BeautifulSoup(md_html(path), "html.parser")
        return soup.get_text() + " ".join(str(a["href"]) for a in soup.find_all("a"))
    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    lines += [link.address for p in document.paragraphs for link in p.hyperlinks]
    return "\n".join(lines)


def flat(text: str) -> str:
    """As the site test reads a page: one space for each run of white space, plain quotes."""
    return " ".join(text.replace("\u2019", "'").split())


# -- The flagship CV (docs/), built as nox -s build does


@pytest.fixture(scope="module")
def site(cv_build: dict[str, Path]) -> Path:
    return cv_build["html"]


@pytest.mark.parametrize("form", FORMS)
def test_each_pdf_of_the_site_has_its_twins(site: Path, form: str) -> None:
    for stem in (CV, RESUME):
        assert (site / f"{stem}.{form}").is_file()


@pytest.mark.parametrize("form", FORMS)
def test_every_fact_is_in_each_twin_in_the_pages_order(site: Path, form: str) -> None:
    text = flat(text_of(site / f"{CV}.{form}"))
    missing = [fact for page in PAGES for fact in FACTS[page] if flat(fact) not in text]
    assert not missing
    # Each page's first fact after the one of the page before: the CV's order.
    at = 0
    for page in PAGES:
        at = text.index(flat(FACTS[page][0]), at)


def test_the_text_twin_is_80_columns(site: Path) -> None:
    for stem in (CV, RESUME):
        lines = (site / f"{stem}.txt").read_text(encoding="utf-8").splitlines()
        assert lines[:2] == ["Xingyao Wang", "============"]
        # A longer line is one word that cannot be cut (an address).
        long = [line for line in lines if len(line) > WIDTH and len(line.split()) > 1]
        assert not long
        assert max(map(len, lines)) <= WIDTH


def test_the_markdown_twin_has_headings_lists_and_links(site: Path) -> None:
    soup = BeautifulSoup(md_html(site / f"{CV}.md"), "html.parser")
    assert [h.get_text() for h in soup.find_all("h1")] == ["Xingyao Wang"]
    assert [h.get_text() for h in soup.find_all("h2")] == [
        "Education",
        "Experience",
        "Publications",
        "Skills",
        "Certifications",
    ]
    h3 = [h.get_text() for h in soup.find_all("h3")]
    assert "Software Engineer Intern (Deep Learning)" in h3
    assert "2020" in h3  # the year over the publications
    # Seven numbered techniques under the ImageNet bullet, as on the site.
    assert any(len(ol.find_all("li", recursive=False)) == 7 for ol in soup.find_all("ol"))
    assert soup.find("a", href="mailto:xingyaow@umich.edu") is not None
    assert soup.find("strong", string="Xingyao Wang") is not None  # the owner in the reference


def test_the_word_twin_has_word_headings_lists_links_and_metadata(
    site: Path, cv_build: dict[str, Path]
) -> None:
    document = docx.Document(str(site / f"{CV}.docx"))
    styles = [p.style.name for p in document.paragraphs]
    assert styles[0] == "Title"
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Education", "Experience", "Publications", "Skills", "Certifications"]
    assert "Software Engineer Intern (Deep Learning)" in [
        p.text for p in document.paragraphs if p.style.name == "Heading 2"
    ]
    assert styles.count("List Bullet") >= 10
    assert styles.count("List Number 2") == 10  # 7 techniques + 3 crawling steps
    links = [link.address for p in document.paragraphs for link in p.hyperlinks]
    assert "mailto:xingyaow@umich.edu" in links
    assert "https://doi.org/10.1109/MIPR49039.2020.00010" in links
    pdf = PdfReader(cv_build["pdf"]).metadata
    core = document.core_properties
    assert (core.title, core.author, core.subject, core.keywords) == (
        pdf.title,
        pdf.author,
        pdf.subject,
        pdf["/Keywords"],
    )
    assert core.created is not None
    assert core.created.timestamp() == int(SOURCE_DATE_EPOCH)
    # No picture of python-docx's template document as the file's thumbnail.
    with zipfile.ZipFile(site / f"{CV}.docx") as archive:
        assert not [name for name in archive.namelist() if "thumbnail" in name]


def test_each_numbered_list_of_the_word_twin_counts_from_one(site: Path) -> None:
    document = docx.Document(str(site / f"{CV}.docx"))
    numbered = [p for p in document.paragraphs if p.style.name == "List Number 2"]
    ids = [p._p.pPr.numPr.numId.val for p in numbered]  # two lists: two numberings
    assert len(set(ids)) == 2
    assert ids == sorted(ids)


def test_the_menu_offers_each_pdf_and_its_twins(site: Path) -> None:
    soup = BeautifulSoup((site / "experience.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("details.cv-pdf-menu li")
    offered = [
        [(a.get_text(strip=True), a["href"], a["type"]) for a in row.find_all("a")] for row in rows
    ]
    assert [[(label, href) for label, href, _type in row] for row in offered] == [
        [(label, f"{stem}.{suffix}") for label, suffix in zip(labels, SUFFIXES, strict=True)]
        for stem, labels in ((CV, LABELS), (RESUME, ("One-page résumé", *LABELS[1:])))
    ]
    assert all((site / href).is_file() for row in offered for _label, href, _type in row)
    assert offered[0][1][2] == "text/plain"


LABELS = ("Full CV", "Text", "Markdown", "Word")
SUFFIXES = ("pdf", "txt", "md", "docx")


# -- Variants and private fields (tests/roots/test-variants)

STEMS = {name: name.removesuffix(".pdf") for name in (FULL, INDUSTRY, ACADEMIC)}


def copy_root(where: Path, conf: str = "", private: bool = True) -> Path:
    src = where / "src"
    shutil.copytree(ROOTS / "test-variants", src)
    if private:
        (src / "private.toml").write_text(f'phone = "{PHONE}"\n', encoding="utf-8")
    if conf:
        with (src / "conf.py").open("a", encoding="utf-8") as file:
            file.write(conf)
    return src


@pytest.fixture(scope="module")
def variants(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The site with its public PDFs and twins, then the PDFs to send, with a private.toml."""
    where = tmp_path_factory.mktemp("twins")
    src = copy_root(where)
    doctrees = ["-d", str(where / "doctrees")]
    site, sent = where / "html", where / "pdf"
    assert sphinx_build(src, *doctrees, out=site, epoch=SOURCE_DATE_EPOCH) == (0, "")
    assert sphinx_build(src, *doctrees, builder="cvpdf", out=sent, epoch=SOURCE_DATE_EPOCH) == (
        0,
        "",
    )
    return {"site": site, "sent": sent}


def test_twins_next_to_each_pdf_in_the_site_and_to_send(variants: dict[str, Path]) -> None:
    for folder in (variants["site"], variants["sent"]):
        for stem in STEMS.values():
            assert all((folder / f"{stem}.{form}").is_file() for form in FORMS), stem
    sent = sorted(p.name for p in variants["sent"].iterdir() if not p.name.startswith("."))
    assert sent == sorted(f"{stem}.{suffix}" for stem in STEMS.values() for suffix in SUFFIXES)


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("words", list(HOLDS))
def test_each_twin_holds_what_its_variant_selects(
    variants: dict[str, Path], form: str, words: str
) -> None:
    for folder in (variants["site"], variants["sent"]):
        holding = {
            name for name, stem in STEMS.items() if words in text_of(folder / f"{stem}.{form}")
        }
        assert holding == HOLDS[words], (folder.name, form)


@pytest.mark.parametrize("form", FORMS)
def test_private_fields_only_in_the_twins_to_send(variants: dict[str, Path], form: str) -> None:
    for stem in STEMS.values():
        assert PHONE in text_of(variants["sent"] / f"{stem}.{form}")
        assert PHONE not in text_of(variants["site"] / f"{stem}.{form}")
        assert "Phone" not in text_of(variants["site"] / f"{stem}.{form}")


def test_twins_are_reproducible_and_written_only_when_changed(
    variants: dict[str, Path], tmp_path: Path
) -> None:
    """Another build, from scratch, gives the same bytes (the Word file's dates are the
    epoch's); a build with nothing changed leaves the files alone."""
    src = copy_root(tmp_path)
    out = tmp_path / "pdf"
    assert sphinx_build(src, builder="cvpdf", out=out, epoch=SOURCE_DATE_EPOCH) == (0, "")
    twins = sorted(p.name for p in out.iterdir() if p.suffix in (".txt", ".md", ".docx"))
    assert len(twins) == 9
    for name in twins:
        assert (out / name).read_bytes() == (variants["sent"] / name).read_bytes(), name
    written = {name: (out / name).stat().st_mtime_ns for name in twins}
    assert sphinx_build(src, "-E", builder="cvpdf", out=out, epoch=SOURCE_DATE_EPOCH) == (0, "")
    assert {name: (out / name).stat().st_mtime_ns for name in twins} == written


def test_cv_twins_chooses_the_forms(tmp_path: Path) -> None:
    src = copy_root(tmp_path / "none", "cv_twins = []\n", private=False)
    assert sphinx_build(src, out=tmp_path / "none" / "html") == (0, "")
    site = tmp_path / "none" / "html"
    assert sorted(p.suffix for p in site.glob("Vera-Variant-CV.*")) == [".pdf"]
    # One PDF per row, no twins, in the menu.
    soup = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert not soup.select(".cv-pdf-twins")
    src = copy_root(tmp_path / "md", "cv_twins = ['md']\n", private=False)
    assert sphinx_build(src, builder="cvpdf", out=tmp_path / "md" / "pdf") == (0, "")
    assert sorted(p.suffix for p in (tmp_path / "md" / "pdf").glob("Vera-Variant-CV.*")) == [
        ".md",
        ".pdf",
    ]
    # -D cv_twins= (empty) is none too.
    out = tmp_path / "md" / "none"
    assert sphinx_build(src, "-D", "cv_twins=", builder="cvpdf", out=out) == (0, "")
    assert sorted(p.suffix for p in out.iterdir() if not p.name.startswith(".")) == [".pdf"] * 3


def test_a_single_pdf_with_twins_is_a_menu(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "cv_variants = {}\ncv_twins = ['txt']\n", private=False)
    assert sphinx_build(src, out=tmp_path / "html") == (0, "")
    page = (tmp_path / "html" / "jobs.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(page, "html.parser")
    menu = [(a.get_text(strip=True), a["href"]) for a in soup.select("details.cv-pdf-menu li a")]
    assert menu == [("Full CV", FULL), ("Text", "Vera-Variant-CV.txt")]


def test_an_unknown_form_is_an_error_at_its_line(tmp_path: Path) -> None:
    src = copy_root(tmp_path, "cv_twins = ['txt', 'pdf']\n", private=False)
    line = (
        (src / "conf.py")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("cv_twins = ['txt', 'pdf']")
    )
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "out")
    assert status == 1
    assert f"conf.py:{line + 1}: ERROR: cv_twins: 'pdf' is not a form of twin; write" in err
    assert "traceback" not in err.lower()


# -- Markdown: all of it is text

HOSTILE = 'He said "hi" *not bold* # no heading <script>alert(1)</script> [x](javascript:alert(1))'


def test_markdown_shows_hostile_text_as_it_is() -> None:
    blocks = [
        Block("heading", (Span("# Name <b>"),), level=1),
        Block("paragraph", (Span("- not a list "), Span(HOSTILE, bold=True))),
        Block("paragraph", (Span("1. not a list either"),)),
        Block("item", (Span("a link", url="javascript:alert(1)"),), depth=1, marker="-"),
        Block("item", (Span("ok]) [y](", url="https://example.org/a b"),), depth=1, marker="-"),
    ]
    html = MarkdownIt("commonmark").render(markdown_form(blocks))
    soup = BeautifulSoup(html, "html.parser")
    assert soup.find("script") is None
    assert soup.find("b") is None
    assert soup.h1 is not None
    assert soup.h1.get_text() == "# Name <b>"
    assert [a["href"] for a in soup.find_all("a")] == ["https://example.org/a%20b"]
    assert soup.find("a").get_text() == "ok]) [y]("
    assert soup.find("strong").get_text() == HOSTILE
    paragraphs = [p.get_text() for p in soup.find_all("p")]
    assert paragraphs == [f"- not a list {HOSTILE}", "1. not a list either"]
    assert [li.get_text() for li in soup.find_all("li")] == ["a link", "ok]) [y]("]
    assert soup.find("em") is None
    assert soup.find("h2") is None


def test_text_names_an_address_its_text_does_not_show() -> None:
    text = text_form(
        [
            Block("paragraph", (Span("Code", url="https://example.org/code"),)),
            Block("paragraph", (Span("me@example.org", url="mailto:me@example.org"),)),
        ]
    )
    assert text == "Code <https://example.org/code>\nme@example.org\n"


def test_the_text_twin_wraps_chinese_at_80_columns() -> None:
    """A Chinese character takes two columns, and Chinese has no spaces between words: a
    line breaks between two characters, never before closing punctuation."""
    chinese = (
        "王小明是一名软件工程师，在深圳的腾讯公司工作了五年。他负责分布式训练系统的设计与"
        "实现，参与了多个大型深度学习项目（包括ResNet50和BERT模型的训练优化），并在国际"
        "会议上发表了论文。"
    )
    text = text_form(
        [
            Block("heading", (Span("王小明"),), level=1),
            Block("paragraph", (Span(chinese),)),
            Block("item", (Span(f"Zofia Łukasiewicz and {chinese}"),), depth=1, marker="-"),
        ]
    )
    lines = text.splitlines()
    assert lines[:2] == ["王小明", "======"]  # the rule as wide as the name looks
    assert max(map(cells, lines)) <= WIDTH
    assert all(cells(line) > WIDTH - 6 for line in lines[3:5])  # lines filled, not cut short
    assert not [line for line in lines if line.lstrip()[:1] in set("，。、）")]
    paragraph = lines[3 : lines.index("", 3)]
    assert "".join(paragraph) == chinese
    item = lines[lines.index("", 3) + 1 :]
    assert item[0].startswith("- Zofia Łukasiewicz and 王小明")
    assert all(line.startswith("  ") for line in item[1:])
    assert "".join(line.strip() for line in item).endswith(chinese[-20:])
