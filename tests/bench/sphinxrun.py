"""One build of the bench in a fresh process (``sphinx-build``, or ``sphinx-cv build``, which
``nox -s build`` runs): its time (outside), its own peak memory and, for builds that write a
PDF, the time the build waited for WeasyPrint's layout process."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

#: Runs the build in this child process and reports its own peak memory, and for builds
#: that write a PDF how long they waited for the layout process (which imports WeasyPrint,
#: lays out and writes the PDFs) once the rest was done. The layout module imports no Sphinx:
#: ``sphinx-cv build`` still starts its layout process before Sphinx is imported.
CHILD = """
import json, resource, sys, time
import sphinx_cv.pdf.layout as layout
weasy = []
_results = layout.LayoutWorker.results
def timed(self):
    t = time.perf_counter()
    try:
        return _results(self)
    finally:
        weasy.append(time.perf_counter() - t)
layout.LayoutWorker.results = timed
start = time.perf_counter()
if sys.argv[1] == "sphinx-cv":  # as the command runs it
    from sphinx_cv.cli.main import main
    sys.argv = ["sphinx-cv", "build", *sys.argv[2:]]
    status = main()
else:
    from sphinx.cmd.build import build_main
    status = build_main(sys.argv[2:])
elapsed = time.perf_counter() - start
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = {"status": status, "seconds": elapsed, "rss_kb": rss, "weasyprint": sum(weasy)}
print(json.dumps(result), file=sys.stderr)
"""


class BuildError(RuntimeError):
    """A benchmark build did not succeed."""


def build(
    src: Path,
    *options: str,
    out: Path | None = None,
    problems_ok: bool = False,
    command: str = "sphinx-build",
) -> dict[str, float]:
    """One ``sphinx-build`` (html unless ``options`` say) in a fresh process, timed outside;
    ``command="sphinx-cv"``: ``sphinx-cv build`` with the same arguments.

    ``problems_ok``: a build that reported errors in its input (a real .bib has some) and
    still wrote its output counts; ``problems`` says how many lines it reported."""
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", CHILD, command, "-q", "-b", "html", *options, str(src),
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
