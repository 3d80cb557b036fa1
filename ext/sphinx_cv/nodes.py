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
    """One experience or education entry; ``kind`` says which."""


def visit_entry_html(self: Any, node: cv_entry) -> None:
    classes = " ".join((*CARD_CLASSES, "cv-entry", f"cv-entry-{node['kind']}"))
    self.body.append(self.starttag(node, "article", "", CLASS=classes))
    self.body.append('<div class="sd-card-body">\n')


def depart_entry_html(self: Any, node: cv_entry) -> None:
    self.body.append("</div>\n</article>\n")


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
    "text": (visit_entry_plain, depart_entry_plain),
    "man": (visit_entry_plain, depart_entry_plain),
    "texinfo": (visit_entry_plain, depart_entry_plain),
}
