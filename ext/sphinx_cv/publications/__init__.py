"""Publications: reading .bib files, formatting references, listing and citing them.

- :mod:`.bib`: the pure part (pybtex, no Sphinx): parsing with problems at their lines,
  LaTeX and math to text, biblatex's data model, the ``cv`` style, selection and groups;
- :mod:`.bibcache`: each .bib parsed and formatted once per content, kept beside the
  environment;
- :mod:`.directive`: the ``publications`` directive; :mod:`.view` what a listed publication
  shows, as nodes for every builder, and :mod:`.html` HTML's visitors of them;
- :mod:`.citations`: the ``cite`` roles; :mod:`.anchors`: in-document anchors for the
  single-page outputs.

May import: :mod:`sphinx_cv.model`, :mod:`sphinx_cv.projectfiles` and the glue modules; never
the entries wing, the site, the PDF or the command line.
"""
