extensions = ["myst_parser", "sphinx_cv"]
project = "al-folio move"
cv_bibfiles = ["../_bibliography/papers.bib"]
cv_owner = ["Doe, Jane"]
