extensions = ["myst_parser", "sphinx_cv"]
project = "On demand"
cv_bibfiles = ["a.bib"]
cv_owner = ["Doe, Jane"]
# Every listing serves its abstracts and BibTeX as files of the site.
cv_details_inline_max = 0
