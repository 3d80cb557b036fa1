extensions = ["myst_parser", "sphinx_cv"]
project = "Words"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Doe, Jane"]
cv_show_duration = True
