"""The PDF résumé on the website: the ``cv-pdf`` role, a navbar button, the copy.

The site offers the PDF named by ``cv_pdf_download`` (built just before, by
``sphinx-build -b cvpdf``): HTML builds copy it to the site's root, the
``{cv-pdf}`` role links to it, and ``cv_pdf_href`` gives templates its address
(``templates/cv-pdf-button.html`` draws a navbar button from it). None of this
appears in the PDF itself. The PDF copied must be in the project (the folder of
conf.py or the sources, links followed) and be a PDF (:mod:`.projectfiles`).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.docutils import SphinxRole
from sphinx.util.osutil import relative_uri

from ..domain import cv_domain
from ..model.words import N_
from ..projectfiles import OUTSIDE, PDF, project_file
from ..settings import cv_settings
from ..shared import PDF_BUILDER, conf_location, gettext, is_website, warn
from ..site.icons import icon_svg
from .builder import built_variants, pdf_filename
from .layout import OutputError, write_file

TEMPLATES_DIR = Path(__file__).parent.parent / "templates"
DOWNLOAD_PDF = N_("Download PDF")
BUTTON_TITLE = N_("Download the CV as a PDF")
BUTTON_LABEL = N_("PDF")
#: The whole CV's name in the download menu (when the site offers variants too).
FULL_CV = N_("Full CV")
#: The forms of a twin, by file suffix, and how the download menu names each.
TWIN_LABELS = {"txt": N_("Text"), "md": N_("Markdown"), "docx": N_("Word")}
#: What each form's link says its file is.
TWIN_TYPES = {
    "txt": "text/plain",
    "md": "text/markdown",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def twin_path(pdf: Path | str, form: str) -> Path:
    """The twin of ``form`` (``txt``, ``md``, ``docx``) of the PDF ``pdf``: its stem."""
    return Path(pdf).with_suffix(f".{form}")


class cv_pdf_link(nodes.Inline, nodes.TextElement):  # noqa: N801
    """A link to the PDF published next to the site's pages."""


def pdf_download_path(config: Config, confdir: Path) -> Path | None:
    """``cv_pdf_download`` made absolute (it is relative to conf.py's folder), or None.
    Links are not followed here: :func:`copy_pdf_to_site` checks where they lead."""
    written = cv_settings(config).pdf_download
    return Path(os.path.normpath(Path(confdir, written))) if written else None


def offered_pdf(config: Config, confdir: Path) -> Path | None:
    """The PDF the site offers: ``cv_pdf_download``, or, when it names a folder (the PDF
    builder's output), the PDF of the expected name there, else the one PDF there; with
    ``cv_pdf_with_site``, the PDF the website's build writes (its name alone)."""
    if cv_settings(config).pdf_with_site:
        return Path(pdf_filename(config))
    path = pdf_download_path(config, confdir)
    if path is None or not path.is_dir():
        return path
    expected = path / pdf_filename(config)
    pdfs = sorted(path.glob("*.pdf"))
    return pdfs[0] if len(pdfs) == 1 and not expected.is_file() else expected


def _offered_name(builder: Any) -> str:
    offered = offered_pdf(builder.config, Path(builder.confdir))
    assert offered is not None
    return offered.name


def _offers_pdf(builder: Any) -> bool:
    return _pdf_offered(builder.config) and is_website(builder)


def _pdf_offered(config: Config) -> bool:
    settings = cv_settings(config)
    return bool(settings.pdf_download or settings.pdf_with_site)


class PdfLinkRole(SphinxRole):
    """``{cv-pdf}`Download PDF``: a link to the PDF on the web; nothing in the PDF itself."""

    def run(self) -> tuple[list[nodes.Node], list[nodes.system_message]]:
        if not _pdf_offered(self.config):
            warn(
                "cv-pdf: set cv_pdf_download in conf.py to the PDF the site should offer, "
                "e.g. cv_pdf_download = '_build/pdf' (the PDF builder's output folder, in "
                "the project), or set cv_pdf_with_site = True",
                location=self.get_location(),
                subtype="pdf",
            )
        label = self.text or gettext(DOWNLOAD_PDF)
        return [cv_pdf_link(self.rawtext, label, classes=["cv-pdf-link"])], []


def visit_pdf_link_html(self: Any, node: cv_pdf_link) -> None:
    builder = self.builder
    if not _offers_pdf(builder):
        raise nodes.SkipNode
    href = relative_uri(builder.get_target_uri(builder.current_docname), _offered_name(builder))
    self.body.append(
        self.starttag(node, "a", "", href=href, CLASS="cv-pdf-link", type="application/pdf")
    )
    self.body.append(icon_svg("pdf"))


def depart_pdf_link_html(self: Any, node: cv_pdf_link) -> None:
    self.body.append("</a>")


def skip_node(self: Any, node: nodes.Node) -> None:
    raise nodes.SkipNode


def copy_pdf_to_site(app: Sphinx, exception: Exception | None) -> None:
    """After an HTML build, put the PDF at the root of the site (where the links point),
    if it is a PDF in the project; else a warning at conf.py, and nothing is copied."""
    builder = app.builder
    if exception or not _offers_pdf(builder) or cv_settings(app.config).pdf_with_site:
        return  # with cv_pdf_with_site, the PDF is written there (pdf.pdf_with_site)
    source = offered_pdf(app.config, Path(app.confdir))
    assert source is not None
    location = conf_location(app.confdir, "cv_pdf_download")
    if not source.exists() and not source.is_symlink():
        pdfs = sorted(p.name for p in source.parent.glob("*.pdf"))
        there = (
            f"the PDFs there are {', '.join(pdfs)}: set cv_pdf_download to one of them"
            if pdfs
            else f"there is no PDF in {source.parent}: build it first (sphinx-build -b "
            f"{PDF_BUILDER} {app.srcdir} {source.parent})"
        )
        warn(
            "cv_pdf_download: expected %s, which does not exist; %s",
            source,
            there,
            location=location,
            subtype="pdf",
        )
        return
    found = project_file(source, app.confdir, (app.confdir, app.srcdir), PDF)
    if isinstance(found, str):
        inside = Path(app.confdir, "_build", "pdf")
        advice = (
            f"; build the PDF into a folder of the project (sphinx-build -b {PDF_BUILDER} "
            f"{app.srcdir} {inside}, then cv_pdf_download = '_build/pdf') or set "
            "cv_pdf_with_site = True"
            if found.startswith(OUTSIDE)
            else ""
        )
        warn(
            "cv_pdf_download: %s %s%s; nothing is copied to the site",
            source,
            found,
            advice,
            location=location,
            subtype="pdf",
        )
        return
    target = Path(builder.outdir) / source.name
    data = found.read_bytes()
    if not target.is_file() or target.read_bytes() != data:
        try:
            write_file(target, data)
        except OutputError as err:
            warn("cv_pdf_download: %s", err, location=None, subtype="pdf")


def offered_pdfs(config: Config, confdir: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """The PDFs the site offers, as (label, file name, the forms of its twins): the whole
    CV's, then, with ``cv_pdf_with_site``, each variant's the site's build writes, with
    the twins it writes next to each (``cv_twins``; a PDF copied has none)."""
    settings = cv_settings(config)
    if not settings.pdf_with_site:
        offered = offered_pdf(config, confdir)
        return [(gettext(FULL_CV), offered.name, ())] if offered is not None else []
    return [
        (
            gettext(FULL_CV) if variant.is_full else variant.menu_label(),
            pdf_filename(config, variant),
            settings.twins,
        )
        for variant in built_variants(config)
    ]


def add_pdf_href(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """For templates: ``cv_pdf_href``, the (whole CV's) PDF's address relative to the page,
    ``cv_pdfs``, each PDF the site offers (``label``, ``href``, and ``twins``: the
    ``label``, ``href`` and ``type`` of each of its twins), ``cv_pdf_menu``, whether the
    button opens a menu of them (several PDFs, or twins), and the button's words."""
    if _offers_pdf(app.builder):
        page = app.builder.get_target_uri(pagename)
        pdfs = offered_pdfs(app.config, Path(app.confdir))
        context["cv_pdfs"] = [
            {
                "label": label,
                "href": relative_uri(page, name),
                "twins": [
                    {
                        "label": gettext(TWIN_LABELS[form]),
                        "href": relative_uri(page, twin_path(name, form).as_posix()),
                        "type": TWIN_TYPES[form],
                    }
                    for form in forms
                ],
            }
            for label, name, forms in pdfs
        ]
        context["cv_pdf_menu"] = len(pdfs) > 1 or bool(pdfs[0][2])
        context["cv_pdf_href"] = context["cv_pdfs"][0]["href"]
        context["cv_pdf_button"] = {
            "title": gettext(BUTTON_TITLE),
            "label": gettext(BUTTON_LABEL),
            "svg": icon_svg("pdf"),
        }


def rewrite_if_menu_changed(app: Sphinx, env: Any) -> list[str]:
    """Every page again when the PDFs the site offers changed (a variant added, renamed or
    relabelled): each page's download menu lists them. Nothing else of a variant is on
    the pages, so its other settings rewrite no page."""
    if not is_website(app.builder):
        return []  # its pages have no menu: what the website's last had stands
    state = cv_domain(env).state
    menu = repr(offered_pdfs(app.config, Path(app.confdir))) if _offers_pdf(app.builder) else ""
    if menu == state.pdf_menu:
        return []
    state.pdf_menu = menu
    return sorted(env.found_docs)


def add_templates_path(app: Sphinx, config: Config) -> None:
    """The button's template, for themes whose navbar takes template names."""
    # A new list: the default one is shared between Sphinx applications in one process.
    if str(TEMPLATES_DIR) not in config.templates_path:
        config.templates_path = [*config.templates_path, str(TEMPLATES_DIR)]


def setup_download(app: Sphinx) -> None:
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
    app.connect("config-inited", add_templates_path)
    app.connect("build-finished", copy_pdf_to_site)
    app.connect("html-page-context", add_pdf_href)
    app.connect("env-updated", rewrite_if_menu_changed)
