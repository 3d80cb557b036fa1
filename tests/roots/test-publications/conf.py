extensions = ["myst_parser", "sphinx_cv"]
project = "Publications"
cv_bibfiles = ["refs.bib"]
cv_owner = ["Doe, Jane", "J. Doe"]
