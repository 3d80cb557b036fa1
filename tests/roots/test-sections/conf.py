extensions = ["myst_parser", "sphinx_cv"]
myst_enable_extensions = ["colon_fence"]
html_baseurl = "https://jane.example.org/"
cv_person = {
    "name": "Jane Doe",
    "email": "jane@example.org",
    "location": "Ann Arbor, MI",
    "description": "Physicist working on quantum sensors.",
    "sameAs": ["https://github.com/janedoe", "https://mastodon.social/@jane"],
}
cv_bibfiles = ["refs.bib"]
