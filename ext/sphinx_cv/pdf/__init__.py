"""The PDF résumé: the ``cvpdf`` builder (:mod:`.builder`), the layout process that runs
WeasyPrint (:mod:`.layout`), the no-change stamp (:mod:`.stamp`), the fonts' coverage of the
CV's characters (:mod:`.fonts`), and the PDF the website offers (:mod:`.download`).

May import: everything below it (:mod:`sphinx_cv.model`, :mod:`sphinx_cv.publications`,
:mod:`sphinx_cv.entries`, :mod:`sphinx_cv.site`, the glue modules); never the command line.
"""
