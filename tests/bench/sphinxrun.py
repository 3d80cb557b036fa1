"""One ``sphinx-build`` of the bench in a fresh process: its time (outside), its own peak
memory and, for builds that write a PDF, the time spent in WeasyPrint apart from Sphinx's."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

#: Runs Sphinx in this child process and reports its own peak memory, and for the PDF
#: builder the time spent in WeasyPrint (layout and writing) apart from Sphinx's.
CHILD = """
import json, resource, sys, time
from sphinx.cmd.build import build_main
import sphinx_cv.pdf.builder
weasy = []
_write_pdfs = sphinx_cv.pdf.builder.CVPDFBuilder.write_pdfs
def timed(self):
    t = time.perf_counter()
    _write_pdfs(self)
    weasy.append(time.perf_counter() - t)
sphinx_cv.pdf.builder.CVPDFBuilder.write_pdfs = timed
start = time.perf_counter()
status = build_main(sys.argv[1:])
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = {"status": status, "seconds": elapsed, "rss_kb": rss, "weasyprint": sum(weasy)}
print(json.dumps(result), file=sys.stderr)
"""


class BuildError(RuntimeError):
    """A benchmark build did not succeed."""


def build(
    src: Path, *options: str, out: Path | None = None, problems_ok: bool = False
) -> dict[str, float]:
    """One ``sphinx-build`` (html unless ``options`` say) in a fresh process, timed outside.

    ``problems_ok``: a build that reported errors in its input (a real .bib has some) and
    still wrote its output counts; ``problems`` says how many lines it reported."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, "-q", "-b", "html", *options, str(src),
         str(out or src / "_build")],
        capture_output=True,
        text=True,
        check=False,
    )  # fmt: skip
    wall = time.perf_counter() - start
    lines = proc.stderr.strip().splitlines()
    try:
        result = json.loads(lines[-1])
    except (IndexError, json.JSONDecodeError):
        raise BuildError(f"build of {src} crashed:\n{proc.stderr[-1500:]}") from None
    problems = sum(" WARNING: " in line or " ERROR: " in line for line in lines)
    if result["status"] != 0 and not (problems_ok and result["status"] == 1):
        raise BuildError(f"build of {src} failed:\n{proc.stderr[-1500:]}")
    return {
        "wall": wall,
        "rss_mb": result["rss_kb"] / 1024,
        "weasyprint": result["weasyprint"],
        "problems": problems,
    }
