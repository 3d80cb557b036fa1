extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["attrs_block", "attrs_inline", "colon_fence", "fieldlist"]
project = "Vera Variant"
html_theme = "sphinx_cv"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Variant, Vera"]
cv_pdf_with_site = True
cv_variants = {
    "industry": {
        "tags": ["industry"],
        "exclude": ["teaching", "details"],
        "sections": ["skills", "jobs", "papers"],
        "publications": {"selected": True},
        "title": "Vera Variant — Industry résumé",
        "subtitle": "Backend engineer",
        "label": "Industry résumé",
    },
    "academic": {
        "exclude": ["industry"],
        "publications": {"max": 2},
        "filename": "Vera-Variant-Academic.pdf",
    },
}
