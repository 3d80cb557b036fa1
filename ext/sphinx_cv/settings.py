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


#: The keys of ``cv_person``, with an example of each.
PERSON_KEYS = {
    "name": "'Jane Doe'",
    "email": "'jane@example.org'",
    "url": "'https://jane.example.org/'",
    "sameAs": "['https://github.com/janedoe', 'https://orcid.org/0000-0002-1825-0097']",
    "description": "'Physicist working on …'",
    "location": "'Ann Arbor, MI' (city, then region or country)",
    "image": "'_static/photo.jpg' (relative to conf.py)",
    "image_alt": "'Jane Doe at her desk'",
}


def _web_address(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(("https://", "http://")) and " " not in value


def _check_person(value: Any, confdir: Path) -> str | None:
    if value is None:
        return None
    unknown = sorted(set(value) - set(PERSON_KEYS))
    if unknown:
        return f"unknown key {unknown[0]!r}; the keys are {', '.join(PERSON_KEYS)}"
    for key, example in PERSON_KEYS.items():
        if key != "sameAs" and key in value and not isinstance(value[key], str):
            return f"{key!r} is text: write e.g. {key!r}: {example}"
    email = value.get("email", "")
    if email and (email.count("@") != 1 or " " in email or email.startswith("mailto:")):
        return f"'email' is {email!r}: write the address alone, e.g. 'jane@example.org'"
    if value.get("url") and not _web_address(value["url"]):
        return f"'url' is {value['url']!r}: write an http(s) address, e.g. {PERSON_KEYS['url']}"
    profiles = value.get("sameAs", [])
    if not isinstance(profiles, list) or not all(map(_web_address, profiles)):
        return f"'sameAs' is a list of http(s) addresses, e.g. {PERSON_KEYS['sameAs']}"
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
        "cv_details_inline_max",
        25,
        "env",
        (int,),
        "a listing of more publications than this links its abstracts and BibTeX as files of "
        "the site, shown when asked for, and its JSON-LD names only the first this many (the "
        "page stays small); `0`: always",
    ),
    Setting(
        "cv_person",
        None,
        "html",
        (dict, type(None)),
        "you: `name`, `email`, `url`, `sameAs` (profile links), `description`, `location`, "
        "`image` (a photo), `image_alt`; the site's header and title, JSON-LD, link previews "
        "and `resume.json`",
        _check_person,
    ),
    Setting("cv_robots_txt", True, "html", (bool,), "write `robots.txt` (with `html_baseurl` set)"),
    Setting(
        "cv_resume_json",
        True,
        "html",
        (bool,),
        "write the CV as a JSON Resume, `resume.json`, at the site's root",
    ),
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
    Setting(
        "cv_pdf_with_site",
        False,
        "",
        (bool,),
        "the website's build (html, dirhtml) also writes the PDF to the site's root, from the "
        "same reading of the pages, and offers it (no separate `-b cvpdf` run)",
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
