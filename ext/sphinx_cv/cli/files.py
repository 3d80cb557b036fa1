"""The project ``sphinx-cv import`` writes: its pages, home page and ``conf.py``.

Pure Python. Every value of the file goes through :func:`importtext.myst` for the place it
takes (an entry's title, an option, a paragraph, a list item, a heading, a link), so it shows
as written and nothing in it becomes markup; ``conf.py`` holds values only as Python
literals (``repr``), never spliced into code. Each section gets a page of its own: a
section whose file name another already has (``Experience`` and ``experience!``, or
``Index``, the home page's) is written under a name of its own, and a note says so.

The lines for the PDF only (the phone, the street address) keep their values out of git: the
home page names each as a private field (``{private}`phone```) and ``private.toml``, which
the project's ``.gitignore`` lists, holds its value as a TOML string (:func:`toml_string`).
"""

from __future__ import annotations

import re

from anyascii import anyascii

from .imports import Block, Contact, ImportedCV, Page
from .starter import EXCLUDE_PATTERNS, common_files
from .text import myst, one_line

__all__ = ["home_text", "page_names", "private_fields", "project_files", "toml_string"]

#: Names a section's page cannot take: the home page, Sphinx's own pages, the project's
#: files (``README.md`` is left out of the build).
RESERVED = {"index", "genindex", "search", "py-modindex", "readme", "conf", "noxfile"}


def slug(title: str) -> str:
    """A page's file name from its title, in ASCII (``Expériences`` → ``experiences``)."""
    words = "".join(c if c.isalnum() else " " for c in anyascii(title).lower())
    return "-".join(words.split()) or "section"


def page_names(cv: ImportedCV) -> dict[str, str]:
    """Each page's place in the file → its file name (without ``.md``), each distinct."""
    taken = set(RESERVED)
    owners: dict[str, str] = {}
    names = {}
    for place, page in cv.pages.items():
        base = slug(page.title)
        name, n = base, 1
        while name in taken:
            n += 1
            name = f"{base}-{n}"
        if name != base:
            owner = owners.get(base, "the home page" if base == "index" else f"{base}.md")
            cv.note(f"{place}: its page's name {base!r} is taken ({owner}); both kept, this "
                    f"one as {name}.md")  # fmt: skip
        taken.add(name)
        owners[name] = place
        names[place] = name
    return names


def block_text(block: Block) -> str:
    """An entry as a ``~~~`` fence: the title on its line, options quoted, the body
    escaped."""
    lines = [f"~~~{{{block.kind}}} {myst(block.title, 'title')}".rstrip()]
    lines += [f":{name}: {myst(value, 'option')}" for name, value in block.options.items()]
    if block.paragraphs:
        lines += ["", *"\n\n".join(myst(p, "block") for p in block.paragraphs).split("\n")]
    if block.items:
        lines += ["", *(f"- {myst(item, 'line')}" for item in block.items)]
    lines.append("~~~")
    return "\n".join(lines)


def page_text(page: Page) -> str:
    parts = [f"# {myst(page.title, 'line')}"]
    for piece in page.content:
        parts.append(block_text(piece) if isinstance(piece, Block) else myst(piece, "block"))
    if page.keyword is not None:
        keyword = f"\n:keyword: {myst(page.keyword, 'option')}" if page.keyword else ""
        parts.append(f"```{{publications}}{keyword}\n```")
    return "\n\n".join(part for part in parts if part) + "\n"


def link(text: str, url: str) -> str:
    """A Markdown link that shows ``text`` and leads to ``url``."""
    return f"[{myst(text, 'line')}](<{myst(url, 'url')}>)"


def contact_lines(contacts: list[Contact]) -> list[str]:
    """A field list, one line per contact (a label with a colon, which no field name can
    hold, is put before the text instead)."""
    lines = []
    for contact in contacts:
        label, text = one_line(contact.label), contact.text
        if ":" in label or not label:
            label, text = "Contact", f"{label}: {text}" if label else text
        value = link(text or contact.url, contact.url) if contact.url else myst(text, "line")
        lines.append(f":{myst(label, 'line')}: {value}")
    return lines


#: The file of private fields (``sphinx_cv.pdf.private`` reads it; git ignores it).
PRIVATE_FILE = "private.toml"
#: What a TOML basic string cannot hold as it is: quotes, backslashes, control characters.
_TOML_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f]')


def toml_string(text: str) -> str:
    """``text`` as a TOML basic string that reads back as exactly ``text``: a quote or
    backslash escaped with a backslash, a control character (a line end too) as ``\\uXXXX``.
    ``text`` holds no lone surrogate (:func:`.text.clean` replaces them), which TOML cannot."""
    return (
        '"'
        + _TOML_ESCAPED.sub(lambda m: "\\" + m[0] if m[0] in '"\\' else f"\\u{ord(m[0]):04x}", text)
        + '"'
    )


def private_fields(cv: ImportedCV) -> dict[str, Contact]:
    """The lines for the PDF only as private fields: each field's name (``phone``,
    ``address``, ``phone_2``…: what ``{private}`…``` accepts, from the line's label) → the
    line. A line without text has none."""
    fields: dict[str, Contact] = {}
    for contact in cv.private:
        if not one_line(contact.text):
            continue
        words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", anyascii(contact.label))
        base = re.sub(r"[^a-z0-9]+", "_", words.lower()).strip("_")
        base = base if base[:1].isalpha() else f"field_{base}".rstrip("_")
        name, n = base, 1
        while name in fields:
            n += 1
            name = f"{base}_{n}"
        fields[name] = contact
    return fields


def private_text(fields: dict[str, Contact]) -> str:
    """``private.toml``: each private field's value, one line of text."""
    lines = [
        "# Private fields: in the PDFs sphinx-build -b cvpdf writes (nox -s build: the ones you",
        "# send), never on the website nor in the PDFs it offers. index.md shows each with",
        "# {private}`phone`. Keep this file out of git (.gitignore lists it).",
    ]
    lines += [f"{name} = {toml_string(one_line(c.text))}" for name, c in fields.items()]
    return "\n".join(lines) + "\n"


def _shown(url: str) -> str:
    return url.split("://", 1)[-1].removeprefix("www.").rstrip("/")


def home_text(cv: ImportedCV, pages: list[str]) -> str:
    """The home page: the name; the label and location (every output); the summary and the
    links the website's header shows (other outputs); the contact lines that have no place in
    the header (every output); the phone and street address as private fields (in the PDFs
    ``-b cvpdf`` writes only; their values in ``private.toml``)."""
    person = cv.person
    lines = [f"# {myst(person.get('name', ''), 'line')}", ""]
    line = " · ".join(one_line(t) for t in (cv.label, person.get("location", "")) if t.strip())
    if line:
        lines += ["{.lead}", myst(line, "line"), ""]
    lines += [myst(text, "block") + "\n" for text in cv.home]
    header = []
    if person.get("email"):
        header.append(Contact("Email", person["email"], f"mailto:{person['email']}"))
    if person.get("url"):
        header.append(Contact("Website", _shown(person["url"]), person["url"]))
    header += [Contact(c.label, _shown(c.url), c.url) for c in cv.links]
    about = cv.about or ([person["description"]] if person.get("description") else [])
    if about or header:
        lines += [
            "% The website's header shows the summary and these links (cv_person in conf.py);",
            "% the PDF shows them from here.",
            "::::{only} not website",
            *"\n\n".join(myst(text, "block") for text in about).split("\n"),
            "",
            *contact_lines(header),
            "::::",
            "",
        ]
    if cv.contact:
        lines += [*contact_lines(cv.contact), ""]
    private = []
    for name, contact in private_fields(cv).items():
        label, role = one_line(contact.label), f"{{private}}`{name}`"
        if ":" in label or not label:
            label, role = "Contact", f"{myst(label, 'line')}: {role}" if label else role
        private.append(f":{myst(label, 'line')}: {role}")
    if private:
        lines += ["% In the PDF only, from private.toml (not in git): not on the website, nor in",
                  "% resume.json.", ":::{only} cvpdf", *private, ":::", ""]  # fmt: skip
    lines += ["```{toctree}", ":hidden:", "", *pages, "```"]
    return "\n".join(lines) + "\n"


def conf_text(cv: ImportedCV) -> str:
    """``conf.py``: the person as a Python literal (``repr``), the settings of an imported
    project."""
    person = "{\n" + "".join(f"    {k!r}: {v!r},\n" for k, v in cv.person.items()) + "}"
    language = (
        f"language = {cv.language!r}  # the CV's language: its dates and sphinx-cv's words\n"
        if cv.language
        else ""
    )
    bib = 'cv_bibfiles = ["publications.bib"]\n' if cv.bibtex else ""
    return (
        '"""Sphinx configuration of a CV imported by sphinx-cv (sphinx-cv import)."""\n'
        "\n# You, once: the site's header, its title, the link previews and resume.json.\n"
        f"cv_person = {person}\n"
        'project = author = copyright = cv_person["name"]  # noqa: A001\n'
        f"{language}\n"
        'extensions = ["myst_parser", "sphinx_cv"]\n'
        'myst_enable_extensions = ["attrs_block", "colon_fence", "fieldlist"]\n'
        'myst_disable_syntax = ["html_block", "html_inline"]\n'
        "# Text shows as the file wrote it: quotes and dashes are not made typographic.\n"
        "smartquotes = False\n"
        'html_theme = "sphinx_cv"\n'
        f"exclude_patterns = {EXCLUDE_PATTERNS!r}\n"
        f"{bib}"
        "cv_pdf_with_site = True\n"
    )


def project_files(cv: ImportedCV) -> dict[str, str]:
    """File name → text of the whole project."""
    names = page_names(cv)
    files: dict[str, str] = {}
    for place, page in cv.pages.items():
        files[f"{names[place]}.md"] = page_text(page)
    if cv.bibtex:
        files["publications.bib"] = "\n\n".join(cv.bibtex) + "\n"
    files["index.md"] = home_text(cv, list(names.values()))
    files["conf.py"] = conf_text(cv)
    private = private_fields(cv)
    if private:
        files[PRIVATE_FILE] = private_text(private)
        cv.note(f"{', '.join(private)}: in {PRIVATE_FILE}, which .gitignore keeps out of git; "
                "the home page shows them in the PDFs sphinx-build -b cvpdf writes "
                "(nox -s build), as {private}`…`")  # fmt: skip
    files.update(common_files(str(cv.person.get("name", ""))))
    return files
