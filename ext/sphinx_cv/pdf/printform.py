"""The printed form of an entry's header: lines that read right when the PDF's text is read.

On the web an entry's header is two columns: title, organization and details on the
left; dates and location on the right. Laid out that way in a PDF, the right column is a
block of its own, and text extraction (an applicant-tracking system, pdfminer.six) reads
it wherever its heuristics put it, sometimes after the next entry's title: no blank space
between two ends of a line survives as text. In print the header is one column of lines
instead, read in the order they are written:

- the title;
- the organization (and unit, role…);
- the dates and the location, then the details (a grade, honours), on one line;
- the links, as they are.

:func:`header_lines` makes this form on a copy of the page written for WeasyPrint; the
document other forms of the CV are made from keeps the header as it is.
"""

from __future__ import annotations

from docutils import nodes

from ..nodes import cv_publication

__all__ = ["header_lines", "no_screen_parts"]

#: Where the header's parts are (:mod:`sphinx_cv.entries.directives`).
HEADER, MAIN, META = "cv-entry-header", "cv-entry-main", "cv-entry-meta"
TITLE, SUBTITLE, DETAILS = "cv-entry-title", "cv-entry-subtitle", "cv-entry-details"
#: The printed line of the dates and the location.
WHEN_WHERE = "cv-entry-when-where"
#: Between two parts of a line.
SEPARATOR = " · "


def _part(container: nodes.Element, cls: str) -> nodes.Element | None:
    return next(
        (c for c in container.children if isinstance(c, nodes.Element) and cls in c["classes"]),
        None,
    )


def no_screen_parts(tree: nodes.document) -> None:
    """What a listed publication shows on screen only, an abstract and its BibTeX to copy,
    left out of the printed page (the print sheet hid them: WeasyPrint still parsed and
    styled them, most of the elements of a long list of publications)."""
    for publication in tree.findall(cv_publication):
        publication["abstract"] = publication["bibtex"] = False


def header_lines(tree: nodes.document) -> None:
    """Each entry header of ``tree`` in its printed form (see the module's docstring)."""
    for header in list(tree.findall(nodes.container)):
        if HEADER not in header["classes"]:
            continue
        main, meta = _part(header, MAIN), _part(header, META)
        if main is None or meta is None:
            continue
        line = nodes.paragraph("", "", classes=[WHEN_WHERE])
        details = _part(main, DETAILS)
        if details is not None:
            main.remove(details)
        for part in [*meta.children, *([details] if details is not None else [])]:
            if not isinstance(part, nodes.Element):
                continue
            if len(line):
                line += nodes.inline("", SEPARATOR, classes=["cv-separator"])
            line += nodes.inline("", "", *part.children, classes=list(part["classes"]))
        after = _part(main, SUBTITLE) or _part(main, TITLE)
        main.insert(main.index(after) + 1 if after is not None else len(main), line)
        header.remove(meta)
        header["classes"].append("cv-entry-lines")
