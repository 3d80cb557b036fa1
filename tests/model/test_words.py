"""Every word sphinx-cv writes comes from one catalogue, in every language it ships."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from conftest import REPO
from sphinx.testing.util import SphinxTestApp

PACKAGE = REPO / "ext" / "sphinx_cv"
LOCALES = PACKAGE / "locale"
#: Languages whose catalogue is complete.
FULL = ["de", "es", "fr", "zh"]
EPOCH = "1598918400"  # 2020-09-01


def catalogue(language: str, kind: str = "po") -> dict[str, str]:
    path = LOCALES / language / "LC_MESSAGES" / f"sphinx_cv.{kind}"
    with path.open("rb") as f:
        catalog = read_po(f) if kind == "po" else read_mo(f)
    return {str(m.id): str(m.string) for m in catalog if m.id}


def marked_messages() -> set[str]:
    """The words the package marks with N_ (what ``pybabel extract -k N_`` finds)."""
    found = extract_from_dir(str(PACKAGE), keywords={"N_": None}, method_map=[("**.py", "python")])
    return {message for _file, _line, message, _comments, _context in found}


def test_every_marked_word_is_translated() -> None:
    marked = marked_messages()
    assert {
        "Present",
        "Abstract",
        "Copy",
        "PhD thesis",
        "et al.",
        "Page {page} of {pages}",
    } <= marked
    for language in FULL:
        translated = catalogue(language)
        assert marked <= set(translated), (language, marked - set(translated))
        assert all(translated[m] for m in marked), language
        assert set(translated) <= marked, (language, "stale", set(translated) - marked)


@pytest.mark.parametrize("language", sorted(p.name for p in LOCALES.iterdir() if p.is_dir()))
def test_compiled_catalogues_match_their_sources(language: str) -> None:
    assert catalogue(language, "mo") == catalogue(language, "po")


def build_text(make_app: Callable[..., SphinxTestApp], src: Path, language: str) -> str:
    app = make_app("text", srcdir=src, confoverrides={"language": language})
    try:
        app.build()
        assert app.warning.getvalue() == ""
        return (app.outdir / "index.txt").read_text()
    finally:
        app.cleanup()


@pytest.fixture
def words_root(tmp_path: Path, rootdir: Path) -> Path:
    import shutil

    src = tmp_path / "words"
    shutil.copytree(rootdir / "test-words", src)
    return src


EXPECTED = {
    "en": [
        "May 2020 – Present (5 months)",
        "Conference papers",
        "Jane Doe**, Richard Roe, and Edgar Poe. Fast Things. In Ann Ed and Bob Tor, editors, "
        "*Proceedings of the Example Conference*, 1–5. Example Press, August 2020.",
        "**Abstract**",
        "*A Thesis*. PhD thesis, Example University, 2018.",
        "and Richard Roe. A Report. Technical Report, Example Institute, December 2017.",
        "Cited: (Doe et al., 2020), (Doe and Roe, 2017).",
    ],
    "fr": [
        "mai 2020 – aujourd’hui (5 mois)",
        "Communications",
        "Jane Doe**, Richard Roe et Edgar Poe. Fast Things. Dans Ann Ed et Bob Tor, éditeurs, "
        "*Proceedings of the Example Conference*, 1–5. Example Press, août 2020.",
        "**Résumé**",
        "*A Thesis*. Thèse de doctorat, Example University, 2018.",
        "et Richard Roe. A Report. Rapport technique, Example Institute, décembre 2017.",
        "Cited: (Doe et al., 2020), (Doe et Roe, 2017).",
    ],
    "de": [
        "Mai 2020 – heute (5 Monate)",
        "Konferenzbeiträge",
        "Jane Doe**, Richard Roe und Edgar Poe. Fast Things. In Ann Ed und Bob Tor, Hrsg., "
        "*Proceedings of the Example Conference*, 1–5. Example Press, August 2020.",
        "**Zusammenfassung**",
        "*A Thesis*. Dissertation, Example University, 2018.",
        "und Richard Roe. A Report. Technischer Bericht, Example Institute, Dezember 2017.",
        "Cited: (Doe et al., 2020), (Doe und Roe, 2017).",
    ],
    "zh_CN": [
        "2020年5月 – 至今 (5个月)",
        "会议论文",
        "Jane Doe**、Richard Roe和Edgar Poe. Fast Things. 载于 Ann Ed和Bob Tor, 编, "
        "*Proceedings of the Example Conference*, 1–5. Example Press, 2020年8月.",
        "*A Thesis*. 博士学位论文, Example University, 2018.",
        "Cited: (Doe 等, 2020), (Doe和Roe, 2017).",
    ],
}


@pytest.fixture
def page_text(
    make_app: Callable[..., SphinxTestApp], words_root: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[[str], str]:
    """The test-words page as text, built on 2020-09-01 in a language."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    return lambda language: build_text(make_app, words_root, language)


@pytest.mark.parametrize("language", list(EXPECTED))
def test_references_and_labels_in_the_sites_language(
    page_text: Callable[[str], str], language: str
) -> None:
    text = " ".join(page_text(language).split())
    for expected in EXPECTED[language]:
        assert expected in text, expected


@pytest.mark.parametrize("language", ["de", "fr"])
def test_no_english_word_outside_the_bibtex_blocks(
    page_text: Callable[[str], str], language: str
) -> None:
    """The page's own words (the .bib's titles and venues aside) are all translated."""
    text, english = page_text(language), page_text("en")
    data = {"of", "the", "Fast", "Things", "Thesis", "Report", "Proceedings", "Example",
            "Conference", "Press", "University", "Institute", "Engineer", "ACME", "Short.",
            "Cited:"}  # fmt: skip
    translated = catalogue(language)

    def words(page: str) -> set[str]:
        prose = re.sub(r"^ +@\w+\{.*?^ +\}$", "", page, flags=re.M | re.S)  # BibTeX blocks
        assert "@" not in prose
        return {w.strip("*,.():") for w in prose.split()}

    left = {
        w
        for w in words(english) & words(text)
        if w.isalpha() and w not in data and translated.get(w, w) != w
    }
    assert not left, left


def test_copy_button_script_is_translated(
    make_app: Callable[..., SphinxTestApp], words_root: Path
) -> None:
    app = make_app("html", srcdir=words_root, confoverrides={"language": "de"})
    app.build()
    script = (app.outdir / "_static" / "sphinx_cv.js").read_text()
    assert '"Kopieren"' in script
    assert '"Copy"' not in script
    assert "BibTeX in die Zwischenablage kopieren" in script


def test_an_incremental_build_updates_an_ongoing_duration(
    make_app: Callable[..., SphinxTestApp], words_root: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Durations count to the day of the build: a page is written again when its ongoing
    duration reads differently, and only then."""
    written: list[str] = []

    def build(epoch: str) -> str:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
        app = make_app("html", srcdir=words_root)
        app.connect("html-page-context", lambda app, pagename, *args: written.append(pagename))
        try:
            app.build()
            return (app.outdir / "index.html").read_text()
        finally:
            app.cleanup()

    assert "May 2020 – Present (5 months)" in build(EPOCH)
    written.clear()
    assert "May 2020 – Present (9 months)" in build("1610668800")  # 2021-01-15, no edit
    assert "index" in written
    written.clear()
    assert "May 2020 – Present (9 months)" in build("1610755200")  # a day later, same month
    assert "index" not in written
