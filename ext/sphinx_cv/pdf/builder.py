"""The ``cvpdf`` builder: the whole CV as one typeset PDF, through WeasyPrint.

It assembles the root document and its toctree into one page (as
``singlehtml`` does), writes it with a print theme shipped in this package
(no navigation, no permalinks), then lays it out with WeasyPrint: Letter or A4,
a footer with the owner's name and "Page X of Y", embedded fonts, clickable
links, and PDF metadata. With ``SOURCE_DATE_EPOCH`` set, two builds give the
same bytes. A build whose PDF would be made of the same page, style sheets, fonts
and images as the PDF already written leaves that file alone (no layout).

The builder writes one file to its output folder, the PDF, and touches nothing else
there: the page WeasyPrint lays out, and its assets, go to a scratch folder under
the doctrees folder. The PDF is written under a temporary name and renamed over the
old one (:class:`.layout.Replacement`), so a killed build never leaves half a PDF.

The print sheet ships Lato for Latin, Greek and Cyrillic; other scripts come from
the system's fonts, and characters that no installed font has are a warning that
names them and the package that would draw them (:mod:`.fontcoverage`).

Content for the PDF only: ``{only} cvpdf``; for the website only:
``{only} not cvpdf``.
"""

from __future__ import annotations

import contextlib
import os
import secrets
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import sphinx
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.config import Config
from sphinx.transforms import SphinxTransformer
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.osutil import relative_uri
from sphinx.util.parallel import SerialTasks
from sphinx.util.tags import Tags
from sphinx.writers.html5 import HTML5Translator

from ..domain import cv_domain
from ..model.dates import build_moment
from ..model.variants import Variant, pdf_file_name
from ..model.words import N_
from ..publications.anchors import PDF_TRANSFORMS
from ..settings import cv_settings
from ..shared import PDF_BUILDER, ancestors, conf_location, error, gettext, logger, warn
from ..variants import select, top_section
from .fonts import Coverage, coverage, missing_text, page_text
from .layout import (
    LayoutError,
    LayoutWorker,
    OutputError,
    WeasyPrintMissingError,
    lay_out,
    stop_prestarted,
    take_prestarted,
    write_file,
)
from .printform import header_lines, no_screen_parts
from .private import PrivateFields, fill_private, read_private
from .stamp import Stamp, layout_digest, sources_key

THEME = "sphinx_cv_pdf"
THEME_DIR = Path(__file__).parent.parent / "themes" / "cvpdf"
#: The fonts the print sheet ships: Lato, one file per style.
SHIPPED_FONTS = tuple(sorted((THEME_DIR / "static" / "fonts").glob("*.ttf")))
#: Emitted once the page of a variant's PDF is written, with the builder, the variant, its
#: document (what the variant keeps, private fields filled in or dropped, as the PDF has
#: it; not to be changed) and the path its PDF gets: other forms of the same CV follow it.
VARIANT_WRITTEN = "cv-pdf-variant-written"
#: The class of an entry's title (:mod:`sphinx_cv.entries.directives`).
ENTRY_TITLE = "cv-entry-title"
#: The PDF's scratch folder, in the doctrees folder: the page WeasyPrint lays out.
SCRATCH = "cvpdf-html"
#: The PDF's footer, right; ``{page}`` and ``{pages}`` are counters.
PAGE_OF = N_("Page {page} of {pages}")
DEFAULT_TITLE = N_("{author} — Curriculum Vitae")
DEFAULT_SUBJECT = N_("Curriculum vitae of {author}")


#: How a PDF over its page budget is tightened, one step after the other, before its
#: overflow is a warning (README lists the bounds): spacing and page margins, then line
#: height, then the type (never below 9.5 pt; it is 10 pt).
TIGHTER = (
    "@page { margin: 0.4in 0.5in 0.45in 0.5in; }\n"
    "h2, section > section > h2 { margin: 6pt 0 2.5pt; }\n"
    ".cv-entry { margin-bottom: 4pt; } li { margin-bottom: 0.5pt; } ul, ol { margin: 0 0 2pt; }",
    "html { line-height: 1.2; }",
    "html { font-size: 9.5pt; }",
)


def pdf_filename(config: Config, variant: Variant | None = None) -> str:
    """The file name of ``variant``'s PDF (the whole CV's by default) in a build of
    ``config`` (:func:`pdf_file_name`)."""
    full = pdf_file_name(cv_settings(config).pdf_filename, str(config.project))
    return variant.file_name(full) if variant is not None else full


def built_variants(config: Config) -> list[Variant]:
    """The variants whose PDF a build writes (``cv_pdf_variants``), the whole CV first; a
    variant whose file name another took already is left out (the settings' check said so:
    :func:`sphinx_cv.settings.check_variant_names`)."""
    names: set[str] = set()
    found = []
    for variant in cv_settings(config).built_variants:
        name = pdf_filename(config, variant).lower()
        if name not in names:
            names.add(name)
            found.append(variant)
    return found


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


def toctrees_last(tree: nodes.document) -> None:
    """Move the root page's toctrees to the end of its top section (not those that stand
    in an ``only`` block), so that the pages they list follow the root page's own sections
    as sections of the same level."""
    top = next((node for node in tree.children if isinstance(node, nodes.section)), None)
    if top is None:
        return
    for toctree in list(tree.findall(addnodes.toctree)):
        if any(isinstance(parent, addnodes.only) for parent in ancestors(toctree)):
            continue
        wrapper = toctree.parent if "toctree-wrapper" in toctree.parent["classes"] else toctree
        wrapper.parent.remove(wrapper)
        top += wrapper


def page_counter_css() -> str:
    """The footer's "Page X of Y" as CSS ``content``, in the build's language."""
    before, rest = gettext(PAGE_OF).split("{page}", 1)
    between, after = rest.split("{pages}", 1)
    css = f"{_css_string(before)} counter(page) {_css_string(between)} counter(pages)"
    return f"{css} {_css_string(after)}" if after else css


class CVPDFTranslator(HTML5Translator):
    """The PDF page's HTML: an entry's title is a heading (``<h3>``), so that the tagged PDF
    has it as H3 and the outline a bookmark for it; the rest as on the web."""

    def visit_paragraph(self, node: nodes.paragraph) -> None:
        if ENTRY_TITLE in node["classes"]:
            self.body.append(self.starttag(node, "h3", ""))
        else:
            super().visit_paragraph(node)

    def depart_paragraph(self, node: nodes.paragraph) -> None:
        if ENTRY_TITLE in node["classes"]:
            self.body.append("</h3>\n")
        else:
            super().depart_paragraph(node)

    def visit_rubric(self, node: nodes.rubric) -> None:
        """A heading rubric (a year over publications) one level below the section it is
        in, as the pages' sections stand in the one document."""
        if "heading-level" in node:
            node["heading-level"] = min(6, self.section_level + 1)
        super().visit_rubric(node)


class CVPDFBuilder(SingleFileHTMLBuilder):
    """Builds ``<outdir>/<cv_pdf_filename>``; its HTML goes to a scratch folder, and no
    other file of the output folder is written, moved or removed."""

    name = PDF_BUILDER
    format = "html"
    default_translator_class = CVPDFTranslator
    epilog = "The PDFs are in %(outdir)s."
    search = False
    copysource = False
    embedded = False
    download_support = False
    supported_remote_images = True
    #: The CV as one document, once assembled (where a character of the PDF comes from).
    assembled: nodes.document | None = None
    #: Why a PDF could not be written (said as an error), if one could not.
    failure: str | None = None
    #: Whether its PDFs get the private fields (those the website offers never do).
    private = True
    #: Whether :meth:`finish` only starts the layouts, and :meth:`finish_pdfs`, called
    #: later, waits for them (the website's build writes its pages meanwhile).
    deferred = False
    #: The layouts started and not yet waited for: the worker (None: laid out here when
    #: waited for), the page's CSS, the jobs, the stamp.
    pending: tuple[LayoutWorker | None, str, list[Any], Stamp] | None = None

    def __init__(self, app: Sphinx, env: Any) -> None:
        #: The output folder given to Sphinx: the PDF goes there, and nothing else.
        self.pdf_outdir = Path(app.outdir)
        #: The page WeasyPrint lays out and its assets: a scratch folder of the doctrees.
        self.scratch = Path(app.doctreedir) / SCRATCH
        super().__init__(app, env)

    # The HTML builder writes its page and assets to ``outdir``: the scratch folder.
    @property  # type: ignore[override]
    def outdir(self) -> Path:
        return self.scratch

    @outdir.setter
    def outdir(self, value: Any) -> None:
        """Builder.__init__ sets it to the output folder: that is ``pdf_outdir``."""

    def init(self) -> None:
        self.scratch.mkdir(parents=True, exist_ok=True)
        super().init()
        #: Each variant written: its page (in the scratch folder) and its document.
        self.pages: dict[str, tuple[Path, nodes.document]] = {}
        #: The variant being written.
        self.variant: Variant | None = None
        self.fields: PrivateFields | None = (
            read_private(Path(self.confdir)) if self.private else None
        )

    def assemble_doctree(self) -> nodes.document:
        """The root page, then each page its toctrees list as a section of the CV, in
        toctree order: wherever a toctree stands on the root page (under a heading, at the
        end, hidden or not), the PDF has the same structure."""
        root = self.config.root_doc
        tree = self.env.get_doctree(root)
        toctrees_last(tree)
        tree = inline_all_toctrees(self, set(), root, tree, str, [root])
        tree["docname"] = root
        self.env.resolve_references(tree, root, self)
        # The PDF's own post-transforms, run here whichever build asked for the PDF.
        transformer = SphinxTransformer(tree)
        transformer.set_environment(self.env)
        transformer.add_transforms(list(PDF_TRANSFORMS))
        transformer.apply_transforms()
        if sphinx.version_info < (9,):  # Sphinx 9 writes single-document links itself
            self.fix_refuris(tree)
        self.assembled = tree
        return tree

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return THEME, {}

    def write_doc(self, docname: str, doctree: nodes.document) -> None:
        """The page of each variant the build writes, from the one assembled CV: what the
        variant selects (:func:`sphinx_cv.variants.select`), its subtitle, the private
        fields (or not)."""
        for variant in built_variants(self.config):
            tree = select(doctree, variant, self.env)
            add_subtitle(tree, variant)
            fill_private(tree, self.fields)
            self.variant = variant
            self.globalcontext["cv_pdf"] = self.metadata(variant)
            printed = tree.deepcopy()
            header_lines(printed)
            no_screen_parts(printed)
            super().write_doc(docname, printed)
            self.pages[variant.name] = (self.page_file(variant), tree)
        self.variant = None

    def variants_written(self) -> None:
        """Say that each variant's page is written (:data:`VARIANT_WRITTEN`): other forms of
        the CV are made while WeasyPrint lays the PDFs out."""
        for variant in built_variants(self.config):
            target = self.pdf_outdir / pdf_filename(self.config, variant)
            self.events.emit(VARIANT_WRITTEN, self, variant, self.pages[variant.name][1], target)

    def page_file(self, variant: Variant) -> Path:
        """The scratch page of ``variant``'s PDF."""
        root = self.config.root_doc
        return self.scratch / (f"{root}.html" if variant.is_full else f"{root}-{variant.name}.html")

    def metadata(self, variant: Variant) -> dict[str, str]:
        settings = cv_settings(self.config)
        author = settings.owner_name
        return {
            "title": variant.title
            or settings.pdf_title
            or gettext(DEFAULT_TITLE).format(author=author),
            "author": author,
            "subject": settings.pdf_subject or gettext(DEFAULT_SUBJECT).format(author=author),
            "keywords": settings.pdf_keywords,
            "created": self.created,
        }

    def handle_page(
        self,
        pagename: str,
        addctx: dict[str, Any],
        templatename: str = "page.html",
        *,
        outfilename: Path | None = None,
        event_arg: Any = None,
    ) -> None:
        """The page WeasyPrint lays out, from the print theme's one template. It is not a
        page of a website: no ``html-page-context`` is emitted for it, so website
        extensions (a sitemap, OpenGraph tags, sphinx-cv's own SEO) never see it."""
        base = self.get_target_uri(pagename).rsplit("#", 1)[0]

        def pathto(other: str, resource: bool = False) -> str:
            return relative_uri(base, other if resource else self.get_target_uri(other))

        context = {**self.globalcontext, **addctx, "pagename": pagename, "pathto": pathto}
        context["encoding"] = self.config.html_output_encoding
        default = self.page_file(self.variant) if self.variant else self.get_outfilename(pagename)
        path = Path(outfilename or default)
        path.parent.mkdir(parents=True, exist_ok=True)
        output = self.templates.render(templatename, context)
        path.write_text(output, encoding=context["encoding"], errors="xmlcharrefreplace")

    def write_additional_files(self) -> None:
        """None: ``html_additional_pages`` and OpenSearch are the website's."""

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        # Plain mailto: links: a PDF reader or an applicant-tracking system gets the address.
        self.docsettings.cloak_email_addresses = False
        self.created = build_moment(os.environ.get("SOURCE_DATE_EPOCH")).strftime(
            "%Y-%m-%dT%H:%M:%SZ"
        )
        self.globalcontext["cv_pdf"] = self.metadata(built_variants(self.config)[0])

    def finish(self) -> None:
        super().finish()
        self.start_pdfs()
        if not self.deferred:
            self.finish_pdfs()

    def write_what_was_read(self) -> None:
        """What :meth:`build_all` does once the pages are read, for a build whose website
        builder has just read them: write and finish, without reading again (a second
        reading would start the build's state anew, what it read and what pages came or
        went, before the website's own build is done with it)."""
        self.parallel_ok = False
        self.finish_tasks = SerialTasks()
        # Writing one page of the whole CV numbers its sections and figures for that page
        # (singlehtml's way); the website, whose pages are written next, keeps its own.
        numbers = (self.env.toc_secnumbers, self.env.toc_fignumbers)
        try:
            self.write(None, [], "all")
            self.finish()
            self.finish_tasks.join()
        finally:
            self.env.toc_secnumbers, self.env.toc_fignumbers = numbers

    def start_pdfs(self) -> None:
        """Start the layout of the PDF of each variant whose page changed, in the layout
        process, and make the other forms of the CV meanwhile (:meth:`finish_pdfs` waits
        for the PDFs); a PDF that is current, or the copy of another, is done here."""
        settings = cv_settings(self.config)
        paper, author = settings.pdf_paper, settings.owner_name
        page_css = (
            f"@page {{ size: {paper}; }}\n"
            f"@page {{ @bottom-left {{ content: {_css_string(author)}; }} }}\n"
            f"@page {{ @bottom-right {{ content: {page_counter_css()}; }} }}\n"
        )
        stamp = Stamp(Path(self.outdir))
        worker = _WORKERS.pop(self.env, None)
        jobs: list[tuple[Variant, Path, str, set[str], Any]] = []
        for variant in built_variants(self.config):
            html_file, tree = self.pages[variant.name]
            target = self.pdf_outdir / pdf_filename(self.config, variant)
            html = html_file.read_text(encoding="utf-8")
            chars = set(page_text(html)) | set(page_css)
            self.assembled = tree
            fonts = self.check_fonts(chars)
            # The moment of the build changes nothing but the PDF's dates; the epoch does.
            page = html.replace(self.created, "") + os.environ.get("SOURCE_DATE_EPOCH", "")
            digest = layout_digest(Path(self.outdir), page, page_css, fonts)
            digest += f" {variant.pages or ''}"
            sources = self.sources(variant, fonts)
            if stamp.is_current(target, digest):
                entry = stamp.entry(target) or {}
                stamp.record(target, digest, chars, sources, entry.get("layout"))
                logger.info("%s: up to date", target)
                self.forget_private(html_file)
                self.warn_if_over(variant, target, entry.get("layout"))
                continue
            same = stamp.same_layout(digest)
            if same is not None and self.copy_layout(same, target):
                layout = (stamp.entry(same) or {}).get("layout")
                stamp.record(target, digest, chars, sources, layout)
                logger.info("%s: the same as %s", target, same)
                self.forget_private(html_file)
                self.warn_if_over(variant, target, layout)
                continue
            jobs.append((variant, target, digest, chars, sources))
        remove_stale_pdfs(self.config, stamp, self.pdf_outdir)
        self.pending = (self.start_layouts(worker, page_css, jobs), page_css, jobs, stamp)

    def finish_pdfs(self) -> None:
        """Wait for the layouts :meth:`start_pdfs` started and note each PDF written; a PDF
        over its page budget is a warning, one that could not be written an error."""
        if self.pending is None:
            return
        worker, page_css, jobs, stamp = self.pending
        self.pending = None
        results = self.layout_results(worker, page_css, jobs)
        for (variant, target, digest, chars, sources), result in zip(jobs, results, strict=True):
            self.forget_private(self.pages[variant.name][0])
            if isinstance(result, str):
                # One line, no crash report; the build's exit status is 1 (note_pdf_failure).
                self.failure = result
                error("%s", result, location=None, subtype="pdf")
                continue
            stamp.record(target, digest, chars, sources, result)
            logger.info("%s: %d page(s)", target, result["pages"])
            self.warn_if_over(variant, target, result)

    def copy_layout(self, source: Path, target: Path) -> bool:
        """Write ``target`` as a copy of ``source``, laid out from the same page; whether
        it could be (else it is laid out)."""
        try:
            write_file(target, source.read_bytes())
        except (OSError, OutputError):
            return False
        return True

    def sources(self, variant: Variant, fonts: Coverage | None) -> str:
        """What shapes ``variant``'s PDF besides the documents (:func:`sources_key`)."""
        private = self.fields.key(private_salt(Path(self.outdir))) if self.fields else ""
        return variant_sources(self.config, self.tags, fonts, variant, private)

    def forget_private(self, html_file: Path) -> None:
        """A page that holds private fields is removed once laid out: they are in the PDF
        and nowhere else (the scratch folder may be inside a published one)."""
        if self.fields is not None and self.fields.used:
            html_file.unlink(missing_ok=True)

    def warn_if_over(self, variant: Variant, target: Path, result: dict[str, Any] | None) -> None:
        """A PDF over its page budget, even at the tightest spacing: by how much, and the
        largest sections (what to cut); said on every build while it is so, whether the PDF
        was laid out in this build or before (``result``, from the stamp)."""
        if not result or "overflow" not in result:
            return
        over = result["overflow"]
        largest = ", ".join(f"{title} ({mm} mm)" for title, mm in over["sections"][:3])
        warn(
            "cv_variants[%r]: %s is %d pages for a budget of %d, even with the spacing "
            "tightened: %d line(s), %d mm, past page %d; the largest sections are %s; leave "
            "out more (tags, 'exclude', 'sections', 'publications') or raise 'pages'",
            variant.name,
            target.name,
            result["pages"],
            variant.pages,
            over["lines"],
            over["mm"],
            variant.pages,
            largest or "none",
            location=conf_location(self.confdir, "cv_variants"),
            subtype="pages",
        )

    def check_fonts(self, chars: set[str]) -> Coverage | None:
        """Which fonts draw the characters of the PDF that Lato lacks; a warning naming
        those no installed font has (they would be empty boxes), and what to install."""
        found = coverage(chars, SHIPPED_FONTS)
        if found is not None and found.missing:
            missing = found.missing
            warn(
                "the PDF has %d character(s) that no installed font can draw; they would "
                "print as empty boxes: %s",
                len(missing),
                missing_text(missing),
                location=self.location_of(missing),
                subtype="font",
            )
        return found

    def location_of(self, chars: list[str]) -> Any:
        """The first paragraph (or other element) of the CV that holds one of ``chars``;
        else, if the footer's name has one, where conf.py sets it."""
        if self.assembled is not None:
            for text in self.assembled.findall(nodes.Text):
                if any(char in text for char in chars) and text.parent is not None:
                    return text.parent
        settings = cv_settings(self.config)
        if any(char in settings.owner_name for char in chars):
            return conf_location(self.confdir, settings.owner_name_setting)
        return None

    def layout_specs(self, page_css: str, jobs: list[Any]) -> list[dict[str, Any]]:
        """The arguments of :func:`.layout.lay_out` for each job."""
        return [
            {
                "html_file": str(self.pages[variant.name][0]),
                "page_css": page_css,
                "target": str(target),
                "steps": list(TIGHTER) if variant.pages else [],
                "budget": variant.pages or 0,
            }
            for variant, target, *_rest in jobs
        ]

    def start_layouts(
        self, worker: LayoutWorker | None, page_css: str, jobs: list[Any]
    ) -> LayoutWorker | None:
        """Give the ``worker`` the jobs, then say that each variant's page is written (the
        other forms of the CV are made meanwhile); the worker that lays them out, or None
        (then :meth:`layout_results` lays them out here)."""
        specs = self.layout_specs(page_css, jobs)
        started = None
        if worker is not None and specs:
            with contextlib.suppress(LayoutError):
                worker.start(specs)
                started = worker
        if worker is not None and started is None:
            worker.stop()
        self.variants_written()
        return started

    def layout_results(
        self, worker: LayoutWorker | None, page_css: str, jobs: list[Any]
    ) -> list[dict[str, Any] | str]:
        """Each job's PDF laid out and written, by the ``worker`` that has them or else
        here: its result (:func:`.layout.lay_out`), or what went wrong, in one line (a
        folder that cannot be written is said to be that)."""
        specs = self.layout_specs(page_css, jobs)
        if not specs:
            return []
        label = ", ".join(Path(spec["target"]).name for spec in specs)
        results: list[dict[str, Any] | str] = []
        with progress_message(f"laying out {label} with WeasyPrint"):
            if worker is not None:
                with contextlib.suppress(LayoutError):  # if it failed: here, then
                    results = [_result(result) for result in worker.results()]
            results = results or [self.lay_out_here(spec) for spec in specs]
        return results

    @staticmethod
    def lay_out_here(spec: dict[str, Any]) -> dict[str, Any] | str:
        try:
            return lay_out(**spec)
        except WeasyPrintMissingError:
            return "the cvpdf builder needs WeasyPrint: pip install 'sphinx-cv[pdf]'"
        except OutputError as err:  # the folder, not WeasyPrint
            return str(err)
        except Exception as err:  # WeasyPrint's own error, said without a traceback
            name = Path(spec["target"]).name
            return f"WeasyPrint could not lay out {name}: {type(err).__name__}: {err}"


def private_salt(scratch: Path) -> bytes:
    """A random secret of the scratch folder (made once) that keys the digest of the private
    fields kept there."""
    path = scratch / ".cv-private-salt"
    try:
        salt = path.read_bytes()
    except OSError:
        salt = b""
    if len(salt) != 32:
        salt = secrets.token_bytes(32)
        path.write_bytes(salt)
    return salt


def _result(result: dict[str, Any]) -> dict[str, Any] | str:
    """A worker's result, or its error in one line."""
    if result.get("kind") == "layout":
        return f"WeasyPrint could not lay out the PDF: {result['error']}"
    return str(result["error"]) if "error" in result else result


def add_subtitle(tree: nodes.document, variant: Variant) -> None:
    """``variant``'s subtitle, as a line under the CV's title."""
    top = top_section(tree)
    if not variant.subtitle or top is None or not isinstance(top[0], nodes.title):
        return
    top.insert(1, nodes.paragraph("", variant.subtitle, classes=["cv-subtitle"]))


def user_tags(tags: Any) -> list[str]:
    """The tags of a build that are not a builder's own (those ``-t`` gives)."""
    return [tag for tag in tags if tag not in WEBSITE_TAGS and tag not in PDF_TAGS]


def variant_targets(config: Config, folder: Path) -> set[Path]:
    """The PDF of every variant (built in this run or not) in ``folder``."""
    return {folder / pdf_filename(config, v) for v in cv_settings(config).variants}


def remove_stale_pdfs(config: Config, stamp: Stamp, folder: Path) -> None:
    """Remove the PDFs this builder wrote into ``folder`` for a variant that is gone (renamed
    or removed from ``cv_variants``): a site must not keep offering it. A file changed since
    it was written is left alone."""
    for path in stamp.stale(folder, variant_targets(config, folder)):
        path.unlink(missing_ok=True)
        stamp.forget(path)
        logger.info("%s: removed (no variant writes it any more)", path)


def variant_sources(
    config: Config, tags: Any, fonts: Coverage | None, variant: Variant, private: str = ""
) -> str:
    """What shapes ``variant``'s PDF besides the documents (:func:`sources_key`): the
    settings, the build's own tags, the theme, the fonts, the variant, and a keyed digest
    of the private fields it holds ("": none)."""
    return sources_key(config, user_tags(tags), THEME_DIR, fonts, f"{variant.key()} {private}")


def site_pdf_is_current(app: Sphinx) -> bool:
    """With ``cv_pdf_with_site``: whether the PDFs already in the site are those this build
    would write, known without assembling them: no document was read or removed, each PDF
    is the file last written, and nothing else it is made of changed (:func:`sources_key`)."""
    if cv_domain(app.env).state.documents_changed:
        return False
    stamp = Stamp(Path(app.doctreedir) / SCRATCH)
    if stamp.stale(Path(app.outdir), variant_targets(app.config, Path(app.outdir))):
        return False
    for variant in built_variants(app.config):
        entry = stamp.entry(Path(app.outdir) / pdf_filename(app.config, variant))
        if entry is None or not isinstance(entry.get("chars"), str):
            return False
        fonts = coverage(set(entry["chars"]), SHIPPED_FONTS)
        if fonts is not None and fonts.missing:
            return False  # assembled again, to warn again
        if "overflow" in (entry.get("layout") or {}):
            return False  # the page budget's warning again
        key = variant_sources(app.config, app.tags, fonts, variant)  # the site's: no private
        if entry.get("sources") != key:
            return False
    return True


#: The layout process of each build that makes a PDF (see :mod:`.layout`).
_WORKERS: WeakKeyDictionary[Any, LayoutWorker] = WeakKeyDictionary()


def start_layout_worker(app: Sphinx) -> None:
    """A build that will write a PDF imports WeasyPrint in another process meanwhile (the
    one ``sphinx-cv build`` started before Sphinx, if it did); one that will not ends that
    process."""
    if app.builder.name == PDF_BUILDER or site_pdfs_wanted(app):
        worker = take_prestarted()
        with contextlib.suppress(OSError):  # if it cannot start: laid out in this process
            worker = worker or LayoutWorker()
        if worker is not None:
            _WORKERS[app.env] = worker
    else:
        stop_prestarted()


def stop_layout_worker(app: Sphinx, exception: Exception | None) -> None:
    worker = _WORKERS.pop(app.env, None)
    if worker is not None:
        worker.stop()


def note_pdf_failure(app: Sphinx, exception: Exception | None) -> None:
    """A PDF that could not be written, or a private.toml with an error, fails the build
    (exit status 1, even without -W)."""
    builder = app.builder
    if not isinstance(builder, CVPDFBuilder):
        return
    if builder.failure or (builder.fields is not None and builder.fields.failed):
        app.statuscode = 1


#: Tags of the website's build that are not the PDF's (``{only} not website``).
WEBSITE_TAGS = ("website", "html", "dirhtml", "builder_html", "builder_dirhtml")
#: Tags the PDF builder sets for itself.
PDF_TAGS = (PDF_BUILDER, f"builder_{PDF_BUILDER}", "format_html")


#: The website's PDF builder of each build whose layouts run while the website's pages are
#: written (:func:`start_site_pdfs`), until :func:`pdf_with_site` waits for them.
_SITE_PDFS: WeakKeyDictionary[Any, CVPDFBuilder] = WeakKeyDictionary()


@contextlib.contextmanager
def as_pdf_builder(app: Sphinx, pdf: CVPDFBuilder) -> Iterator[None]:
    """While the website's PDF builder works, it is the application's builder and the tags
    are the PDF's (Tags remembers what its conditions gave, so a new set, not edits)."""
    builder, website_tags = app.builder, app.tags
    app.builder = pdf
    app.tags = pdf.tags
    try:
        yield
    finally:
        app.builder, app.tags = builder, website_tags


def site_pdfs_wanted(app: Sphinx) -> bool:
    return app.builder.name in ("html", "dirhtml") and cv_settings(app.config).pdf_with_site


def build_site_pdfs(app: Sphinx, deferred: bool) -> CVPDFBuilder | None:
    """The website's PDFs into the site's root, written by a ``cvpdf`` builder from the same
    environment (nothing is read again); ``deferred``: the layouts are started, not waited
    for. None when the PDFs in the site are current."""
    if site_pdf_is_current(app):
        for variant in built_variants(app.config):
            logger.info("%s: up to date", Path(app.outdir) / pdf_filename(app.config, variant))
        return None
    website_tags = app.tags
    app.tags = Tags([tag for tag in website_tags if tag not in WEBSITE_TAGS])
    try:
        pdf = CVPDFBuilder(app, app.env)
    finally:
        app.tags = website_tags
    pdf.private = False  # the site's PDFs are public
    pdf.deferred = deferred
    with as_pdf_builder(app, pdf):
        pdf.init()
        if deferred:
            pdf.write_what_was_read()
        else:
            pdf.build_all()
    return pdf


def start_site_pdfs(app: Sphinx, env: Any) -> None:
    """``cv_pdf_with_site``: once the pages are read, before the website writes them, the
    PDFs' pages are written and their layout started; the website's pages are written while
    WeasyPrint lays the PDFs out (:func:`pdf_with_site` waits for them)."""
    if not site_pdfs_wanted(app) or env in _SITE_PDFS:
        return
    pdf = build_site_pdfs(app, deferred=True)
    if pdf is not None:
        _SITE_PDFS[env] = pdf


def pdf_with_site(app: Sphinx, exception: Exception | None) -> None:
    """``cv_pdf_with_site``: after the website, the PDFs in the site's root: those started
    while its pages were written, waited for; else (no page was read) written now."""
    pdf = _SITE_PDFS.pop(app.env, None)
    if exception or not site_pdfs_wanted(app):
        if pdf is not None and pdf.pending is not None and pdf.pending[0] is not None:
            pdf.pending[0].stop()
        return
    if pdf is not None:
        with as_pdf_builder(app, pdf):
            pdf.finish_pdfs()
    else:
        pdf = build_site_pdfs(app, deferred=False)
    if pdf is not None and pdf.failure:
        app.statuscode = 1


def setup_pdf(app: Sphinx) -> None:
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(CVPDFBuilder)
    app.add_event(VARIANT_WRITTEN)
    # Last: after the website's own build-finished work (a sitemap, resume.json).
    app.connect("build-finished", pdf_with_site, priority=950)
    # After the checks of the pages read (and those of the variants).
    app.connect("env-check-consistency", start_site_pdfs, priority=900)
    app.connect("build-finished", note_pdf_failure)
    app.connect("builder-inited", start_layout_worker)
    app.connect("build-finished", stop_layout_worker, priority=990)
