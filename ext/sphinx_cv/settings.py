"""Every ``cv_*`` setting, declared once, and the one module that reads them.

:data:`SETTINGS` is the one schema: :func:`setup_settings` registers it with
Sphinx and checks every value once, at ``config-inited``: a wrong type, an unknown
choice or a value its check refuses is an error at the setting's line of
``conf.py`` that says what to write. :func:`cv_settings` gives the checked values as
one frozen, typed :class:`CVSettings`, built once per build (per ``Config``) in the
form code needs; no other module reads ``config.cv_*``. The README's settings tables
list the same names and defaults (a test compares them).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from weakref import WeakKeyDictionary

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.locale import _

from .model.person import check_person, name_setting, person_with_name
from .model.variants import FULL, Variant, parse_variants, pdf_file_name, pdf_name_problem
from .publications.bib import check_style
from .shared import conf_location, error, warn

__all__ = ["GROUPS", "PAPER_SIZES", "SETTINGS", "CVSettings", "Setting", "cv_settings"]

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
    #: A right value as conf.py writes it, for messages; "": the default (if not empty).
    example: str = ""
    #: The values it takes, in any case (kept in lower case).
    choices: tuple[str, ...] = ()

    def write(self) -> str:
        """What to write instead of a wrong value, e.g. ``cv_max_authors = 10``."""
        return f"{self.name} = {self.example or repr(self.default)}"


#: How a message names each type a setting takes.
_KINDS = {
    bool: "True or False",
    int: "a whole number",
    str: "text in quotes",
    list: "a list of texts",
    tuple: "a list of texts",
    dict: "a dict",
    type(None): "None",
}


def _type_problem(setting: Setting, value: Any) -> str | None:
    """What is wrong with the value's type (a list must hold texts), or None."""
    fits = isinstance(value, setting.types) and not (
        isinstance(value, bool) and bool not in setting.types  # True is an int to Python
    )
    if isinstance(value, (list, tuple)) and fits:
        wrong = [item for item in value if not isinstance(item, str)]
        if wrong:
            return f"the list holds {wrong[0]!r}, which is not text in quotes"
    if fits:
        return None
    kinds = list(dict.fromkeys(_KINDS[kind] for kind in setting.types))
    wanted = kinds[0] if len(kinds) == 1 else f"{', '.join(kinds[:-1])} or {kinds[-1]}"
    return f"{value!r} is not {wanted}"


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
    if all(name.strip() for name in _names(value)):
        return None
    return "write a name or a list of names, e.g. ['Doe, Jane', 'J. Doe']"


def _check_style(value: Any, confdir: Path) -> str | None:
    try:
        check_style(value)
    except ValueError as err:
        return str(err)
    return None


def _at_least(least: int) -> Check:
    def check(value: Any, confdir: Path) -> str | None:
        return None if value >= least else f"{value!r} is less than {least}; write {least} or more"

    return check


def _check_variants(value: Any, confdir: Path) -> str | None:
    """Each problem of ``cv_variants``, after its key (``['industry']['pages']: …``)."""
    problems = parse_variants(value)[1]
    return "; ".join(f"cv_variants{problem}" for problem in problems) if problems else None


def _variant_names(value: Any) -> frozenset[str] | None:
    """``cv_pdf_variants`` as names; None: every variant."""
    if value is None:
        return None
    words = value.split(",") if isinstance(value, str) else value
    return frozenset(word.strip() for word in words if word.strip())


def _check_pdf_filename(value: Any, confdir: Path) -> str | None:
    return pdf_name_problem(value) if value else None


#: The forms of the PDF's plain twins, by file suffix (:mod:`sphinx_cv.pdf.twins`).
TWIN_FORMS = ("txt", "md", "docx")


def _check_twins(value: Any, confdir: Path) -> str | None:
    wrong = [form for form in _names(value) if form and form not in TWIN_FORMS]
    if not wrong:
        return None
    return (
        f"{wrong[0]!r} is not a form of twin; write a list of 'txt', 'md' and 'docx' "
        "(or [] for none), e.g. cv_twins = ['txt', 'md', 'docx']"
    )


_STR = (str,)
_OPTIONAL_STR = (str, type(None))
_TEXTS = (str, list, tuple)

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
        example="'Now'",
    ),
    # -- Publications
    Setting(
        "cv_bibfiles",
        [],
        "env",
        _TEXTS,
        ".bib files, relative to the folder of `conf.py`",
        _check_bibfiles,
        example="['publications.bib']",
    ),
    Setting(
        "cv_owner",
        [],
        "env",
        _TEXTS,
        'your name as author lists write it; `"Doe, Jane"` also matches `J. Doe`',
        _check_owner,
        example="['Doe, Jane', 'J. Doe']",
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
        _at_least(1),
    ),
    Setting(
        "cv_publication_group",
        "year",
        "env",
        _STR,
        "default grouping of every `publications` directive: `year`, `type` or `none`",
        choices=GROUPS,
    ),
    Setting(
        "cv_cite_style",
        "author-year",
        "env",
        _STR,
        "citations as `author-year`: (Wang et al., 2020), or `numeric`: [1]",
        choices=("author-year", "numeric"),
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
        _at_least(0),
    ),
    Setting(
        "cv_person",
        None,
        "html",
        (dict, type(None)),
        "you: `name` (else `author`), `email`, `url` and `sameAs` (profile links; `https://` "
        "or `http://` addresses), `description`, `location`, `image` (a photo), `image_alt`; "
        "the site's header and title, JSON-LD, link previews and `resume.json`",
        check_person,
        example="{'name': 'Jane Doe', 'email': 'jane@example.org'}",
    ),
    Setting("cv_robots_txt", True, "html", (bool,), "write `robots.txt` (with `html_baseurl` set)"),
    Setting(
        "cv_sitemap",
        True,
        "html",
        (bool,),
        "write `sitemap.xml`, every page of the site (with `html_baseurl` set; sphinx-sitemap, "
        "when loaded, writes its own instead)",
    ),
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
        _check_pdf_filename,
        example="'Jane-Doe-CV.pdf'",
    ),
    Setting(
        "cv_pdf_paper",
        "letter",
        "",
        _STR,
        "paper size: `letter` or `a4`",
        choices=tuple(PAPER_SIZES),
    ),
    Setting(
        "cv_pdf_title",
        None,
        "",
        _OPTIONAL_STR,
        "PDF metadata; `None`: *NAME — Curriculum Vitae*",
        example="'Jane Doe — Résumé'",
    ),
    Setting(
        "cv_pdf_subject",
        None,
        "",
        _OPTIONAL_STR,
        "PDF metadata; `None`: *Curriculum vitae of NAME*",
        example="'Résumé of Jane Doe'",
    ),
    Setting(
        "cv_pdf_keywords",
        [],
        "",
        _TEXTS,
        "PDF metadata: a list of strings, or one comma-separated string",
        example="['physics', 'quantum sensors']",
    ),
    Setting(
        "cv_variants",
        {},
        "",
        (dict,),
        "the CV's variants: a PDF each (besides the whole CV's, `full`), chosen by tags, "
        "sections and publications, with its own page budget, file name and title (see "
        "*Variants*)",
        _check_variants,
        example="{'industry': {'tags': ['industry'], 'pages': 1}}",
    ),
    Setting(
        "cv_pdf_variants",
        None,
        "",
        (str, list, tuple, type(None)),
        "which PDFs a build writes: `None`: the whole CV's and every variant's; else their "
        "names (`full` is the whole CV), e.g. `-D cv_pdf_variants=industry`",
        example="['industry']",
    ),
    Setting(
        "cv_pdf_download",
        None,
        "html",
        _OPTIONAL_STR,
        "the PDF the website offers, relative to `conf.py` and inside the project: a file, or the "
        "PDF builder's output folder (the PDF in it); HTML builds copy it to the site's root",
        example="'_build/pdf'",
    ),
    Setting(
        "cv_pdf_with_site",
        False,
        "",
        (bool,),
        "the website's build (html, dirhtml) also writes the PDF to the site's root, from the "
        "same reading of the pages, and offers it (no separate `-b cvpdf` run)",
    ),
    Setting(
        "cv_twins",
        list(TWIN_FORMS),
        "",
        (list, tuple),
        "the plain twins written next to each PDF, with its name: `txt` (text, 80 columns), "
        "`md` (Markdown), `docx` (Word); `[]` (or `-D cv_twins=`): none",
        _check_twins,
        example="['txt', 'md']",
    ),
)


@dataclass(frozen=True)
class CVSettings:
    """The ``cv_*`` settings of one build, checked, in the form code needs (see
    :data:`SETTINGS` for what each means), and the person the CV is about."""

    # -- Entries
    show_duration: bool
    #: The word for an ongoing end; "": *Present* in the site's language.
    present_label: str
    # -- Publications
    #: ``cv_bibfiles`` as written, relative to the folder of conf.py.
    bibfiles: tuple[str, ...]
    #: The owner's spellings in author lists.
    owner: tuple[str, ...]
    bibstyle: str
    max_authors: int
    publication_group: str
    numeric_citations: bool
    details_inline_max: int
    # -- The website
    #: ``cv_person`` with its name (``author`` stands in); None when no name is known.
    person: Mapping[str, Any] | None
    #: The photo ``cv_person`` names ("": none), as written.
    photo: str
    #: Whose CV it is: the person's name, else the project's.
    owner_name: str
    #: The setting of conf.py that :attr:`owner_name` comes from.
    owner_name_setting: str
    #: The name the site goes by: ``html_title`` when conf.py sets it, else the owner's.
    site_name: str
    robots_txt: bool
    sitemap: bool
    resume_json: bool
    # -- The PDF
    #: ``cv_pdf_filename`` ("": from the project's name).
    pdf_filename: str
    #: The CSS page size.
    pdf_paper: str
    pdf_title: str
    pdf_subject: str
    #: Keywords as PDF metadata: one comma-separated string.
    pdf_keywords: str
    #: ``cv_pdf_download`` as written ("": none).
    pdf_download: str
    pdf_with_site: bool
    #: The whole CV (``full``), then each of ``cv_variants``, as written.
    variants: tuple[Variant, ...]
    #: The names of the PDFs a build writes (``cv_pdf_variants``); None: all.
    pdf_variants: frozenset[str] | None
    #: The forms of the plain twins written next to each PDF (``txt``, ``md``, ``docx``).
    twins: tuple[str, ...]

    @property
    def built_variants(self) -> tuple[Variant, ...]:
        """The variants whose PDF a build writes."""
        only = self.pdf_variants
        return tuple(v for v in self.variants if only is None or v.name in only)

    @classmethod
    def of(cls, config: Config) -> CVSettings:
        """The settings of ``config`` (checked already at ``config-inited``)."""
        person = person_with_name(config.cv_person, config.author)
        owner_name = str(person["name"]) if person else str(config.project)
        keywords = config.cv_pdf_keywords
        title_set = config.html_title != _default_html_title(config)
        return cls(
            show_duration=bool(config.cv_show_duration),
            present_label=str(config.cv_present_label or ""),
            bibfiles=tuple(_names(config.cv_bibfiles)),
            owner=tuple(_names(config.cv_owner)),
            bibstyle=str(config.cv_bibstyle),
            max_authors=int(config.cv_max_authors),
            publication_group=str(config.cv_publication_group).lower(),
            numeric_citations=str(config.cv_cite_style).lower() == "numeric",
            details_inline_max=int(config.cv_details_inline_max),
            person=MappingProxyType(person) if person else None,
            photo=str((config.cv_person or {}).get("image") or ""),
            owner_name=owner_name,
            owner_name_setting=name_setting(config.cv_person, config.author),
            site_name=str(config.html_title) if title_set else owner_name,
            robots_txt=bool(config.cv_robots_txt),
            sitemap=bool(config.cv_sitemap),
            resume_json=bool(config.cv_resume_json),
            pdf_filename=str(config.cv_pdf_filename or ""),
            pdf_paper=PAPER_SIZES[str(config.cv_pdf_paper).lower()],
            pdf_title=str(config.cv_pdf_title or ""),
            pdf_subject=str(config.cv_pdf_subject or ""),
            pdf_keywords=keywords if isinstance(keywords, str) else ", ".join(keywords),
            pdf_download=str(config.cv_pdf_download or ""),
            pdf_with_site=bool(config.cv_pdf_with_site),
            variants=(
                Variant(FULL, title=str(config.cv_pdf_title or "")),
                *parse_variants(config.cv_variants)[0],
            ),
            pdf_variants=_variant_names(config.cv_pdf_variants),
            twins=tuple(dict.fromkeys(form for form in config.cv_twins if form)),
        )


def _default_html_title(config: Config) -> str:
    """Sphinx's ``html_title`` when conf.py sets none (its documented default)."""
    return _("%s %s documentation") % (config.project, config.release)


#: Each build's settings, made once (the first time asked for) and kept while its
#: ``Config`` lives: one entry per live Sphinx application.
_BUILT: WeakKeyDictionary[Config, CVSettings] = WeakKeyDictionary()


def cv_settings(config: Config) -> CVSettings:
    """The ``cv_*`` settings of ``config`` (``app.config``, ``env.config``), made once."""
    built = _BUILT.get(config)
    if built is None:
        built = _BUILT[config] = CVSettings.of(config)
    return built


def _problem(setting: Setting, value: Any, confdir: Path) -> str | None:
    """What is wrong with ``value``, saying what to write; None when it is right."""
    wrong_type = _type_problem(setting, value)
    if wrong_type:
        return f"{wrong_type}; write e.g. {setting.write()}"
    if setting.choices and value.lower() not in setting.choices:
        *most, last = map(repr, setting.choices)
        return f"{value!r} is not a choice; write {', '.join(most)} or {last}"
    return setting.check(value, confdir) if setting.check else None


def setting_location(app: Sphinx, name: str) -> str | None:
    """Where ``name`` is set, for a message about it: ``conf.py:LINE``, else conf.py (set in
    a way its lines do not show), or None when ``-D`` gives it."""
    if name in app.config.overrides or app.confdir is None:
        return None
    return conf_location(app.confdir, name) or str(Path(app.confdir, "conf.py"))


def check_settings(app: Sphinx, config: Config) -> None:
    """Check every ``cv_*`` value once, when Sphinx starts (before its own type check): a
    wrong one is an error at its line of conf.py, not a traceback, and fails the build (exit
    status 1, even without ``-W``) while its default stands in, so that the build goes on to
    report every other problem. A choice is kept in lower case (``"A4"`` is ``"a4"``)."""
    confdir = Path(app.confdir or app.srcdir)
    for setting in SETTINGS:
        value = config[setting.name]
        problem = _problem(setting, value, confdir)
        if problem:
            given = " (given with -D)" if setting.name in config.overrides else ""
            location = setting_location(app, setting.name)
            # A problem that names a key inside the value names it: cv_variants['a']['pages']…
            if problem.startswith(setting.name) and not given:
                error("%s", problem, location=location, subtype="config")
            else:
                error(f"{setting.name}{given}: %s", problem, location=location, subtype="config")
            config[setting.name] = setting.default
            app.statuscode = 1
        elif setting.choices:
            config[setting.name] = value.lower()
    check_variant_names(app, config)
    warn_if_unnamed(config, setting_location(app, "cv_person"))


def check_variant_names(app: Sphinx, config: Config) -> None:
    """``cv_pdf_variants`` names at least one variant, each of them one that exists; no two
    PDFs get one file name (a variant's ``filename`` may be the whole CV's or another's,
    given or derived, in any letter case). A wrong one is an error; the build goes on with
    every variant, or without the variant whose file another has."""
    variants, _problems = parse_variants(config.cv_variants)
    known = [FULL, *(variant.name for variant in variants)]
    given = " (given with -D)" if "cv_pdf_variants" in config.overrides else ""
    chosen = _variant_names(config.cv_pdf_variants)
    wrong = sorted(chosen - set(known)) if chosen is not None else []
    if chosen is not None and (wrong or not chosen):
        what = f"{wrong[0]!r} is not a variant" if wrong else "it names no variant"
        error(
            f"cv_pdf_variants{given}: %s; the variants are %s: write one of them, or a list",
            what,
            ", ".join(known),
            location=setting_location(app, "cv_pdf_variants"),
            subtype="config",
        )
        config.cv_pdf_variants = None
        app.statuscode = 1
    full_name = pdf_file_name(config.cv_pdf_filename, str(config.project))
    owners = {full_name.lower(): FULL}
    for variant in variants:
        name = variant.file_name(full_name)
        owner = owners.setdefault(name.lower(), variant.name)
        if owner != variant.name:
            error(
                "cv_variants[%r]: its PDF, %s, is %s's file too; give it its own 'filename' "
                "(it is left out)",
                variant.name,
                name,
                "the whole CV" if owner == FULL else repr(owner),
                location=setting_location(app, "cv_variants"),
                subtype="config",
            )
            app.statuscode = 1


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


def warn_if_unnamed(config: Any, location: str | None) -> None:
    """A ``cv_person`` with no name, and no ``author`` to stand in, would be left out of the
    site without a word: say so."""
    if config.cv_person and person_with_name(config.cv_person, config.author) is None:
        warn(
            "cv_person has no 'name' (and conf.py sets no author), so the site's header, "
            "JSON-LD and resume.json leave the person out; write e.g. "
            "cv_person = {'name': 'Jane Doe', …}",
            location=location,
            subtype="config",
        )
