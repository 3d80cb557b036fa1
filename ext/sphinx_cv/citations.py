"""The ``cite`` role: ``{cite}`key``` or ``{cite}`key1,key2``` on any page.

It renders a short author–year label, ``(Wang et al., 2020)``, that links to
the entry where a ``publications`` directive lists it, in every builder (the
link is a ``pending_xref`` resolved by the ``cv`` domain).
"""

from __future__ import annotations

import difflib

from docutils import nodes
from sphinx import addnodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

from .bibcache import citable
from .config import bibfile_paths
from .domain import CVDomain

logger = logging.getLogger(__name__)


class CiteRole(SphinxRole):
    """Cite publications of the ``cv_bibfiles`` by key."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        keys = [key.strip() for key in self.text.split(",")]
        location = self.get_location()
        if not any(keys):
            logger.warning(
                "cite: no key given; write {cite}`key` or {cite}`key1,key2`",
                location=location,
                type="cv",
                subtype="cite",
            )
            return [nodes.inline(self.rawtext, self.text, classes=["cv-cite-missing"])], []
        if "" in keys:
            logger.warning(
                "cite: empty key in %r; separate keys by single commas: {cite}`key1,key2`",
                self.text,
                location=location,
                type="cv",
                subtype="cite",
            )
            keys = [key for key in keys if key]

        for path in bibfile_paths(self.config):
            self.env.note_dependency(str(path))
        known, broken = citable(self.env)
        domain = self.env.get_domain("cv")
        assert isinstance(domain, CVDomain)

        parts: list[nodes.Node] = []
        for key in keys:
            if parts:
                parts.append(nodes.Text("; "))
            found = known.get(key.casefold())
            if found is None and broken:  # the .bib's own error is reported already
                parts.append(nodes.inline("", key, classes=["cv-cite-missing"]))
                continue
            if found is None:
                close = difflib.get_close_matches(key, [p.key for p in known.values()], n=1)
                hint = f"; did you mean {close[0]!r}?" if close else ""
                where = ", ".join(str(p) for p in bibfile_paths(self.config)) or "cv_bibfiles"
                logger.warning(
                    "cite: unknown key %r%s (keys come from %s)",
                    key,
                    hint,
                    where,
                    location=location,
                    type="cv",
                    subtype="cite",
                )
                parts.append(nodes.inline("", key, classes=["cv-cite-missing"]))
                continue
            pub = found
            domain.add_citation(self.env.docname, pub.key, self.lineno)
            xref = addnodes.pending_xref(
                "",
                nodes.inline("", pub.label, classes=["cv-cite-label"]),
                refdomain="cv",
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
