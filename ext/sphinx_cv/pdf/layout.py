"""WeasyPrint's layout in a process of its own, started when the build starts.

Importing WeasyPrint costs about as much as building a small site (it reads
Pango's C declarations on every start). A :class:`LayoutWorker` imports it on the
other core while Sphinx reads and writes the pages; when the PDF's HTML is ready
the worker lays it out and writes the PDF. :func:`lay_out` is the same work in
this process, for when no worker runs or it fails. Pure Python and WeasyPrint: no
Sphinx, nor anything else of sphinx-cv (the worker runs this file alone).

The PDF is written beside its place under a temporary name and renamed over it
(:class:`Replacement`): a reader, or a build killed midway, never sees half a PDF.
A folder the PDF cannot be written to is an :class:`OutputError` that says so,
raised before WeasyPrint lays anything out.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import secrets
import subprocess
import sys
from pathlib import Path
from types import TracebackType

__all__ = [
    "LayoutError",
    "LayoutWorker",
    "OutputError",
    "Replacement",
    "WeasyPrintMissingError",
    "lay_out",
    "write_file",
]

#: The worker's exit status when WeasyPrint cannot be imported.
_NO_WEASYPRINT = 3
#: The worker's exit status when the PDF cannot be written where it goes.
_NO_OUTPUT = 4


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


def lay_out(html_file: str, page_css: str, target: str) -> int:
    """Lay out ``html_file`` with ``page_css`` and write the PDF ``target``; its page count.
    The PDF's identifier is a digest of what it is made of (same input, same bytes).
    Raises :class:`OutputError` (before the layout) if ``target`` cannot be written."""
    try:
        import weasyprint
    except ImportError:
        raise WeasyPrintMissingError("WeasyPrint is not installed") from None
    with Replacement(target) as replacement:
        document = weasyprint.HTML(filename=html_file).render(
            stylesheets=[weasyprint.CSS(string=page_css)]
        )
        digest = hashlib.sha256(Path(html_file).read_bytes() + page_css.encode()).digest()
        data = document.write_pdf(pdf_identifier=digest[:16])
        replacement.commit(data)
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
        if status == _NO_OUTPUT:  # its last line (WeasyPrint's warnings may come before)
            raise OutputError(err.strip().splitlines()[-1])
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
    except OutputError as err:
        print(err, file=sys.stderr)
        return _NO_OUTPUT
    except Exception as err:  # WeasyPrint's own message goes back to the build
        print(f"{type(err).__name__}: {err}", file=sys.stderr)
        return 1
    print(pages)
    return 0


if __name__ == "__main__":
    sys.exit(main())
