"""Configuration values of sphinx-cv, declared and validated once."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ConfigError

from .bibliography import check_style

#: name → (default, what to rebuild when it changes, accepted types)
CONFIG_VALUES: dict[str, tuple[Any, Literal["env"], tuple[type, ...]]] = {
    "cv_show_duration": (False, "env", (bool,)),
    "cv_present_label": (None, "env", (str, type(None))),
    "cv_bibfiles": ([], "env", (str, list, tuple)),
    "cv_owner": ([], "env", (str, list, tuple)),
    "cv_bibstyle": ("cv", "env", (str,)),
    "cv_max_authors": (10, "env", (int,)),
    "cv_publication_group": ("year", "env", (str,)),
}

GROUPS = ("year", "type", "none")


def add_config_values(app: Sphinx) -> None:
    for name, (default, rebuild, types) in CONFIG_VALUES.items():
        app.add_config_value(name, default, rebuild, types=types)
    # cv_bibfiles made absolute once, for code that has no app (roles, workers).
    app.add_config_value("_cv_bibpaths", [], "", types=[list])
    app.connect("config-inited", validate_config)


def owner_names(config: Config) -> list[str]:
    """``cv_owner`` as a list of spellings (a single string is one spelling)."""
    owner = config.cv_owner
    return [owner] if isinstance(owner, str) else list(owner)


def bibfile_paths(config: Config) -> list[Path]:
    """``cv_bibfiles`` as absolute paths (they are relative to conf.py's folder)."""
    return [Path(p) for p in config._cv_bibpaths]


def validate_config(app: Sphinx, config: Config) -> None:
    """Check the cv_* settings once, with messages that say what to write."""
    if isinstance(config.cv_bibfiles, str):
        config.cv_bibfiles = [config.cv_bibfiles]
    config._cv_bibpaths = [str((Path(app.confdir) / n).resolve()) for n in config.cv_bibfiles]
    for path, name in zip(bibfile_paths(config), config.cv_bibfiles, strict=True):
        if not path.is_file():
            raise ConfigError(
                f"cv_bibfiles: {name!r} does not exist (paths are relative to the folder of "
                f"conf.py: {app.confdir}); write e.g. cv_bibfiles = ['../bib/publications.bib']"
            )
    if config.cv_publication_group not in GROUPS:
        raise ConfigError(
            f"cv_publication_group: {config.cv_publication_group!r} is not one of {GROUPS}"
        )
    if config.cv_max_authors < 1:
        raise ConfigError(f"cv_max_authors: {config.cv_max_authors!r} must be 1 or more")
    try:
        check_style(config.cv_bibstyle)
    except ValueError as err:
        raise ConfigError(f"cv_bibstyle: {err}") from None
    if not all(isinstance(name, str) and name.strip() for name in owner_names(config)):
        raise ConfigError("cv_owner: write a name or a list of names, e.g. ['Wang, Xingyao']")
