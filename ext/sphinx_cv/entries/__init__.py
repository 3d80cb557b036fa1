"""CV entries in Sphinx: the ``experience``, ``education`` and other entry directives, which
read their options into the model's entries, record them in the ``cv`` domain and render
them as nodes for every builder (:mod:`.directives`).

May import: :mod:`sphinx_cv.model`, the pure :mod:`sphinx_cv.publications.bib`, and the
glue modules (:mod:`sphinx_cv.shared`, :mod:`~sphinx_cv.domain`, :mod:`~sphinx_cv.directive`,
:mod:`~sphinx_cv.nodes`, :mod:`~sphinx_cv.settings`); never the publications wing's Sphinx
side, the site, the PDF or the command line.
"""
