"""Math and unknown commands in .bib fields: the text a reader expects, in every output.

``roots/bib-shapes/jabref-math.bib`` is shaped like a JabRef file with math in its titles.
Math becomes Unicode where Unicode has the characters (h⁺⁺, H₂O, α, ≤, C♯, A*), a
superscript it lacks is marked (``<sup>`` on the page, ``^`` in plain text), and a
command nobody knows keeps its name and is said once per file.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, sphinx_build
from hypothesis import given
from hypothesis import strategies as st
from sphinx_cv.publications.bib import Span, load_bibliography, plain
from sphinx_cv.publications.bib.latex import plain_text, rich_text, unknown_commands
from sphinx_cv.publications.bib.rich import from_pybtex

SHAPES = ROOTS / "bib-shapes"
JABREF = (SHAPES / "jabref-math.bib").read_text(encoding="utf-8")

#: (field as written, plain text, rich text as the listing shows it).
MATH = [
    ("{$h^{++}$}", "h⁺⁺", ("h⁺⁺",)),
    ("C$^\\sharp$", "C♯", ("C♯",)),
    ("A$^*$ search", "A* search", ("A* search",)),
    ("$K$-Induction", "K-Induction", ("K-Induction",)),
    ("H$_2$O and CO\\textsubscript{2}", "H₂O and CO₂", ("H₂O and CO₂",)),
    ("$\\alpha$-helix, $T \\leq 300$~K", "α-helix, T ≤ 300\xa0K", ("α-helix, T ≤ 300\xa0K",)),
    ("$2^n$ over $\\mathbb{R}^n$", "2ⁿ over ℝⁿ", ("2ⁿ over ℝⁿ",)),
    ("$90^\\circ$, $f'(x)$, $x^{-1}$", "90°, f′(x), x⁻¹", ("90°, f′(x), x⁻¹",)),
    ("$O(n^{k})$", "O(n^k)", ("O(n", Span("sup", ("k",)), ")")),
    ("$x_{ij}$", "x_{ij}", ("x", Span("sub", ("ij",)))),
    ("$\\frac{x^2}{2}$", "x²/2", ("x²/2",)),
    ("\\(E = mc^2\\) and \\ensuremath{\\beta}", "E = mc² and β", ("E = mc² and β",)),
    ("21\\textsuperscript{st} Conf", "21st Conf", ("21", Span("sup", ("st",)), " Conf")),
    ("costs \\$5 or $5", "costs $5 or $5", ("costs $5 or $5",)),
    ("\\emph{$\\lambda$-calculus}", "λ-calculus", (Span("em", ("λ-calculus",)),)),
]  # fmt: skip


@pytest.mark.parametrize(("latex", "text", "rich"), MATH, ids=[m[0] for m in MATH])
def test_math_as_text(latex: str, text: str, rich: tuple[object, ...]) -> None:
    assert plain_text(latex) == text
    assert from_pybtex(rich_text(latex)) == rich
    assert unknown_commands(latex) == []


@pytest.mark.parametrize(
    ("latex", "text", "unknown"),
    [
        ("The \\PiCTeX manual", "The PiCTeX manual", ["\\PiCTeX"]),
        ("The \\PiCTeX\\ manual", "The PiCTeX manual", ["\\PiCTeX"]),
        ("\\PiCTeX{} macros, and \\PiCTeX, too", "PiCTeX macros, and PiCTeX, too", ["\\PiCTeX"]),
        ("A \\frob{x} b", "A frob x b", ["\\frob"]),
        ("with $\\Foo{x} + \\alpha$", "with Foo x + α", ["\\Foo"]),
        ("$\\left(\\bm{x}\\right)$", "(x)", []),  # sizes and fonts print nothing themselves
    ],
)
def test_an_unknown_command_keeps_its_name(latex: str, text: str, unknown: list[str]) -> None:
    assert plain_text(latex) == text
    assert unknown_commands(latex) == unknown


def test_math_is_protected_from_case_changes() -> None:
    """pybtex's styles change a title's case; math keeps its letters (Γ is not γ)."""
    assert str(rich_text("$\\Gamma$-Convergence of $K$-Sets").lower()) == "Γ-convergence of K-sets"


#: Pieces of math, whole and broken, for the property test.
PIECES = st.sampled_from([
    "$", "$$", "^", "_", "{", "}", "\\alpha", "\\frac{", "\\sqrt[", "]", "\\left(", "\\right)",
    "\\Foo", "\\\\", "\\(", "\\)", "\\ensuremath{", "x", " ", "2", "+", "\\$", "'", "\\mathbb{",
    "%", "~", "\x01", "\ue000", "\\textsuperscript{",
])  # fmt: skip


@given(st.lists(PIECES, max_size=14).map("".join))
def test_any_math_gives_text_without_commands(latex: str) -> None:
    text = plain_text(latex)  # never raises
    assert "\x01" not in text
    assert "\\alpha" not in text
    assert "\\frac" not in text
    unknown_commands(latex)


def test_a_jabref_file_with_math_in_its_titles() -> None:
    bib = load_bibliography(JABREF, owners=["Doe, Jane"])
    titles = {key: pub.title for key, pub in bib.publications.items()}
    assert titles == {
        "Gross2017": "Search for doubly charged Higgs bosons h⁺⁺ decaying to same-sign leptons",
        "Bauer2019": "Compiling C♯ to WebAssembly",
        "Weber2020": "Faster A* Search with Learned Heuristics",
        "Roth2021": "K-Induction for Hybrid Programs",
        "Neumann2018": "Catalytic reduction of CO₂ in H₂O at T ≤ 300\xa0K",
        "Fischer2016": "α-Helix and β-sheet stability in Γ-folded proteins",
        "Schulz2022": "O(n^k) algorithms for ℓₚ regression over ℝⁿ",
        "Vogel2015": "The PiCTeX manual",
        "Vogel2016": "PiCTeX macros explained, with Foo x",
    }
    schulz = bib.publications["Schulz2022"].formatted
    assert "O(nk) algorithms" in plain(schulz)
    title = next(p for p in schulz if isinstance(p, Span) and p.tag == "cv-title")
    assert title.parts[:3] == ("O(n", Span("sup", ("k",)), ") algorithms for ℓₚ regression over ℝⁿ")
    for pub in bib.publications.values():
        assert "$" not in plain(pub.formatted)
        assert "\\" not in plain(pub.formatted)
    # \PiCTeX twice, \Foo once: one warning per command and file, at the first entry.
    assert [(p.line, p.message) for p in bib.problems] == [
        (58, "entry 'Vogel2015': title has LaTeX that cannot be turned into text (\\PiCTeX); its "
             "name is kept as text, without the backslash: define it with \\newcommand in the "
             "file's @preamble, or write the words instead (each command is reported once per "
             "file)"),
        (64, "entry 'Vogel2016': title has LaTeX that cannot be turned into text (\\Foo); its "
             "name is kept as text, without the backslash: define it with \\newcommand in the "
             "file's @preamble, or write the words instead (each command is reported once per "
             "file)"),
    ]  # fmt: skip


def test_a_file_without_math_never_loads_the_math_reader() -> None:
    """pylatexenc is imported for values with math only: a file without pays nothing."""
    code = (
        "import sys\n"
        "from sphinx_cv.publications.bib import load_bibliography\n"
        "bib = load_bibliography(sys.stdin.read())\n"
        "assert len(bib.publications) == 2, bib.publications\n"
        "print('pylatexenc' in sys.modules)\n"
    )
    text = (
        '@article{a, author = {M{\\"u}ller, J.}, title = {\\emph{Fast} 50\\% sorting},'
        " journal = {J}, year = 2020}\n"
        "@misc{b, title = {Costs \\$5, with a {\\TeX} manual}, year = 2021}\n"
    )
    run = subprocess.run(
        [sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True
    )
    assert run.stdout.strip() == "False"
    with_math = text + "@misc{c, title = {$x^2$}, year = 2022}\n"
    run = subprocess.run(
        [sys.executable, "-c", code.replace("== 2", "== 3")],
        input=with_math, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert run.stdout.strip() == "True"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[int, str, Path]:
    """The JabRef file listed and cited on a page: one build for the module."""
    src = tmp_path_factory.mktemp("math") / "project"
    shutil.copytree(ROOTS / "test-bib", src)
    shutil.copyfile(SHAPES / "jabref-math.bib", src / "refs.bib")
    index = (src / "index.md").read_text(encoding="utf-8")
    (src / "index.md").write_text(
        index + "\nAs shown {cite:t}`Schulz2022` and {cite}`Gross2017`.\n", encoding="utf-8"
    )
    status, err = sphinx_build(src)
    return status, err, src / "_build"


def test_the_page_shows_math_as_text(built: tuple[int, str, Path]) -> None:
    status, err, out = built
    warnings = [line for line in err.splitlines() if "WARNING" in line]
    assert len(warnings) == 2, err
    assert "refs.bib:58: WARNING: entry 'Vogel2015': title has LaTeX" in warnings[0]
    assert "(\\PiCTeX); its name is kept as text" in warnings[0]
    assert status == 1  # -W
    page = BeautifulSoup((out / "index.html").read_text(encoding="utf-8"), "html.parser")

    def title(key: str) -> BeautifulSoup:
        return page.find("li", id=key.lower()).select_one(".cv-pub-title")

    assert title("Gross2017").get_text() == (
        "Search for doubly charged Higgs bosons h⁺⁺ decaying to same-sign leptons"
    )
    assert title("Bauer2019").get_text() == "Compiling C♯ to WebAssembly"
    assert title("Weber2020").get_text() == "Faster A* Search with Learned Heuristics"
    assert title("Roth2021").get_text() == "K-Induction for Hybrid Programs"
    schulz = title("Schulz2022")
    assert str(schulz.find("sup")) == "<sup>k</sup>"
    assert schulz.get_text() == "O(nk) algorithms for ℓₚ regression over ℝⁿ"
    references = [li.get_text() for li in page.select(".cv-pub-text")]
    assert len(references) == 9
    assert any("The PiCTeX manual" in text for text in references)
    for text in references:
        assert "$" not in text
        assert "\\" not in text

    # JSON-LD and citations give the same text, a superscript as TeX writes it.
    headlines = {
        item["headline"]
        for script in page.select('script[type="application/ld+json"]')
        for item in json.loads(script.string or "{}").get("@graph", [])
        if item.get("@type") == "ScholarlyArticle"
    }
    assert "O(n^k) algorithms for ℓₚ regression over ℝⁿ" in headlines
    assert "Compiling C♯ to WebAssembly" in headlines
    cites = {a.get("title") for a in page.select("a.reference") if a.get("title")}
    assert "O(n^k) algorithms for ℓₚ regression over ℝⁿ" in cites
    assert "Search for doubly charged Higgs bosons h⁺⁺ decaying to same-sign leptons" in cites


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"$\href{https://x.org}{y}$", "y"),
        (r"$\href{https://x.org}{$", "https://x.org"),
        (r"C:\textbackslash{}dir and \textbackslash x", "C:\\dir and \\x"),
    ],
)
def test_links_inside_math_and_backslashes(latex: str, text: str) -> None:
    """A link set aside inside math shows its text, never a placeholder; math that cannot
    be parsed shows its words; ``\\textbackslash`` is a backslash."""
    assert plain_text(latex) == text
    assert "\ue000" not in str(rich_text(latex))
