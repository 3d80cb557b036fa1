"""``sphinx-cv new``: a starter CV project that builds as a website and a PDF at once.

The files are in ``starter/`` beside this module, as text with ``{placeholders}``;
:func:`write_starter` fills them in for a name and writes them to a new folder.
Pure Python: no Sphinx import.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path

from anyascii import anyascii

__all__ = ["FILES", "StarterError", "common_files", "write_starter"]

STARTER_DIR = Path(__file__).parent / "starter"
#: Template → the file it becomes in the new project.
FILES = {
    "conf.py.txt": "conf.py",
    "index.md.txt": "index.md",
    "experience.md.txt": "experience.md",
    "education.md.txt": "education.md",
    "publications.md.txt": "publications.md",
    "skills.md.txt": "skills.md",
    "publications.bib.txt": "publications.bib",
    "noxfile.py.txt": "noxfile.py",
    "readthedocs.yaml.txt": ".readthedocs.yaml",
    "requirements.txt.txt": "requirements.txt",
    "README.md.txt": "README.md",
}


#: The files every project has, whatever its pages: tasks, hosting, requirements, README.
COMMON = ("noxfile.py.txt", "readthedocs.yaml.txt", "requirements.txt.txt", "README.md.txt")


def common_files(name: str) -> dict[str, str]:
    """The files of :data:`COMMON` for ``name``'s project: file name → text."""
    return {
        FILES[template]: (STARTER_DIR / template).read_text(encoding="utf-8").format(name=name)
        for template in COMMON
    }


class StarterError(ValueError):
    """Why a starter project cannot be written (nothing was written)."""


def _owner(name: str) -> str:
    """``Jane Q. Doe`` → ``Doe, Jane Q.``: how BibTeX lists the name."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def write_starter(name: str, folder: Path, today: _dt.date | None = None) -> list[Path]:
    """Write a starter CV for ``name`` into ``folder`` (new or empty); return the files.

    Raises :class:`StarterError` for an empty name or a folder that holds files.
    """
    name = " ".join(name.split())
    if not name or any(char in name for char in "{}\\\"'"):
        raise StarterError(
            f"{name!r} is not a name to write in a CV; write it as people read it: "
            'sphinx-cv new "Jane Doe"'
        )
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise StarterError(
            f"{folder} already exists and is not empty; nothing was written. Choose a new "
            f'folder: sphinx-cv new "{name}" my-cv'
        )
    year = (today or _dt.date.today()).year
    slug = re.sub(r"[^a-z0-9]+", ".", anyascii(name).lower()).strip(".") or "me"
    values = {
        "name": name,
        "email": f"{slug}@example.org",
        "owner": _owner(name),
        "key": f"{slug.split('.')[-1]}{year - 1}paper",
        "year_started": year - 2,
        "year_studied": year - 4,
    }
    texts = {
        target: (STARTER_DIR / template).read_text(encoding="utf-8").format(**values)
        for template, target in FILES.items()
    }
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for target, text in texts.items():
        path = folder / target
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
