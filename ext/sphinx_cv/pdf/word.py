"""The Word twin of a PDF (python-docx): the name as Title, sections as Heading 1, entries
as Heading 2 (deeper headings one further), lists in Word's list styles (List Bullet, List
Number, their second and third levels; each numbered list from 1), links as hyperlinks,
and the PDF's metadata as the document's core properties. The bytes are reproducible: the
dates inside (the zip's entries', the properties') are the build's moment
(``SOURCE_DATE_EPOCH``)."""

from __future__ import annotations

import copy
import datetime as _dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

import docx
from docx.opc.constants import RELATIONSHIP_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import RGBColor
from docx.text.paragraph import Paragraph

from .plain import Block, Span

#: The colour of a link's text.
LINK_COLOUR = "1F4E79"


def word_form(blocks: Sequence[Block], metadata: dict[str, str]) -> bytes:
    """The CV as a .docx file; ``metadata``: the PDF's (title, author, subject, keywords,
    created: ``YYYY-MM-DDTHH:MM:SSZ``)."""
    document = docx.Document()
    # The template's thumbnail is a picture of another document: none.
    package = document.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            package.rels.pop(rel_id)
    moment = _dt.datetime.strptime(metadata["created"], "%Y-%m-%dT%H:%M:%SZ")
    properties = document.core_properties
    properties.title = metadata["title"]
    properties.author = properties.last_modified_by = metadata["author"]
    properties.subject = metadata["subject"]
    properties.keywords = metadata["keywords"]
    properties.comments = properties.category = ""
    properties.created = properties.modified = properties.last_printed = moment
    properties.revision = 1
    numbered: dict[int, str] = {}  # list depth → the w:numId of the list going on there
    styles = _Styles(document)
    links: dict[str, str] = {}  # address → its relation's id (one per address)
    for block in blocks:
        if block.kind == "heading":
            style = "Title" if block.level == 1 else f"Heading {block.level - 1}"
            paragraph = styles.paragraph(style)
        elif block.kind == "item":
            level = f" {min(block.depth, 3)}" if block.depth > 1 else ""
            ordered = block.marker != "-"
            style = f"List Number{level}" if ordered else f"List Bullet{level}"
            paragraph = styles.paragraph(style)
            if ordered:
                if block.marker == "1." or block.depth not in numbered:
                    numbered[block.depth] = _restarted(document, style)
                _use_numbering(paragraph, numbered[block.depth])
        else:
            paragraph = styles.paragraph("List Continue" if block.depth else None)
        for span in block.spans:
            _add_span(paragraph, span, links)
    return _reproducible(document, moment)


class _Styles:
    """Paragraphs in a named style, each name looked up once (python-docx looks a style's
    name up among all the template's styles at each paragraph: most of the time a long
    CV took)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.ids: dict[str, str] = {}

    def paragraph(self, name: str | None) -> Paragraph:
        paragraph = self.document.add_paragraph()
        if name is not None:
            if name not in self.ids:
                self.ids[name] = self.document.styles[name].style_id
            paragraph._p.style = self.ids[name]
        return paragraph  # type: ignore[no-any-return]


def _add_span(paragraph: Paragraph, span: Span, links: dict[str, str]) -> None:
    if not span.url:
        run = paragraph.add_run(span.text)
        run.bold, run.italic = span.bold or None, span.italic or None
        if span.code:
            run.font.name = "Courier New"
        return
    # A hyperlink: python-docx has no call for it; its XML, with the address as a relation.
    rel = links.get(span.url)
    if rel is None:
        # A relation of its own, named here: python-docx's relate_to() looks through every
        # relation the document has for each new one (a long CV's links took seconds).
        rel = links[span.url] = f"rIdLink{len(links) + 1}"
        paragraph.part.rels.add_relationship(
            RELATIONSHIP_TYPE.HYPERLINK, span.url, rel, is_external=True
        )
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), rel)
    run = paragraph.add_run(span.text)
    run.bold, run.italic = span.bold or None, span.italic or None
    run.font.color.rgb = RGBColor.from_string(LINK_COLOUR)
    run.font.underline = True
    paragraph._p.remove(run._r)
    link.append(run._r)
    paragraph._p.append(link)


def _restarted(document: Any, style: str) -> str:
    """A new numbering (``w:num``) of the list style ``style`` that starts at 1: each
    numbered list of the CV counts from 1, not on from the one before."""
    numbering = document.part.numbering_part.element
    num_id = document.styles[style].element.pPr.numPr.numId.val
    old = next(n for n in numbering.findall(qn("w:num")) if n.get(qn("w:numId")) == str(num_id))
    new = copy.deepcopy(old)
    new_id = str(1 + max(int(n.get(qn("w:numId"))) for n in numbering.findall(qn("w:num"))))
    new.set(qn("w:numId"), new_id)
    for child in list(new):
        if child.tag == qn("w:lvlOverride"):
            new.remove(child)
    override = OxmlElement("w:lvlOverride")
    override.set(qn("w:ilvl"), "0")
    start = OxmlElement("w:startOverride")
    start.set(qn("w:val"), "1")
    override.append(start)
    new.append(override)
    numbering.append(new)
    return new_id


def _use_numbering(paragraph: Paragraph, num_id: str) -> None:
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    num = OxmlElement("w:numId")
    num.set(qn("w:val"), num_id)
    num_pr.append(ilvl)
    num_pr.append(num)
    p_pr.append(num_pr)


def _reproducible(document: Any, moment: _dt.datetime) -> bytes:
    """The .docx's bytes, its zip's entries dated ``moment`` (zip dates start in 1980)."""
    saved = io.BytesIO()
    document.save(saved)
    stamp = max(moment, _dt.datetime(1980, 1, 1)).timetuple()[:6]
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(saved.getvalue())) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
