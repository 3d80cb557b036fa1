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
old one (:class:`.pdflayout.Replacement`), so a killed build never leaves half a PDF.

The print sheet ships Lato for Latin, Greek and Cyrillic; other scripts come from
the system's fonts, and characters that no installed font has are a warning that
names them and the package that would draw them (:mod:`.fontcoverage`).

Content for the PDF only: ``{only} cvpdf``; for the website only:
``{only} not cvpdf``.
"""

from __future__ import annotations

import contextlib
import os
import re
from pathlib import Path
from typing import Any
from weakref import WeakKeyDictionary

import sphinx
from anyascii import anyascii
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.config import Config
from sphinx.transforms import SphinxTransformer
from sphinx.util.display import progress_message
from sphinx.util.nodes import inline_all_toctrees
from sphinx.util.osutil import relative_uri
from sphinx.util.tags import Tags

from ..domain import cv_domain
from ..model.dates import build_moment
from ..model.words import N_
from ..publications.anchors import PDF_TRANSFORMS
from ..settings import cv_settings
from ..shared import PDF_BUILDER, ancestors, conf_location, error, gettext, logger, warn
from .fonts import Coverage, coverage, missing_text, page_text
from .layout import LayoutError, LayoutWorker, OutputError, WeasyPrintMissingError, lay_out
from .stamp import Stamp, layout_digest, sources_key

THEME = "sphinx_cv_pdf"
THEME_DIR = Path(__file__).parent.parent / "themes" / "cvpdf"
#: The fonts the print sheet ships: Lato, one file per style.
SHIPPED_FONTS = tuple(sorted((THEME_DIR / "static" / "fonts").glob("*.ttf")))
#: The PDF builder's scratch folder, in the doctrees folder: the page WeasyPrint lays out.
SCRATCH = "cvpdf-html"
#: The PDF's footer, right; ``{page}`` and ``{pages}`` are counters.
PAGE_OF = N_("Page {page} of {pages}")
DEFAULT_TITLE = N_("{author} — Curriculum Vitae")
DEFAULT_SUBJECT = N_("Curriculum vitae of {author}")


def pdf_filename(config: Config) -> str:
    """The PDF's file name in a build of ``config`` (:func:`pdf_file_name`)."""
    return pdf_file_name(cv_settings(config).pdf_filename, str(config.project))


def pdf_file_name(written: str | None, project: str) -> str:
    """``written`` (``cv_pdf_filename``), or the project's name in ASCII:
    ``Elena-Marchetti-Nunez-CV.pdf`` (any script is transliterated: 王星尧 →
    ``WangXingYao-CV.pdf``). The settings' check refuses a ``cv_pdf_filename`` with a folder
    in it; such a name is never used here either (the PDF goes in the output folder, nowhere
    else)."""
    name = written or ""
    if name and Path(name).name == name and name not in {".", ".."}:
        return name
    ascii_name = anyascii(project)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", ascii_name).strip("-")
    return f"{slug}-CV.pdf" if slug else "CV.pdf"


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


class CVPDFBuilder(SingleFileHTMLBuilder):
    """Builds ``<outdir>/<cv_pdf_filename>``; its HTML goes to a scratch folder, and no
    other file of the output folder is written, moved or removed."""

    name = PDF_BUILDER
    format = "html"
    epilog = "The PDF is in %(outdir)s."
    search = False
    copysource = False
    embedded = False
    download_support = False
    supported_remote_images = True
    #: The CV as one document, once assembled (where a character of the PDF comes from).
    assembled: nodes.document | None = None
    #: Why the PDF could not be written (said as an error), if it could not.
    failure: str | None = None

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
        path = Path(outfilename or self.get_outfilename(pagename))
        path.parent.mkdir(parents=True, exist_ok=True)
        output = self.templates.render(templatename, context)
        path.write_text(output, encoding=context["encoding"], errors="xmlcharrefreplace")

    def write_additional_files(self) -> None:
        """None: ``html_additional_pages`` and OpenSearch are the website's."""

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        # Plain mailto: links: a PDF reader or an applicant-tracking system gets the address.
        self.docsettings.cloak_email_addresses = False
        settings = cv_settings(self.config)
        author = settings.owner_name
        self.globalcontext["cv_pdf"] = {
            "title": settings.pdf_title or gettext(DEFAULT_TITLE).format(author=author),
            "author": author,
            "subject": settings.pdf_subject or gettext(DEFAULT_SUBJECT).format(author=author),
            "keywords": settings.pdf_keywords,
            "created": build_moment(os.environ.get("SOURCE_DATE_EPOCH")).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
        }

    def finish(self) -> None:
        super().finish()
        self.write_pdf()

    def write_pdf(self) -> None:
        html_file = Path(self.outdir) / f"{self.config.root_doc}.html"
        target = self.pdf_outdir / pdf_filename(self.config)
        settings = cv_settings(self.config)
        paper, author = settings.pdf_paper, settings.owner_name
        page_css = (
            f"@page {{ size: {paper}; }}\n"
            f"@page {{ @bottom-left {{ content: {_css_string(author)}; }} }}\n"
            f"@page {{ @bottom-right {{ content: {page_counter_css()}; }} }}\n"
        )
        html = html_file.read_text(encoding="utf-8")
        chars = set(page_text(html)) | set(page_css)
        fonts = self.check_fonts(chars)
        # The moment of the build changes nothing but the PDF's dates; the epoch does.
        page = html.replace(self.globalcontext["cv_pdf"]["created"], "")
        page += os.environ.get("SOURCE_DATE_EPOCH", "")
        digest = layout_digest(Path(self.outdir), page, page_css, fonts)
        sources = sources_key(self.config, user_tags(self.tags), THEME_DIR, fonts)
        stamp = Stamp(Path(self.outdir))
        worker = _WORKERS.pop(self.env, None)
        if stamp.is_current(target, digest):
            if worker is not None:
                worker.stop()
            stamp.record(target, digest, chars, sources)
            logger.info("%s: up to date", target)
            return
        job = (str(html_file), page_css, str(target))
        with progress_message(f"laying out {target.name} with WeasyPrint"):
            pages = self.lay_out_job(worker, *job)
        if isinstance(pages, str):
            # One line, no crash report; the build's exit status is 1 (note_pdf_failure).
            self.failure = pages
            error("%s", pages, location=None, subtype="pdf")
            return
        stamp.record(target, digest, chars, sources)
        logger.info("%s: %d page(s)", target, pages)

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

    def lay_out_job(
        self, worker: LayoutWorker | None, html_file: str, page_css: str, target: str
    ) -> int | str:
        """Lay out and write the PDF, in the ``worker`` or else here: its page count, or
        what went wrong, in one line (a folder that cannot be written is said to be that)."""
        if worker is not None:
            try:
                return worker.lay_out(html_file, page_css, target)
            except OutputError as err:
                return str(err)
            except LayoutError:  # if it failed: here, then
                pass
        try:
            return lay_out(html_file, page_css, target)
        except WeasyPrintMissingError:
            return "the cvpdf builder needs WeasyPrint: pip install 'sphinx-cv[pdf]'"
        except OutputError as err:  # the folder, not WeasyPrint
            return str(err)
        except Exception as err:  # WeasyPrint's own error, said without a traceback
            name = Path(target).name
            return f"WeasyPrint could not lay out {name}: {type(err).__name__}: {err}"


def user_tags(tags: Any) -> list[str]:
    """The tags of a build that are not a builder's own (those ``-t`` gives)."""
    return [tag for tag in tags if tag not in WEBSITE_TAGS and tag not in PDF_TAGS]


def site_pdf_is_current(app: Sphinx) -> bool:
    """With ``cv_pdf_with_site``: whether the PDF already in the site is the one this build
    would write, known without assembling it: no document was read or removed, the PDF is
    the file last written, and nothing else it is made of changed (:func:`sources_key`)."""
    if cv_domain(app.env).state.documents_changed:
        return False
    target = Path(app.outdir) / pdf_filename(app.config)
    entry = Stamp(Path(app.doctreedir) / SCRATCH).entry(target)
    if entry is None or not isinstance(entry.get("chars"), str):
        return False
    fonts = coverage(set(entry["chars"]), SHIPPED_FONTS)
    if fonts is not None and fonts.missing:
        return False  # assembled again, to warn again
    sources = sources_key(app.config, user_tags(app.tags), THEME_DIR, fonts)
    return bool(entry.get("sources") == sources)


#: The layout process of each build that makes a PDF (see :mod:`.pdflayout`).
_WORKERS: WeakKeyDictionary[Any, LayoutWorker] = WeakKeyDictionary()


def start_layout_worker(app: Sphinx) -> None:
    """A build that will write a PDF imports WeasyPrint in another process meanwhile."""
    name = app.builder.name
    if name == PDF_BUILDER or (
        name in ("html", "dirhtml") and cv_settings(app.config).pdf_with_site
    ):
        with contextlib.suppress(OSError):  # if it cannot start: laid out in this process
            _WORKERS[app.env] = LayoutWorker()


def stop_layout_worker(app: Sphinx, exception: Exception | None) -> None:
    worker = _WORKERS.pop(app.env, None)
    if worker is not None:
        worker.stop()


def note_pdf_failure(app: Sphinx, exception: Exception | None) -> None:
    """A PDF that could not be written fails the build (exit status 1, even without -W)."""
    if isinstance(app.builder, CVPDFBuilder) and app.builder.failure:
        app.statuscode = 1


#: Tags of the website's build that are not the PDF's (``{only} not website``).
WEBSITE_TAGS = ("website", "html", "dirhtml", "builder_html", "builder_dirhtml")
#: Tags the PDF builder sets for itself.
PDF_TAGS = (PDF_BUILDER, f"builder_{PDF_BUILDER}", "format_html")


def pdf_with_site(app: Sphinx, exception: Exception | None) -> None:
    """``cv_pdf_with_site``: after the website, the PDF into the site's root, written by a
    ``cvpdf`` builder from the same environment (nothing is read again). While it writes,
    it is the application's builder, and the tags are the PDF's."""
    builder = app.builder
    if exception or builder.name not in ("html", "dirhtml"):
        return
    if not cv_settings(app.config).pdf_with_site:
        return
    if site_pdf_is_current(app):
        logger.info("%s: up to date", Path(app.outdir) / pdf_filename(app.config))
        return
    # The PDF's own tags (Tags remembers what its conditions gave, so a new set, not edits).
    website_tags = app.tags
    app.tags = Tags([tag for tag in website_tags if tag not in WEBSITE_TAGS])
    pdf = CVPDFBuilder(app, app.env)
    app.builder = pdf
    try:
        pdf.init()
        pdf.build_all()
        if pdf.failure:
            app.statuscode = 1
    finally:
        app.builder, app.tags = builder, website_tags


def setup_pdf(app: Sphinx) -> None:
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(CVPDFBuilder)
    # Last: after the website's own build-finished work (a sitemap, resume.json).
    app.connect("build-finished", pdf_with_site, priority=950)
    app.connect("build-finished", note_pdf_failure)
    app.connect("builder-inited", start_layout_worker)
    app.connect("build-finished", stop_layout_worker, priority=990)
