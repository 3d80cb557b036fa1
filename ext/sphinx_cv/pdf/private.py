"""Private fields: a phone number, a home address… in the PDFs one sends, nowhere else.

A page marks where one goes with the ``private`` role: ``:Mobile: {private}`phone```.
Its value comes, when the ``cvpdf`` builder writes the PDFs, from ``private.toml`` next to
``conf.py`` (``phone = "+1 734 555 0100"``; keep the file out of git) or from an
environment variable ``CV_PRIVATE_PHONE`` (which wins). The value is read then, never
stored: it is in no doctree, no environment, no page of the website, no search index, no
JSON-LD, ``resume.json`` or sitemap, and the scratch page it was laid out from is removed.

Every other output drops the role, and what that empties (the ``Mobile`` field above):
the website, its PDFs (``cv_pdf_with_site``: the site is public), text, LaTeX. A
``cvpdf`` build without the file or a variable says once, as information, that its PDFs
are made without private fields.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxRole

from ..nodes import cv_private
from ..shared import PDF_BUILDER, error, logger, warn
from ..variants import remove

__all__ = ["ENV_PREFIX", "PRIVATE_FILE", "PrivateFields", "fill_private", "read_private"]

#: The file of private fields, next to conf.py.
PRIVATE_FILE = "private.toml"
#: An environment variable ``CV_PRIVATE_PHONE`` gives the field ``phone``.
ENV_PREFIX = "CV_PRIVATE_"
#: What a field's name is made of.
_KEY = re.compile(r"[a-z][a-z0-9_]*")


@dataclass
class PrivateFields:
    """The private fields of a ``cvpdf`` build: name → text."""

    values: dict[str, str] = field(default_factory=dict)
    #: Where they come from (for messages); "": nowhere.
    source: str = ""
    #: A page of this build was given one of them.
    used: bool = False
    #: The "without private fields" information was given.
    told: bool = False
    #: The fields a page uses that have no value, each warned about once.
    missing: set[str] = field(default_factory=set)
    #: An error was said about the file (the build fails).
    failed: bool = False

    def key(self, salt: bytes) -> str:
        """A keyed digest of the values (what the PDFs are made of, for the no-change check):
        ``salt`` is a random secret of the scratch folder, so that the digest kept there
        cannot be matched against guessed phone numbers."""
        if not self.values:
            return ""
        text = "\n".join(f"{name}={value}" for name, value in sorted(self.values.items()))
        return hmac.new(salt, text.encode("utf-8"), hashlib.sha256).hexdigest()


def _line_of(text: str, name: str) -> int:
    """The line of ``name = …``, ``name.key = …`` or ``[name]`` in a TOML text (1 if it
    is not found)."""
    starts = (
        f"{name} ",
        f"{name}=",
        f"{name}.",
        f'"{name}"',
        f"[{name}]",
        f"[{name}.",
        "[[" + name,
    )
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(starts):
            return number
    return 1


def read_private(confdir: Path) -> PrivateFields:
    """The private fields: ``private.toml`` next to conf.py, then ``CV_PRIVATE_*``
    variables. A file that is no TOML, or a value that is no text, is an error at its line
    that says what to write; the rest of the file still counts."""
    path = confdir / PRIVATE_FILE
    values: dict[str, str] = {}
    sources = []
    failed = False
    if path.is_file():
        sources.append(str(path))
        text = path.read_text(encoding="utf-8", errors="replace")
        try:
            table = tomllib.loads(text)
        except tomllib.TOMLDecodeError as err:
            # "… (at line 2, column 6)"; Python 3.14 gives it as err.lineno too.
            found = re.search(r"at line (\d+)", str(err))
            line = int(found.group(1)) if found else 1
            error(
                '%s is not TOML (%s); write one field a line: phone = "+1 734 555 0100"',
                PRIVATE_FILE,
                err,
                location=f"{path}:{line}",
                subtype="private",
            )
            table, failed = {}, True
        for name, value in table.items():
            where = f"{path}:{_line_of(text, name)}"
            if not _KEY.fullmatch(name):
                error(
                    "%s: %r is not a field's name: lower-case letters, digits and '_', "
                    "starting with a letter; write e.g. phone",
                    PRIVATE_FILE,
                    name,
                    location=where,
                    subtype="private",
                )
                failed = True
            elif not isinstance(value, str):
                error(
                    '%s: %s is not text in quotes; write %s = "…"',
                    PRIVATE_FILE,
                    name,
                    name,
                    location=where,
                    subtype="private",
                )
                failed = True
            else:
                values[name] = value.strip()
    for variable, value in sorted(os.environ.items()):
        name = variable[len(ENV_PREFIX) :].lower()
        if variable.startswith(ENV_PREFIX) and _KEY.fullmatch(name) and value.strip():
            values[name] = value.strip()
            if "the environment" not in sources:
                sources.append("the environment")
    return PrivateFields(values, " and ".join(sources), failed=failed)


def fill_private(tree: nodes.document, fields: PrivateFields | None) -> None:
    """Each private field of ``tree`` given its value from ``fields``; one with no value,
    or every one when ``fields`` is None (a public PDF), removed with what that empties."""
    gone = []
    for node in list(tree.findall(cv_private)):
        value = fields.values.get(node["key"]) if fields is not None else None
        if value:
            node.replace_self(nodes.Text(value))
            assert fields is not None
            fields.used = True
            continue
        gone.append(node)
        if fields is None:
            continue
        if not fields.source and not fields.told:
            fields.told = True
            logger.info(
                "the PDFs are made without private fields: there is no %s next to conf.py "
                "and no %s… variable (see the README's *Private fields*)",
                PRIVATE_FILE,
                ENV_PREFIX,
            )
        elif fields.source and node["key"] not in fields.missing:
            fields.missing.add(node["key"])
            warn(
                'private: %s has no %r; add %s = "…" to it (or set %s%s)',
                fields.source,
                node["key"],
                node["key"],
                ENV_PREFIX,
                node["key"].upper(),
                location=node,
                subtype="private",
            )
    remove(tree, gone)


class PrivateRole(SphinxRole):
    """``{private}`phone```: the private field ``phone``, in the PDFs one sends only."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        key = self.text.strip()
        if not _KEY.fullmatch(key):
            warn(
                "private: %r is not a field's name: lower-case letters, digits and '_', "
                "starting with a letter; write e.g. {private}`phone`",
                key,
                location=self.get_location(),
                subtype="private",
            )
            return [], []
        node = cv_private(self.rawtext, "", key=key)
        self.set_source_info(node)
        return [node], []


def drop_private(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every output but the ``cvpdf`` builder's drops the private fields, and what that
    empties (the PDF builder decides per PDF: :func:`fill_private`)."""
    if app.builder.name != PDF_BUILDER:
        remove(doctree, list(doctree.findall(cv_private)))


def _skip(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def setup_private(app: Sphinx) -> None:
    app.add_role("private", PrivateRole())
    skip = (_skip, None)
    app.add_node(cv_private, html=skip, latex=skip, text=skip, man=skip, texinfo=skip)
    app.connect("doctree-resolved", drop_private)
