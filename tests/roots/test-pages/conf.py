extensions = ["myst_parser", "sphinx_cv"]
project = "Pages"
