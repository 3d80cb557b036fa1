"""The package's shape: one home per concern, documented where a reader looks."""

from __future__ import annotations

import re
from pathlib import Path

from sphinx_cv.settings import SETTINGS

REPO = Path(__file__).parent.parent
PACKAGE = REPO / "ext" / "sphinx_cv"
README = (REPO / "README.md").read_text(encoding="utf-8")
MODULES = sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))


def readme_table_rows(heading: str) -> list[list[str]]:
    section = README.split(f"\n{heading}\n", 1)[1].split("\n#", 1)[0]
    return [
        [cell.strip() for cell in line.strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| `")
    ]


def test_readme_documents_every_setting_as_the_schema_declares_it() -> None:
    def shown(value: object) -> str:
        return f'`"{value}"`' if isinstance(value, str) else f"`{value!r}`"

    rows = {row[0].strip("`"): row[1:] for row in readme_table_rows("### Settings")}
    assert list(rows) == [s.name for s in SETTINGS]
    for setting in SETTINGS:
        assert rows[setting.name] == [shown(setting.default), setting.help], setting.name


def test_every_setting_is_registered_once() -> None:
    names = [s.name for s in SETTINGS]
    assert len(names) == len(set(names))
    assert all(name.startswith("cv_") for name in names)
    declared = set()
    for module in MODULES:
        declared |= set(
            re.findall(r"add_config_value\(\s*\"(cv_\w+)\"", (PACKAGE / module).read_text())
        )
    assert declared == set(), "settings are declared in settings.SETTINGS only"


def test_project_layout_names_every_module() -> None:
    documented = {row[0].strip("`") for row in readme_table_rows("## Project layout")}
    for module in MODULES:
        if not module.endswith("/__init__.py"):  # a wing's own docstring says what it holds
            assert module in documented, module


def test_readme_documents_every_directive_as_the_model_declares_it() -> None:
    from sphinx_cv.model.sections import ENTRY_KINDS

    headings = {"experience": "### Experience", "education": "### Education"}
    for kind, model in ENTRY_KINDS.items():
        rows = readme_table_rows(headings.get(kind, f"#### `{kind}`"))
        assert rows == [
            [f"`{name}`", "yes" if field.required else "no", field.help]
            for name, field in model.fields().items()
        ], kind
        assert f"```{{{kind}}}" in README
