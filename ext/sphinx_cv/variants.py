"""The variants of the CV on Sphinx's side: tags on pages and blocks, the checks of
``cv_variants`` against the content, and what a variant keeps of the assembled CV.

Content is tagged in four places (:mod:`.model.tags` says what a tag is):

- an entry: ``:tags: industry, ml`` (:mod:`.entries.directives`);
- a publication: its ``tags`` or ``keywords`` field, or al-folio's ``selected``;
- a block or a span of a page: the class ``tag-NAME``, through MyST's attributes:
  ``{.tag-industry}`` on the line before a paragraph, list, table or heading
  (``attrs_block``), ``[a phrase]{.tag-industry}`` inside a line or a bullet
  (``attrs_inline``); in reStructuredText, ``:class: tag-industry``;
- a whole page: ``cv-tags: academic, teaching`` in its front matter.

When each page is read, :func:`collect_tags` notes the tags it uses in the domain (a class
``tag-…`` that is no tag is a warning at its line). At the consistency check,
:func:`check_variants` warns about a tag a variant names that no content has (with the
nearest known tag), and says, as an error at ``cv_variants``, which variant selects
nothing. :func:`select` cuts the assembled CV down to what a variant keeps.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator
from dataclasses import replace
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from .domain import EntryRecord, TaggedItem, TaggedPage, cv_domain
from .model.tags import check_tag, nearest_tag, parse_tags
from .model.variants import Variant
from .nodes import cv_entry, cv_publication, cv_publication_list
from .publications.bib import Publication
from .publications.bib.fields import SELECTED_TAG
from .settings import cv_settings, setting_location
from .shared import error, warn

__all__ = [
    "TAG_CLASS",
    "check_variants",
    "collect_tags",
    "remove",
    "select",
    "setup_variants",
    "top_section",
]

#: The class that tags a block or a span: ``tag-industry``.
TAG_CLASS = "tag-"
#: The front-matter field that tags a whole page.
PAGE_FIELD = "cv-tags"
#: Where a publication's tags and kind are in a variant's eyes.
PUBLICATION_KIND = "publication"


def class_tags(node: nodes.Element) -> list[str]:
    """The tags a node's ``tag-…`` classes give."""
    classes: list[str] = node.get("classes", [])
    return [name[len(TAG_CLASS) :] for name in classes if name.startswith(TAG_CLASS)]


def page_tags(env: BuildEnvironment, docname: str) -> tuple[str, ...]:
    """The tags of a whole page (``cv-tags`` in its front matter)."""
    value = env.metadata.get(docname, {}).get(PAGE_FIELD, "")
    return parse_tags(str(value))[0]


def node_tags(node: nodes.Element) -> tuple[str, ...]:
    """A node's tags: an entry's, a publication's, or its ``tag-…`` classes."""
    if isinstance(node, cv_entry):
        return tuple(node.get("cv-tags", ()))
    if isinstance(node, cv_publication):
        return tuple(node["pub"].tags)
    return tuple(tag for tag in class_tags(node) if not _bad(tag))


def node_kind(node: nodes.Element) -> str:
    if isinstance(node, cv_entry):
        return str(node["kind"])
    return PUBLICATION_KIND if isinstance(node, cv_publication) else ""


def _bad(tag: str) -> str | None:
    try:
        check_tag(tag)
    except ValueError as err:
        return str(err)
    return None


def collect_tags(app: Sphinx, doctree: nodes.document) -> None:
    """Note the tags and kinds a page uses (for :func:`check_variants`); a ``tag-…`` class
    that is no tag is a warning at its line, and that class tags nothing."""
    env = app.env
    used: set[str] = set(page_tags(env, env.docname))
    items: list[TaggedItem] = []
    top = top_section(doctree)
    bad_page = parse_tags(str(env.metadata.get(env.docname, {}).get(PAGE_FIELD, "")))[1]
    for message in bad_page:
        warn("%s: %s", PAGE_FIELD, message, location=(env.docname, 1), subtype="tags")
    for node in doctree.findall(nodes.Element):
        for tag in class_tags(node):
            problem = _bad(tag)
            if problem:
                warn(
                    "class %s%s: %s (the class is %s followed by the tag)",
                    TAG_CLASS,
                    tag,
                    problem,
                    TAG_CLASS,
                    location=node,
                    subtype="tags",
                )
        tags = node_tags(node)
        used.update(tags)
        kind = node_kind(node)
        if kind:
            name = node["pub"].key if isinstance(node, cv_publication) else _first_id(node)
            items.append(TaggedItem(tags, kind, name, _section_of(node, top)))
    cv_domain(env).note_tags(env.docname, TaggedPage(frozenset(used), tuple(items)))


def _first_id(node: nodes.Element) -> str:
    return str(node["ids"][0]) if node["ids"] else ""


def _section_of(node: nodes.Element, top: nodes.section | None) -> str:
    """The anchor of the section directly under the page's ``top`` one that ``node``
    stands in ("": none; what a variant's ``sections`` names on the first page)."""
    for parent in _ancestors(node):
        if isinstance(parent, nodes.section) and top is not None and parent.parent is top:
            return _first_id(parent)
    return ""


def section_names(env: BuildEnvironment) -> list[str]:
    """What a variant's ``sections`` may name: the pages the first page's toctrees list,
    and the anchors of the first page's own sections."""
    root = env.config.root_doc
    names = list(env.toctree_includes.get(root, []))
    if root in env.found_docs:
        top = top_section(env.get_doctree(root))
        if top is not None:
            names += [str(s["ids"][0]) for s in top.children if isinstance(s, nodes.section)]
    return names


def page_parents(env: BuildEnvironment) -> dict[str, str]:
    """Each page a toctree lists → the page whose toctree lists it (first found, from the
    first page down)."""
    parents: dict[str, str] = {}

    def visit(docname: str) -> None:
        for child in env.toctree_includes.get(docname, []):
            if child not in parents and child != env.config.root_doc:
                parents[child] = docname
                visit(child)

    visit(env.config.root_doc)
    return parents


class Keeper:
    """What one variant keeps of the CV: pages, entries and publications (the rules are in
    :mod:`sphinx_cv.model.tags`); the one place that decides it, for the PDF
    (:func:`select`), the exports and the checks. A page stands under the page of the
    first page's toctree it descends from: ``sections`` keeps or drops it with that page,
    and its tags and theirs must all be admitted. A publication counts once towards
    ``max``, wherever it is listed."""

    def __init__(self, env: BuildEnvironment, variant: Variant) -> None:
        self.env = env
        self.variant = variant
        self.root = env.config.root_doc
        self.parents = page_parents(env)
        self.publications: set[str] = set()

    def keeps_page(self, docname: str) -> bool:
        chain = [docname]
        while chain[-1] in self.parents and self.parents[chain[-1]] != self.root:
            chain.append(self.parents[chain[-1]])
        sections = self.variant.sections
        if docname != self.root and sections is not None and chain[-1] not in sections:
            return False
        selection = self.variant.selection
        return all(selection.admits(page_tags(self.env, page)) for page in chain)

    def keeps_section(self, docname: str, section: str) -> bool:
        """Whether the first page's section ``section`` ("": none) is kept."""
        sections = self.variant.sections
        return docname != self.root or not section or sections is None or section in sections

    def keeps(self, tags: Collection[str], kind: str) -> bool:
        return self.variant.selection.admits(tags, kind)

    def keeps_publication(self, key: str, tags: Collection[str]) -> bool:
        """Whether the publication ``key`` is kept (its tags admitted, ``selected``, within
        ``max``); a publication kept once is kept wherever it is listed."""
        variant, kept = self.variant, self.publications
        if key in kept:
            return True
        if not self.keeps(tags, PUBLICATION_KIND):
            return False
        if variant.selected_publications and SELECTED_TAG not in tags:
            return False
        if variant.max_publications is not None and len(kept) >= variant.max_publications:
            return False
        kept.add(key)
        return True

    def keeps_item(self, docname: str, item: TaggedItem) -> bool:
        if not self.keeps_section(docname, item.section):
            return False
        if item.kind == PUBLICATION_KIND:
            return self.keeps_publication(item.name, item.tags)
        return self.keeps(item.tags, item.kind)


def admitted(env: BuildEnvironment, variant: Variant) -> Iterator[TaggedItem]:
    """The entries and publications ``variant`` keeps, as far as the pages tell."""
    domain = cv_domain(env)
    keeper = Keeper(env, variant)
    for docname in domain.page_order(env):
        if keeper.keeps_page(docname):
            yield from (i for i in domain.tagged(docname).items if keeper.keeps_item(docname, i))


def check_variants(app: Sphinx, env: BuildEnvironment) -> None:
    """Every tag a variant names is on some content (else a warning naming the nearest
    one); a variant that keeps no entry and no publication is an error."""
    variants = cv_settings(app.config).variants[1:]
    if not variants:
        return
    domain = cv_domain(env)
    known_tags, known_kinds = domain.known_tags(), domain.known_kinds()
    sections = set(section_names(env))
    location = setting_location(app, "cv_variants")
    for variant in variants:
        selection = variant.selection
        for key, tags in (("tags", selection.include or ()), ("exclude", selection.exclude)):
            for tag in sorted(tags):
                if tag in known_tags or (key == "exclude" and tag in known_kinds):
                    continue
                near = nearest_tag(tag, [*known_tags, *known_kinds])
                hint = f'; did you mean "{near}"?' if near else ""
                warn(
                    "cv_variants[%r][%r]: no content has the tag %r%s",
                    variant.name,
                    key,
                    tag,
                    hint,
                    location=location,
                    subtype="variants",
                )
        for name in variant.sections or ():
            if name not in sections:
                near = nearest_tag(name, sections)
                hint = f'; did you mean "{near}"?' if near else ""
                warn(
                    "cv_variants[%r]['sections']: the CV has no section %r%s (the sections "
                    "are its pages, by name, and the first page's sections, by anchor)",
                    variant.name,
                    name,
                    hint,
                    location=location,
                    subtype="variants",
                )
        if not any(admitted(env, variant)):
            error(
                "cv_variants[%r] selects nothing: no entry or publication has what it asks "
                "for; check its 'tags', 'exclude', 'sections' and 'publications'",
                variant.name,
                location=location,
                subtype="variants",
            )
            app.statuscode = 1


# -- The text of an entry's body, per variant (for exports) -----------------------------

#: Text, each piece with the tags of the tagged elements it stands in (outermost first).
Segments = tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]


def segments(node: nodes.Node, chain: tuple[tuple[str, ...], ...] = ()) -> Segments:
    """``node``'s text in pieces, each with the tags around it (``only`` blocks left out,
    as :func:`~sphinx_cv.entries.directives.body_text` leaves them)."""
    if isinstance(node, nodes.Text):
        return ((str(node), chain),)
    if isinstance(node, addnodes.only) or not isinstance(node, nodes.Element):
        return ()
    tags = node_tags(node)
    inner = (*chain, tags) if tags else chain
    found: list[tuple[str, tuple[tuple[str, ...], ...]]] = []
    for child in node.children:
        found += segments(child, inner)
        if isinstance(child, nodes.Element) and not isinstance(child, nodes.Inline):
            found.append((" ", inner))  # blocks apart
    return tuple(found)


def has_tags(parts: Segments) -> bool:
    return any(chain for _text, chain in parts)


def text_for(parts: Segments, variant: Variant) -> str:
    """The text of ``parts`` that ``variant`` keeps, on one line."""
    kept = (text for text, chain in parts if all(variant.selection.admits(t) for t in chain))
    return " ".join("".join(kept).split())


def variant_record(keeper: Keeper, record: EntryRecord) -> EntryRecord | None:
    """``record`` as ``keeper``'s variant exports it (its summary and highlights without the
    parts it leaves out), or None when it leaves the entry out."""
    if not keeper.keeps_page(record.docname):
        return None
    page = cv_domain(keeper.env).tagged(record.docname)
    section = next((i.section for i in page.items if i.name == record.anchor), "")
    if not keeper.keeps_section(record.docname, section):
        return None
    if not keeper.keeps(record.tags, record.entry.kind):
        return None
    if not record.tagged_body:
        return record
    variant = keeper.variant
    texts = [(role, text_for(part, variant)) for role, part in record.tagged_body]
    summary = " ".join(text for role, text in texts if role == "summary" and text)
    highlights = tuple(text for role, text in texts if role == "highlight" and text)
    return replace(record, summary=summary, highlights=highlights)


def variant_publications(
    keeper: Keeper, listed: Iterable[tuple[str, Publication]]
) -> list[Publication]:
    """The publications ``keeper``'s variant keeps of those ``listed`` (page, publication)."""
    return [
        pub
        for docname, pub in listed
        if keeper.keeps_page(docname) and keeper.keeps_publication(pub.key, pub.tags)
    ]


# -- What a variant keeps ----------------------------------------------------------------


def top_section(tree: nodes.document) -> nodes.section | None:
    return next((node for node in tree.children if isinstance(node, nodes.section)), None)


def named_sections(tree: nodes.document) -> list[tuple[str, nodes.Element]]:
    """The sections a variant may keep or drop, in order: each page the first page's
    toctrees bring in (by its name) and the first page's own sections (by anchor)."""
    top = top_section(tree)
    if top is None:
        return []
    found: list[tuple[str, nodes.Element]] = []
    for node in top.findall(nodes.Element, include_self=False):
        if isinstance(node, addnodes.start_of_file) and node.parent is not None:
            if not any(isinstance(a, addnodes.start_of_file) for a in _ancestors(node)):
                found.append((str(node["docname"]), node))
        elif isinstance(node, nodes.section) and node.parent is top and node["ids"]:
            found.append((str(node["ids"][0]), node))
    return found


def _ancestors(node: nodes.Node) -> Iterator[nodes.Element]:
    while node.parent is not None:
        node = node.parent
        yield node


def _arrange(tree: nodes.document, order: tuple[str, ...]) -> None:
    """Keep the sections ``order`` names, in that order, in the places the kept ones held."""
    named = named_sections(tree)
    kept = [node for name, node in named if name in order]
    for name, node in named:
        if name not in order:
            node.parent.remove(node)
    by_name = {name: node for name, node in named}
    wanted = [by_name[name] for name in dict.fromkeys(order) if name in by_name]
    slots = [nodes.container() for _ in kept]
    for node, slot in zip(kept, slots, strict=True):
        node.replace_self(slot)
    for slot, node in zip(slots, wanted, strict=True):
        slot.replace_self(node)


def _prune(node: nodes.Element, admits: Any) -> None:
    for child in list(node.children):
        if isinstance(child, nodes.Element):
            if admits(child):
                _prune(child, admits)
            else:
                node.remove(child)


#: Nodes that are empty once what they held is gone.
_CONTAINERS = (
    nodes.list_item,
    nodes.bullet_list,
    nodes.enumerated_list,
    nodes.definition_list,
    nodes.definition_list_item,
    nodes.field_list,
    nodes.paragraph,
    nodes.inline,
    nodes.strong,
    nodes.emphasis,
    cv_publication_list,
)


def _is_empty(node: nodes.Element) -> bool:
    if isinstance(node, nodes.field):
        return len(node.children) < 2 or _is_empty(node.children[1])  # type: ignore[arg-type]
    if isinstance(node, nodes.field_body):
        return not node.children
    if isinstance(node, nodes.section):
        return all(isinstance(c, (nodes.title, nodes.target)) for c in node.children)
    if isinstance(node, _CONTAINERS):
        return not node.children
    return False


def _drop_empty(tree: nodes.document, touched: set[int]) -> None:
    """Remove what the selection emptied (``touched``: the ids of the nodes it took
    something from, and theirs): bullets, lists, paragraphs, fields, sections with a title
    alone, a year's heading with no publication after it."""
    changed = True
    while changed:
        changed = False
        for node in list(tree.findall(nodes.Element)):
            if node.parent is not None and id(node) in touched and _is_empty(node):
                node.parent.remove(node)
                changed = True
    for rubric in list(tree.findall(nodes.rubric)):
        grouping = "cv-publications-group" in rubric["classes"]
        if grouping and rubric.parent is not None and id(rubric.parent) in touched:
            following = rubric.next_node(descend=False, siblings=True)
            if not isinstance(following, cv_publication_list):
                rubric.parent.remove(rubric)


def remove(tree: nodes.document, gone: Iterable[nodes.Element]) -> None:
    """Remove ``gone`` from ``tree``, and what that empties (:func:`_drop_empty`)."""
    touched = []
    if not gone:
        return
    for node in gone:
        if node.parent is not None:
            touched.append(node.parent)
            node.parent.remove(node)
    _drop_empty(tree, _with_ancestors(touched))


def _unlink_dangling(tree: nodes.document) -> None:
    """A link to what the variant left out becomes its text."""
    ids = {id_ for node in tree.findall(nodes.Element) for id_ in node["ids"]}
    for ref in list(tree.findall(nodes.reference)):
        if ref.get("refid") and ref["refid"] not in ids:
            ref.replace_self(ref.children or [nodes.Text(ref.astext())])


def _with_ancestors(removed_from: Iterable[nodes.Element]) -> set[int]:
    """The ids of these nodes and of everything they stand in."""
    found: set[int] = set()
    for node in removed_from:
        found.add(id(node))
        found.update(id(parent) for parent in _ancestors(node))
    return found


def select(tree: nodes.document, variant: Variant, env: BuildEnvironment) -> nodes.document:
    """What ``variant`` keeps of the assembled CV ``tree`` (a copy; the tree is left as it
    is): its sections in its order, the content its selection admits, its publications;
    what that empties goes too, and a link to what is gone is plain text."""
    tree = tree.deepcopy()
    if variant.is_full:
        return tree
    keeper = Keeper(env, variant)
    if variant.sections is not None:
        _arrange(tree, variant.sections)
    touched: list[nodes.Element] = []

    def admits(node: nodes.Element) -> bool:
        if isinstance(node, addnodes.start_of_file):
            keep = keeper.keeps_page(str(node["docname"]))
        elif isinstance(node, cv_publication):
            keep = keeper.keeps_publication(node["pub"].key, node["pub"].tags)
        else:
            keep = keeper.keeps(node_tags(node), node_kind(node))
        if not keep and node.parent is not None:
            touched.append(node.parent)
        return keep

    _prune(tree, admits)
    _drop_empty(tree, _with_ancestors(touched))
    _unlink_dangling(tree)
    return tree


def setup_variants(app: Sphinx) -> None:
    app.connect("doctree-read", collect_tags)
    app.connect("env-check-consistency", check_variants)
