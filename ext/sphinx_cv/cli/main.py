"""The ``sphinx-cv`` command: ``sphinx-cv new "Jane Doe" [FOLDER]``,
``sphinx-cv import FILE [FOLDER]``, ``sphinx-cv build SPHINX-BUILD-ARGUMENTS…`` and
``sphinx-cv check-pdf FILE…``. Each command imports what it needs when it runs: ``build``
starts WeasyPrint's process before anything else is imported."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from .. import __version__

__all__ = ["main"]


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="sphinx-cv",
        description="Write your CV once, in MyST Markdown; publish it as a website and a PDF.",
    )
    top.add_argument("--version", action="version", version=f"sphinx-cv {__version__}")
    commands = top.add_subparsers(dest="command", metavar="COMMAND", required=True)
    new = commands.add_parser(
        "new",
        help="start a CV project that builds at once",
        description=(
            "Write a starter CV project: conf.py, a home page, experience, education, "
            "publications (with a sample .bib) and skills pages, a noxfile (build, serve), "
            ".readthedocs.yaml and a README. It builds as a website and a PDF as it is "
            "(nox -s build). Its requirements.txt installs sphinx-cv from where this copy "
            "came from: a folder (this computer only), a git URL at its commit, a package "
            "file or a release. An existing folder that holds files is never overwritten."
        ),
    )
    new.add_argument("name", help='your name, as people read it: "Jane Doe"')
    new.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="where to write the project (new or empty); default: your name, e.g. jane-doe-cv",
    )
    imported = commands.add_parser(
        "import",
        help="turn a JSON Resume or RenderCV file into a CV project",
        description=(
            "Write a CV project from a JSON Resume file (.json, or the same in YAML) or a "
            "RenderCV file (.yaml): conf.py with you in cv_person, a home page, a page per "
            "section with an entry per item, publications as a .bib, a noxfile, "
            ".readthedocs.yaml and a README. It builds as a website and a PDF as it is. "
            "A field with no place in sphinx-cv stays on its page as text and is listed. "
            "The phone number and street address go to private.toml, which .gitignore keeps "
            "out of git, for the PDFs sphinx-build -b cvpdf writes only. "
            "An invalid file is an error that names the place in it; nothing is written."
        ),
    )
    imported.add_argument("file", type=Path, help="resume.json, or a RenderCV CV .yaml")
    imported.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="where to write the project (new or empty); default: the file's name + -cv",
    )
    commands.add_parser(
        "build",
        help="sphinx-build, with the PDF's layout started first (faster)",
        add_help=False,
        description=(
            "Run sphinx-build with the arguments given, unchanged (sphinx-cv build -b html "
            "docs build/html), after starting the process that lays out the PDF: it loads "
            "WeasyPrint while Sphinx starts, so a build that writes a PDF ends sooner. "
            "sphinx-cv build --help shows sphinx-build's options."
        ),
    ).add_argument("arguments", nargs=argparse.REMAINDER, help="sphinx-build's arguments")
    check = commands.add_parser(
        "check-pdf",
        help="check what machines and screen readers get from a PDF résumé",
        description=(
            "Check PDF files, whoever wrote them, as applicant tracking systems and screen "
            "readers read them: tags and PDF/UA, headings, lists and links, the language, "
            "the metadata, bookmarks, fonts embedded and mapped to characters, and the text "
            "as it extracts (reading order, ligatures, hyphenation, addresses whole). Each "
            "check is a line, ✓ or ✗ with what to do. Exit status: 0 when every check "
            "passes, 1 when one fails, 2 when a file is not a readable PDF. Needs "
            "sphinx-cv[pdf]."
        ),
    )
    check.add_argument("files", nargs="+", type=Path, metavar="FILE", help="a PDF file")
    check.add_argument("--json", action="store_true", help="print the findings as JSON")
    return top


def check_pdfs(files: list[Path], as_json: bool) -> int:
    try:
        from .checkpdf import run
    except ImportError as err:
        print(
            f"sphinx-cv check-pdf needs {err.name or 'pikepdf and pypdf'}: "
            "python3 -m pip install 'sphinx-cv[pdf]'",
            file=sys.stderr,
        )
        return 2
    return run(files, as_json)


def import_project(file: Path, folder: Path | None) -> int:
    from .data import CVImportError
    from .importing import load, project_files
    from .starter import StarterError

    folder = folder or file.with_name(file.stem.replace(".", "-") + "-cv")
    try:
        if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
            raise CVImportError(f"{folder} already exists and is not empty; nothing was written")
        cv = load(file)
        files = project_files(cv)
    except (CVImportError, StarterError) as err:
        print(f"sphinx-cv import: {err}", file=sys.stderr)
        return 2
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    entries = sum(not isinstance(piece, str) for page in cv.pages.values() for piece in page)
    print(
        f"Imported {file} into {folder}/: {len(files)} files, {entries} entries, "
        f"{len(cv.bibtex)} publications."
    )
    for note in cv.notes:
        print(f"  note: {note}")
    print(f"Next: cd {folder} && python3 -m pip install nox && nox -s build")
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments[:1] == ["build"]:  # first: its point is to start before any import
        from .build import build

        return build(arguments[1:], exiting=argv is None)
    args = parser().parse_args(arguments)
    if args.command == "import":
        return import_project(args.file, args.folder)
    if args.command == "check-pdf":
        return check_pdfs(args.files, args.json)
    from .starter import StarterError, default_folder, installed_source, notice, write_starter

    folder = args.folder or default_folder(args.name)
    try:
        source = installed_source()
        written = write_starter(args.name, folder, source=source)
    except StarterError as err:
        print(f"sphinx-cv new: {err}", file=sys.stderr)
        return 2
    print(f"Wrote a CV for {args.name} in {folder}/ ({len(written)} files). Next:")
    print(f"  cd {folder} && python3 -m pip install nox && nox -s build")
    if line := notice(source):
        print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
