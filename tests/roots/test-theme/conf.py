extensions = ["myst_parser", "sphinx_cv"]
html_theme = "sphinx_cv"
cv_person = {
    "name": "Jane Doe",
    "email": "jane@example.org",
    "description": "Physicist working on quantum sensors.",
    "sameAs": [
        "https://github.com/janedoe",
        "https://orcid.org/0000-0002-1825-0097",
        "https://scholar.google.com/citations?user=abc",
        "https://mastodon.social/@jane",
        "https://www.linkedin.com/in/janedoe",
        "https://jane.example.org/",
    ],
}
