"""Hostile imports: every MyST and reST construct, in every field of a JSON Resume and a
RenderCV file, imports and builds (one build per format) without running code or reading a
file outside the project, and shows as text; names that would be code in ``conf.py`` stay
data. The escaping function itself is checked against MyST's own parser, for every position
and any text (hypothesis)."""

from __future__ import annotations

import ast
import contextlib
import io
import json
import string
import tomllib
import unicodedata
from pathlib import Path
from typing import Any, ClassVar
from urllib.parse import unquote

import pytest
import yaml
from bs4 import BeautifulSoup
from conftest import sphinx_build
from docutils import nodes
from docutils.core import publish_doctree
from docutils.parsers.rst import Directive, directives
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from myst_parser.parsers.docutils_ import Parser
from pypdf import PdfReader
from sphinx_cv.cli.files import toml_string
from sphinx_cv.cli.imports import bib_value
from sphinx_cv.cli.main import main
from sphinx_cv.cli.text import myst, one_line
from sphinx_cv.publications.bib import load_bibliography

#: A file outside the project that a ``{download}`` or ``{literalinclude}`` would publish.
SECRET = "NEVER-PUBLISHED-3f9c"

#: What each payload tries: roles, directives, fences of every kind, substitutions, targets,
#: comments, HTML, entities, quotes, backslashes, Markdown's block starts, reST.
PAYLOADS = [
    "Org {download}`../../../../{secret}`",
    "{literalinclude}`{secret}` and {eval-rst}`x`",
    "```{raw} html\n<script>alert(1)</script>\n```",
    "~~~{eval-rst}\n.. raw:: html\n\n   <b>rst</b>\n~~~",
    ":::{only} html\nhidden?\n:::",
    "{{ config.html_theme }} {{ 7*7 }} {% raw %}",
    "(target)= [link](javascript:alert(1)) [ref]: http://example.com",
    "<img src=x onerror=alert(1)> <b>bold</b> <!-- comment -->",
    "&amp; &copy; &#x41; &lt;tag&gt;",
    "\"double\" 'single' “curly” -- --- ...",
    "back\\slash \\* \\\\ \\` trailing\\",
    "% a comment line",
    "# heading\n## another",
    "- item\n+ item\n1. numbered\n2) numbered",
    "> quote\n+++\n---\n***\n| a | b |\n|---|---|",
    "$x^2$ $$y$$ \\(z\\)",
    ".. raw:: html\n\n   <i>rst</i>\n\n:field: value\n|sub|",
    "*emph* **strong** _u_ __u__ `code` ~~strike~~",
    ":name: value at the start",
    "~~~ closes? ``` closes? ::: closes?",
    "trailing colon:",
    "emoji 😀 and RTL שלום and \u202eevil",
    "control \x00\x07\x1b characters",
    '"""; import os; os.system("touch PWNED"); """',
]


def payloads(secret: Path) -> list[str]:
    return [p.replace("{secret}", str(secret)) for p in PAYLOADS]


def shown(text: str) -> str:
    """A payload as a page shows it: one line, control characters as U+FFFD."""
    return unicodedata.normalize("NFC", one_line(text))


def page_text(path: Path) -> str:
    soup = BeautifulSoup(path.read_text(), "html.parser")
    return unicodedata.normalize("NFC", " ".join(soup.get_text(" ").split()))


def run_import(source: Path, folder: Path) -> str:
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        status = main(["import", str(source), str(folder)])
    assert status == 0, out.getvalue()
    return out.getvalue()


# -- JSON Resume ---------------------------------------------------------------------


def jsonresume(texts: list[str], name: str) -> dict[str, Any]:
    """Every text field of every section holds a payload; dates and links are real."""
    everything = " ".join(texts)
    data: dict[str, Any] = {
        "basics": {"name": name, "label": everything, "summary": "\n\n".join(texts),
                   "location": {"city": texts[0], "region": texts[5], "address": texts[9]},
                   "phone": texts[10], "tel": texts[11],
                   "profiles": [{"network": t, "username": t} for t in texts[:4]]},
    }  # fmt: skip
    for i, t in enumerate(texts):
        data.setdefault("work", []).append({
            "name": t, "position": t, "description": t, "location": t, "summary": t,
            "startDate": "2020-01", "highlights": [t, t], "url": "https://example.com/w",
        })  # fmt: skip
        data.setdefault("education", []).append({
            "institution": t, "area": t, "studyType": t, "score": t, "courses": [t],
            "startDate": "2010",
        })  # fmt: skip
        data.setdefault("awards", []).append({"title": t, "awarder": t, "summary": t})
        data.setdefault("skills", []).append({"name": t, "level": t, "keywords": [t, t]})
        data.setdefault("projects", []).append(
            {"name": t, "description": t, "entity": t, "roles": [t], "type": t}
        )
        data.setdefault("languages", []).append({"language": t, "fluency": t})
        data.setdefault("references", []).append({"name": t, "reference": t})
        data.setdefault("publications", []).append(
            {"name": f"P{i} {t}", "publisher": t, "summary": t, "releaseDate": "2021"}
        )
        data.setdefault(f"section {i}", []).append({"odd": t})
    return data


@pytest.fixture(scope="module")
def hostile_json(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile-json")
    secret = root / "secret.txt"
    secret.write_text(SECRET)
    texts = payloads(secret)
    marker = root / "PWNED"
    name = f'X"""; import os; os.system("touch {marker}"); """ \\x {{}} \' \n'
    source = root / "resume.json"
    source.write_text(json.dumps(jsonresume(texts, name)))
    folder = root / "cv"
    notes = run_import(source, folder)
    status, err = sphinx_build(folder, out=folder / "_build" / "html")
    return {"folder": folder, "texts": texts, "marker": marker, "name": name, "notes": notes,
           "status": (status, err)}  # fmt: skip


def test_a_hostile_json_resume_builds_without_a_warning(hostile_json: dict[str, Any]) -> None:
    assert hostile_json["status"] == (0, "")


def test_conf_py_holds_the_name_as_data_and_runs_no_code(hostile_json: dict[str, Any]) -> None:
    conf = (hostile_json["folder"] / "conf.py").read_text()
    tree = ast.parse(conf)  # a SyntaxError would fail here
    person = next(
        node.value
        for node in tree.body
        if isinstance(node, ast.Assign) and getattr(node.targets[0], "id", "") == "cv_person"
    )
    assert ast.literal_eval(person)["name"] == one_line(hostile_json["name"])
    assert "import os" not in conf.split("cv_person", 1)[0]  # the docstring holds no name
    assert not hostile_json["marker"].exists()  # the build ran conf.py: no command ran
    html = hostile_json["folder"] / "_build" / "html"
    assert one_line(hostile_json["name"]) in page_text(html / "index.html")


def test_no_file_outside_the_project_is_read(hostile_json: dict[str, Any]) -> None:
    html = hostile_json["folder"] / "_build" / "html"
    assert not (html / "_downloads").exists()
    for path in html.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".txt", ".json", ".js"):
            assert SECRET not in path.read_text(errors="replace"), path


@pytest.mark.parametrize("page", ["experience", "education", "awards", "skills", "projects",
                                  "languages", "references", "publications", "index"])  # fmt: skip
def test_every_payload_shows_as_text(hostile_json: dict[str, Any], page: str) -> None:
    html = hostile_json["folder"] / "_build" / "html" / f"{page}.html"
    text = page_text(html)
    for payload in hostile_json["texts"]:
        if page == "index":  # the label: every payload, one after the other
            assert shown(" ".join(hostile_json["texts"])) in text
            break
        assert shown(payload) in text, (page, payload)
    soup = BeautifulSoup(html.read_text(), "html.parser")
    main_part = soup.select_one("main") or soup
    assert not main_part.find_all(["script", "img", "iframe", "i"]), page
    assert not main_part.select("[onerror]")
    assert all(not a["href"].startswith("javascript") for a in soup.find_all("a", href=True))


def test_hostile_private_values_read_back_from_private_toml(hostile_json: dict[str, Any]) -> None:
    """The phone, the street address and an unknown key of ``basics`` (all for the PDF only):
    each a field of private.toml holding the payload as the page would show it."""
    texts = hostile_json["texts"]
    private = tomllib.loads((hostile_json["folder"] / "private.toml").read_text("utf-8"))
    assert private == {"phone": one_line(texts[10]), "tel": one_line(texts[11]),
                       "address": one_line(texts[9])}  # fmt: skip


def test_unknown_sections_and_keys_are_kept_as_text(hostile_json: dict[str, Any]) -> None:
    html = hostile_json["folder"] / "_build" / "html"
    assert shown(f"odd: {hostile_json['texts'][2]}") in page_text(html / "section-2.html")
    assert (
        "section 2[0]: no sphinx-cv field for it; kept as text on Section 2"
        in (hostile_json["notes"])
    )


# -- Private fields ----------------------------------------------------------------------

#: Values that would end a TOML string, start another key or table, or be a role.
PRIVATE_PAYLOADS = [
    'x"\nevil = "1',
    '""" multi """',
    "'''literal'''",
    'back\\slash \\" \\u0041 \\n trailing\\',
    "line\nbreak\r\nand\ttab",
    "{private}`address` {raw}`html` **b** <b>x</b> &amp;",
    "[table]\n[[array]]\nkey = 1 # comment",
    "control \x00\x07\x1b\x7f\x85 characters",
    "\u2028 \u2029 \ufeff emoji 😀",
]


@pytest.mark.parametrize("text", PRIVATE_PAYLOADS)
def test_a_hostile_private_value_reads_back_exactly(text: str) -> None:
    document = f'phone = {toml_string(text)}\naddress = "A"\n'
    assert tomllib.loads(document) == {"phone": text, "address": "A"}


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_private_value_reads_back_exactly(text: str) -> None:
    assert tomllib.loads(f"phone = {toml_string(text)}\n") == {"phone": text}


def test_hostile_private_fields_reach_the_sent_pdf_as_text_and_nothing_else(
    tmp_path: Path,
) -> None:
    """An import whose phone, street address and unknown key are hostile: private.toml holds
    each as the page shows it (one line), the PDF to send shows each as text (a role in a
    value is no role), and no file of the website holds any."""
    given = PRIVATE_PAYLOADS
    phone = f"{given[0]} {given[3]} {given[5]} MARK0"  # "{private}`address`" among them
    street, other = f"{given[1]} {given[6]} MARK1", f"{given[2]} {given[4]} MARK2"
    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {
        "name": "J", "phone": phone, "location": {"address": street}, "Fax Number": other,
    }}))  # fmt: skip
    folder = tmp_path / "cv"
    run_import(source, folder)
    values = {"phone": one_line(phone), "address": one_line(street),
              "fax_number": one_line(other)}  # fmt: skip
    assert tomllib.loads((folder / "private.toml").read_text("utf-8")) == values
    assert sphinx_build(folder, out=folder / "_build" / "html") == (0, "")
    assert sphinx_build(folder, builder="cvpdf", out=folder / "_build" / "pdf") == (0, "")
    (sent,) = (folder / "_build" / "pdf").glob("*.pdf")
    text = "".join("".join(page.extract_text() for page in PdfReader(sent).pages).split())
    for value in values.values():
        assert "".join(value.split()) in text, value
    assert text.count("MARK1") == 1  # the address once: the role in the phone stayed text
    for path in (folder / "_build" / "html").rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if path.suffix == ".pdf":
                data += "".join(p.extract_text() for p in PdfReader(path).pages).encode()
            assert not any(f"MARK{i}".encode() in data for i in range(3)), path


# -- RenderCV --------------------------------------------------------------------------


def rendercv(texts: list[str]) -> dict[str, Any]:
    sections: dict[str, Any] = {}
    for i, t in enumerate(texts):
        sections[f"{t} {i}"] = [
            {"company": t, "position": t, "location": t, "summary": t, "highlights": [t],
             "date": t},
            {"institution": t, "area": t, "degree": t, "start_date": "2019-09"},
            {"name": t, "summary": t, "date": t},
            {"label": t, "details": t},
            {"bullet": t},
            {"number": t},
            t,
            {"title": t, "authors": [t, "**Jane Doe**"], "journal": t, "date": "2020-05"},
        ]  # fmt: skip
    return {"cv": {"name": "Jane Doe", "headline": texts[2], "location": texts[0],
                   "custom_connections": [{"placeholder": t, "url": None} for t in texts[:3]],
                   "sections": sections}}  # fmt: skip


@pytest.fixture(scope="module")
def hostile_rendercv(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    root = tmp_path_factory.mktemp("hostile-rendercv")
    secret = root / "secret.txt"
    secret.write_text(SECRET)
    texts = payloads(secret)
    source = root / "cv.yaml"
    source.write_text(yaml.safe_dump(rendercv(texts), allow_unicode=False))
    folder = root / "cv"
    notes = run_import(source, folder)
    status, err = sphinx_build(folder, out=folder / "_build" / "html")
    return {"folder": folder, "texts": texts, "notes": notes, "status": (status, err)}


def test_a_hostile_rendercv_file_builds_and_shows_every_payload(
    hostile_rendercv: dict[str, Any],
) -> None:
    assert hostile_rendercv["status"] == (0, "")
    html = hostile_rendercv["folder"] / "_build" / "html"
    pages = sorted(p for p in html.glob("*.html") if p.stem not in ("index", "genindex", "search"))
    assert len(pages) == len(hostile_rendercv["texts"])  # a page per section, none lost
    site = " ".join(page_text(p) for p in pages)
    for payload in hostile_rendercv["texts"]:
        # RenderCV's own Markdown (emphasis, links) becomes plain text; all else as written.
        if "*" not in payload and "[" not in payload and "_" not in payload:
            assert shown(payload) in site, payload
    for path in html.rglob("*"):
        if path.is_file() and path.suffix in (".html", ".json", ".js"):
            assert SECRET not in path.read_text(errors="replace"), path


# -- The escaping function, against MyST's own parser ------------------------------------


class Echo(Directive):
    """A directive that shows its argument and its option as text, as the entry directives
    do with theirs."""

    optional_arguments = 1
    final_argument_whitespace = True
    has_content = True
    option_spec: ClassVar[dict[str, Any]] = {"value": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        title = self.arguments[0] if self.arguments else ""
        return [
            nodes.paragraph("", title, classes=["title"]),
            nodes.paragraph("", self.options.get("value", ""), classes=["option"]),
        ]


MYST = {
    "myst_enable_extensions": ["attrs_block", "colon_fence", "fieldlist"],
    "myst_disable_syntax": ["html_block", "html_inline"],
    "report_level": 5,
    "halt_level": 5,
    "smart_quotes": False,
}


def paragraphs(source: str) -> list[str]:
    # Registered at each use: Sphinx's test apps clear docutils' registry when they end.
    directives.register_directive("echo", Echo)
    doc = publish_doctree(source, parser=Parser(), settings_overrides=MYST)
    return [" ".join(p.astext().split()) for p in doc.findall(nodes.paragraph)]


def parsed(text: str) -> list[str]:
    """``text`` written for each position, read back by MyST: the title, the option, a list
    item, and the paragraphs (as one line)."""
    head = f"~~~{{echo}} {myst(text, 'title')}\n:value: {myst(text, 'option')}\n~~~\n\n"
    title, option, item = paragraphs(head + f"- {myst(text, 'line')}\n")
    return [title, option, item, " ".join(paragraphs(myst(text, "block")))]


@pytest.mark.parametrize("payload", PAYLOADS)
def test_each_payload_stays_text_in_every_position(payload: str) -> None:
    line = one_line(payload)
    assert parsed(payload) == [line, line, line, line]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=60))
def test_any_text_stays_text_in_every_position(text: str) -> None:
    line = one_line(text)
    assume(line)  # an empty value is left out, never written
    assert parsed(text) == [line, line, line, line]


#: What an address (checked: http(s), no space, quote or angle bracket) may hold.
ADDRESS = string.ascii_letters + string.digits + "-._~:/?#[]@!$&'()*+,;=%\\`{}|^"


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=ADDRESS, max_size=40))
def test_a_link_leads_where_the_file_said(path: str) -> None:
    address = f"https://example.com/{path}"
    source = f"[{myst(address, 'line')}](<{myst(address, 'url')}>)\n"
    doc = publish_doctree(source, parser=Parser(), settings_overrides=MYST)
    (ref,) = doc.findall(nodes.reference)
    assert unquote(ref["refuri"]) == unquote(address)
    assert ref.astext() == address


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_categories=["Cc", "Cs"]), max_size=60))
def test_a_publication_field_shows_as_written_and_stays_one_field(text: str) -> None:
    """What the importer writes into the .bib reads back as the same text, one field of one
    entry, whatever braces, backslashes or quotes it holds."""
    line = " ".join(text.split())
    assume(line)
    source = f"@misc{{k,\n  title = {{{bib_value('title', text)}}},\n  year = 2020,\n}}\n"
    bib = load_bibliography(source)
    assert [p for p in bib.problems if p.error] == []
    (pub,) = bib.publications.values()
    assert pub.title == line
    assert pub.year == 2020
