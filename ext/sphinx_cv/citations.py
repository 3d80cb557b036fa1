"""The ``cite`` role: ``{cite}`key``` or ``{cite}`key1,key2``` on any page.

It renders a short author–year label, ``(Wang et al., 2020)``, that links to
the entry where a ``publications`` directive lists it, in every builder (the
link is a ``pending_xref`` resolved by the ``cv`` domain).
"""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import SphinxRole

from .bib import Publication
from .bibcache import Memo, cache_key, get_bibliography
from .domain import CVDomain
from .shared import cv_domain, warn

#: The cache keys of the .bib files → their publications by case-folded key, and
#: whether a file could not be read: built once per process and content.
_INDEX: Memo[tuple[str, ...], tuple[dict[str, Publication], bool]] = Memo(8)


def citable(env: BuildEnvironment) -> tuple[dict[str, Publication], bool]:
    """Every publication of ``cv_bibfiles`` by case-folded key (the first file wins), and
    whether a file could not be read."""
    paths = cv_domain(env).bibfiles
    keys = tuple(cache_key(env, path) for path in paths)
    found = _INDEX.get(keys)
    if found is None:
        index: dict[str, Publication] = {}
        broken = False
        for path in paths:
            bib = get_bibliography(env, path)
            broken = broken or bib.error is not None
            for key, pub in bib.publications.items():
                index.setdefault(key.casefold(), pub)
        found = _INDEX.put(keys, (index, broken))
    return found


class CiteRole(SphinxRole):
    """Cite publications of the ``cv_bibfiles`` by key."""

    def warn(self, message: str, *args: object) -> None:
        warn(f"cite: {message}", *args, location=self.get_location(), subtype="cite")

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        keys = [key.strip() for key in self.text.split(",")]
        if not any(keys):
            self.warn("no key given; write {cite}`key` or {cite}`key1,key2`")
            return [nodes.inline(self.rawtext, self.text, classes=["cv-cite-missing"])], []
        if "" in keys:
            self.warn(
                "empty key in %r; separate keys by single commas: {cite}`key1,key2`", self.text
            )
            keys = [key for key in keys if key]

        paths = cv_domain(self.env).bibfiles
        for path in paths:
            self.env.note_dependency(str(path))
        known, broken = citable(self.env)

        parts: list[nodes.Node] = []
        for key in keys:
            if parts:
                parts.append(nodes.Text("; "))
            pub = known.get(key.casefold())
            if pub is None:
                if not broken:  # else the .bib's own error is reported already
                    close = difflib.get_close_matches(key, [p.key for p in known.values()], n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    where = ", ".join(map(str, paths)) or "cv_bibfiles"
                    self.warn("unknown key %r%s (keys come from %s)", key, hint, where)
                parts.append(nodes.inline("", key, classes=["cv-cite-missing"]))
                continue
            xref = addnodes.pending_xref(
                "",
                nodes.inline("", pub.label, classes=["cv-cite-label"]),
                refdomain=CVDomain.name,
                reftype="cite",
                reftarget=pub.key,
                refexplicit=True,
                refwarn=True,
                refdoc=self.env.docname,
            )
            xref["reftitle"] = pub.title
            self.set_source_info(xref)
            parts.append(xref)
        cite = nodes.inline(self.rawtext, "", classes=["cv-cite"])
        cite += nodes.Text("(")
        cite.extend(parts)
        cite += nodes.Text(")")
        return [cite], []


def setup_citations(app: Sphinx) -> None:
    app.add_role("cite", CiteRole())
