"""Citations: ``{cite}`` (or ``{cite:p}``) and ``{cite:t}`` on any page.

``{cite:p}`wang2020lane``` renders ``(Wang et al., 2020)`` and ``{cite:t}`wang2020lane```
renders ``Wang et al. (2020)``; with ``cv_cite_style = "numeric"`` they are ``[1]`` and
``Wang et al. [1]``, numbered in the order the publications are listed. Several keys
are separated by commas; notes go around the keys in angle brackets:
``{cite:p}`see <wang2020lane>, p. 3``` is ``(see Wang et al., 2020, p. 3)``. Each
label links to the entry where a ``publications`` directive lists it, in every
builder (a ``pending_xref`` resolved by the ``cv`` domain).

``cite:p`` and ``cite:t`` are the roles of a small ``cite`` domain, as in
sphinxcontrib-bibtex, so the two extensions cannot be used together: sphinx-cv says
so when Sphinx starts.
"""

from __future__ import annotations

import difflib
import re
from typing import Any, ClassVar

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ConfigError
from sphinx.util.docutils import SphinxRole

from ..domain import CVDomain, cv_domain
from ..settings import cv_settings
from ..shared import warn
from .bib import Publication
from .bibcache import Memo, cache_key, get_bibliography

#: The cache keys of the .bib files → their publications by case-folded key, and the
#: keys whose entries could not be read (None: a whole file could not be read): built
#: once per process and content.
_INDEX: Memo[tuple[str, ...], tuple[dict[str, Publication], frozenset[str] | None]] = Memo(8)
_NOTES = re.compile(r"^(?P<pre>[^<]*)<(?P<keys>[^<>]*)>(?P<post>.*)$", re.DOTALL)


def citable(env: BuildEnvironment) -> tuple[dict[str, Publication], frozenset[str] | None]:
    """Every publication of ``cv_bibfiles`` by case-folded key (the first file wins), and
    the case-folded keys of entries that could not be read (their errors are reported
    already), or None when a whole file could not be read."""
    paths = cv_domain(env).bibfiles
    keys = tuple(cache_key(env, path) for path in paths)
    found = _INDEX.get(keys)
    if found is None:
        index: dict[str, Publication] = {}
        lost: set[str] = set()
        broken = False
        for path in paths:
            bib = get_bibliography(env, path)
            broken = broken or bib.error is not None
            lost.update(bib.lost)
            for key, pub in bib.publications.items():
                index.setdefault(key.casefold(), pub)
        found = _INDEX.put(keys, (index, None if broken else frozenset(lost)))
    return found


class CiteRole(SphinxRole):
    """Cite publications of the ``cv_bibfiles`` by key; ``textual`` for ``cite:t``."""

    def __init__(self, textual: bool = False) -> None:
        super().__init__()
        self.textual = textual

    def warn(self, message: str, *args: object) -> None:
        warn(f"{self.name}: {message}", *args, location=self.get_location(), subtype="cite")

    def split(self) -> tuple[str, list[str], str]:
        """(note before, keys, note after) of the role's text."""
        match = _NOTES.match(self.text)
        pre, keys, post = (
            (match["pre"], match["keys"], match["post"]) if match else ("", self.text, "")
        )
        return (
            pre.strip(),
            [key.strip() for key in keys.split(",")],
            post.strip().lstrip(",").strip(),
        )

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        pre, keys, post = self.split()
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
        known, lost = citable(self.env)
        numeric = cv_settings(self.config).numeric_citations

        parts: list[nodes.Node] = []
        for key in keys:
            if parts:
                parts.append(nodes.Text("; " if not numeric or self.textual else ", "))
            pub = known.get(key.casefold())
            if pub is None:
                if lost is not None and key.casefold() not in lost:  # else reported already
                    close = difflib.get_close_matches(key, [p.key for p in known.values()], n=1)
                    hint = f"; did you mean {close[0]!r}?" if close else ""
                    where = ", ".join(map(str, paths)) or "cv_bibfiles"
                    self.warn("unknown key %r%s (keys come from %s)", key, hint, where)
                parts.append(nodes.inline("", key, classes=["cv-cite-missing"]))
                continue
            parts.extend(self.one(pub, numeric, post if len(keys) == 1 else ""))
        cite = nodes.inline(self.rawtext, "", classes=["cv-cite"])
        if self.textual:
            if pre:
                cite += nodes.Text(pre + " ")
            cite.extend(parts)
            if post and len(keys) > 1:
                cite += nodes.Text(f" ({post})")
        else:
            opening, closing = ("[", "]") if numeric else ("(", ")")
            cite += nodes.Text(opening + (pre + " " if pre else ""))
            cite.extend(parts)
            cite += nodes.Text((", " + post if post and len(keys) > 1 else "") + closing)
        return [cite], []

    def xref(self, pub: Publication, label: str, numeric: bool) -> addnodes.pending_xref:
        xref = addnodes.pending_xref(
            "",
            nodes.inline("", label, classes=["cv-cite-label"]),
            refdomain=CVDomain.name,
            reftype="cite",
            reftarget=pub.key,
            refexplicit=True,
            refwarn=True,
            refdoc=self.env.docname,
            numeric=numeric,
        )
        xref["reftitle"] = pub.title
        self.set_source_info(xref)
        return xref

    def one(self, pub: Publication, numeric: bool, post: str) -> list[nodes.Node]:
        """One key: ``Wang et al., 2020`` / ``Wang et al. (2020)`` / ``1`` / ``Wang et al. [1]``;
        ``post`` (a page, a chapter) after the year or number."""
        after = f", {post}" if post else ""
        if numeric:
            if self.textual:
                return [nodes.Text(pub.cite_names + " ["), self.xref(pub, "?", True),
                        nodes.Text(after + "]")]  # fmt: skip
            return [self.xref(pub, "?", True), nodes.Text(after)]
        if self.textual:
            year = pub.cite_year or "n.d."
            return [self.xref(pub, f"{pub.cite_names} ({year}{after})", False)]
        return [self.xref(pub, pub.label, False), nodes.Text(after)]


class CiteDomain(Domain):
    """``cite:p`` and ``cite:t``: the citation roles, under sphinxcontrib-bibtex's names."""

    name = "cite"
    label = "Citations"
    roles: ClassVar[dict[str, Any]] = {"p": CiteRole(), "t": CiteRole(textual=True)}

    def merge_domaindata(self, docnames: Any, otherdata: dict[str, Any]) -> None:
        pass  # no data: the cv domain records what is listed

    def resolve_any_xref(self, *args: Any) -> list[tuple[str, nodes.reference]]:
        return []


def add_citation_roles(app: Sphinx, config: Config) -> None:
    """Once every extension is loaded: the roles, or a clear error if sphinxcontrib-bibtex
    (which has roles of the same names) is loaded too."""
    if "sphinxcontrib.bibtex" in app.extensions:
        raise ConfigError(
            "sphinx-cv and sphinxcontrib-bibtex both define the citation roles {cite}, "
            "{cite:p} and {cite:t}: use one of them. sphinx-cv's `publications` directive "
            "lists a .bib file as sphinxcontrib-bibtex's `bibliography` does; remove "
            "'sphinxcontrib.bibtex' from extensions in conf.py (or remove 'sphinx_cv')"
        )
    app.add_role("cite", CiteRole(), override=True)
    app.add_domain(CiteDomain, override=True)


def number_publications(app: Sphinx, env: BuildEnvironment) -> list[str]:
    """Once every page is read: the numbers of numeric citations, for all pages to use.
    When they change, every page is written again (any page may cite)."""
    domain = cv_domain(env)
    numbers = domain.numbers(env)
    changed = numbers != domain.state.numbers
    domain.state.numbers = numbers
    numeric = cv_settings(env.config).numeric_citations
    return sorted(env.found_docs) if changed and numeric else []


def setup_citations(app: Sphinx) -> None:
    app.connect("config-inited", add_citation_roles)
    app.connect("env-updated", number_publications)
