"""The layout process (issue 26): several PDFs laid out at once on as many cores, and
``sphinx-cv build``, which starts that process before Sphinx.

The worker forks a copy of itself per core once WeasyPrint is imported; the PDFs are the
bytes one layout at a time gives, in the jobs' order, and a copy that dies has its jobs
done by the worker. ``sphinx-cv build`` is sphinx-build with its arguments unchanged; the
worker it starts first is the one the build's PDF builder uses.
"""

from __future__ import annotations

import contextlib
import gc
import io
import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path
from typing import Any, ClassVar

import pytest
from conftest import sphinx_build
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util.console import strip_colors
from sphinx_cv.cli import build as cli_build
from sphinx_cv.cli.main import main as cv_main
from sphinx_cv.pdf import builder as pdf_builder
from sphinx_cv.pdf import layout

LAYOUT = Path(layout.__file__)

#: Runs in a fresh process (one thread, so the worker may fork): the jobs of argv[1] laid
#: out by lay_out_shared on ``cores`` cores; each result also says which process made it.
#: A job whose target names "dies" ends the process that lays it out, unless it is the
#: worker itself.
SCRIPT = textwrap.dedent(
    """
    import json, os, sys
    sys.path.insert(0, {folder!r})
    import layout
    jobs, cores = json.loads(sys.argv[1]), int(sys.argv[2])
    layout._cores = lambda: cores
    real, parent = layout.lay_out, os.getpid()

    def recorded(**job):
        if "dies" in job["target"] and os.getpid() != parent:
            os._exit(9)
        return {{**real(**job), "pid": os.getpid()}}

    layout.lay_out = recorded
    print(json.dumps([parent, layout.lay_out_shared(jobs)]))
    """
)


def pages(folder: Path, names: list[str]) -> list[dict[str, Any]]:
    """A small page per name, and its job (a PDF of that name in ``folder``/pdf)."""
    jobs = []
    for index, name in enumerate(names):
        page = folder / f"{name}.html"
        items = "".join(f"<li>Item {n} of page {index}</li>" for n in range(20 * index + 5))
        page.write_text(f"<html lang=en><body><h1>{name}</h1><ul>{items}</ul></body></html>")
        jobs.append({"html_file": str(page), "page_css": "", "target": str(folder / f"{name}.pdf")})
    return jobs


def shared(jobs: list[dict[str, Any]], cores: int) -> tuple[int, list[dict[str, Any]]]:
    script = SCRIPT.format(folder=str(LAYOUT.parent))
    done = subprocess.run(
        [sys.executable, "-c", script, json.dumps(jobs), str(cores)],
        capture_output=True,
        text=True,
        check=True,
    )
    parent, results = json.loads(done.stdout)
    return parent, results


def test_pdfs_are_laid_out_at_once_on_each_core_with_the_bytes_of_one_at_a_time(
    tmp_path: Path,
) -> None:
    jobs = pages(tmp_path, ["a", "b", "c", "d", "e"])
    parent, results = shared(jobs, cores=3)
    assert [result["pages"] for result in results] == [1, 1, 1, 2, 2]
    # Round robin: the worker lays out jobs 0 and 3; two copies, 1 and 4, then 2.
    pids = [result["pid"] for result in results]
    assert pids[0] == pids[3] == parent
    assert pids[1] == pids[4] != parent
    assert pids[2] not in (parent, pids[1])
    forked = {job["target"]: Path(job["target"]).read_bytes() for job in jobs}
    for job in jobs:
        layout.lay_out(**job)  # here, one after the other
        assert Path(job["target"]).read_bytes() == forked[job["target"]], job["target"]


def test_one_core_lays_out_one_pdf_after_the_other(tmp_path: Path) -> None:
    parent, results = shared(pages(tmp_path, ["a", "b"]), cores=1)
    assert [result["pid"] for result in results] == [parent, parent]


def test_a_copy_that_dies_has_its_jobs_done_by_the_worker(tmp_path: Path) -> None:
    jobs = pages(tmp_path, ["a", "dies", "c"])
    parent, results = shared(jobs, cores=2)
    assert [result["pid"] for result in results] == [parent, parent, parent]
    assert all(Path(job["target"]).read_bytes().startswith(b"%PDF-") for job in jobs)


def test_a_bad_job_costs_only_itself(tmp_path: Path) -> None:
    jobs = pages(tmp_path, ["a", "b", "c"])
    (tmp_path / "file").write_text("not a folder\n")
    jobs[1]["target"] = str(tmp_path / "file" / "b.pdf")
    worker = layout.LayoutWorker()
    worker.start(jobs)
    results = worker.results()
    assert results[1]["kind"] == "output"
    assert results[1]["error"].startswith("cannot write b.pdf to the folder ")
    assert [results[0]["pages"], results[2]["pages"]] == [1, 1]


@pytest.mark.parametrize(
    ("arguments", "name"),
    [
        ([], "html"),
        (["docs", "out"], "html"),
        (["-b", "cvpdf", "docs", "out"], "cvpdf"),
        (["-bdirhtml", "docs", "out"], "dirhtml"),
        (["--builder", "text", "docs", "out"], "text"),
        (["--builder=latex", "docs", "out"], "latex"),
        (["-M", "cvpdf", "docs", "out"], "cvpdf"),
        (["-W", "-b", "html", "-D", "x=-b", "docs", "out"], "html"),
    ],
)
def test_the_builder_the_arguments_name(arguments: list[str], name: str) -> None:
    assert cli_build.builder_name(arguments) == name


def project(root: Path, with_site: bool = True) -> Path:
    src = root / "cv"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nproject = "Jane Doe"\n'
        f"html_theme = 'sphinx_cv'\ncv_pdf_with_site = {with_site!r}\n"
    )
    (src / "index.md").write_text("# Jane Doe\n\nEngineer in Lyon.\n")
    return src


class Counted(layout.LayoutWorker):
    started: ClassVar[list[Counted]] = []

    def __init__(self) -> None:
        super().__init__()
        Counted.started.append(self)


def run_build(arguments: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        status = cv_main(["build", *arguments])
    # Called from Python, the build leaves nothing frozen (the command freezes its objects
    # for the exit only).
    assert gc.get_freeze_count() == 0
    return status, strip_colors(err.getvalue())


def test_the_build_uses_the_layout_process_started_before_sphinx(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The worker ``sphinx-cv build`` starts is the one the build lays out in: the PDF
    builder may not start another."""

    def no_second_worker() -> None:
        raise AssertionError("the build started a layout process of its own")

    Counted.started = []
    monkeypatch.setattr(layout, "LayoutWorker", Counted)
    monkeypatch.setattr(pdf_builder, "LayoutWorker", no_second_worker)
    src = project(tmp_path)
    out = tmp_path / "out"
    status, err = run_build(["-b", "html", "-W", "-q", str(src), str(out)])
    assert (status, err) == (0, "")
    assert (out / "index.html").is_file()
    assert (out / "Jane-Doe-CV.pdf").read_bytes().startswith(b"%PDF-")
    assert len(Counted.started) == 1
    assert Counted.started[0].process is None  # its results were taken: it has ended
    assert layout.take_prestarted() is None


@pytest.mark.parametrize(("builder", "with_site"), [("text", True), ("html", False)])
def test_a_build_without_a_pdf_ends_the_layout_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, builder: str, with_site: bool
) -> None:
    Counted.started = []
    monkeypatch.setattr(layout, "LayoutWorker", Counted)
    src = project(tmp_path, with_site=with_site)
    out = tmp_path / "out"
    status, err = run_build(["-b", builder, "-W", "-q", str(src), str(out)])
    assert (status, err) == (0, "")
    assert not list(out.glob("*.pdf"))
    # Started for a builder that may write a PDF, and ended once the build said it will not.
    assert len(Counted.started) == (builder == "html")
    assert all(worker.process is None for worker in Counted.started)


def test_sphinx_cv_build_is_sphinx_build(tmp_path: Path) -> None:
    """The command as users run it: sphinx-build's arguments, status and messages."""
    src = project(tmp_path)
    (src / "index.md").write_text("# Jane Doe\n\n{doc}`missing`\n")
    out = tmp_path / "out"
    command = [sys.executable, "-m", "sphinx_cv.cli.main", "build", "-W", "--keep-going"]
    done = subprocess.run(
        [*command, "-q", "-b", "html", str(src), str(out)],
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert done.returncode == 1
    assert "index.md:3: WARNING: unknown document: 'missing'" in done.stderr
    assert (out / "Jane-Doe-CV.pdf").is_file()  # --keep-going: the rest is built
    (src / "index.md").write_text("# Jane Doe\n\nEngineer in Lyon.\n")
    done = subprocess.run(
        [*command, "-q", "-b", "html", str(src), str(out)], capture_output=True, text=True
    )
    assert (done.returncode, done.stderr) == (0, "")


def test_the_sites_pdfs_are_laid_out_while_its_pages_are_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With ``cv_pdf_with_site``, the PDFs' layout starts once the pages are read, before
    the website writes a page; the build waits for it after the last page. The bytes are
    those of a build that lays the PDF out after the site (no page read: at its end)."""
    order: list[str] = []
    real_start, real_results = layout.LayoutWorker.start, layout.LayoutWorker.results
    real_page = StandaloneHTMLBuilder.handle_page

    def start(self: layout.LayoutWorker, jobs: Any) -> None:
        order.append("layout started")
        real_start(self, jobs)

    def results(self: layout.LayoutWorker) -> Any:
        order.append("layout waited for")
        return real_results(self)

    def handle_page(self: StandaloneHTMLBuilder, pagename: str, *args: Any, **kw: Any) -> None:
        order.append(f"{self.name} {pagename}")
        real_page(self, pagename, *args, **kw)

    monkeypatch.setattr(layout.LayoutWorker, "start", start)
    monkeypatch.setattr(layout.LayoutWorker, "results", results)
    monkeypatch.setattr(StandaloneHTMLBuilder, "handle_page", handle_page)
    src = project(tmp_path)
    out = tmp_path / "out"
    assert sphinx_build(src, out=out, epoch="1700000000") == (0, "")
    assert order.index("layout started") < order.index("html index")
    assert order.index("layout waited for") > order.index("html search")
    early = (out / "Jane-Doe-CV.pdf").read_bytes()
    # Nothing read: the PDF is assembled and laid out at the build's end, as before.
    (out / "Jane-Doe-CV.pdf").unlink()
    order.clear()
    assert sphinx_build(src, out=out, epoch="1700000000") == (0, "")
    website = [index for index, what in enumerate(order) if what.startswith("html ")]
    assert website
    assert order.index("layout started") > max(website), order
    assert (out / "Jane-Doe-CV.pdf").read_bytes() == early


def test_a_site_that_fails_after_the_layout_started_gets_no_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page that cannot be written fails the build after the layout started: the layout
    process is ended, and no PDF is recorded as written (the next build lays it out)."""
    src = project(tmp_path)
    out = tmp_path / "out"

    def broken(self: StandaloneHTMLBuilder, *args: Any, **kw: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(StandaloneHTMLBuilder, "handle_page", broken)
    status, err = sphinx_build(src, out=out)
    assert status == 2
    assert "No space left on device" in err
    monkeypatch.undo()
    assert sphinx_build(src, out=out) == (0, "")
    assert (out / "Jane-Doe-CV.pdf").read_bytes().startswith(b"%PDF-")


def test_asking_for_help_starts_no_layout_process(monkeypatch: pytest.MonkeyPatch) -> None:
    Counted.started = []
    monkeypatch.setattr(layout, "LayoutWorker", Counted)
    with pytest.raises(SystemExit) as ended:
        run_build(["--help"])
    assert ended.value.code == 0
    assert Counted.started == []


def test_an_edit_reaches_the_whole_site_when_the_pdfs_are_laid_out_early(tmp_path: Path) -> None:
    """Laying the site's PDFs out once the pages are read must not start the build's state
    anew: an edited entry reaches resume.json, and a removed page's output goes."""
    src = project(tmp_path)
    (src / "index.md").write_text("# Jane Doe\n\n```{toctree}\njobs\n```\n")
    job = "# Jobs\n\n```{experience} Engineer\n:organization: %s\n:start: 2020\n```\n"
    (src / "jobs.md").write_text(job % "Acme")
    out = tmp_path / "out"
    assert sphinx_build(src, out=out) == (0, "")
    assert "Acme" in (out / "resume.json").read_text()
    (src / "jobs.md").write_text(job % "Globex")
    assert sphinx_build(src, out=out) == (0, "")
    assert "Globex" in (out / "resume.json").read_text()
    assert "Globex" in (out / "Jane-Doe-CV.txt").read_text()
    (src / "jobs.md").unlink()
    (src / "index.md").write_text("# Jane Doe\n\nEngineer.\n")
    assert sphinx_build(src, out=out) == (0, "")
    assert not (out / "jobs.html").exists()
    assert "Globex" not in (out / "resume.json").read_text()


def test_a_stopped_worker_stops_its_copies_and_leaves_no_file(tmp_path: Path) -> None:
    """The build fails while two PDFs are being laid out at once: stopping the worker stops
    the copy it forked too, and neither leaves a PDF or an unfinished file."""
    if not sys.platform.startswith("linux") or layout._cores() < 2:
        pytest.skip("one core, or not Linux: the worker forks no copy")
    jobs = pages(tmp_path, ["a", "b"])
    long = "".join(
        f"<li>Item {n}, long enough to wrap a line or two in its page.</li>" for n in range(3000)
    )
    for job in jobs:
        Path(job["html_file"]).write_text(f"<html lang=en><body><ul>{long}</ul></body></html>")
    worker = layout.LayoutWorker()
    worker.start(jobs)
    deadline = time.monotonic() + 60
    while len(list(tmp_path.glob(".*.part"))) < 2:  # both layouts under way
        assert time.monotonic() < deadline, "the layouts did not start"
        time.sleep(0.02)
    worker.stop()
    time.sleep(1.0)  # a copy left running would write its PDF by now or soon after
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".html")) == []


def test_a_conf_py_that_changes_the_environment_gets_a_worker_that_sees_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """conf.py sets a variable (fontconfig's file, say) after the worker started: that worker
    is stopped and the build starts one that sees the build's environment."""
    Counted.started = []
    monkeypatch.setattr(layout, "LayoutWorker", Counted)
    monkeypatch.setattr(pdf_builder, "LayoutWorker", Counted)
    src = project(tmp_path)
    with (src / "conf.py").open("a") as conf:
        conf.write('import os\nos.environ["CV_TEST_SET_BY_CONF"] = "1"\n')
    out = tmp_path / "out"
    try:
        status, err = run_build(["-b", "html", "-W", "-q", str(src), str(out)])
    finally:
        os.environ.pop("CV_TEST_SET_BY_CONF", None)
    assert (status, err) == (0, "")
    assert (out / "Jane-Doe-CV.pdf").read_bytes().startswith(b"%PDF-")
    first, second = Counted.started
    assert "CV_TEST_SET_BY_CONF" not in first.environment
    assert second.environment["CV_TEST_SET_BY_CONF"] == "1"
    assert first.process is second.process is None  # stopped; done


def test_the_websites_numbers_survive_the_pdf_laid_out_first(tmp_path: Path) -> None:
    """The PDF's one page numbers sections and figures its own way (singlehtml's): the
    website's pages, written after it, keep their section numbers and numbered figures."""
    src = project(tmp_path)
    with (src / "conf.py").open("a") as conf:
        conf.write("numfig = True\n")
    (src / "index.md").write_text(
        "# Jane Doe\n\n```{toctree}\n:numbered:\njobs\n```\n\nSee {numref}`fig1`.\n"
    )
    (src / "jobs.md").write_text(
        "# Jobs\n\n## Acme\n\n```{figure} pic.png\n:name: fig1\n\nA picture.\n```\n"
    )
    (src / "pic.png").write_bytes(
        bytes.fromhex(
            "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
            "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
        )
    )
    out = tmp_path / "out"
    assert sphinx_build(src, out=out) == (0, "")
    jobs = (out / "jobs.html").read_text()
    assert '<span class="section-number">1.1. </span>Acme' in jobs
    assert "Fig. 1.1" in (out / "index.html").read_text()
