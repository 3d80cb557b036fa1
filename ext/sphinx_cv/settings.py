"""Every ``cv_*`` setting, declared once: name, default, type, help, check.

:data:`SETTINGS` is the one schema: :func:`setup_settings` registers it with
Sphinx and checks every value once, at ``config-inited``, without changing
anything; the accessors below give values in the form code needs. The README's
settings tables list the same names and defaults (a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .bib import check_style

__all__ = ["GROUPS", "PAPER_SIZES", "SETTINGS", "Setting", "bibfile_names", "owner_names"]

#: ``cv_publication_group`` and ``:group:`` values.
GROUPS = ("year", "type", "none")
#: ``cv_pdf_paper`` values → CSS page sizes.
PAPER_SIZES = {"letter": "letter", "a4": "A4"}

#: A check: the value and conf.py's folder → what is wrong, or None.
Check = Callable[[Any, Path], str | None]


@dataclass(frozen=True)
class Setting:
    """One ``cv_*`` setting of ``conf.py``."""

    name: str
    default: Any
    #: What Sphinx rebuilds when it changes ("env": every page is read again).
    rebuild: Literal["env", "html", ""]
    types: tuple[type, ...]
    help: str
    check: Check | None = None


def _names(value: str | list[str] | tuple[str, ...]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)


def _check_bibfiles(value: Any, confdir: Path) -> str | None:
    for name in _names(value):
        if not (confdir / name).is_file():
            return (
                f"{name!r} does not exist (paths are relative to the folder of conf.py: "
                f"{confdir}); write e.g. cv_bibfiles = ['../bib/publications.bib']"
            )
    return None


def _check_owner(value: Any, confdir: Path) -> str | None:
    if all(isinstance(name, str) and name.strip() for name in _names(value)):
        return None
    return "write a name or a list of names, e.g. ['Doe, Jane', 'J. Doe']"


def _check_style(value: Any, confdir: Path) -> str | None:
    try:
        check_style(value)
    except ValueError as err:
        return str(err)
    return None


def _one_of(what: str, *choices: str) -> Check:
    def check(value: Any, confdir: Path) -> str | None:
        if str(value).lower() in choices:
            return None
        *most, last = map(repr, choices)
        return f"{value!r} is not {what}; write {', '.join(most)} or {last}"

    return check


def _at_least_one(value: Any, confdir: Path) -> str | None:
    return None if value >= 1 else f"{value!r} must be 1 or more"


def _check_person(value: Any, confdir: Path) -> str | None:
    if value is None:
        return None
    if not isinstance(value.get("name", ""), str) or not isinstance(value.get("sameAs", []), list):
        return "write a dict such as {'name': 'Jane Doe', 'sameAs': ['https://…']}"
    return None


_STR = (str,)
_OPTIONAL_STR = (str, type(None))

SETTINGS = (
    # -- Entries
    Setting(
        "cv_show_duration",
        False,
        "env",
        (bool,),
        "show the length of every entry after its dates: `(1 year, 5 months)`",
    ),
    Setting(
        "cv_present_label",
        None,
        "env",
        _OPTIONAL_STR,
        "the word for an ongoing end; `None`: *Present* in the site's language",
    ),
    # -- Publications
    Setting(
        "cv_bibfiles",
        [],
        "env",
        (str, list, tuple),
        ".bib files, relative to the folder of `conf.py`",
        _check_bibfiles,
    ),
    Setting(
        "cv_owner",
        [],
        "env",
        (str, list, tuple),
        'your name as author lists write it; `"Doe, Jane"` also matches `J. Doe`',
        _check_owner,
    ),
    Setting(
        "cv_bibstyle",
        "cv",
        "env",
        _STR,
        "pybtex formatting style; `cv` (this package's) is the one that highlights you and "
        "speaks the site's language",
        _check_style,
    ),
    Setting(
        "cv_max_authors",
        10,
        "env",
        (int,),
        "longer author lists show that many names, then `…`, you if hidden, *et al.*",
        _at_least_one,
    ),
    Setting(
        "cv_publication_group",
        "year",
        "env",
        _STR,
        "default grouping of every `publications` directive: `year`, `type` or `none`",
        _one_of("a grouping", *GROUPS),
    ),
    Setting(
        "cv_cite_style",
        "author-year",
        "env",
        _STR,
        "citations as `author-year`: (Wang et al., 2020), or `numeric`: [1]",
        _one_of("a citation style", "author-year", "numeric"),
    ),
    # -- The website
    Setting(
        "cv_person",
        None,
        "html",
        (dict, type(None)),
        "you, for the home page's JSON-LD: `name`, `email`, `sameAs`, `description`, `image`",
        _check_person,
    ),
    Setting("cv_robots_txt", True, "html", (bool,), "write `robots.txt` (with `html_baseurl` set)"),
    # -- The PDF
    Setting(
        "cv_pdf_filename",
        None,
        "",
        _OPTIONAL_STR,
        "the PDF's file name; `None`: the project's name in ASCII, e.g. "
        "`Elena-Marchetti-Nunez-CV.pdf`",
    ),
    Setting(
        "cv_pdf_paper",
        "letter",
        "",
        _STR,
        "paper size: `letter` or `a4`",
        _one_of("a paper size", *PAPER_SIZES),
    ),
    Setting(
        "cv_pdf_title", None, "", _OPTIONAL_STR, "PDF metadata; `None`: *NAME — Curriculum Vitae*"
    ),
    Setting(
        "cv_pdf_subject",
        None,
        "",
        _OPTIONAL_STR,
        "PDF metadata; `None`: *Curriculum vitae of NAME*",
    ),
    Setting(
        "cv_pdf_keywords",
        [],
        "",
        (list, tuple, str),
        "PDF metadata: a list of strings, or one comma-separated string",
    ),
    Setting(
        "cv_pdf_download",
        None,
        "html",
        _OPTIONAL_STR,
        "the PDF the website offers, relative to `conf.py`: a file, or the PDF builder's output "
        "folder (the PDF in it); HTML builds copy it to the site's root",
    ),
)


def owner_names(config: Config) -> list[str]:
    """``cv_owner`` as a list of spellings (a single string is one spelling)."""
    return _names(config.cv_owner)


def bibfile_names(config: Config) -> list[str]:
    """``cv_bibfiles`` as a list, relative to conf.py's folder as written."""
    return _names(config.cv_bibfiles)


def pdf_keywords(config: Config) -> str:
    """``cv_pdf_keywords`` as PDF metadata: one comma-separated string."""
    keywords = config.cv_pdf_keywords
    return keywords if isinstance(keywords, str) else ", ".join(keywords)


def check_settings(app: Sphinx, config: Config) -> None:
    """Check every ``cv_*`` value once, with a message that says what to write."""
    for setting in SETTINGS:
        if setting.check is None:
            continue
        value = config[setting.name]
        if not isinstance(value, setting.types):
            continue  # Sphinx itself says which type it wants
        problem = setting.check(value, Path(app.confdir))
        if problem:
            raise ConfigError(f"{setting.name}: {problem}")


def setup_settings(app: Sphinx) -> None:
    for setting in SETTINGS:
        app.add_config_value(
            setting.name,
            setting.default,
            setting.rebuild,
            types=setting.types,
            description=setting.help,
        )
    app.connect("config-inited", check_settings)
