"""Doctree nodes of the CV and how every builder renders them.

An entry is a :class:`cv_entry` wrapping ordinary docutils nodes (paragraphs,
inlines, containers), so any builder can print its fields; the visitors here
add the frame: a sphinx-design card in HTML, spacing elsewhere. A listed publication is a
:class:`cv_publication`; its parts' visitors are in :mod:`sphinx_cv.publications.html`.
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
    (an image, downloads marked ``cv-link``). Every builder writes the nodes
    :func:`sphinx_cv.publications.view.expand` makes of it."""


# The nodes below are parts of an expanded publication. HTML writes each from its data in
# one step (a long list is most of a build; sphinx_cv.publications.html); other builders get
# ordinary docutils nodes in their place (sphinx_cv.publications.view.docutils_form).


class cv_reference(nodes.General, nodes.Element):  # noqa: N801
    """A publication's reference line: its ``number`` (numeric citations; else empty), its
    ``badge`` (else empty) and the formatted reference, ``rich`` (a
    :data:`~sphinx_cv.publications.bib.Rich`)."""


class cv_links(nodes.General, nodes.Element):  # noqa: N801
    """A publication's links row: its ``links``, each an address (a
    :class:`~sphinx_cv.publications.bib.fields.Link`), the node of a file of the project (a
    download) or a file of the site (:class:`~sphinx_cv.publications.view.SiteFile`)."""


class cv_details(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible block: its ``summary`` (a label) always shown, its ``text`` when
    opened, ``verbatim`` (a BibTeX record) or as a paragraph (an abstract)."""


class cv_private(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A private field (``{private}`phone```): its ``key``. Only the PDFs the ``cvpdf``
    builder writes show its value (from ``private.toml`` or the environment); elsewhere
    it is removed, with what that empties (:mod:`sphinx_cv.pdf.private`)."""
