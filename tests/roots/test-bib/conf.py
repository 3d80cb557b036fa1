extensions = ["myst_parser", "sphinx_cv"]
project = "Bibliography"
author = "Jane Doe"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Doe, Jane"]
