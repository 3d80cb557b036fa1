"""``resume.json``: every website build writes the CV as a JSON Resume.

The document (:mod:`jsonresume`) is made from the domain's entries, in page
order, and the publications the pages list. An entry inside an ``only``
directive whose condition is false for the website (``{only} cvpdf``) is left
out, as is any ``only`` block of an entry's body. The home page names the file
with ``<link rel="alternate" type="application/json">``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from ..domain import cv_domain
from ..model.dates import build_moment
from ..model.entries import current_job
from ..publications.bib import Publication
from ..publications.bibcache import get_bibliography
from ..settings import cv_settings
from ..shared import is_website, write_if_changed
from .jsonresume import ExportedEntry, resume_data
from .seo import photo_url

FILENAME = "resume.json"


def listed_publications(app: Sphinx) -> list[Publication]:
    domain = cv_domain(app.env)
    keys = [
        listing.key
        for docname in domain.page_order(app.env)
        for listing in domain.listings_of(docname)
    ]
    if not keys:
        return []
    pubs: dict[str, Publication] = {}
    for path in domain.bibfiles:
        pubs.update(get_bibliography(app.env, path).publications)
    return [pubs[key] for key in dict.fromkeys(keys) if key in pubs]


def resume_document(app: Sphinx) -> dict[str, Any]:
    records = cv_domain(app.env).shown_entries(app.env, app.builder.tags)
    entries: list[ExportedEntry] = [(r.entry, r.summary, r.highlights) for r in records]
    job = current_job(r.entry for r in records)
    base = str(app.config.html_baseurl or "")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    modified = build_moment(epoch).strftime("%Y-%m-%dT%H:%M:%S") if epoch else ""
    return resume_data(
        dict(cv_settings(app.config).person or {}),
        entries,
        listed_publications(app),
        image=photo_url(app),
        url=base.rstrip("/") + "/" if base else "",
        label=job.title if job else "",
        modified=modified,
    )


def write_resume_json(app: Sphinx, exception: Exception | None) -> None:
    """Written when a page was read (a build where nothing changed does no BibTeX work)."""
    if exception or not cv_settings(app.config).resume_json or not is_website(app.builder):
        return
    target = Path(app.builder.outdir) / FILENAME
    if target.is_file() and not cv_domain(app.env).state.pages_read:
        return
    text = json.dumps(resume_document(app), ensure_ascii=False, indent=2) + "\n"
    write_if_changed(target, text)


def link_resume_json(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """The home page says where the JSON Resume is."""
    home = pagename == app.config.root_doc
    if cv_settings(app.config).resume_json and is_website(app.builder) and home:
        href = context["pathto"](FILENAME, 1)
        tag = f'<link rel="alternate" type="application/json" title="JSON Resume" href="{href}">'
        context["metatags"] = context.get("metatags", "") + "\n" + tag


def setup_export(app: Sphinx) -> None:
    app.connect("build-finished", write_resume_json)
    app.connect("html-page-context", link_resume_json)
