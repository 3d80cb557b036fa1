"""``sphinx-cv import``: a JSON Resume or RenderCV file becomes a sphinx-cv project.

Pure Python. The two readers (:mod:`import_jsonresume`, :mod:`import_rendercv`)
fill one :class:`ImportedCV`: the person, pages of entries, BibTeX records, and
notes on what had no home. Every entry is checked by the data model as it is
read, so a date that is not a date is an error naming its place in the file
(``work[2].startDate``), and nothing is written. Text from the file is
escaped on its way into MyST: it shows as written and never becomes markup.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .entries import EntryError, entry_from_fields
from .sections import ENTRY_KINDS
from .starter import EXCLUDE_PATTERNS, common_files

__all__ = [
    "Block",
    "CVImportError",
    "ImportedCV",
    "bib_value",
    "load",
    "project_files",
    "text_of",
]


class CVImportError(ValueError):
    """The file cannot be imported: the message names the place and what to write."""


@dataclass
class Block:
    """One entry: its directive, title, options and body (paragraphs, then list items)."""

    kind: str
    title: str
    options: dict[str, str] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class ImportedCV:
    """What a résumé file holds, in sphinx-cv's terms."""

    person: dict[str, Any] = field(default_factory=dict)
    #: Text for the home page's print-only contact block (phone, street address).
    private: list[tuple[str, str]] = field(default_factory=list)
    #: Page title → its entries (or plain paragraphs, for fields with no home).
    pages: dict[str, list[Block | str]] = field(default_factory=dict)
    bibtex: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)

    def add(self, page: str, block: Block, place: str, names: dict[str, str] | None = None) -> None:
        """Add an entry after checking it as the directive will; an error names the place
        in the file (``names``: option → the file's name for that field)."""
        model = ENTRY_KINDS[block.kind]
        options = {k: v for k, v in block.options.items() if v}
        try:
            entry_from_fields(model, block.title, options)
        except EntryError as err:
            field_name = (names or {}).get(err.field or "", err.field)
            where = f"{place}.{field_name}" if field_name else place
            raise CVImportError(f"{where}: {err}") from None
        block.options = options
        self.pages.setdefault(page, []).append(block)

    def add_publication(self, kind: str, key: str, fields: dict[str, str]) -> None:
        """A BibTeX record, its key made from ``key`` (letters and digits), distinct from the
        others'; empty fields left out."""
        base = re.sub(r"[^a-z0-9]", "", key.lower()) or "paper"
        key, n = base, 1
        while key in self.keys:
            n += 1
            key = f"{base}{chr(96 + n) if n <= 26 else n}"
        self.keys.add(key)
        body = ",\n".join(f"  {k} = {{{bib_value(k, v)}}}" for k, v in fields.items() if v)
        self.bibtex.append(f"@{kind}{{{key},\n{body},\n}}")

    def keep(self, page: str, place: str, label: str, value: Any) -> None:
        """A field with no home: kept on ``page`` as text, and said in the notes."""
        text = text_of(value)
        if text:
            self.pages.setdefault(page, []).append(f"{label}: {text}")
            self.notes.append(f"{place}: no sphinx-cv field for it; kept as text on {page}")


def text_of(value: Any) -> str:
    """A value of the file as one line of text."""
    if isinstance(value, list):
        return ", ".join(text_of(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {text_of(v)}" for k, v in value.items())
    return " ".join(str(value).split()) if value is not None else ""


# -- Reading the file -------------------------------------------------------------


def load(path: Path) -> ImportedCV:
    """Read ``path`` (JSON Resume as JSON or YAML, or RenderCV YAML)."""
    from .import_jsonresume import read_jsonresume
    from .import_rendercv import read_rendercv

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise CVImportError(f"{path}: cannot be read ({err})") from None
    data = _parse(path, text)
    if isinstance(data, dict) and isinstance(data.get("cv"), dict):
        return read_rendercv(data)
    if isinstance(data, dict) and isinstance(data.get("basics"), dict):
        return read_jsonresume(data)
    raise CVImportError(
        f"{path}: neither a JSON Resume (an object with 'basics') nor a RenderCV file "
        "(YAML with 'cv:'); export your résumé in one of these formats"
    )


def _parse(path: Path, text: str) -> Any:
    if path.suffix.lower() == ".json":
        try:
            return json.loads(text)
        except json.JSONDecodeError as err:
            raise CVImportError(
                f"{path}:{err.lineno}:{err.colno}: not valid JSON: {err.msg}"
            ) from None
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        problem = getattr(err, "problem", None) or "not valid YAML"
        raise CVImportError(f"{where}: not valid YAML: {problem}") from None


#: Where a profile's username leads, by network (lower case), for profiles given as a
#: network and a username (RenderCV's always are; JSON Resume's may be).
NETWORKS = {
    "linkedin": "https://linkedin.com/in/{}",
    "github": "https://github.com/{}",
    "gitlab": "https://gitlab.com/{}",
    "imdb": "https://imdb.com/name/{}",
    "instagram": "https://instagram.com/{}",
    "orcid": "https://orcid.org/{}",
    "stackoverflow": "https://stackoverflow.com/users/{}",
    "researchgate": "https://researchgate.net/profile/{}",
    "youtube": "https://youtube.com/@{}",
    "google scholar": "https://scholar.google.com/citations?user={}",
    "telegram": "https://t.me/{}",
    "leetcode": "https://leetcode.com/u/{}",
    "x": "https://x.com/{}",
    "twitter": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
}
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?")


def bib_date(text: str) -> dict[str, str] | None:
    """``2021-03-07``, ``2021-03`` or ``2021`` as BibTeX's year and month; None if not one."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    return {"year": match[1], **({"month": str(int(match[2]))} if match[2] else {})}


def bib_value(name: str, value: str) -> str:
    """A BibTeX value for braces: LaTeX's specials escaped, so it shows as written; an
    address (``url``, ``doi``) as it is, without braces or spaces."""
    if name in ("url", "doi"):
        return re.sub(r"[{}\s]", "", value)
    return re.sub(r"([{}\\&%$#_^~])", r"\\\1", value)


# -- Writing MyST -------------------------------------------------------------------

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$])")
_LINE_START = re.compile(r"^([-+=:>]|\d+[.)])")


def escaped(text: str) -> str:
    """``text`` as Markdown that shows it as written: no markup, role or directive."""
    text = _SPECIAL.sub(r"\\\1", " ".join(text.split()))
    return _LINE_START.sub(r"\\\1", text)


def _option(value: str) -> str:
    value = " ".join(value.split())
    if value[:1] in "\"'[{|>&*!%@`" or " #" in value or value.endswith(":"):
        return json.dumps(value, ensure_ascii=False)
    return value


def block_text(block: Block) -> str:
    lines = [f"```{{{block.kind}}} {' '.join(block.title.split())}".rstrip()]
    lines += [f":{name}: {_option(value)}" for name, value in block.options.items()]
    if block.paragraphs:
        lines += ["", *"\n\n".join(escaped(p) for p in block.paragraphs).split("\n")]
    if block.items:
        lines += ["", *(f"- {escaped(item)}" for item in block.items)]
    lines.append("```")
    return "\n".join(lines)


def page_text(title: str, content: list[Block | str]) -> str:
    parts = [f"# {escaped(title)}"]
    for piece in content:
        parts.append(block_text(piece) if isinstance(piece, Block) else escaped(piece))
    return "\n\n".join(parts) + "\n"


def slug(title: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-") or "section"


def home_text(cv: ImportedCV, pages: list[str]) -> str:
    name = cv.person.get("name", "")
    lines = [f"# {escaped(name)}", ""]
    lines += [
        "% The website's header shows the description and contact links (cv_person in",
        "% conf.py); the PDF shows them from here.",
        ":::{only} not website",
    ]
    if cv.person.get("description"):
        lines += ["{.lead}", escaped(cv.person["description"]), ""]
    contact = [("Email", cv.person.get("email", "")), ("Website", cv.person.get("url", ""))]
    lines += [f":{label}: {escaped(value)}" for label, value in contact if value]
    lines += [":::", ""]
    if cv.private:
        lines += [":::{only} cvpdf"]
        lines += [f":{escaped(label)}: {escaped(value)}" for label, value in cv.private]
        lines += [":::", ""]
    lines += ["```{toctree}", ":hidden:", "", *pages, "```"]
    return "\n".join(lines) + "\n"


def conf_text(cv: ImportedCV) -> str:
    person = "cv_person = " + json.dumps(cv.person, ensure_ascii=False, indent=4) + "\n"
    bib = 'cv_bibfiles = ["publications.bib"]\n' if cv.bibtex else ""
    return (
        f'"""Sphinx configuration of {cv.person.get("name", "")}\'s CV, imported by sphinx-cv."""\n'
        "\n# You, once: the site's header, its title, the link previews and resume.json.\n"
        f"{person}"
        'project = author = copyright = cv_person["name"]  # noqa: A001\n\n'
        'extensions = ["myst_parser", "sphinx_cv"]\n'
        'myst_enable_extensions = ["attrs_block", "colon_fence", "fieldlist"]\n'
        'myst_disable_syntax = ["html_block", "html_inline"]\n'
        'html_theme = "sphinx_cv"\n'
        f"exclude_patterns = {EXCLUDE_PATTERNS!r}\n"
        f"{bib}"
        "cv_pdf_with_site = True\n"
    )


def project_files(cv: ImportedCV) -> dict[str, str]:
    """File name → text of the whole project."""
    files: dict[str, str] = {}
    names = []
    for title, content in cv.pages.items():
        name = slug(title)
        names.append(name)
        files[f"{name}.md"] = page_text(title, content)
    if cv.bibtex:
        names.append("publications")
        files["publications.md"] = "# Publications\n\n```{publications}\n```\n"
        files["publications.bib"] = "\n\n".join(cv.bibtex) + "\n"
    files["index.md"] = home_text(cv, names)
    files["conf.py"] = conf_text(cv)
    files.update(common_files(str(cv.person.get("name", ""))))
    return files
