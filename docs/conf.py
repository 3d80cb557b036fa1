"""Sphinx configuration of Xingyao Wang's CV site, the flagship example of sphinx-cv."""

from __future__ import annotations

import os

# -- The person -----------------------------------------------------------------
# Everything about the owner that is not an entry on a page lives here, once: the
# navigation bar's icons, the home page's contact line and the JSON-LD are made from it.
cv_person = {
    "name": "Xingyao Wang",
    "email": "xingyaow@umich.edu",
    "sameAs": ["https://www.linkedin.com/in/xingyao-wang"],
    "description": (
        "Computer Science and Data Science at the University of Michigan; deep-learning "
        "systems at scale and natural language processing research."
    ),
}
project = author = cv_person["name"]
copyright = cv_person["name"]  # noqa: A001 (Sphinx's name)
email = cv_person["email"]
linkedin = cv_person["sameAs"][0]

# The site's address, in one place: Read the Docs tells it; elsewhere this default.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "https://xingyao-wang.readthedocs.io/")

# -- Extensions -----------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_cv",
    "sphinxext.opengraph",
    "sphinx_sitemap",
]
myst_enable_extensions = ["attrs_block", "colon_fence", "deflist", "fieldlist", "substitution"]
myst_heading_anchors = 2
# Pages are Markdown only: raw HTML is shown as text, never passed through.
myst_disable_syntax = ["html_block", "html_inline"]
myst_substitutions = {
    "email": f"[{email}](mailto:{email})",
    "linkedin": f"[{linkedin.removeprefix('https://www.')}]({linkedin})",
}

# Every Sphinx output builds: the home page's icons go into LaTeX (fontawesome5) and are
# left out, as decoration, of the plain-text outputs (text, man, texinfo).
sd_fontawesome_latex = True
suppress_warnings = ["design.fa-build"]
version = release = "2026"  # EPUB wants one; this CV's edition

language = "en"
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True

# -- HTML -----------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = project
html_favicon = "_static/favicon.svg"
html_show_sourcelink = False
html_copy_source = False
html_show_sphinx = False
html_sidebars = {"**": []}
html_context = {"default_mode": "auto"}
html_theme_options = {
    "logo": {"text": project},
    "navbar_align": "left",
    "navbar_center": ["navbar-nav"],
    "navbar_end": ["cv-pdf-button", "theme-switcher", "navbar-icon-links"],
    "navbar_persistent": [],
    "secondary_sidebar_items": [],
    "show_prev_next": False,
    "footer_start": ["copyright"],
    "footer_center": [],
    "footer_end": [],
    "icon_links": [
        {"name": "Email", "url": f"mailto:{email}", "icon": "fa-solid fa-envelope"},
        {"name": "LinkedIn", "url": linkedin, "icon": "fa-brands fa-linkedin"},
    ],
}

# -- Search engines and link previews ---------------------------------------------
ogp_site_url = html_baseurl
ogp_site_name = project
ogp_type = "profile"
ogp_social_cards = {"enable": False}
ogp_custom_meta_tags = ["<meta name='twitter:card' content='summary'>"]
sitemap_url_scheme = "{link}"

# -- Publications ---------------------------------------------------------------
cv_bibfiles = ["../bib/publications.bib"]
cv_owner = ["Wang, Xingyao", "X. Wang"]

# -- The PDF résumé (sphinx-build -b cvpdf docs build/pdf) -----------------------
cv_pdf_filename = "Xingyao-Wang-CV.pdf"
cv_pdf_paper = "letter"
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
# The site offers the PDF built just before it (nox -s build and Read the Docs do both).
cv_pdf_download = f"../build/pdf/{cv_pdf_filename}"
