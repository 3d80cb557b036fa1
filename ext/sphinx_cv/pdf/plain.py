"""The CV of a PDF as plain blocks, the one shape its text, Markdown and Word twins are
written from (:mod:`.twins`, :mod:`.word`).

A block is a heading (the name at level 1, a section at 2, an entry's title, a year over
publications or a sub-section at 3), a paragraph, a list item, or preformatted text; its
content is spans of text, each bold, italic, code or a link. What the PDF does not show is
left out as it is there: comments, images, the web's own links (``{cv-pdf}``), a
publication's BibTeX (its abstract, which the PDF folds away, is kept: a fact of the CV);
a listed publication is expanded as for the builders other than HTML
(:class:`sphinx_cv.publications.view.ExpandPublications`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from docutils import nodes

from ..nodes import cv_publication
from ..publications.view import ExpandPublications
from .download import cv_pdf_link

#: Nodes the PDF does not show, and what is not content.
_DROPPED = (
    nodes.comment,
    nodes.image,
    nodes.raw,
    nodes.target,
    nodes.substitution_definition,
    nodes.system_message,
    nodes.footnote,
    nodes.citation,
    cv_pdf_link,
)
#: The deepest heading a twin has.
DEEPEST = 3
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Span:
    """Text with its marks; ``url``: a link's address."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    url: str = ""

    def marks(self) -> tuple[bool, bool, bool, str]:
        return (self.bold, self.italic, self.code, self.url)


@dataclass(frozen=True)
class Block:
    """A heading (``level`` 1–3), a paragraph, a list item or preformatted text; ``depth``:
    how many lists it stands in; ``marker``: a list item's (``-``, ``3.``)."""

    kind: Literal["heading", "paragraph", "item", "pre"]
    spans: tuple[Span, ...]
    level: int = 0
    depth: int = 0
    marker: str = ""

    @property
    def text(self) -> str:
        return "".join(span.text for span in self.spans)


def plain_blocks(tree: nodes.document) -> list[Block]:
    """The blocks of ``tree`` (a variant's document as its PDF has it; not changed)."""
    tree = tree.deepcopy()
    for publication in tree.findall(cv_publication):
        # The abstract stays (a fact of the CV); BibTeX and thumbnails are the web's.
        publication["bibtex"] = False
        for image in list(publication.findall(nodes.image)):
            image.parent.remove(image)
    ExpandPublications(tree).run()  # its environment: the document's
    reader = _Reader()
    reader.body(tree, section=0, depth=0)
    return [block for block in reader.blocks if block.kind == "pre" or block.text]


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []

    def add(self, kind: str, node: nodes.Node, **how: object) -> None:
        spans = tuple(_tidy(list(_spans(node, Span("")))))
        if kind == "heading":  # bold already
            spans = tuple(replace(span, bold=False) for span in spans)
        self.blocks.append(Block(kind, spans, **how))  # type: ignore[arg-type]

    def body(self, node: nodes.Element, section: int, depth: int) -> None:
        for child in node.children:
            self.block(child, section, depth)

    def block(self, node: nodes.Node, section: int, depth: int) -> None:
        if isinstance(node, _DROPPED) or not isinstance(node, nodes.Element):
            if isinstance(node, nodes.Text) and node.astext().strip():
                self.add("paragraph", node, depth=depth)
            return
        classes: list[str] = node.get("classes", [])
        if isinstance(node, nodes.section):
            self.body(node, section + 1, depth)
        elif isinstance(node, nodes.title):
            self.add("heading", node, level=min(DEEPEST, section))
        elif isinstance(node, nodes.rubric) or "cv-entry-title" in classes:
            self.add("heading", node, level=min(DEEPEST, section + 1))
        elif isinstance(node, nodes.container) and "cv-entry-meta" in classes:
            self.line([p for p in node.children if p.astext().strip()], depth, " · ")
        elif isinstance(node, (nodes.bullet_list, nodes.enumerated_list)):
            self.items(node, section, depth)
        elif isinstance(node, nodes.literal_block):
            self.blocks.append(Block("pre", (Span(node.astext(), code=True),), depth=depth))
        elif isinstance(node, nodes.field):
            name, body = node.children[0], node.children[1]
            self.line([nodes.strong("", name.astext()), nodes.Text(": "), body], depth)
        elif isinstance(node, nodes.definition_list_item):
            self.add("paragraph", nodes.strong("", node[0].astext()), depth=depth)
            self.block(node[-1], section, depth)
        elif isinstance(node, nodes.row):
            self.line(list(node.children), depth, " · ")
        elif isinstance(node, (nodes.paragraph, nodes.TextElement)):
            self.add("paragraph", node, depth=depth)
        else:  # containers, entries, compounds, tables, quotes…: their content
            self.body(node, section, depth)

    def line(self, parts: list[nodes.Node], depth: int, joint: str = "") -> None:
        """``parts`` as one paragraph, side by side, ``joint`` between them (an entry's
        dates and place, a field's name and value, a table's row)."""
        line = nodes.paragraph()
        for number, part in enumerate(parts):
            if number and joint:
                line += nodes.Text(joint)
            line += part.deepcopy()
        self.add("paragraph", line, depth=depth)

    def items(self, node: nodes.Element, section: int, depth: int) -> None:
        ordered = isinstance(node, nodes.enumerated_list)
        start = int(node.get("start", 1))
        for number, item in enumerate(node.children, start):
            marker = f"{number}." if ordered else "-"
            first = len(self.blocks)
            self.block(item, section, depth + 1)
            if len(self.blocks) > first and self.blocks[first].kind == "paragraph":
                self.blocks[first] = replace(self.blocks[first], kind="item", marker=marker)
            else:
                self.blocks.insert(first, Block("item", (), depth=depth + 1, marker=marker))


def _spans(node: nodes.Node, how: Span) -> list[Span]:
    """The spans of an inline ``node`` written with the marks of ``how``."""
    if isinstance(node, nodes.Text):
        return [replace(how, text=str(node))]
    if isinstance(node, _DROPPED) or not isinstance(node, nodes.Element):
        return []
    if isinstance(node, nodes.strong):
        how = replace(how, bold=True)
    elif isinstance(node, nodes.emphasis):
        how = replace(how, italic=True)
    elif isinstance(node, nodes.literal):
        how = replace(how, code=True)
    elif isinstance(node, nodes.reference) and node.get("refuri") and not how.url:
        how = replace(how, url=str(node["refuri"]))
    return [span for child in node.children for span in _spans(child, how)]


def _tidy(spans: list[Span]) -> list[Span]:
    """Spans with their runs of white space made one space, none at the ends, and
    neighbours with the same marks joined."""
    out: list[Span] = []
    for span in spans:
        text = _SPACE.sub(" ", span.text)
        if out and (out[-1].text.endswith(" ") or not out) and text.startswith(" "):
            text = text[1:]
        if not text:
            continue
        if out and out[-1].marks() == span.marks():
            out[-1] = replace(out[-1], text=out[-1].text + text)
        else:
            out.append(replace(span, text=text))
    if out:
        out[0] = replace(out[0], text=out[0].text.lstrip())
        out[-1] = replace(out[-1], text=out[-1].text.rstrip())
    return [span for span in out if span.text]
