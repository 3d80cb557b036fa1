"""The ``cvpdf`` builder: the whole CV as one typeset PDF, through WeasyPrint.

It assembles the root document and its toctree into one page (as
``singlehtml`` does), writes it with a print theme shipped in this package
(no navigation, no permalinks), then lays it out with WeasyPrint: Letter or A4,
a footer with the owner's name and "Page X of Y", embedded fonts, clickable
links, and PDF metadata. With ``SOURCE_DATE_EPOCH`` set, two builds give the
same bytes.

Content for the PDF only: ``{only} cvpdf``; for the website only:
``{only} not cvpdf``.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.singlehtml import SingleFileHTMLBuilder
from sphinx.errors import ConfigError
from sphinx.util import logging
from sphinx.util.display import progress_message
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from .dates import build_moment
from .labels import label

logger = logging.getLogger(__name__)

THEME = "sphinx_cv_pdf"
THEME_DIR = Path(__file__).parent / "themes" / "cvpdf"
PAPER_SIZES = {"letter": "letter", "a4": "A4"}


def pdf_filename(config: Any) -> str:
    """``cv_pdf_filename``, or the project's name as a file name."""
    if config.cv_pdf_filename:
        return str(config.cv_pdf_filename)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", str(config.project)).strip("-") or "cv"
    return f"{slug}.pdf"


def _css_string(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", " ")
    return f'"{escaped}"'


class CVPDFBuilder(SingleFileHTMLBuilder):
    """Builds ``<outdir>/<cv_pdf_filename>``; its HTML goes to a scratch folder."""

    name = "cvpdf"
    format = "html"
    epilog = "The PDF is in %(outdir)s."
    search = False
    copysource = False
    embedded = False
    download_support = False
    supported_remote_images = True

    def init(self) -> None:
        self.pdf_outdir = Path(self.outdir)
        # The intermediate page and its assets stay out of the output folder,
        # which then holds exactly one file: the PDF.
        self.outdir = Path(self.doctreedir) / "cvpdf-html"
        self.outdir.mkdir(parents=True, exist_ok=True)
        for name in ("static", "sources", "downloads", "images"):
            setattr(self, f"_{name}_dir", self.outdir / f"_{name}")
        super().init()

    def get_theme_config(self) -> tuple[str, dict[str, Any]]:
        return THEME, {}

    def prepare_writing(self, docnames: Any) -> None:
        super().prepare_writing(docnames)
        # Plain mailto: links: a PDF reader or an applicant-tracking system gets the address.
        self.docsettings.cloak_email_addresses = False
        config = self.config
        author = config.author or config.project
        self.globalcontext["cv_pdf"] = {
            "title": config.cv_pdf_title or f"{author} — Curriculum Vitae",
            "author": author,
            "subject": config.cv_pdf_subject or f"Curriculum vitae of {author}",
            "keywords": (
                config.cv_pdf_keywords
                if isinstance(config.cv_pdf_keywords, str)
                else ", ".join(config.cv_pdf_keywords)
            ),
            "created": build_moment(os.environ.get("SOURCE_DATE_EPOCH")).strftime(
                "%Y-%m-%dT%H:%M:%SZ"
            ),
        }

    def finish(self) -> None:
        super().finish()
        self.write_pdf()

    def keep_only_the_pdf(self) -> None:
        """Move what HTML-minded extensions wrote to the output folder (a sitemap, say)
        to the scratch folder: the output holds the PDF alone."""
        target = pdf_filename(self.config)
        for path in self.pdf_outdir.iterdir():
            if path.name != target and not path.name.startswith("."):
                shutil.move(str(path), str(Path(self.outdir) / path.name))

    def write_pdf(self) -> None:
        try:
            import weasyprint
        except ImportError:
            raise ConfigError(
                "the cvpdf builder needs WeasyPrint: pip install 'sphinx-cv[pdf]'"
            ) from None
        html_file = Path(self.outdir) / f"{self.config.root_doc}.html"
        target = self.pdf_outdir / pdf_filename(self.config)
        paper = PAPER_SIZES[self.config.cv_pdf_paper.lower()]
        author = self.config.author or self.config.project
        language = self.config.language
        page_of = (
            f"{_css_string(label(language, 'page') + ' ')} counter(page) "
            f"{_css_string(' ' + label(language, 'of') + ' ')} counter(pages)"
        )
        page_css = (
            f"@page {{ size: {paper}; }}\n"
            f"@page {{ @bottom-left {{ content: {_css_string(author)}; }} }}\n"
            f"@page {{ @bottom-right {{ content: {page_of}; }} }}\n"
        )
        with progress_message(f"laying out {target.name} with WeasyPrint"):
            document = weasyprint.HTML(filename=str(html_file)).render(
                stylesheets=[weasyprint.CSS(string=page_css)]
            )
            self.pdf_outdir.mkdir(parents=True, exist_ok=True)
            html_digest = hashlib.sha256(html_file.read_bytes() + page_css.encode()).digest()
            document.write_pdf(target, pdf_identifier=html_digest[:16])
        self.page_count = len(document.pages)
        logger.info("%s: %d page(s)", target, self.page_count)


# -- Publishing the PDF with the website ------------------------------------------------


class cv_pdf_link(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to the PDF published next to the site's pages."""


def pdf_download_path(config: Any, confdir: Path) -> Path | None:
    """``cv_pdf_download`` made absolute (it is relative to conf.py's folder), or None."""
    if not config.cv_pdf_download:
        return None
    return Path(confdir, str(config.cv_pdf_download)).resolve()


class PdfLinkRole(SphinxRole):
    """``{cv-pdf}`Download PDF``: a link to the PDF on the web; nothing in the PDF itself."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if not self.config.cv_pdf_download:
            logger.warning(
                "cv-pdf: set cv_pdf_download in conf.py to the PDF the site should offer, "
                "e.g. cv_pdf_download = '../build/pdf/cv.pdf'",
                location=self.get_location(),
                type="cv",
                subtype="pdf",
            )
        label = self.text or "Download PDF"
        return [cv_pdf_link(self.rawtext, label, classes=["cv-pdf-link"])], []


def visit_pdf_link_html(self: Any, node: cv_pdf_link) -> None:
    config = self.builder.config
    if self.builder.name == CVPDFBuilder.name or not config.cv_pdf_download:
        raise nodes.SkipNode
    name = Path(config.cv_pdf_download).name
    href = relative_uri(self.builder.get_target_uri(self.builder.current_docname), name)
    self.body.append(
        self.starttag(node, "a", "", href=href, CLASS="cv-pdf-link", type="application/pdf")
    )
    self.body.append('<i class="fa-solid fa-file-pdf" aria-hidden="true"></i> ')


def depart_pdf_link_html(self: Any, node: cv_pdf_link) -> None:
    self.body.append("</a>")


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def tidy_pdf_outdir(app: Sphinx, exception: Exception | None) -> None:
    if not exception and isinstance(app.builder, CVPDFBuilder):
        app.builder.keep_only_the_pdf()


def copy_pdf_to_site(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, put the PDF at the root of the site (where the links point)."""
    builder = app.builder
    if exception or builder.format != "html" or builder.name == CVPDFBuilder.name:
        return
    source = pdf_download_path(app.config, Path(app.confdir))
    if source is None:
        return
    if not source.is_file():
        logger.warning(
            "cv_pdf_download: %s does not exist; build the PDF first (sphinx-build -b cvpdf %s %s)",
            source,
            app.srcdir,
            source.parent,
            type="cv",
            subtype="pdf",
        )
        return
    target = Path(builder.outdir) / source.name
    if not target.is_file() or target.read_bytes() != source.read_bytes():
        shutil.copyfile(source, target)


TEMPLATES_DIR = Path(__file__).parent / "templates"


def add_pdf_href(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """``cv_pdf_href`` for templates: the PDF's address relative to the page."""
    if app.config.cv_pdf_download and app.builder.name != CVPDFBuilder.name:
        name = Path(app.config.cv_pdf_download).name
        context["cv_pdf_href"] = relative_uri(app.builder.get_target_uri(pagename), name)


def validate_pdf_config(app: Sphinx, config: Any) -> None:
    # A new list: the default one is shared between Sphinx applications in one process.
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]
    if str(config.cv_pdf_paper).lower() not in PAPER_SIZES:
        raise ConfigError(
            f"cv_pdf_paper: {config.cv_pdf_paper!r} is not a paper size; write 'letter' or 'a4'"
        )


def setup_pdf(app: Sphinx) -> None:
    app.add_config_value("cv_pdf_filename", None, "", types=[str, type(None)])
    app.add_config_value("cv_pdf_paper", "letter", "", types=[str])
    app.add_config_value("cv_pdf_title", None, "", types=[str, type(None)])
    app.add_config_value("cv_pdf_subject", None, "", types=[str, type(None)])
    app.add_config_value("cv_pdf_keywords", [], "", types=[list, tuple, str])
    app.add_config_value("cv_pdf_download", None, "html", types=[str, type(None)])
    app.add_html_theme(THEME, str(THEME_DIR))
    app.add_builder(CVPDFBuilder)
    app.connect("config-inited", validate_pdf_config)
    app.add_role("cv-pdf", PdfLinkRole())
    skip = (skip_node, None)
    app.add_node(
        cv_pdf_link,
        html=(visit_pdf_link_html, depart_pdf_link_html),
        latex=skip,
        text=skip,
        man=skip,
        texinfo=skip,
    )
    app.connect("build-finished", copy_pdf_to_site)
    # Late, after other extensions' build-finished handlers.
    app.connect("build-finished", tidy_pdf_outdir, priority=900)
    app.connect("html-page-context", add_pdf_href)
