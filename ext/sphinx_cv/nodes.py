"""Doctree nodes of the CV and how every builder renders them.

An entry is a :class:`cv_entry` wrapping ordinary docutils nodes (paragraphs,
inlines, containers), so any builder can print its fields; the visitors here
add the frame: a sphinx-design card in HTML, spacing elsewhere.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes

# sphinx-design's card classes: the entry looks and behaves like a {card}.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm")


class cv_entry(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One entry; ``kind`` says which (``experience``, ``skill``…), ``compact`` whether it
    is one line rather than a card."""


class cv_dates(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An entry's dates (``dates``, a :class:`~sphinx_cv.model.dates.DateRange`), written out
    when the page is written, so that a duration counts to the day of the build."""


def visit_entry_html(self: Any, node: cv_entry) -> None:
    if node.get("compact"):  # one line: no card
        classes = f"cv-entry cv-compact cv-entry-{node['kind']}"
        self.body.append(self.starttag(node, "div", "", CLASS=classes))
        return
    classes = " ".join((*CARD_CLASSES, "cv-entry", f"cv-entry-{node['kind']}"))
    self.body.append(self.starttag(node, "article", "", CLASS=classes))
    self.body.append('<div class="sd-card-body">\n')


def depart_entry_html(self: Any, node: cv_entry) -> None:
    self.body.append("</div>\n" if node.get("compact") else "</div>\n</article>\n")


def visit_entry_latex(self: Any, node: cv_entry) -> None:
    self.body.append("\n\\par\\medskip\\noindent\n")


def depart_entry_latex(self: Any, node: cv_entry) -> None:
    self.body.append("\n\\par\\medskip\n")


def visit_entry_plain(self: Any, node: cv_entry) -> None:
    """Text, man and texinfo print the entry's paragraphs one after another."""


def depart_entry_plain(self: Any, node: cv_entry) -> None:
    pass


ENTRY_VISITORS: dict[str, tuple[Any, Any]] = {
    "html": (visit_entry_html, depart_entry_html),
    "latex": (visit_entry_latex, depart_entry_latex),
    **dict.fromkeys(("text", "man", "texinfo"), (visit_entry_plain, depart_entry_plain)),
}


class cv_publication_list(nodes.General, nodes.Element):  # noqa: N801
    """A list of :class:`cv_publication` (a bullet list once expanded)."""


class cv_publication(nodes.General, nodes.Element):  # noqa: N801
    """One listed publication: ``pub`` (the :class:`~sphinx_cv.publications.bib.Publication`), what
    it shows (``links``: indices of ``pub.links``, ``abstract``, ``bibtex``,
    ``on_demand``), its text as a child for search, and nodes for the files it names
    (an image, downloads marked ``cv-link``). See :mod:`sphinx_cv.publications.view`."""


class cv_details(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible block: a :class:`cv_summary` followed by its content.

    Publications expanded for other builders hold them; HTML writes publications
    directly, so its visitors here are the reference that writing is compared with."""


class cv_summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The always-visible line of a :class:`cv_details`."""


def visit_details_html(self: Any, node: cv_details) -> None:
    self.body.append(self.starttag(node, "details", "", CLASS="cv-details"))


def depart_details_html(self: Any, node: cv_details) -> None:
    self.body.append("</details>\n")


def visit_summary_html(self: Any, node: cv_summary) -> None:
    self.body.append(self.starttag(node, "summary", ""))


def depart_summary_html(self: Any, node: cv_summary) -> None:
    self.body.append("</summary>\n")


def visit_as_paragraph(self: Any, node: nodes.Element) -> None:
    """Other builders show the summary as a paragraph of its own."""
    self.visit_paragraph(node)


def depart_as_paragraph(self: Any, node: nodes.Element) -> None:
    self.depart_paragraph(node)


def _visitors(html: tuple[Any, Any], others: tuple[Any, Any]) -> dict[str, tuple[Any, Any]]:
    return {"html": html, **dict.fromkeys(("latex", "text", "man", "texinfo"), others)}


_PLAIN = (visit_entry_plain, depart_entry_plain)
DETAILS_VISITORS = _visitors((visit_details_html, depart_details_html), _PLAIN)
SUMMARY_VISITORS = _visitors(
    (visit_summary_html, depart_summary_html), (visit_as_paragraph, depart_as_paragraph)
)


class cv_bibtex(nodes.literal_block):  # noqa: N801
    """A BibTeX record shown verbatim.

    HTML writes it as a plain ``<pre>`` (a long list would otherwise spend most
    of its build time in Pygments); other builders treat it as the literal
    block it is.
    """


def visit_bibtex_html(self: Any, node: cv_bibtex) -> None:
    self.body.append(self.starttag(node, "pre", "", CLASS="cv-bibtex notranslate"))
    self.body.append(self.encode(node.astext()))
    self.body.append("</pre>\n")
    raise nodes.SkipNode
