"""Sphinx configuration of Xingyao Wang's CV site, the flagship example of sphinx-cv."""

from __future__ import annotations

# -- The person -----------------------------------------------------------------
# Everything about the owner that is not on a page lives here, once.
project = "Xingyao Wang"
author = "Xingyao Wang"
copyright = "Xingyao Wang"  # noqa: A001 (Sphinx's name)
email = "xingyaow@umich.edu"
linkedin = "https://www.linkedin.com/in/xingyao-wang"

# -- Extensions -----------------------------------------------------------------
extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_cv",
]
myst_enable_extensions = ["attrs_block", "colon_fence", "deflist", "fieldlist"]
myst_heading_anchors = 2

language = "en"
root_doc = "index"
exclude_patterns = ["_build"]
nitpicky = True

# -- HTML -----------------------------------------------------------------------
html_theme = "pydata_sphinx_theme"
html_title = project
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
