"""Doctree nodes of the CV and how every builder renders them.

An entry is a :class:`cv_entry` wrapping ordinary docutils nodes (paragraphs,
inlines, containers), so any builder can print its fields; the visitors here
add the frame: a sphinx-design card in HTML, spacing elsewhere.
"""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.util.osutil import relative_uri

# sphinx-design's card classes: the entry looks and behaves like a {card}.
CARD_CLASSES = ("sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm")


class cv_entry(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """One entry; ``kind`` says which (``experience``, ``skill``…), ``compact`` whether it
    is one line rather than a card."""


class cv_dates(nodes.Inline, nodes.TextElement):  # noqa: N801
    """An entry's dates (``dates``, a :class:`~sphinx_cv.dates.DateRange`), written out
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


class cv_number(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A listed publication's number (``[1]``) for numeric citations, written when the
    page is written, once every page's listing is known."""


class cv_details(nodes.General, nodes.Element):  # noqa: N801
    """A collapsible block: a :class:`cv_summary` followed by its content."""


class cv_summary(nodes.General, nodes.TextElement):  # noqa: N801
    """The always-visible line of a :class:`cv_details`."""


def visit_details_html(self: Any, node: cv_details) -> None:
    if node.get("on_demand") and self.builder.name in ("html", "dirhtml"):
        write_details_on_demand(self, node)
        raise nodes.SkipNode
    self.body.append(self.starttag(node, "details", "", CLASS="cv-details"))


#: Where the site keeps abstracts and BibTeX served on demand, under its root.
ON_DEMAND_DIR = "_cv"


def on_demand_name(key: str, suffix: str) -> str:
    """A file name for ``key`` (any BibTeX key) that is safe and distinct."""
    safe = re.sub(r"[^A-Za-z0-9._-]", "_", key)[:80]
    if safe != key:
        safe += "-" + hashlib.sha256(key.encode()).hexdigest()[:8]
    return f"{safe}{suffix}"


def write_details_on_demand(self: Any, node: cv_details) -> None:
    """A ``<details>`` whose content is a file of the site, fetched by the page's script when
    it opens; without JavaScript its link opens the file. The file is written here."""
    bibtex = isinstance(node.children[-1], cv_bibtex)
    name = on_demand_name(node["key"], ".bib" if bibtex else ".abstract.txt")
    target = Path(self.builder.outdir, ON_DEMAND_DIR, name)
    text = node.children[-1].astext() + "\n"
    if not target.is_file() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f"{target.name}.{os.getpid()}")
        partial.write_text(text, encoding="utf-8")
        partial.replace(target)
    base = self.builder.get_target_uri(self.builder.current_docname)
    href = relative_uri(base, f"{ON_DEMAND_DIR}/{name}")
    kind = "bib" if bibtex else "abstract"
    classes = " ".join(["cv-details", *node["classes"]])
    summary = self.encode(node.children[0].astext())
    self.body.append(
        f'<details class="{classes}" data-cv-{kind}="{self.attval(href)}">'
        f"<summary><strong>{summary}</strong></summary>"
    )
    self.body.append(
        f'<p class="cv-on-demand"><a href="{self.attval(href)}" type="text/plain">'
        f"{self.encode(name)}</a></p></details>\n"
    )


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
