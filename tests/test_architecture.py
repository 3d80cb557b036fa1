"""The house in wings: every module's imports, read with ``ast``, flow one way and tie no
circle; the pure parts import nothing of Sphinx; each wing says what it holds."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "ext" / "sphinx_cv"

#: Layers, lowest first: a module imports only modules of its own wing or of a lower layer.
#: The pure parts (no Sphinx) are the bottom; the glue modules at the root are next; within
#: these two a module may use another of its layer (the cycle test keeps them apart), while
#: the wings above are peers that know nothing of each other (entries, publications).
LAYERS = [
    ["model", "publications.bib", "projectfiles"],
    ["shared", "domain", "directive", "nodes", "settings", "variants"],
    ["entries", "publications"],
    ["site"],
    ["pdf"],
    ["cli"],
    ["extension"],  # and the package's own __init__, which loads it
]
BASE = LAYERS[:2]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def place(module: str) -> tuple[int, str]:
    """(layer, wing) of a module: the longest prefix in :data:`LAYERS`."""
    if module == "":
        return len(LAYERS) - 1, "extension"
    best = (-1, "", -1)
    for layer, wings in enumerate(LAYERS):
        for wing in wings:
            inside = module == wing or module.startswith(wing + ".")
            if inside and len(wing) > best[2]:
                best = (layer, wing, len(wing))
    assert best[0] >= 0, f"{module} belongs to no layer"
    return best[0], best[1]


def imports(module: str) -> set[str]:
    """The package's modules ``module`` imports, lazily too (not under TYPE_CHECKING)."""
    path = MODULES[module]
    here = module.split(".") if module else []
    base = here if path.name == "__init__.py" else here[:-1]
    found = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for sub in ast.walk(node):
            names: list[str] = []
            if isinstance(sub, ast.ImportFrom) and sub.level:
                parent = base[: len(base) - (sub.level - 1)]
                target = ".".join(parent + ([sub.module] if sub.module else []))
                names = [target] + [f"{target}.{a.name}".strip(".") for a in sub.names]
            elif isinstance(sub, ast.ImportFrom) and (sub.module or "").startswith("sphinx_cv"):
                target = sub.module.removeprefix("sphinx_cv").strip(".")  # type: ignore[union-attr]
                names = [target] + [f"{target}.{a.name}".strip(".") for a in sub.names]
            for name in names:
                while name and name not in MODULES:
                    name = name.rpartition(".")[0]
                own_package = name == "" or module.startswith(name + ".")
                if name in MODULES and name != module and not own_package:
                    found.add(name)
    return found


def test_every_module_belongs_to_a_layer() -> None:
    for module in MODULES:
        place(module)


def test_no_import_cycle() -> None:
    graph = {module: imports(module) for module in MODULES}
    state: dict[str, int] = {}

    def visit(module: str, path: list[str]) -> None:
        state[module] = 1
        for target in sorted(graph[module]):
            if state.get(target) == 1:
                cycle = [*path[path.index(target) :], target]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if target not in state:
                visit(target, [*path, target])
        state[module] = 2

    for module in MODULES:
        if module not in state:
            visit(module, [module])


def test_imports_flow_one_way() -> None:
    """A wing imports its own modules and lower layers only: model <- entries,
    publications <- site <- pdf <- cli <- extension."""
    wrong = []
    for module in MODULES:
        layer, wing = place(module)
        for target in imports(module):
            target_layer, target_wing = place(target)
            peers = target_layer == layer and target_wing != wing and layer >= len(BASE)
            if target_layer > layer or peers:
                wrong.append(f"{module} imports {target}")
    assert wrong == []


def test_each_wing_says_what_it_holds_and_may_import() -> None:
    for wing in ["model", "entries", "publications", "site", "pdf", "cli"]:
        doc = ast.get_docstring(ast.parse((PACKAGE / wing / "__init__.py").read_text()))
        assert doc, wing
        assert "May import" in doc, wing


def test_the_pure_parts_import_nothing_of_sphinx() -> None:
    pure = [f"sphinx_cv.{m}" for m in MODULES if place(m)[0] == 0 and m]
    code = (
        f"import sys, {', '.join(pure)}\n"
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'sphinx', 'docutils'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


TESTS = Path(__file__).parent
#: Folders of tests/ that hold no wing's tests: test projects, the benchmark, browser tools.
NOT_WINGS = {"roots", "bench", "browser", "__pycache__"}


def test_the_tests_follow_the_wings() -> None:
    """tests/model/, tests/pdf/…: a folder of tests is named after a wing of the package."""
    wings = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    folders = {p.name for p in TESTS.iterdir() if p.is_dir() and p.name not in NOT_WINGS}
    assert folders <= wings
    assert {"model", "entries", "publications", "site", "pdf", "cli"} <= folders


def test_the_tests_import_public_names_only() -> None:
    """Tests use the package as its users do: no name that starts with ``_``."""
    private = []
    for path in sorted(TESTS.rglob("test_*.py")):
        if NOT_WINGS & set(path.relative_to(TESTS).parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("sphinx_cv"):
                module = node.module or ""
                names = [alias.name for alias in node.names]
                if any(part.startswith("_") for part in module.split(".")) or any(
                    name.startswith("_") and not name.startswith("__") for name in names
                ):
                    private.append(f"{path.relative_to(TESTS)}:{node.lineno}")
    assert private == []
