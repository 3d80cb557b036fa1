extensions = ["myst_parser", "sphinx_cv"]
project = "Site"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Doe, Jane"]
