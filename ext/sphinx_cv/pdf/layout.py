"""WeasyPrint's layout in a process of its own, started when the build starts.

Importing WeasyPrint costs about as much as building a small site (it reads
Pango's C declarations on every start). A :class:`LayoutWorker` imports it on the
other core while Sphinx reads and writes the pages; when the PDFs' HTML is ready
the worker lays them out and writes the PDFs, several at once on as many cores
(:func:`lay_out_shared`: forked copies of the worker, WeasyPrint imported once).
:func:`lay_out` is the same work in this process, for when no worker runs or it
fails. Pure Python and WeasyPrint: no Sphinx, nor anything else of sphinx-cv (the
worker runs this file alone).

``sphinx-cv build`` starts the worker before it imports Sphinx (:func:`prestart`), and
the build's PDF builder takes it (:func:`take_prestarted`): WeasyPrint is then imported
while Sphinx itself starts.

The PDF is written beside its place under a temporary name and renamed over it
(:class:`Replacement`): a reader, or a build killed midway, never sees half a PDF.
A folder the PDF cannot be written to is an :class:`OutputError` that says so,
raised before WeasyPrint lays anything out.
"""

from __future__ import annotations

import contextlib
import gc
import glob
import hashlib
import json
import os
import secrets
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

__all__ = [
    "LayoutError",
    "LayoutWorker",
    "OutputError",
    "Replacement",
    "WeasyPrintMissingError",
    "lay_out",
    "lay_out_shared",
    "measure",
    "prestart",
    "stop_prestarted",
    "take_prestarted",
    "write_file",
]

#: The worker's exit status when WeasyPrint cannot be imported.
_NO_WEASYPRINT = 3
#: Seconds a stopped worker gets to stop its copies and remove their unfinished files.
_STOP_WAIT = 10


class LayoutError(RuntimeError):
    """WeasyPrint failed; the message is its own."""


class WeasyPrintMissingError(LayoutError):
    """WeasyPrint is not installed."""


class OutputError(RuntimeError):
    """A file cannot be written where it goes (a read-only folder, a full disk); the
    message names the folder and says what to do. WeasyPrint is not to blame."""


def output_error(target: Path, err: OSError) -> OutputError:
    """The one-line message for ``target`` that could not be written (``err``)."""
    reason = err.strerror or str(err)
    if target.parent.exists() and not target.parent.is_dir():
        reason = "that is a file, not a folder"
    return OutputError(
        f"cannot write {target.name} to the folder {target.parent}: {reason}; make the "
        "folder writable (and check the free space), or build into another folder"
    )


def _process_exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # it exists, as another user's
        return True
    return True


class Replacement:
    """New bytes for ``target``, written beside it under a temporary name
    (``.NAME.PID.RANDOM.part``) and renamed over it by :meth:`commit`: a reader never
    sees half a file, and a failure leaves the old file (or none) and no temporary one.
    The temporary file is made at once, so a folder that cannot be written is an
    :class:`OutputError` before any work; those a killed process left are removed."""

    def __init__(self, target: str | os.PathLike[str]) -> None:
        self.target = Path(target)
        self._remove_leftovers()
        try:
            self.target.parent.mkdir(parents=True, exist_ok=True)
            while True:
                name = f".{self.target.name}.{os.getpid()}.{secrets.token_hex(4)}.part"
                self.partial = self.target.parent / name
                try:
                    # 0o666 less the umask: the file gets the rights any new file gets.
                    self._fd: int | None = os.open(
                        self.partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666
                    )
                    break
                except FileExistsError:
                    continue
        except OSError as err:
            raise output_error(self.target, err) from None

    def _remove_leftovers(self) -> None:
        """The temporary files of this target that a process which no longer runs left."""
        pattern = f".{glob.escape(self.target.name)}.*.part"
        for path in self.target.parent.glob(pattern):
            pid = path.name[len(self.target.name) + 2 :].split(".", 1)[0]
            if pid.isdigit() and not _process_exists(int(pid)):
                path.unlink(missing_ok=True)

    def commit(self, data: bytes) -> None:
        """Write ``data`` and put it in ``target``'s place."""
        if self._fd is None:
            raise ValueError("this replacement is closed")
        fd, self._fd = self._fd, None
        try:
            with open(fd, "wb") as file:
                file.write(data)
                file.flush()
                os.fsync(file.fileno())
            os.replace(self.partial, self.target)
        except OSError as err:
            self.partial.unlink(missing_ok=True)
            raise output_error(self.target, err) from None

    def discard(self) -> None:
        """Remove the temporary file; ``target`` stays as it was."""
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None
            self.partial.unlink(missing_ok=True)

    def __enter__(self) -> Replacement:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.discard()


def write_file(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` through a :class:`Replacement`."""
    with Replacement(target) as replacement:
        replacement.commit(data)


#: A tagged PDF for assistive technology and machines (PDF/UA-1): a structure tree (headings,
#: lists, links), the language, the title shown, footers as artifacts, XMP metadata.
PDF_VARIANT = "pdf/ua-1"
#: CSS pixels per millimetre.
_PX_PER_MM = 96 / 25.4


def _section_titles(root: Any) -> dict[str, str]:
    """The CV's sections one level below its top (the page's ``<section>`` elements inside
    the first one): id → its heading's text."""
    found: dict[str, str] = {}

    def visit(element: Any, depth: int) -> None:
        for child in element:
            tag = str(child.tag).rpartition("}")[2]
            if tag == "section":
                if depth == 1 and child.get("id"):
                    heading = next(
                        (c for c in child if str(c.tag).rpartition("}")[2] in _HEADINGS), None
                    )
                    text = "".join(heading.itertext()) if heading is not None else ""
                    title = " ".join(text.split())
                    found[child.get("id")] = title.rstrip("#¶ ") or child.get("id")
                visit(child, depth + 1)
            else:
                visit(child, depth)

    visit(root, 0)
    return found


_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}


def measure(document: Any, root: Any, budget: int) -> dict[str, Any]:
    """What does not fit in ``budget`` pages: the lines and millimetres past it, and the
    height of each section (mm), largest first."""
    from weasyprint.formatting_structure import boxes

    titles = _section_titles(root)
    heights: dict[str, float] = {}
    lines, over = 0, 0.0
    for number, page in enumerate(document.pages, start=1):
        page_box = page._page_box
        top, bottom = page_box.content_box_y(), page_box.content_box_y()
        content = [b for b in page_box.children if not isinstance(b, boxes.MarginBox)]
        for box in (inner for b in content for inner in b.descendants()):
            element = getattr(box, "element", None)
            if box.element_tag == "section" and element is not None:
                ident = element.get("id")
                if ident in titles:
                    heights[ident] = heights.get(ident, 0.0) + box.margin_height()
            if number > budget and isinstance(box, (boxes.LineBox, boxes.ReplacedBox)):
                lines += isinstance(box, boxes.LineBox)
                bottom = max(bottom, box.position_y + box.margin_height())
        if number > budget:
            over += bottom - top
    sections = sorted(
        ((titles[ident], round(height / _PX_PER_MM)) for ident, height in heights.items()),
        key=lambda item: -item[1],
    )
    return {"lines": lines, "mm": round(over / _PX_PER_MM), "sections": sections}


@contextlib.contextmanager
def _no_collection() -> Iterator[None]:
    """No garbage collection while WeasyPrint lays a page out: it makes many objects, and
    the collector's passes over them cost a tenth of the layout. A layout thrown away (over
    its page budget) is collected at once instead; the rest after."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def lay_out(
    html_file: str, page_css: str, target: str, steps: Sequence[str] = (), budget: int = 0
) -> dict[str, Any]:
    """Lay out ``html_file`` with ``page_css`` and write the PDF ``target``. With a page
    ``budget``, a layout over it is tried again with each of ``steps`` added in turn (CSS
    that tightens the spacing) until it fits; the tightest is written if none does.

    Returns ``pages`` (its page count), ``step`` (how many steps it took) and, when it does
    not fit, ``overflow`` (:func:`measure`). The PDF's identifier is a digest of what it is
    made of (same input, same bytes). Raises :class:`OutputError` (before the layout) if
    ``target`` cannot be written."""
    try:
        import weasyprint
    except ImportError:
        raise WeasyPrintMissingError("WeasyPrint is not installed") from None
    with Replacement(target) as replacement, _no_collection():
        html = weasyprint.HTML(filename=html_file)
        step, css = 0, page_css
        document = html.render(stylesheets=[weasyprint.CSS(string=css)])
        while budget and len(document.pages) > budget and step < len(steps):
            css += "\n" + steps[step]
            step += 1
            document = None  # the layout over budget: its boxes point at each other
            gc.collect()
            document = html.render(stylesheets=[weasyprint.CSS(string=css)])
        digest = hashlib.sha256(Path(html_file).read_bytes() + css.encode()).digest()
        data = document.write_pdf(pdf_identifier=digest[:16], pdf_variant=PDF_VARIANT)
        replacement.commit(data)
    result: dict[str, Any] = {"pages": len(document.pages), "step": step}
    if budget and len(document.pages) > budget:
        result["overflow"] = measure(document, html.etree_element, budget)
    return result


def _cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


class Stopped(BaseException):
    """The build stopped the worker (SIGTERM): its copies are stopped too, and each layout
    under way removes its unfinished file (:class:`Replacement`) on the way out."""


#: The copies this worker forked that may still run (none in a copy).
_COPIES: list[int] = []
#: The worker's exit status when the build stopped it.
_STOPPED = 143


def _stop(signum: int, frame: Any) -> None:
    """SIGTERM: stop the copies, then this process (:class:`Stopped`)."""
    for pid in _COPIES:
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGTERM)
    raise Stopped


def _may_fork() -> bool:
    """Whether this process may fork copies of itself: on Linux, with no other thread (a
    thread holding a lock, Python's or a C library's, would leave it held in the copy).
    Elsewhere (macOS's system libraries are not safe to fork, Windows has no fork) the jobs
    run one after the other."""
    if not sys.platform.startswith("linux") or not hasattr(os, "fork"):
        return False
    if threading.active_count() != 1:
        return False
    try:
        return len(os.listdir("/proc/self/task")) == 1
    except OSError:
        return False


def lay_out_shared(jobs: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """:func:`_job_result` of each job, in order. With more than one job and more than one
    core, the jobs are shared (round robin) among this process and forked copies of it,
    one per core, which have WeasyPrint imported already; where this process may not fork
    (:func:`_may_fork`), one after the other. A copy that fails to answer has its jobs done
    here."""
    shares = min(len(jobs), _cores()) if _may_fork() else 1
    if shares > 1:
        gc.freeze()  # what WeasyPrint loaded stays shared with the copies: no pass touches it
    children: list[tuple[int, int, list[int]]] = []
    for share in range(1, shares):
        indices = list(range(share, len(jobs), shares))
        read, write = os.pipe()
        # No SIGTERM between the fork and noting the copy: it would not be stopped.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
        pid = os.fork()
        if pid == 0:  # the copy: its share, as JSON down the pipe, and out
            status = 1
            try:
                _COPIES.clear()
                signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
                os.close(read)
                answer = json.dumps([_job_result(jobs[index]) for index in indices])
                with open(write, "w", encoding="utf-8") as pipe:
                    pipe.write(answer)
                status = 0
            finally:
                os._exit(status)
        _COPIES.append(pid)
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
        os.close(write)
        children.append((pid, read, indices))
    results = {index: _job_result(jobs[index]) for index in range(0, len(jobs), shares)}
    for pid, read, indices in children:
        with open(read, encoding="utf-8") as pipe:
            answer = pipe.read()
        os.waitpid(pid, 0)
        _COPIES.remove(pid)
        try:
            answers = json.loads(answer)
        except ValueError:
            answers = None
        if not isinstance(answers, list) or len(answers) != len(indices):
            answers = [_job_result(jobs[index]) for index in indices]
        results.update(zip(indices, answers, strict=True))
    return [results[index] for index in range(len(jobs))]


def _job_result(job: dict[str, Any]) -> dict[str, Any]:
    """:func:`lay_out` of one job, or what went wrong (``error`` and its ``kind``)."""
    try:
        return lay_out(**job)
    except OutputError as err:
        return {"error": str(err), "kind": "output"}
    except Exception as err:  # WeasyPrint's own message goes back to the build
        return {"error": f"{type(err).__name__}: {err}", "kind": "layout"}


class LayoutWorker:
    """A Python process that imports WeasyPrint now and lays out the PDFs later."""

    def __init__(self) -> None:
        #: What the worker sees: :func:`_environment` when it started.
        self.environment = env = _environment()
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
        #: How many jobs :meth:`start` gave.
        self.jobs = 0

    def start(self, jobs: Sequence[dict[str, Any]]) -> None:
        """Give the worker its jobs and return at once (:meth:`results` waits for them):
        the build does other work while the PDFs are laid out."""
        if self.process is None or self.process.stdin is None:
            raise LayoutError("the layout worker was stopped")
        self.jobs = len(jobs)
        try:
            self.process.stdin.write(json.dumps(list(jobs)) + "\n")  # one line
            self.process.stdin.flush()
        except OSError as err:
            raise LayoutError(f"the layout worker cannot be reached: {err}") from None

    def results(self) -> list[dict[str, Any]]:
        """The results of the jobs :meth:`start` gave, once the worker has done them:
        :func:`lay_out`'s, or ``error`` and its ``kind`` (``output``: the folder;
        ``layout``: WeasyPrint). Raises :class:`LayoutError` if the worker itself fails."""
        if self.process is None:
            raise LayoutError("the layout worker was stopped")
        out, err = self.process.communicate()
        status, self.process = self.process.returncode, None
        if status == _NO_WEASYPRINT:
            raise WeasyPrintMissingError(err.strip())
        if status != 0:
            raise LayoutError(err.strip() or f"the layout process ended with status {status}")
        results = json.loads(out.strip().splitlines()[-1]) if out.strip() else None
        if not isinstance(results, list) or len(results) != self.jobs:
            raise LayoutError(f"the layout process answered {out.strip()!r}")
        return results

    def stop(self) -> None:
        """End the worker if it still runs (the build failed before it was done): asked to
        stop, it stops the copies it forked, and no layout under way leaves a file."""
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        if not self.jobs:  # nothing laid out yet: no copy, no file (it may be importing)
            process.kill()
            process.communicate()
            return
        process.terminate()
        try:
            process.communicate(timeout=_STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


#: The worker :func:`prestart` started, until a build takes it (at most one).
_PRESTARTED: list[LayoutWorker] = []


def _environment() -> dict[str, str]:
    """The environment of a worker started now: this file alone, seeing what this process
    sees (its environment variables, an extension or WeasyPrint on a path conf.py adds),
    speaking UTF-8 whatever the locale."""
    return {**os.environ, "PYTHONPATH": os.pathsep.join(sys.path), "PYTHONIOENCODING": "utf-8"}


def prestart() -> None:
    """Start a worker now, before Sphinx is imported, for the build to take
    (:func:`take_prestarted`); nothing if no process can be started (the build starts its
    own, or lays out in its own process)."""
    stop_prestarted()
    with contextlib.suppress(OSError):
        _PRESTARTED.append(LayoutWorker())


def take_prestarted() -> LayoutWorker | None:
    """The worker :func:`prestart` started, if any: the caller's from now on. None if what
    a worker would see has changed since (conf.py set an environment variable, such as
    fontconfig's, or added a path): that worker is stopped, and the caller starts one that
    sees what the build sees."""
    worker = _PRESTARTED.pop() if _PRESTARTED else None
    if worker is not None and _seen(worker.environment) != _seen(_environment()):
        worker.stop()
        return None
    return worker


#: Environment variables Sphinx itself sets that no layout reads (docutils' settings file).
_NOT_SEEN = ("DOCUTILSCONFIG",)


def _seen(environment: dict[str, str]) -> dict[str, str]:
    """What of ``environment`` a layout may depend on."""
    return {name: value for name, value in environment.items() if name not in _NOT_SEEN}


def stop_prestarted() -> None:
    """End a worker :func:`prestart` started that no build took (it wrote no PDF)."""
    while _PRESTARTED:
        _PRESTARTED.pop().stop()


#: A page that takes WeasyPrint through what every CV's layout does once per process
#: (Pango's and fontconfig's set-up, cffi's types, the PDF's writing), for a worker that
#: would otherwise wait: the copies it forks then start warm.
WARM_UP_PAGE = (
    '<html lang="en"><body><h1>Jane Doe</h1><p><a href="https://example.org">Jane</a> '
    "<b>Doe</b>, <i>résumé</i></p><ul><li>2020</li></ul></body></html>"
)


def _jobs_waiting() -> bool:
    """Whether the build has sent the jobs already (else the worker would only wait)."""
    if os.name != "posix":
        return True  # select() takes no pipe there: no warm-up
    import select

    return bool(select.select([sys.stdin], [], [], 0)[0])


def warm_up() -> None:
    """Lay out :data:`WARM_UP_PAGE` and throw the PDF away; nothing if it fails (the
    jobs will say why)."""
    import weasyprint

    with contextlib.suppress(Exception):
        weasyprint.HTML(string=WARM_UP_PAGE).render().write_pdf(pdf_variant=PDF_VARIANT)


def main() -> int:
    if os.name == "posix":
        signal.signal(signal.SIGTERM, _stop)
    try:
        return _serve()
    except Stopped:
        return _STOPPED


def _serve() -> int:
    try:
        import weasyprint  # noqa: F401  (the point: imported while the site is built)
    except ImportError:
        print("WeasyPrint is not installed", file=sys.stderr)
        return _NO_WEASYPRINT
    if not _jobs_waiting():
        warm_up()
    # One line: forked processes of the build may keep the pipe open, so no end of file.
    text = sys.stdin.readline()
    if not text.strip():
        return 0  # stopped without a job
    print(json.dumps(lay_out_shared(json.loads(text))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
