"""``sphinx-cv import``: a JSON Resume or RenderCV file becomes a sphinx-cv project.

Pure Python. The file is parsed within bounds (:mod:`.data`); the two readers
(:mod:`.read_jsonresume`, :mod:`.read_rendercv`) fill one :class:`ImportedCV`: the person,
the lines of the home page, pages of entries, BibTeX records, and notes on what had no
home. Every value is checked for its type and every entry by the data model as it is read,
so a wrong value is an error naming its place in the file (``work[2].startDate``), and
nothing is written. :mod:`.files` writes the project: every value from the file goes
through :func:`.text.myst`, so it shows as written and never becomes markup or code.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..model.entries import EntryError, entry_from_fields
from ..model.kinds import ENTRY_KINDS
from .data import CVImportError, Node, web_address
from .text import one_line

__all__ = [
    "Block",
    "CVImportError",
    "Contact",
    "ImportedCV",
    "Page",
    "bib_value",
    "text_of",
]


@dataclass
class Block:
    """One entry: its directive, title, options and body (paragraphs, then list items)."""

    kind: str
    title: str
    options: dict[str, str] = field(default_factory=dict)
    paragraphs: list[str] = field(default_factory=list)
    items: list[str] = field(default_factory=list)


@dataclass
class Page:
    """A page of the project: its title, where the file holds it, and its content (entries,
    and text for what has no field)."""

    title: str
    place: str
    content: list[Block | str] = field(default_factory=list)
    #: The page lists publications: those with this keyword ("": all of them).
    keyword: str | None = None

    def __iter__(self) -> Iterator[Block | str]:
        return iter(self.content)


@dataclass(frozen=True)
class Contact:
    """A line of the home page's contact block: ``label: text``, linked to ``url`` if any."""

    label: str
    text: str
    url: str = ""


@dataclass
class ImportedCV:
    """What a résumé file holds, in sphinx-cv's terms."""

    person: dict[str, Any] = field(default_factory=dict)
    #: The line under the name (JSON Resume's ``label``, the job title), on every output.
    label: str = ""
    #: The summary, when it is not the person's description (RenderCV's ``summary``).
    about: list[str] = field(default_factory=list)
    #: Paragraphs of the home page, on every output (values of the file with no field).
    home: list[str] = field(default_factory=list)
    #: The links the website's header shows (from ``cv_person``), for the PDF's home page.
    links: list[Contact] = field(default_factory=list)
    #: Contact lines with no place in ``cv_person``: on the home page of every output.
    contact: list[Contact] = field(default_factory=list)
    #: Contact lines for the PDF only (phone, street address).
    private: list[Contact] = field(default_factory=list)
    #: Where the file holds the section (``work``, ``cv.sections.Skills``) → its page.
    pages: dict[str, Page] = field(default_factory=dict)
    bibtex: list[str] = field(default_factory=list)
    keys: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)
    #: Sphinx's ``language`` for the project ("" for English or unknown).
    language: str = ""

    def page(self, place: str, title: str) -> Page:
        """The page of the section at ``place`` (made on first use)."""
        return self.pages.setdefault(place, Page(title, place))

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)

    def add(self, page: Page, block: Block, item: Node, names: dict[str, str]) -> None:
        """Add an entry after checking it as the directive will. ``names``: option (and
        ``title``) → the file's key for it, so an error names the place in the file."""
        model = ENTRY_KINDS[block.kind]
        options = {k: v for k, v in block.options.items() if v}
        try:
            entry_from_fields(model, block.title, options)
        except EntryError as err:
            missing = err.field in model.fields() and err.field not in options
            key = names.get(err.field or "title", err.field or "")
            if missing or (err.field is None and not block.title.strip()):
                what = model.fields()[err.field].help if err.field else model.title_name
                keys = ", ".join(item.keys()) or "none"
                raise CVImportError(
                    f"{item.place}: no {key!r} ({what}), which a {model.kind} needs; add it "
                    f"(the keys it has: {keys})"
                ) from None
            raise CVImportError(f"{item.place}.{key or 'title'}: {err}") from None
        block.options = options
        page.content.append(block)

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

    def keep(self, page: Page, place: str, label: str, value: Any) -> None:
        """A value with no field: kept on ``page`` as text, and said in the notes."""
        text = text_of(value)
        if text:
            page.content.append(f"{label}: {text}")
            self.note(f"{place}: no sphinx-cv field for it; kept as text on {page.title}")

    def set_location(self, *parts: str, country: str = "") -> None:
        """The person's location from its parts and an ISO country code (shown as the
        country's name in the CV's language)."""
        from babel import Locale

        name = ""
        if country:
            names = Locale.parse(self.language or "en").territories
            name = names.get(country.strip().upper(), country) if len(country) == 2 else country
        text = ", ".join(p for p in (*parts, name) if p.strip())
        if text:
            self.person["location"] = text

    def set_email(self, text: str, place: str) -> None:
        """The person's e-mail address; text that is none is kept on the home page."""
        email = one_line(text)
        if email.count("@") == 1 and " " not in email and not email.startswith("mailto:"):
            self.person.setdefault("email", email)
            if self.person["email"] == email:
                return
        if email:
            self.contact.append(Contact("Email", email))
        if email and "@" not in email:
            self.note(f"{place}: {email!r} is no e-mail address; kept as text on the home page")

    def set_url(self, text: str, place: str) -> None:
        """The person's website; text that is no address is kept on the home page."""
        address = web_address(text) if text.strip() else None
        if address and "url" not in self.person:
            self.person["url"] = address[0]
            if address[1]:
                self.note(f"{place}: {text.strip()!r} read as {address[0]!r}")
        elif text.strip():
            self.contact.append(Contact("Website", one_line(text), address[0] if address else ""))
            if not address:
                self.note(f"{place}: {text.strip()!r} is no web address; kept as text")

    def texts(self) -> list[str]:
        """The CV's words (for telling its language)."""
        out = [self.label, *self.about, str(self.person.get("description", ""))]
        for page in self.pages.values():
            for piece in page.content:
                if isinstance(piece, str):
                    out.append(piece)
                else:
                    out += [piece.title, *piece.paragraphs, *piece.items]
        return [text for text in out if text]


def settle_language(cv: ImportedCV, named: str = "", place: str = "") -> None:
    """Set the project's ``language`` from the file's word for it (``named``, at ``place``)
    or, without one, from its text when that is clear; the notes say what was done."""
    from .data import SPOKEN, language_named, language_of

    code = language_named(named) if named else language_of(cv.texts())
    how = f"{place} says {named!r}, that is" if named else "its text reads as"
    if named and code is None:
        cv.note(f"{place}: {named!r} is no language sphinx-cv knows; set language = 'fr' "
                "(the code of yours) in conf.py")  # fmt: skip
    elif code is None:
        spoken = ", ".join(SPOKEN)
        cv.note("language: the CV's language is not clear from its text; if it is not "
                f"English, set language in conf.py (sphinx-cv speaks {spoken})")  # fmt: skip
    elif code in SPOKEN:
        cv.language = code
        cv.note(f"language: {how} {code!r}; conf.py sets language = {code!r} (dates and "
                "sphinx-cv's words in it)")  # fmt: skip
    elif code != "en":
        cv.language = code
        cv.note(f"language: {how} {code!r}; conf.py sets language = {code!r} for its dates "
                "(sphinx-cv's own words stay English: it is not translated to it)")  # fmt: skip


def text_of(value: Any) -> str:
    """A value of the file as one line of text."""
    if isinstance(value, (list, tuple, set)):
        return ", ".join(filter(None, (text_of(v) for v in value)))
    if isinstance(value, dict):
        return ", ".join(f"{k}: {text_of(v)}" for k, v in value.items() if text_of(v))
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return " ".join(str(value).split()) if value is not None else ""


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
    "whatsapp": "https://wa.me/{}",
    "leetcode": "https://leetcode.com/u/{}",
    "x": "https://x.com/{}",
    "twitter": "https://x.com/{}",
    "bluesky": "https://bsky.app/profile/{}",
    "reddit": "https://reddit.com/user/{}",
}
_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-\d{2})?")


def profile_address(network: str, username: str) -> str:
    """The address of ``username`` on ``network`` ("" when the network is not known)."""
    kind = network.strip().lower()
    if kind == "mastodon" and username.count("@") == 2:
        _, handle, host = username.split("@")
        return f"https://{host}/@{handle}"
    if kind in NETWORKS and username and re.fullmatch(r"[\w.@-]+", username):
        return NETWORKS[kind].format(username)
    return ""


def bib_date(text: str) -> dict[str, str] | None:
    """``2021-03-07``, ``2021-03`` or ``2021`` as BibTeX's year and month; None if not one."""
    match = _DATE.fullmatch(text.strip())
    if not match:
        return None
    return {"year": match[1], **({"month": str(int(match[2]))} if match[2] else {})}


#: LaTeX's special characters as text (``^`` stays itself: the .bib reader shows it so).
#: Braces as commands too: BibTeX counts every brace, ``\{`` as well, so a lone one would end
#: the value.
_LATEX = {
    "\\": r"\textbackslash{}",
    "~": r"\textasciitilde{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
}


def bib_value(name: str, value: str) -> str:
    """A BibTeX value for braces that shows as written: LaTeX's specials escaped, and
    doubled dashes and quotes kept from becoming a dash or a curly quote; an address
    (``url``, ``doi``) as it is, without braces, backslashes or spaces."""
    if name in ("url", "doi"):
        return re.sub(r"[{}\s\\]", "", value)
    text = " ".join(value.split())
    text = re.sub(r"[{}\\&%$#_~]", lambda m: _LATEX.get(m[0], f"\\{m[0]}"), text)
    return re.sub(r"([-`'])(?=\1)", r"\1{}", text)
