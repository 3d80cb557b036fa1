"""Variants of the CV: the PDFs one source gives (a one-page résumé, the full CV, …).

``cv_variants`` in ``conf.py`` is a dict from a variant's name to what it selects and
how its PDF is made; :func:`parse_variants` checks it and gives :class:`Variant` values,
with a message for each problem (the key it is at, and what to write instead)::

    cv_variants = {
        "industry": {
            "tags": ["industry"],             # tagged content needs one of these
            "exclude": ["teaching"],          # tags, or kinds of entry, left out
            "sections": ["experience", "skills", "education", "publications"],
            "pages": 1,                       # the PDF must fit on one page
            "publications": {"selected": True, "max": 3},
            "title": "Jane Doe — Résumé",     # the PDF's title (metadata)
            "subtitle": "Software engineer",  # a line under the name, on the PDF
            "filename": "Jane-Doe-Resume.pdf",
            "label": "One-page résumé",       # the site's download menu
        },
    }

Every key is optional. A variant's name is a tag-like word (``industry``,
``phd-2027``); ``full`` is the whole CV's, which every build writes too (its file name and
title are ``cv_pdf_filename`` and ``cv_pdf_title``). What a variant admits is a
:class:`~.tags.Selection`; ``sections`` names the pages (``experience``) or the sections
of the first page (by their anchor) that it keeps, in its order.

Pure Python: no Sphinx, no docutils.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anyascii import anyascii

from .stable import stable_text
from .tags import Selection, check_tag, is_tag

__all__ = ["FULL", "VARIANT_KEYS", "Variant", "parse_variants", "pdf_file_name", "pdf_name_problem"]

#: The whole CV's name, among the variants.
FULL = "full"

#: Each key of a variant, and what it takes (for messages and README).
VARIANT_KEYS = {
    "tags": "tags of the content it keeps (untagged content is always kept)",
    "exclude": "tags, or kinds of entry (`teaching`), it leaves out",
    "sections": "the pages (`experience`) or first-page sections it keeps, in this order",
    "pages": "its page budget: the PDF must fit on this many pages",
    "publications": "`selected` (only al-folio's `selected` papers) and `max` (at most this many)",
    "title": "the PDF's title (metadata)",
    "subtitle": "a line under the name on the PDF's first page",
    "filename": "the PDF's file name",
    "label": "its name in the site's download menu",
}
_PUBLICATION_KEYS = ("selected", "max")


@dataclass(frozen=True)
class Variant:
    """One PDF of the CV: what it selects and how it is named."""

    name: str
    selection: Selection = field(default_factory=Selection)
    #: Which sections it keeps, in which order; ``None``: all, as in the CV.
    sections: tuple[str, ...] | None = None
    #: Its page budget; ``None``: none.
    pages: int | None = None
    #: Only the publications tagged ``selected``.
    selected_publications: bool = False
    #: At most this many publications; ``None``: all.
    max_publications: int | None = None
    title: str = ""
    subtitle: str = ""
    #: Its PDF's file name; "": the whole CV's name, with ``-NAME`` before ``.pdf``.
    filename: str = ""
    #: Its name in the download menu; "": the name, capitalised.
    label: str = ""

    @property
    def is_full(self) -> bool:
        return self.name == FULL

    def file_name(self, full_name: str) -> str:
        """Its PDF's file name, given the whole CV's (``Jane-Doe-CV.pdf``)."""
        if self.filename or self.is_full:
            return self.filename or full_name
        stem = full_name[: -len(".pdf")] if full_name.lower().endswith(".pdf") else full_name
        return f"{stem}-{self.name}.pdf"

    def menu_label(self) -> str:
        return self.label or self.name.replace("-", " ").replace("_", " ").capitalize()

    def key(self) -> str:
        """What it is (what its PDF is made of besides the documents), as text that is the
        same in every process: its sets sorted (``repr`` orders them by hash, which changes
        from one process to the next)."""
        return stable_text(self)


def _texts(value: Any, where: str, problems: list[str]) -> list[str] | None:
    """A list of texts, or one text of comma-separated words; else a problem."""
    if isinstance(value, str):
        return [word.strip() for word in value.split(",") if word.strip()]
    if isinstance(value, (list, tuple)) and all(isinstance(item, str) for item in value):
        return [item.strip() for item in value]
    problems.append(f"{where}: {value!r} is not a list of texts; write e.g. ['industry', 'ml']")
    return None


def _tags(value: Any, where: str, problems: list[str]) -> frozenset[str] | None:
    words = _texts(value, where, problems)
    if words is None:
        return None
    tags = set()
    for word in words:
        try:
            tags.add(check_tag(word))
        except ValueError as err:
            problems.append(f"{where}: {err}")
    return frozenset(tags)


def _whole(value: Any, where: str, least: int, problems: list[str]) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        problems.append(
            f"{where}: {value!r} is not a whole number of {least} or more; write e.g. {least}"
        )
        return None
    return value


def _text(value: Any, where: str, problems: list[str], example: str) -> str:
    if isinstance(value, str):
        return value.strip()
    problems.append(f"{where}: {value!r} is not text in quotes; write e.g. {example!r}")
    return ""


def _unknown(key: Any, where: str, known: tuple[str, ...]) -> str:
    close = difflib.get_close_matches(str(key), known, n=1)
    hint = f"did you mean {close[0]!r}? " if close else ""
    return f"{where}: unknown key {key!r}; {hint}the keys are {', '.join(known)}"


def _publications(value: Any, where: str, problems: list[str]) -> tuple[bool, int | None]:
    if not isinstance(value, Mapping):
        problems.append(f"{where}: {value!r} is not a dict; write e.g. {{'selected': True}}")
        return False, None
    selected, most = False, None
    for key, item in value.items():
        if key == "selected":
            if isinstance(item, bool):
                selected = item
            else:
                problems.append(f"{where}['selected']: {item!r} is not True or False; write True")
        elif key == "max":
            most = _whole(item, f"{where}['max']", 0, problems)
        else:
            problems.append(_unknown(key, where, _PUBLICATION_KEYS))
    return selected, most


def pdf_name_problem(name: str, example: str = "Jane-Doe-CV.pdf") -> str | None:
    """What is wrong with ``name`` as a PDF's file name (a ``filename`` of a variant, the
    whole CV's ``cv_pdf_filename``), saying what to write; None when it is right."""
    bad = "/" in name or "\\" in name or name.startswith(".") or Path(name).name != name
    if bad or not name.lower().endswith(".pdf") or name.lower() == ".pdf":
        return f"{name!r} is not a file name ending in .pdf (no folder); write e.g. {example!r}"
    return None


def _file_name(value: Any, where: str, problems: list[str]) -> str:
    name = _text(value, where, problems, "Jane-Doe-Resume.pdf")
    problem = pdf_name_problem(name, "Jane-Doe-Resume.pdf") if name else None
    if problem:
        problems.append(f"{where}: {problem}")
        return ""
    return name


def parse_variant(name: str, spec: Any, problems: list[str]) -> Variant | None:
    """The variant ``name`` of ``cv_variants``, or ``None`` if it cannot be one (a problem
    for each thing that is wrong, naming its key; a wrong key costs only itself)."""
    where = f"[{name!r}]"
    if not isinstance(spec, Mapping):
        problems.append(f"{where}: {spec!r} is not a dict; write e.g. {{'tags': ['industry']}}")
        return None
    before = len(problems)
    include: frozenset[str] | None = None
    exclude: frozenset[str] = frozenset()
    values: dict[str, Any] = {}
    for key, value in spec.items():
        at = f"{where}[{key!r}]"
        if key == "tags":
            include = _tags(value, at, problems)
        elif key == "exclude":
            exclude = _tags(value, at, problems) or frozenset()
        elif key == "sections":
            sections = _texts(value, at, problems)
            values["sections"] = tuple(sections) if sections is not None else None
        elif key == "pages":
            values["pages"] = _whole(value, at, 1, problems)
        elif key == "publications":
            selected, most = _publications(value, at, problems)
            values["selected_publications"] = selected
            values["max_publications"] = most
        elif key == "filename":
            values["filename"] = _file_name(value, at, problems)
        elif key in ("title", "subtitle", "label"):
            values[key] = _text(value, at, problems, "Jane Doe — Résumé")
        else:
            problems.append(_unknown(key, where, tuple(VARIANT_KEYS)))
    if len(problems) > before:
        return None
    selection = Selection(include=include, exclude=exclude)
    return Variant(name, selection, **values)


def parse_variants(value: Any) -> tuple[tuple[Variant, ...], list[str]]:
    """``cv_variants`` as :class:`Variant` values, in the order written, and the problems
    (each names its key, as what follows ``cv_variants``: ``['industry']['pages']: …``, and
    says what to write). A variant with a problem is left out."""
    problems: list[str] = []
    if value is None:
        return (), problems
    if not isinstance(value, Mapping):
        problems.append(f": {value!r} is not a dict; write e.g. {{'industry': {{'tags': ['ml']}}}}")
        return (), problems
    variants = []
    for name, spec in value.items():
        if not isinstance(name, str) or not is_tag(name):
            problems.append(
                f": {name!r} is not a variant's name: lower-case letters, digits, "
                "'-' and '_' (it goes into file names); write e.g. 'industry'"
            )
            continue
        if name == FULL:
            problems.append(
                f"[{FULL!r}]: {FULL!r} is the whole CV, which every build writes (its file "
                "name and title are cv_pdf_filename and cv_pdf_title); give this variant "
                "another name, e.g. write 'academic'"
            )
            continue
        variant = parse_variant(name, spec, problems)
        if variant is not None:
            variants.append(variant)
    owners: dict[str, str] = {}
    for variant in variants:
        if variant.filename in owners:
            problems.append(
                f"[{variant.name!r}]['filename']: {variant.filename!r} is the file "
                f"of {owners[variant.filename]!r} too; give each variant its own"
            )
        elif variant.filename:
            owners[variant.filename] = variant.name
    return tuple(variants), problems


def pdf_file_name(written: str | None, project: str) -> str:
    """``written`` (``cv_pdf_filename``), or the project's name in ASCII:
    ``Elena-Marchetti-Nunez-CV.pdf`` (any script is transliterated: 王星尧 →
    ``WangXingYao-CV.pdf``). The settings' check refuses a ``cv_pdf_filename`` with a folder
    in it; such a name is never used here either (the PDF goes in the output folder, nowhere
    else)."""
    name = written or ""
    if name and Path(name).name == name and name not in {".", ".."}:
        return name
    ascii_name = anyascii(project)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")
    return f"{slug}-CV.pdf" if slug else "CV.pdf"
