"""The website: the CV theme (:mod:`.theme`, :mod:`.website`), the person and photo
(:mod:`.person`, :mod:`.photo`, :mod:`.icons`), what search engines and link previews read
(:mod:`.seo`, :mod:`.jsonld`), and the JSON Resume export (:mod:`.export`, :mod:`.jsonresume`).

May import: :mod:`sphinx_cv.model`, :mod:`sphinx_cv.publications`, :mod:`sphinx_cv.entries`,
:mod:`sphinx_cv.projectfiles` and the glue modules; never the PDF or the command line.
"""
