"""Sphinx configuration of Xingyao Wang's CV site, the flagship example of sphinx-cv."""

from __future__ import annotations

import os

# -- The person -----------------------------------------------------------------
# Everything about the owner that is not an entry on a page lives here, once: the
# site's header (name, description, contact links), its title, the search engines'
# tags and the JSON-LD are made from it.
cv_person = {
    "name": "Xingyao Wang",
    "email": "xingyaow@umich.edu",
    "sameAs": ["https://www.linkedin.com/in/xingyao-wang"],
    "description": (
        "Computer Science and Data Science at the University of Michigan · deep-learning "
        "systems at scale and natural language processing research."
    ),
}
project = author = copyright = cv_person["name"]  # noqa: A001 (Sphinx's names)
version = release = "2026"  # EPUB wants one; this CV's edition

# The site's address, in one place: Read the Docs tells it; elsewhere this default.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://xingyao-wang.readthedocs.io/")

# -- Extensions -----------------------------------------------------------------
extensions = ["myst_parser", "sphinx_cv"]
# attrs_block and attrs_inline: {.tag-details} on a block, [words]{.tag-details} in a line
# (the variants below leave tagged content out).
myst_enable_extensions = [
    "attrs_block",
    "attrs_inline",
    "colon_fence",
    "deflist",
    "fieldlist",
    "substitution",
]
myst_heading_anchors = 2
# Pages are Markdown only: raw HTML is shown as text, never passed through.
myst_disable_syntax = ["html_block", "html_inline"]
myst_substitutions = {
    "email": f"[{cv_person['email']}](mailto:{cv_person['email']})",
    "linkedin": f"[linkedin.com/in/xingyao-wang]({cv_person['sameAs'][0]})",
}
nitpicky = True

# -- The website ----------------------------------------------------------------
html_theme = "sphinx_cv"
html_favicon = "_static/favicon.svg"
html_copy_source = False
html_show_sphinx = False

# -- Publications ---------------------------------------------------------------
cv_bibfiles = ["../bib/publications.bib"]
cv_owner = ["Wang, Xingyao", "X. Wang"]

# -- The PDF résumé (sphinx-build -b cvpdf docs build/pdf) -----------------------
cv_pdf_filename = "Xingyao-Wang-CV.pdf"
cv_pdf_title = "Xingyao Wang — Résumé"
cv_pdf_subject = "Résumé of Xingyao Wang: Computer Science and Data Science, University of Michigan"
cv_pdf_keywords = [
    "Xingyao Wang",
    "résumé",
    "computer science",
    "data science",
    "deep learning",
    "distributed training",
    "TensorFlow",
    "natural language processing",
]
# The website's build writes the PDF too, from the same reading of the pages, and offers it
# (nox -s build and Read the Docs); `sphinx-build -b cvpdf docs build/pdf` still makes it alone.
cv_pdf_with_site = True

# -- Variants: one source, several PDFs ------------------------------------------
# nox -s build writes each (the site offers them in its PDF menu); pages tag what the
# one-page résumé leaves out: {.tag-details}, {.tag-summary}.
cv_variants = {
    "industry": {
        "exclude": ["details", "summary"],
        "sections": ["experience", "skills", "education", "publications"],
        "pages": 1,
        "title": "Xingyao Wang — One-page résumé",
        "subtitle": "Deep-learning systems · distributed training · NLP",
        "filename": "Xingyao-Wang-Resume.pdf",
        "label": "One-page résumé",
    },
}
