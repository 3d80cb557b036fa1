"""A CV in many scripts: Polish, Czech, Hungarian, Romanian, Turkish, Vietnamese, Russian, Greek
and Chinese names on the person, the entries and a publication (tests/pdf/test_pdf_fonts.py)."""

extensions = ["myst_parser", "sphinx_cv"]
project = author = "Zofia Łukasiewicz"
cv_person = {"name": "Zofia Łukasiewicz", "email": "zofia@example.org"}
cv_bibfiles = ["refs.bib"]
cv_owner = ["Łukasiewicz, Zofia"]
