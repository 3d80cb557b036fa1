"""The ``sphinx-cv`` command (:mod:`.main`): ``new`` writes a starter project
(:mod:`.starter`); ``import`` reads a JSON Resume or RenderCV file (:mod:`.data`,
:mod:`.read_jsonresume`, :mod:`.read_rendercv`) into an :class:`~.imports.ImportedCV` and
writes it as a project (:mod:`.importing`, :mod:`.files`), its text escaped for MyST
(:mod:`.text`); ``check-pdf`` says what machines and screen readers get from a PDF
(:mod:`.checkpdf`).

May import: any wing below it (it is the top, beside the extension's setup); no module of
sphinx-cv imports it.
"""
