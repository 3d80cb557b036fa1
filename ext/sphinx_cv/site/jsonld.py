"""schema.org data (JSON-LD) about the CV's owner and publications.

Pure Python: built from the same objects the pages show (the entries recorded
in the domain, the publications of the .bib), so nothing is typed twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any

from ..model.entries import Education, Entry, current_job
from ..publications.bib import Publication
from ..publications.bib.fields import Link

__all__ = ["article_data", "graph", "person_data", "script_tag"]


def person_data(
    person: Mapping[str, Any], entries: Iterable[Entry], url: str = ""
) -> dict[str, Any]:
    """A ``schema.org/Person``: the ``cv_person`` settings plus what the entries say.

    The job title and employer come from the current position (an experience
    whose end is ``present``, else the latest one); ``alumniOf`` lists the
    education entries' institutions.
    """
    entries = list(entries)
    data: dict[str, Any] = {"@context": "https://schema.org", "@type": "Person"}
    data["name"] = person["name"]
    if url:
        data["url"] = url
    if person.get("email"):
        data["email"] = f"mailto:{person['email']}"
    for key in ("description", "image"):
        if person.get(key):
            data[key] = person[key]
    if person.get("sameAs"):
        data["sameAs"] = list(person["sameAs"])

    job = current_job(entries)
    if job:
        data["jobTitle"] = job.title
        data["worksFor"] = {"@type": "Organization", "name": job.organization}
    schools = list(dict.fromkeys(e.institution for e in entries if isinstance(e, Education)))
    if schools:
        data["alumniOf"] = [{"@type": "CollegeOrUniversity", "name": name} for name in schools]
    return data


def article_data(pub: Publication, url: str = "", abstract: bool = True) -> dict[str, Any]:
    """A ``schema.org/ScholarlyArticle`` for one publication (``abstract``: with it), for
    :func:`graph`."""
    data: dict[str, Any] = {
        "@type": "ScholarlyArticle",
        "headline": pub.title,
        "author": [{"@type": "Person", "name": name} for name in pub.authors],
    }
    if pub.year:
        data["datePublished"] = f"{pub.year}-{pub.month:02d}" if pub.month else str(pub.year)
    if url:
        data["url"] = url
    links = {link.kind: link for link in pub.links if not link.local}
    ids = [
        {"@type": "PropertyValue", "propertyID": _ID_NAMES[kind], "value": _id_value(link)}
        for kind, link in links.items()
        if kind in _ID_NAMES
    ]
    if ids:
        data["identifier"] = ids[0] if len(ids) == 1 else ids
    same = [links[k].url for k in ("doi", "url", "arxiv", "pubmed", "hal") if k in links]
    if same:
        data["sameAs"] = same
    if abstract and pub.abstract:
        data["abstract"] = pub.abstract
    return data


#: Link kinds that are identifiers → schema.org's ``propertyID``.
_ID_NAMES = {"doi": "DOI", "arxiv": "arXiv", "pubmed": "PMID", "hal": "HAL", "jstor": "JSTOR",
             "hdl": "Handle", "isbn": "ISBN"}  # fmt: skip


def _id_value(link: Link) -> str:
    if link.kind == "doi":
        return link.url.removeprefix("https://doi.org/")
    return link.label.split(":", 1)[-1].split(" ", 1)[-1]


def graph(items: list[dict[str, Any]]) -> dict[str, Any]:
    """``items`` as one JSON-LD document: the item itself, or a ``@graph`` of them."""
    context = {"@context": "https://schema.org"}
    return {**context, **items[0]} if len(items) == 1 else {**context, "@graph": items}


def script_tag(data: Any) -> str:
    """``<script type="application/ld+json">`` safe to put in a page: no ``</script>`` inside."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/ld+json">{text}</script>'
