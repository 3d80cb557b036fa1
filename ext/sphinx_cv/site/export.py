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
from ..model.variants import Variant
from ..publications.bib import Publication
from ..publications.bibcache import get_bibliography
from ..settings import cv_settings
from ..shared import is_website, write_if_changed
from ..variants import Keeper, variant_publications, variant_record
from .jsonresume import ExportedEntry, resume_data
from .seo import photo_url

FILENAME = "resume.json"
#: In the doctrees folder: the variant each export file was written for.
EXPORTS = "cv-exports.json"


def listed_publications(app: Sphinx) -> list[tuple[str, Publication]]:
    """The publications the pages list, each once, with the page that lists it first."""
    domain = cv_domain(app.env)
    listed = {
        listing.key: docname
        for docname in reversed(domain.page_order(app.env))
        for listing in reversed(domain.listings_of(docname))
    }
    if not listed:
        return []
    pubs: dict[str, Publication] = {}
    for path in domain.bibfiles:
        pubs.update(get_bibliography(app.env, path).publications)
    order = [
        listing.key
        for docname in domain.page_order(app.env)
        for listing in domain.listings_of(docname)
    ]
    return [(listed[key], pubs[key]) for key in dict.fromkeys(order) if key in pubs]


def resume_document(app: Sphinx, variant: Variant | None = None) -> dict[str, Any]:
    """The CV as a JSON Resume; ``variant``'s selection of it, if given."""
    records = cv_domain(app.env).shown_entries(app.env, app.builder.tags)
    listed = listed_publications(app)
    pubs = [pub for _docname, pub in listed]
    if variant is not None:
        keeper = Keeper(app.env, variant)
        chosen = (variant_record(keeper, record) for record in records)
        records = [record for record in chosen if record is not None]
        pubs = variant_publications(keeper, listed)
    entries: list[ExportedEntry] = [(r.entry, r.summary, r.highlights) for r in records]
    job = current_job(r.entry for r in records)
    base = str(app.config.html_baseurl or "")
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    modified = build_moment(epoch).strftime("%Y-%m-%dT%H:%M:%S") if epoch else ""
    return resume_data(
        dict(cv_settings(app.config).person or {}),
        entries,
        pubs,
        image=photo_url(app),
        url=base.rstrip("/") + "/" if base else "",
        label=job.title if job else "",
        modified=modified,
    )


def variant_filename(variant: Variant) -> str:
    """``resume.json``, or ``resume-NAME.json`` for a variant of the CV."""
    return FILENAME if variant.is_full else f"resume-{variant.name}.json"


def write_resume_json(app: Sphinx, exception: Exception | None) -> None:
    """``resume.json``, and ``resume-NAME.json`` for each variant of the CV (``cv_variants``):
    written when a page was read (a build where nothing changed does no BibTeX work), or
    when it is not there (a variant added, or changed: its file is written again)."""
    settings = cv_settings(app.config)
    if exception or not settings.resume_json or not is_website(app.builder):
        return
    pages_read = cv_domain(app.env).state.pages_read
    # What each file was last written for, kept beside the doctrees (not in the site).
    record = Path(app.doctreedir) / EXPORTS
    try:
        written = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        written = {}
    now = {}
    for variant in settings.variants:
        target = Path(app.builder.outdir) / variant_filename(variant)
        now[str(target)] = variant.key()
        if target.is_file() and not pages_read and written.get(str(target)) == variant.key():
            continue
        chosen = None if variant.is_full else variant
        text = json.dumps(resume_document(app, chosen), ensure_ascii=False, indent=2) + "\n"
        write_if_changed(target, text)
    outdir = Path(app.builder.outdir)
    for gone in set(written) - set(now):
        if Path(gone).parent == outdir:  # a variant renamed or removed: its export goes
            Path(gone).unlink(missing_ok=True)
    if now != written:
        write_if_changed(record, json.dumps(now, indent=1))


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
