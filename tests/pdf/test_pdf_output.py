"""The PDF builder's output folder (issue 22, items 3 and 7).

The ``cvpdf`` builder writes the PDF and nothing else to its output folder: files
already there (named like a website's, the sources themselves) stay as they were,
byte for byte, and a PDF of a previous build is replaced. The PDF is written under a
temporary name and renamed: a failure or a kill midway leaves the old PDF (or
none), and a folder that cannot be written is said to be that, not WeasyPrint's fault.
"""

from __future__ import annotations

import os
import resource
import signal
import subprocess
import sys
import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import sphinx_build
from pypdf import PdfReader
from sphinx_cv.model.variants import pdf_file_name
from sphinx_cv.pdf import builder as pdf
from sphinx_cv.pdf.layout import LayoutWorker, OutputError, Replacement, lay_out, write_file

#: Files of the user's in the output folder before the build (path → bytes).
FOREIGN = {
    "index.html": b"<!doctype html><title>my old site</title>",
    "objects.inv": b"# Sphinx inventory version 2\n# Project: someone else's\n",
    "genindex.html": b"<p>hand-written</p>",
    "search.html": b"<p>hand-written</p>",
    ".buildinfo": b"# not Sphinx's\n",
    "sitemap.xml": b"<urlset/>",
    "notes.md": b"# Notes\n\nNot a page of the CV.\n",
    "other.pdf": b"%PDF-1.4\nanother PDF of the user's\n",
    "Jane-Doe-CV.pdf.bak": b"%PDF-1.4\na backup\n",
    "_static/basic.css": b"body { color: hotpink; }\n",
    "_static/js/app.js": b"console.log('mine');\n",
    "_images/me.jpg": b"\xff\xd8\xff not really\n",
    "_sources/index.md.txt": b"mine\n",
    ".git/HEAD": b"ref: refs/heads/main\n",
}
#: The PDF a previous build wrote (ours: the name the builder writes).
OLD_PDF = b"%PDF-1.7\n% the PDF of a previous build\n%%EOF\n"
PAGE = "# Jane Doe\n\nEngineer in Lyon.\n"


def snapshot(folder: Path, skip: Callable[[Path], bool]) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not skip(path.relative_to(folder))
    }


@pytest.fixture(scope="module")
def crowded(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """``sphinx-build -b cvpdf out/docs out``: the output folder holds the user's files and
    the source folder itself; conf.py also names a PDF file that is no file name."""
    out = tmp_path_factory.mktemp("crowded") / "out"
    for name, data in FOREIGN.items():
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_bytes(data)
    src = out / "docs"
    src.mkdir()
    (src / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_cv"]\nproject = "Jane Doe"\n'
        'cv_pdf_filename = "../escaped.pdf"\n'
    )
    (src / "index.md").write_text(PAGE)
    (out / "Jane-Doe-CV.pdf").write_bytes(OLD_PDF)
    before = snapshot(out, lambda path: path.name == "Jane-Doe-CV.pdf")
    status, err = sphinx_build(src, builder="cvpdf", out=out)
    return {"out": out, "src": src, "before": before, "status": status, "err": err}


def test_the_users_files_in_the_output_folder_stay_as_they_were(crowded: dict[str, Any]) -> None:
    out: Path = crowded["out"]
    after = snapshot(out, lambda path: path.parts[0] == ".doctrees")
    pdf_bytes = after.pop("Jane-Doe-CV.pdf")
    for suffix in ("txt", "md", "docx"):  # its twins (tests/pdf/test_twins.py)
        after.pop(f"Jane-Doe-CV.{suffix}")
    assert after == crowded["before"]  # every file there, byte for byte, and nothing new
    assert set(crowded["before"]) >= {*FOREIGN, "docs/conf.py", "docs/index.md"}
    assert pdf_bytes.startswith(b"%PDF")
    assert pdf_bytes != OLD_PDF  # the previous PDF of this builder is replaced
    text = PdfReader(out / "Jane-Doe-CV.pdf").pages[0].extract_text()
    assert "Engineer in Lyon." in text
    assert not list(out.glob(".*.part"))


def test_a_pdf_file_name_with_a_folder_is_not_used(crowded: dict[str, Any]) -> None:
    """``cv_pdf_filename = "../escaped.pdf"`` is refused at conf.py (the settings' check),
    and the PDF is written in the output folder under the default name, nowhere else."""
    out: Path = crowded["out"]
    conf = crowded["src"] / "conf.py"
    assert crowded["status"] == 1
    (line,) = crowded["err"].splitlines()
    assert line.startswith(f"{conf}:3: ERROR: cv_pdf_filename: '../escaped.pdf' ")
    assert not (out.parent / "escaped.pdf").exists()
    assert (out / "Jane-Doe-CV.pdf").is_file()


def test_pdf_file_names() -> None:
    for name in ("Jane-CV.pdf", "简历.pdf"):
        assert pdf_file_name(name, "Jane Doe") == name
    for name in ("../cv.pdf", "/tmp/cv.pdf", "sub/cv.pdf", "..", None):
        assert pdf_file_name(name, "Jane Doe") == "Jane-Doe-CV.pdf", name
    assert pdf_file_name(None, "王星尧") == "WangXingYao-CV.pdf"


# -- Written whole or not at all ------------------------------------------------------------


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob(".*.part"))


def test_a_file_is_replaced_whole(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    write_file(target, b"%PDF first")
    write_file(target, b"%PDF second")
    assert target.read_bytes() == b"%PDF second"
    assert leftovers(tmp_path) == []
    # The file gets the rights any new file gets (not a temporary file's 0o600).
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_failed_layout_leaves_the_old_pdf_and_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    target.write_bytes(OLD_PDF)
    with pytest.raises(Exception, match=r"missing\.html"):
        lay_out(str(tmp_path / "missing.html"), "", str(target))
    assert target.read_bytes() == OLD_PDF
    assert leftovers(tmp_path) == []


#: Writes 1 MB to argv[1] in a process that may write files of 64 KiB at most
#: (RLIMIT_FSIZE): the write fails halfway (EFBIG), or, with SIGXFSZ's default action,
#: the kernel kills the process halfway.
WRITER = textwrap.dedent(
    """
    import resource, signal, sys
    from sphinx_cv.pdf.layout import OutputError, write_file
    # Python ignores SIGXFSZ (then writes fail with EFBIG); "kill" restores the default.
    if sys.argv[2] == "kill":
        signal.signal(signal.SIGXFSZ, signal.SIG_DFL)
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    resource.setrlimit(resource.RLIMIT_FSIZE, (65536, resource.RLIM_INFINITY))
    try:
        write_file(sys.argv[1], b"%PDF-1.7 new" + bytes(1_000_000))
    except OutputError as err:
        print(err)
    """
)


def write_limited(target: Path, how: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-B", "-c", WRITER, str(target), how],
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.skipif(not hasattr(resource, "RLIMIT_FSIZE"), reason="needs RLIMIT_FSIZE")
def test_a_write_that_fails_midway_leaves_the_old_pdf(tmp_path: Path) -> None:
    target = tmp_path / "Jane-Doe-CV.pdf"
    target.write_bytes(OLD_PDF)
    done = write_limited(target, "fail")
    assert done.returncode == 0, done.stderr
    assert done.stdout == (
        f"cannot write Jane-Doe-CV.pdf to the folder {tmp_path}: File too large; make the "
        "folder writable (and check the free space), or build into another folder\n"
    )
    assert target.read_bytes() == OLD_PDF
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(signal, "SIGXFSZ"), reason="needs SIGXFSZ")
def test_a_build_killed_midway_leaves_the_old_pdf(tmp_path: Path) -> None:
    target = tmp_path / "Jane-Doe-CV.pdf"
    target.write_bytes(OLD_PDF)
    done = write_limited(target, "kill")
    assert done.returncode == -signal.SIGXFSZ  # killed while writing
    assert target.read_bytes() == OLD_PDF
    (left,) = leftovers(tmp_path)  # what it was writing: 64 KiB of 1 MB
    assert (tmp_path / left).stat().st_size == 65536
    # The next write removes what the killed process left, and nothing else.
    (tmp_path / ".Jane-Doe-CV.pdf.notes").write_bytes(b"mine")
    write_file(target, b"%PDF-1.7 next")
    assert target.read_bytes() == b"%PDF-1.7 next"
    assert leftovers(tmp_path) == []
    assert (tmp_path / ".Jane-Doe-CV.pdf.notes").read_bytes() == b"mine"


# -- A folder that cannot be written ----------------------------------------------------------


@pytest.mark.skipif(
    hasattr(os, "geteuid") and os.geteuid() == 0,
    reason="root writes to a folder whatever its mode (the next tests simulate it)",
)
def test_a_read_only_folder_is_said_to_be_one(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        with pytest.raises(OutputError, match=r"^cannot write cv\.pdf to the folder .*/ro: "):
            write_file(folder / "cv.pdf", b"%PDF")
    finally:
        folder.chmod(0o755)


def test_the_layout_process_says_the_folder_cannot_be_written(tmp_path: Path) -> None:
    """The worker's own message for a folder it cannot write to (here: a file, not a
    folder, which stops root too): the folder is to blame (kind "output"), not WeasyPrint."""
    page = tmp_path / "cv.html"
    page.write_text("<html><body><p>Jane Doe</p></body></html>")
    (tmp_path / "file").write_text("a file where the folder should be\n")
    target = tmp_path / "file" / "cv.pdf"
    worker = LayoutWorker()
    worker.start([{"html_file": str(page), "page_css": "", "target": str(target)}])
    [result] = worker.results()
    assert result["kind"] == "output"
    assert result["error"] == (
        f"cannot write cv.pdf to the folder {tmp_path / 'file'}: that is a file, not a "
        "folder; make the folder writable (and check the free space), or build into another "
        "folder"
    )


def test_a_build_into_a_read_only_folder_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Root ignores a folder's mode, so the folder refuses new files by a stand-in for
    ``os.open`` (the layout runs in this process, where the stand-in applies)."""
    src = tmp_path / "cv"
    src.mkdir()
    (src / "conf.py").write_text('extensions = ["myst_parser", "sphinx_cv"]\nproject = "Jane"\n')
    (src / "index.md").write_text(PAGE)
    out = tmp_path / "out"
    out.mkdir()
    (out / "Jane-CV.pdf").write_bytes(OLD_PDF)
    real_open = os.open

    def read_only(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if Path(path).parent == out and flags & os.O_CREAT:
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    def no_worker() -> None:
        raise OSError("no layout process in this test")

    monkeypatch.setattr(os, "open", read_only)
    monkeypatch.setattr(pdf, "LayoutWorker", no_worker)
    status, err = sphinx_build(src, "-d", str(tmp_path / "doctrees"), builder="cvpdf", out=out)
    assert (status, err) == (
        1,
        f"ERROR: cannot write Jane-CV.pdf to the folder {out}: Permission denied; make the "
        "folder writable (and check the free space), or build into another folder [cv.pdf]\n",
    )
    assert (out / "Jane-CV.pdf").read_bytes() == OLD_PDF
    assert sorted(p.name for p in out.iterdir()) == ["Jane-CV.pdf"]


def test_a_replacement_discarded_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "cv.pdf"
    with Replacement(target) as replacement:
        assert replacement.partial.parent == tmp_path
        assert leftovers(tmp_path) == [replacement.partial.name]
    assert leftovers(tmp_path) == []
    assert not target.exists()


def test_the_footer_and_metadata_name_the_person(
    copy_root: Callable[..., Path], tmp_path: Path
) -> None:
    """No ``author`` in conf.py: the PDF names cv_person's name, never Sphinx's placeholder."""
    conf = (
        'extensions = ["myst_parser", "sphinx_cv"]\nproject = "cv"\n'
        'cv_person = {"name": "Zofia Łukasiewicz"}\n'
    )
    src = copy_root("minimal", conf__py=conf, index__md="# Curriculum vitae\n\nHello.\n")
    status, err = sphinx_build(src, builder="cvpdf", out=tmp_path / "pdf")
    assert status == 0, err
    (written,) = (tmp_path / "pdf").glob("*.pdf")
    reader = PdfReader(written)
    text = reader.pages[0].extract_text()
    assert "Zofia Łukasiewicz" in text
    assert "Author name not set" not in text
    assert reader.metadata.author == "Zofia Łukasiewicz"
