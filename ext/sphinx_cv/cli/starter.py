"""``sphinx-cv new``: a starter CV project that builds as a website and its PDFs at once.

The files are in ``starter/`` beside this module, as text with ``{placeholders}``;
:func:`write_starter` fills them in for a name and writes them to a new folder. The
starter shows what a new user reaches for next: a variant (a one-page résumé that leaves
out what is tagged ``details``), and a private field (the phone, from ``private.toml``,
which its ``.gitignore`` keeps out of git) in the PDFs ``nox -s build`` writes to send.
The project installs sphinx-cv from where the running copy came (:func:`installed_source`):
a folder, a repository, a package file or a release, one line of its ``requirements.txt``
that its noxfile and ``.readthedocs.yaml`` both read. Pure Python: no Sphinx import.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from anyascii import anyascii
from packaging.requirements import InvalidRequirement, Requirement

from .. import __version__
from ..model.variants import pdf_file_name
from .text import myst

__all__ = [
    "EXCLUDE_PATTERNS",
    "FILES",
    "Source",
    "StarterError",
    "common_files",
    "installed_source",
    "notice",
    "requirement_for",
    "write_starter",
]

STARTER_DIR = Path(__file__).parent.parent / "starter"
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
    "gitignore.txt": ".gitignore",
    "private.toml.txt": "private.toml",
}


#: The files every project has, whatever its pages: tasks, hosting, requirements, README,
#: what git leaves out (the build, and ``private.toml`` if there is one).
COMMON = (
    "noxfile.py.txt",
    "readthedocs.yaml.txt",
    "requirements.txt.txt",
    "README.md.txt",
    "gitignore.txt",
)

#: What a project's ``conf.py`` leaves out: its build, and the environments nox (``.nox``) or
#: the writer (``.venv``) may keep beside it, whose packages hold ``.md`` and ``.rst`` files.
EXCLUDE_PATTERNS = ["_build", ".nox", ".venv", "README.md"]

#: The PEP 508 name and extra a project installs: the extension with its PDF builder.
PACKAGE = "sphinx-cv[pdf]"


class StarterError(ValueError):
    """Why a starter project cannot be written (nothing was written)."""


@dataclass(frozen=True)
class Source:
    """Where a new project installs sphinx-cv from: its line of ``requirements.txt``."""

    #: The requirement, as pip reads it: ``sphinx-cv[pdf] @ URL`` or ``sphinx-cv[pdf]==X``.
    requirement: str
    #: ``folder``, ``file`` (a wheel or sdist), ``vcs`` (a repository at a commit) or
    #: ``release`` (a version on the package index).
    kind: str
    #: The folder or file is on this computer: the project builds here only.
    local: bool


#: What each kind of source means for the project, in its README.
WHERE = {
    "folder": "a folder",
    "file": "a package file",
    "vcs": "a repository at one commit",
    "release": "a released version from the package index",
}


def _file_uri(url: str, what: str) -> str:
    """A ``file:`` URL from a PEP 610 record, rebuilt from its path by :mod:`pathlib`."""
    parts = urlsplit(url)
    path = Path(url2pathname(parts.path))
    if parts.netloc not in ("", "localhost") or not path.is_absolute():
        raise StarterError(f"{what}: {url!r} is not the file URL of an absolute path")
    return path.as_uri()


def requirement_for(version: str, direct_url: Mapping[str, Any] | None) -> Source:
    """The requirement that installs this sphinx-cv again, from how it was installed.

    ``direct_url`` is the distribution's PEP 610 ``direct_url.json`` (None when pip
    installed a release from an index, which left none): a local folder (``dir_info``,
    editable or not), a repository (``vcs_info``, pinned to the commit installed) or a
    wheel or sdist (``archive_info``) gives ``sphinx-cv[pdf] @ URL``; none gives the
    release, ``sphinx-cv[pdf]==version``. Pure: tested with fake records.
    """
    if direct_url is None:
        return Source(f"{PACKAGE}=={version}", "release", local=False)
    what = "sphinx-cv's installation record (direct_url.json)"
    url = direct_url.get("url")
    if not isinstance(url, str) or not url:
        raise StarterError(f"{what} names no URL; reinstall sphinx-cv with pip")
    local = url.startswith("file:")
    address = _file_uri(url, what) if local else url
    vcs = direct_url.get("vcs_info")
    if isinstance(vcs, Mapping):
        kind, commit = vcs.get("vcs"), vcs.get("commit_id")
        if not isinstance(kind, str) or not isinstance(commit, str) or not kind or not commit:
            raise StarterError(f"{what}: {url!r} names no version control system and commit")
        link, source = f"{kind}+{address}@{commit}", "vcs"
    elif "dir_info" in direct_url and local:
        link, source = address, "folder"
    elif "archive_info" in direct_url:
        link, source = address, "file"
    else:
        raise StarterError(
            f"{what}: {url!r} is neither a local folder, a repository nor a package file"
        )
    subdirectory = direct_url.get("subdirectory")
    if isinstance(subdirectory, str) and subdirectory:
        link += f"#subdirectory={subdirectory}"
    requirement = f"{PACKAGE} @ {link}"
    # One line of requirements.txt, nothing else: no space, no control character, no
    # continuation, and a requirement pip reads.
    try:
        if not re.fullmatch(r"[!-~]+", link) or link.endswith("\\"):
            raise InvalidRequirement(link)
        Requirement(requirement)
    except InvalidRequirement:
        raise StarterError(
            f"{what}: {link!r} is not an address pip can install from; reinstall sphinx-cv "
            "from a folder, a git URL or a release"
        ) from None
    return Source(requirement, source, local)


def installed_source() -> Source:
    """Where the running sphinx-cv came from (:func:`requirement_for` on its metadata)."""
    try:
        dist = metadata.distribution("sphinx-cv")
    except metadata.PackageNotFoundError:  # imported from a source tree, never installed
        return requirement_for(__version__, None)
    record = dist.read_text("direct_url.json")
    try:
        direct_url = json.loads(record) if record else None
    except json.JSONDecodeError as err:
        raise StarterError(
            f"sphinx-cv's installation record (direct_url.json) is not JSON ({err}); "
            "reinstall sphinx-cv with pip"
        ) from None
    if direct_url is not None and not isinstance(direct_url, dict):
        raise StarterError("sphinx-cv's installation record (direct_url.json) is no object")
    return requirement_for(dist.version, direct_url)


def notice(source: Source) -> str | None:
    """The line ``sphinx-cv new`` prints when the project builds on this computer only."""
    if not source.local:
        return None
    return (
        f"Note: requirements.txt installs sphinx-cv from {WHERE[source.kind]} on this "
        "computer, so the project builds here only (Read the Docs cannot see it); README.md "
        "says how to point it at a git URL or a release instead."
    )


def _markdown(text: str) -> str:
    """``text`` as Markdown that shows it as written (the importers' escaping)."""
    return myst(text, "line")


def _fenced(text: str) -> str:
    """``text`` as a Markdown code block: shown as written, whatever backticks it holds."""
    fence = "`" * max([3, *(len(run) + 1 for run in re.findall(r"`+", text))])
    return f"{fence}text\n{text}\n{fence}"


def source_values(source: Source) -> dict[str, str]:
    """The placeholders of the files that say where sphinx-cv comes from."""
    where = f"This is {WHERE[source.kind]}"
    if source.local:
        where += (
            " on the computer that wrote this project: the project builds there only, and "
            "Read the Docs cannot see it"
        )
    forms = {
        f"{PACKAGE} @ git+https://github.com/OWNER/sphinx-cv@v{__version__}": (
            "a git repository at a tag or commit"
        ),
        f"{PACKAGE}=={__version__}": "a release from the package index",
        f"{PACKAGE} @ file:///path/to/sphinx-cv": "a folder on one computer only",
    }
    width = max(map(len, forms))
    examples = "\n".join(f"{line.ljust(width)}  # {what}" for line, what in forms.items())
    return {
        "requirement": source.requirement,
        "requirement_block": _fenced(source.requirement),
        "where": textwrap.fill(where + ".", 96),
        "examples": _fenced(examples),
    }


def common_files(name: str, source: Source | None = None) -> dict[str, str]:
    """The files of :data:`COMMON` for ``name``'s project: file name → text.

    ``source`` says where the project installs sphinx-cv from; by default, from where the
    running copy came (:func:`installed_source`).
    """
    values = {
        "name_md": _markdown(name),
        # The whole CV's PDF (Read the Docs publishes it): conf.py's project is the name.
        "pdf_name": pdf_file_name(None, name),
        **source_values(source or installed_source()),
    }
    return {
        FILES[template]: (STARTER_DIR / template).read_text(encoding="utf-8").format(**values)
        for template in COMMON
    }


#: Control and format characters (a name has none; they could hide what a folder is called).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")


def default_folder(name: str) -> Path:
    """The folder ``sphinx-cv new`` writes to when none is given: a slug of the name in
    the current folder (``Jane/../../Doe`` → ``jane-doe-cv``)."""
    slug = re.sub(r"[^a-z0-9]+", "-", anyascii(name).lower()).strip("-")
    return Path(f"{slug or 'my'}-cv")


def _owner(name: str) -> str:
    """``Jane Q. Doe`` → ``Doe, Jane Q.``: how BibTeX lists the name."""
    parts = name.split()
    return f"{parts[-1]}, {' '.join(parts[:-1])}" if len(parts) > 1 else name


def write_starter(
    name: str, folder: Path, today: _dt.date | None = None, source: Source | None = None
) -> list[Path]:
    """Write a starter CV for ``name`` into ``folder`` (new or empty); return the files.

    ``source`` says where the project installs sphinx-cv from (by default, where the
    running copy came from). Raises :class:`StarterError` for an empty name, a folder that
    holds files, or an installation whose source cannot be told.
    """
    name = " ".join(name.split())
    if not name or any(char in name for char in "{}\\\"'") or _CONTROL.search(name):
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
        "name_md": _markdown(name),
        "pdf_stem": pdf_file_name(None, name).removesuffix(".pdf"),
        "pdf_name": pdf_file_name(None, name),
        "exclude_patterns": EXCLUDE_PATTERNS,
        "email": f"{slug}@example.org",
        "owner": _owner(name),
        "key": f"{slug.split('.')[-1]}{year - 1}paper",
        "year_started": year - 2,
        "year_studied": year - 4,
    }
    texts = {
        target: (STARTER_DIR / template).read_text(encoding="utf-8").format(**values)
        for template, target in FILES.items()
        if template not in COMMON
    }
    texts.update(common_files(name, source))
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for target, text in texts.items():
        path = folder / target
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
