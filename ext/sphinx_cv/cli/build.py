"""``sphinx-cv build``: ``sphinx-build`` with the PDF's layout process started first.

The layout process imports WeasyPrint (:mod:`sphinx_cv.pdf.layout`); started before Sphinx
is imported, it is ready when the PDF's page is, instead of half a second after. The
arguments are sphinx-build's, unchanged.
"""

from __future__ import annotations

import gc
from collections.abc import Sequence

__all__ = ["build", "builder_name"]

#: The builders that write a PDF: ``cvpdf``, and the website's with ``cv_pdf_with_site``.
PDF_BUILDERS = ("html", "dirhtml", "cvpdf")


def builder_name(arguments: Sequence[str]) -> str:
    """The builder sphinx-build's ``arguments`` name (``-b``, ``--builder``, ``-M``;
    ``html`` when none does)."""
    if len(arguments) > 1 and arguments[0] == "-M":
        return arguments[1]
    name = "html"
    for index, argument in enumerate(arguments):
        if argument in ("-b", "--builder") and index + 1 < len(arguments):
            name = arguments[index + 1]
        elif argument.startswith("--builder="):
            name = argument.partition("=")[2]
        elif argument.startswith("-b") and len(argument) > 2:
            name = argument[2:]
    return name


def build(arguments: Sequence[str], exiting: bool = False) -> int:
    """Run sphinx-build with ``arguments``; its exit status. ``exiting``: the process ends
    after the build (the command), so the build's objects are left to the end."""
    from ..pdf.layout import prestart, stop_prestarted

    asks = {"-h", "--help", "--version"} & set(arguments)
    if builder_name(arguments) in PDF_BUILDERS and not asks:
        prestart()
    try:
        from sphinx.cmd.build import main as sphinx_build

        status = sphinx_build(list(arguments))
    finally:
        stop_prestarted()  # the build wrote no PDF
    if exiting:
        # The build's objects are left to the exit, which then does not walk them all to
        # collect garbage that the process's end frees anyway (a fifth of a second here).
        # Not for a caller that goes on: they would stay.
        gc.freeze()
    return status
