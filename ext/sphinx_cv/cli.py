"""The ``sphinx-cv`` command: ``sphinx-cv new "Jane Doe" [FOLDER]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .starter import StarterError, write_starter

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
            "(nox -s build). An existing folder that holds files is never overwritten."
        ),
    )
    new.add_argument("name", help='your name, as people read it: "Jane Doe"')
    new.add_argument(
        "folder",
        nargs="?",
        type=Path,
        help="where to write the project (new or empty); default: your name, e.g. jane-doe-cv",
    )
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    folder = args.folder or Path("-".join(args.name.lower().split()) + "-cv")
    try:
        written = write_starter(args.name, folder)
    except StarterError as err:
        print(f"sphinx-cv new: {err}", file=sys.stderr)
        return 2
    print(f"Wrote a CV for {args.name} in {folder}/ ({len(written)} files). Next:")
    print(f"  cd {folder} && python3 -m pip install nox && nox -s build")
    return 0


if __name__ == "__main__":
    sys.exit(main())
