"""Real-shaped résumé files (``roots/import/real``, sources in its README): JSON Resume 0.x and
1.x, RenderCV 1 and 2 with and without dates, in English, French, Portuguese and Chinese.
Each is imported and built once as ``nox -s build`` does (the site with its public PDF, then
the PDF to send, ``-b cvpdf``), and every fact the file holds is found in the built site and in
the sent PDF's text, in the form the file gave it; the private ones (phone, street address:
``private.toml``) in that PDF only."""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import ROOTS, SOURCE_DATE_EPOCH, sphinx_build
from pypdf import PdfReader
from sphinx_cv.cli.main import main

REAL = ROOTS / "import" / "real"
FILES = sorted(REAL.glob("*.json")) + sorted(REAL.glob("*.yaml"))
FILES += sorted((ROOTS / "import").glob("rendercv-*.yaml"))
#: Not facts of the CV: a RenderCV file's design and settings, JSON Resume's meta.
NOT_FACTS = {"$schema", "meta", "design", "locale", "locale_catalog", "settings",
             "rendercv_settings", "photo", "picture", "image"}  # fmt: skip
#: For the PDF to send only: never on the website nor in its PDF (private.toml).
PRIVATE = {"phone", "tel", "address", "postalCode", "birthday", "nationality"}
DATES = {"date", "start_date", "end_date", "startDate", "endDate", "releaseDate"}
#: Shown as links: on the site as their address, in the PDF as a link or its text.
LINKS = {"url", "website", "username", "doi"}
_LINK = re.compile(r"\[([^\]]*)\]\(([^)\s]*)\)")


def words(text: str) -> str:
    """Text as compared: compatibility forms (ligatures) folded, case and white space
    ignored (a line of the PDF may end anywhere, after a hyphen too)."""
    text = unicodedata.normalize("NFKC", text).replace("\u00ad", "")
    return "".join(text.casefold().split())


class Built:
    """One imported and built project: its site's text and links, the sent PDF's text and
    links, the site's (public) PDF's text."""

    def __init__(self, source: Path, folder: Path) -> None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            assert main(["import", str(source), str(folder)]) == 0
        self.notes = out.getvalue()
        html, doctrees = folder / "_build" / "html", str(folder / "_build" / "doctrees")
        status, err = sphinx_build(folder, "-d", doctrees, out=html, epoch=SOURCE_DATE_EPOCH)
        assert (status, err) == (0, ""), err
        sent = folder / "_build" / "pdf"
        status, err = sphinx_build(folder, "-d", doctrees, builder="cvpdf", out=sent)
        assert (status, err) == (0, ""), err
        pages = [BeautifulSoup(p.read_text(), "html.parser") for p in html.glob("*.html")]
        self.site = words(" ".join(p.get_text(" ") for p in pages))
        self.hrefs = {a["href"] for p in pages for a in p.find_all("a", href=True)}
        (public,) = html.glob("*.pdf")
        self.public = words(" ".join(p.extract_text() for p in PdfReader(public).pages))
        (pdf,) = sent.glob("*.pdf")
        reader = PdfReader(pdf)
        self.pdf_text = " ".join(" ".join(p.extract_text() for p in reader.pages).split())
        self.pdf = words(self.pdf_text)
        self.uris = {
            str(annot.get_object()["/A"]["/URI"])
            for page in reader.pages
            for annot in page.get("/Annots", [])
            if "/A" in annot.get_object() and "/URI" in annot.get_object()["/A"]
        }
        self.folder = folder


class Builds(dict[Path, Built]):
    """Each file imported and built on first use, once for the module."""

    def __init__(self, factory: pytest.TempPathFactory) -> None:
        super().__init__()
        self.factory = factory

    def __missing__(self, source: Path) -> Built:
        self[source] = Built(source, self.factory.mktemp(source.stem) / "cv")
        return self[source]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Builds:
    return Builds(tmp_path_factory)


def load(source: Path) -> Any:
    text = source.read_text(encoding="utf-8")
    return json.loads(text) if source.suffix == ".json" else yaml.safe_load(text)


def facts(value: Any, key: str = "") -> Iterator[tuple[str, str]]:
    """(key, text) for every value the file holds, but its settings."""
    if isinstance(value, dict):
        for name, item in value.items():
            if str(name) not in NOT_FACTS:
                yield from facts(item, str(name))
    elif isinstance(value, list):
        for item in value:
            yield from facts(item, key)
    elif isinstance(value, (dt.date, int, float)) and not isinstance(value, bool):
        yield key, str(value)
    elif isinstance(value, str) and value.strip():
        yield key, value


def rendercv_text(text: str) -> str:
    """RenderCV's Markdown as the import shows it: a link as its words and its address in
    brackets, emphasis without its marks."""
    text = _LINK.sub(lambda m: f"{m[1]} ({m[2]})" if m[2] != m[1] else m[1], text)
    return re.sub(r"(\*\*\*|\*\*|\*|__|_)(.+?)\1", r"\2", text)


def pieces(key: str, text: str, rendercv: bool) -> Iterator[tuple[str, str]]:
    """What of a fact is shown: ("text", words) or ("url", address). A date shows its
    year (a text date as written); RenderCV's Markdown shows as the import writes it; the
    names of a list of authors each."""
    whole = _LINK.fullmatch(text.strip()) if rendercv and key == "name" else None
    if whole:  # a project's name that is a link: its title, linked
        yield from (("text", whole[1]), ("url", whole[2]))
        return
    if rendercv:
        text = rendercv_text(text)
    if key in DATES:
        match = re.fullmatch(r"(\d{4})(-\d{2}){0,2}", text.strip())
        if match:
            yield "text", match[1]
        elif text.strip() != "present":
            yield "text", text
    elif key in LINKS or (key != "keywords" and re.fullmatch(r"https?://\S+", text.strip())):
        yield "url", text.strip()
    elif key == "author":
        yield from (("text", name) for name in re.split(r",\s*(?:and\s+)?", text))
    elif key == "phone":
        yield "text", text.removeprefix("tel:")
    else:
        yield "text", text


def shown(built: Built, kind: str, text: str, where: str) -> bool:
    seen = built.site if where == "site" else built.pdf
    if kind == "url":
        bare = text.removeprefix("https://").removeprefix("http://").rstrip("/")
        links = built.hrefs if where == "site" else built.uris
        return any(bare.casefold() in link.casefold() for link in links) or words(bare) in seen
    return words(text) in seen


@pytest.mark.parametrize("source", FILES, ids=lambda p: p.stem)
def test_every_fact_of_the_file_is_on_the_site_and_in_the_pdf(
    built: dict[Path, Built], source: Path
) -> None:
    result = built[source]
    rendercv = source.suffix == ".yaml"
    data = load(source)
    missing = []
    for key, value in facts(data["cv"] if rendercv else data):
        if key == "countryCode" and "basics" in data:
            continue  # the country's name, checked below
        if (
            key == "summary"
            and data.get("publications")
            and value in [p.get("summary") for p in data["publications"]]
        ):
            continue  # an abstract: the site's (the PDF lists references without them)
        for kind, text in pieces(key, value, rendercv):
            places = ("pdf",) if key in PRIVATE or key == "countryCode" else ("site", "pdf")
            if key == "network":  # the site's header names a service its own way (X)
                places = ("pdf",)
            missing += [(w, key, text) for w in places if not shown(result, kind, text, w)]
            if key in ("phone", "tel", "postalCode"):  # the sent PDF's only
                assert words(text) not in result.site, (key, text)
                assert words(text) not in result.public, (key, text)
    assert missing == []


def test_the_country_is_named_and_the_street_is_in_the_pdf_only(
    built: dict[Path, Built],
) -> None:
    result = built[REAL / "jsonresume-0x-architect.json"]
    assert words("somerville, massachusetts, united states") in result.site
    assert words("address: upon request, 02143") in result.pdf
    assert words("02143") not in result.site
    assert words("02143") not in result.public
    french = built[REAL / "jsonresume-1x-french.json"]
    assert "Address: FR" not in french.pdf_text
    assert words("france") in french.site


def test_json_resume_0x_keys_are_read_as_1x_and_said(built: dict[Path, Built]) -> None:
    result = built[REAL / "jsonresume-0x-architect.json"]
    assert "work: JSON Resume 0.x's key 'company' read as 1.x's 'name'" in result.notes
    assert "https://cinch.example.com/" in result.hrefs  # "website" links the entry
    page = (result.folder / "experience.md").read_text()
    assert ':organization: "Cinch Financial"' in page


def test_keywords_keep_their_commas_and_months_their_precision(
    built: dict[Path, Built],
) -> None:
    result = built[REAL / "jsonresume-0x-architect.json"]
    assert words("PHP MVC (Custom, Cake, CodeIgniter, etc)") in result.site
    assert ";" not in (result.folder / "skills.md").read_text()
    assert words("nov 7, 2016") in result.site  # 2016-11-07 keeps its day
    assert words("feb 2004") in result.site  # 2004-02-01 is a month
    assert words("feb 1, 2004") not in result.site


def test_the_home_page_shows_the_label_summary_contact_and_profiles(
    built: dict[Path, Built],
) -> None:
    result = built[REAL / "jsonresume-0x-security.json"]
    home = BeautifulSoup((result.folder / "_build/html/index.html").read_text(), "html.parser")
    body = words(home.select_one("main, body").get_text(" "))
    assert words("ph.d student · yuseong, daejeon, south korea") in body
    for profile in ("linkedin.com/in/minjun-seo", "twitter.com/minjunseo", "github.com/minjun-seo"):
        assert profile in result.pdf  # the PDF shows the profiles' addresses
    assert words("(+82) 42-000-0000") in result.pdf
    assert words("(+82) 42-000-0000") not in result.site
    assert words("(+82) 42-000-0000") not in result.public


@pytest.mark.parametrize(
    ("name", "language"),
    [("jsonresume-1x-french.json", "fr"), ("rendercv-portuguese.yaml", "pt"),
     ("rendercv-zh.yaml", "zh"), ("jsonresume-0x-architect.json", "")],
)  # fmt: skip
def test_the_language_is_set_when_the_file_says_so_or_its_text_makes_it_clear(
    built: dict[Path, Built], name: str, language: str
) -> None:
    result = built[REAL / name]
    conf = (result.folder / "conf.py").read_text()
    assert (f"language = {language!r}" in conf) == bool(language)
    if language == "fr":
        assert words("31 oct. 1997 – 31 août 2001") in result.site  # French dates and words
        assert words("30 sept. 2001 – aujourd’hui") in result.site
    if language:
        assert f"conf.py sets language = {language!r}" in result.notes


def test_entries_without_dates_and_text_dates_are_kept(built: dict[Path, Built]) -> None:
    result = built[REAL / "rendercv-academic-textdates.yaml"]
    assert words("completed") in result.site
    assert words("2023, 2024, 2026") in result.site
    assert words("2023, 2024, 2026") in result.pdf
    page = (result.folder / "research-experience.md").read_text()
    assert "USC Imaging Genetics Center" in page  # an experience without dates
