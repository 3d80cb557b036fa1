"""WeasyPrint's layout in a process of its own, started when the build starts.

Importing WeasyPrint costs about as much as building a small site (it reads
Pango's C declarations on every start). A :class:`LayoutWorker` imports it on the
other core while Sphinx reads and writes the pages; when the PDF's HTML is ready
the worker lays it out and writes the PDF. :func:`lay_out` is the same work in
this process, for when no worker runs or it fails. Pure Python and WeasyPrint: no
Sphinx, nor anything else of sphinx-cv (the worker runs this file alone).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

__all__ = ["LayoutError", "LayoutWorker", "WeasyPrintMissingError", "lay_out"]

#: The worker's exit status when WeasyPrint cannot be imported.
_NO_WEASYPRINT = 3


class LayoutError(RuntimeError):
    """WeasyPrint failed; the message is its own."""


class WeasyPrintMissingError(LayoutError):
    """WeasyPrint is not installed."""


def lay_out(html_file: str, page_css: str, target: str) -> int:
    """Lay out ``html_file`` with ``page_css`` and write the PDF ``target``; its page count.
    The PDF's identifier is a digest of what it is made of (same input, same bytes)."""
    try:
        import weasyprint
    except ImportError:
        raise WeasyPrintMissingError("WeasyPrint is not installed") from None
    document = weasyprint.HTML(filename=html_file).render(
        stylesheets=[weasyprint.CSS(string=page_css)]
    )
    digest = hashlib.sha256(Path(html_file).read_bytes() + page_css.encode()).digest()
    Path(target).parent.mkdir(parents=True, exist_ok=True)
    document.write_pdf(target, pdf_identifier=digest[:16])
    return len(document.pages)


class LayoutWorker:
    """A Python process that imports WeasyPrint now and lays out one PDF later."""

    def __init__(self) -> None:
        # This file alone, seeing what this process sees (an extension or WeasyPrint on a
        # path conf.py adds), speaking UTF-8 whatever the locale.
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONIOENCODING": "utf-8"}
        self.process: subprocess.Popen[str] | None = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            env=env,
        )

    def lay_out(self, html_file: str, page_css: str, target: str) -> int:
        """:func:`lay_out`, in the worker; raises :class:`LayoutError` with its message."""
        if self.process is None:
            raise LayoutError("the layout worker was stopped")
        job = json.dumps({"html_file": html_file, "page_css": page_css, "target": target})
        job += "\n"  # json.dumps writes no newline of its own: the job is one line
        out, err = self.process.communicate(job)
        status, self.process = self.process.returncode, None
        if status == _NO_WEASYPRINT:
            raise WeasyPrintMissingError(err.strip())
        if status != 0:
            raise LayoutError(err.strip() or f"the layout process ended with status {status}")
        return int(out.strip())

    def stop(self) -> None:
        """End the worker if it still waits (the build failed before the PDF)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.communicate()
        self.process = None


def main() -> int:
    try:
        import weasyprint  # noqa: F401  (the point: imported while the site is built)
    except ImportError:
        print("WeasyPrint is not installed", file=sys.stderr)
        return _NO_WEASYPRINT
    # One line: forked processes of the build may keep the pipe open, so no end of file.
    text = sys.stdin.readline()
    if not text.strip():
        return 0  # stopped without a job
    try:
        pages = lay_out(**json.loads(text))
    except Exception as err:  # WeasyPrint's own message goes back to the build
        print(f"{type(err).__name__}: {err}", file=sys.stderr)
        return 1
    print(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
