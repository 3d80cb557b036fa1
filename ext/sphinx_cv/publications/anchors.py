"""Anchors and in-document links where one output holds every page.

singlehtml and the PDF put all pages in one document: an entry listed on two pages
would give the same ``id`` twice, so the second one gets a suffix (citations use
the first); in the PDF, a citation of an entry that the PDF leaves out (an
``{only} not cvpdf`` listing) links to the website instead, or is plain text
without ``html_baseurl``. LaTeX gets a label on each listed publication, so that
citations become ``\\hyperref`` links.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..domain import cv_domain
from ..nodes import cv_publication

#: Classes of the nodes whose ids sphinx-cv gives.
_OURS = ("cv-entry", "cv-publications-group")


def _ours(node: nodes.Element) -> bool:
    if isinstance(node, cv_publication) or node.get("kind") is not None:
        return True
    return any(cls in node["classes"] for cls in _OURS)


class SingleDocumentAnchors(SphinxPostTransform):
    """singlehtml and the PDF: unique ids, and no link to an anchor that is not there."""

    default_priority = 900  # after references are resolved and `only` is applied
    builders = ("singlehtml",)  # the PDF builder runs it itself (PDF_TRANSFORMS)

    def run(self, **kwargs: Any) -> None:
        seen: set[str] = set()
        for node in self.document.findall(nodes.Element):
            if node["ids"] and _ours(node):
                node["ids"] = [self.unique(anchor, seen) for anchor in node["ids"]]
            else:
                seen.update(node["ids"])

    @staticmethod
    def unique(anchor: str, seen: set[str]) -> str:
        new, n = anchor, 1
        while new in seen:
            n += 1
            new = f"{anchor}-{n}"
        seen.add(new)
        return new


class LinksOutOfThePDF(SphinxPostTransform):
    """Citations of entries the PDF leaves out go to the website (or are text)."""

    default_priority = 901

    def run(self, **kwargs: Any) -> None:
        present = {
            anchor for node in self.document.findall(nodes.Element) for anchor in node["ids"]
        }
        base = str(self.config.html_baseurl or "").rstrip("/")
        domain = cv_domain(self.env)
        for ref in list(self.document.findall(nodes.reference)):
            refid = ref.get("refid")
            if not refid or refid in present:
                continue
            listing = next(
                (
                    x
                    for d in domain.listing_docs()
                    for x in domain.listings_of(d)
                    if x.anchor == refid
                ),
                None,
            )
            if listing is None:
                continue
            if base:
                del ref["refid"]
                ref["refuri"] = f"{base}/{listing.docname}.html#{listing.anchor}"
                ref["internal"] = False
            else:
                ref.replace_self(ref.children)


class LaTeXLabels(SphinxPostTransform):
    """LaTeX: a label on each listed publication, for ``\\hyperref`` from citations."""

    default_priority = 900
    builders = ("latex",)

    def run(self, **kwargs: Any) -> None:
        for item in self.document.findall(nodes.list_item):
            if item.get("cv-key") and item["ids"]:
                item.insert(0, nodes.target("", "", ids=list(item["ids"])))
                item["ids"] = []


#: The PDF's post-transforms, which its builder runs on the assembled CV, in the PDF
#: builder's own run and in a website's build that writes the PDF too.
PDF_TRANSFORMS = (SingleDocumentAnchors, LinksOutOfThePDF)


def setup_anchors(app: Sphinx) -> None:
    app.add_post_transform(SingleDocumentAnchors)
    app.add_post_transform(LaTeXLabels)
