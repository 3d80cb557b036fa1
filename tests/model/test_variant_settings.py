"""``cv_variants`` read into :class:`Variant` values (pure): every key, every problem named
at its key with what to write, a bad variant costing only itself, file names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from sphinx_cv.model.tags import Selection
from sphinx_cv.model.variants import FULL, VARIANT_KEYS, Variant, parse_variants, pdf_file_name


def test_every_key() -> None:
    (variant,), problems = parse_variants(
        {
            "industry": {
                "tags": "industry, ml",
                "exclude": ["teaching"],
                "sections": ["experience", "skills"],
                "pages": 1,
                "publications": {"selected": True, "max": 3},
                "title": "Jane Doe — Résumé",
                "subtitle": "Engineer",
                "filename": "Jane-Doe-Resume.pdf",
                "label": "Résumé",
            }
        }
    )
    assert problems == []
    assert variant == Variant(
        "industry",
        Selection(include=frozenset({"industry", "ml"}), exclude=frozenset({"teaching"})),
        sections=("experience", "skills"),
        pages=1,
        selected_publications=True,
        max_publications=3,
        title="Jane Doe — Résumé",
        subtitle="Engineer",
        filename="Jane-Doe-Resume.pdf",
        label="Résumé",
    )
    assert set(VARIANT_KEYS) == {
        "tags",
        "exclude",
        "sections",
        "pages",
        "publications",
        "title",
        "subtitle",
        "filename",
        "label",
    }


def test_an_empty_variant_keeps_everything_and_names_itself() -> None:
    (variant,), problems = parse_variants({"phd-2027": {}})
    assert problems == []
    assert variant.selection.admits(("anything",), "teaching")
    assert variant.file_name("Jane-Doe-CV.pdf") == "Jane-Doe-CV-phd-2027.pdf"
    assert variant.menu_label() == "Phd 2027"
    assert Variant(FULL).file_name("Jane-Doe-CV.pdf") == "Jane-Doe-CV.pdf"


def test_exclude_takes_tags_and_kinds() -> None:
    (variant,), _ = parse_variants({"short": {"exclude": ["teaching"]}})
    assert not variant.selection.admits((), "teaching")  # an untagged teaching entry
    assert not variant.selection.admits(("teaching",), "talk")  # a talk tagged teaching
    assert variant.selection.admits((), "talk")


PROBLEMS = {
    "not a dict": (["industry"], ": ['industry'] is not a dict; write e.g."),
    "a name that is no tag": ({"Industry": {}}, ": 'Industry' is not a variant's name"),
    "full": ({"full": {}}, "['full']: 'full' is the whole CV"),
    "a spec that is no dict": ({"a": 1}, "['a']: 1 is not a dict; write e.g."),
    "unknown key": ({"a": {"pags": 1}}, "['a']: unknown key 'pags'; did you mean 'pages'?"),
    "a bad tag": ({"a": {"tags": ["C++"]}}, """['a']['tags']: "C++" is not a tag"""),
    "tags of numbers": ({"a": {"tags": [1]}}, "['a']['tags']: [1] is not a list of texts"),
    "pages 0": ({"a": {"pages": 0}}, "['a']['pages']: 0 is not a whole number of 1 or more"),
    "pages True": ({"a": {"pages": True}}, "['a']['pages']: True is not a whole number"),
    "publications list": ({"a": {"publications": [3]}}, "['a']['publications']: [3] is not a dict"),
    "publications key": (
        {"a": {"publications": {"most": 3}}},
        "['a']['publications']: unknown key 'most'; the keys are selected, max",
    ),
    "max -1": ({"a": {"publications": {"max": -1}}}, "['a']['publications']['max']: -1 is not"),
    "title number": ({"a": {"title": 3}}, "['a']['title']: 3 is not text in quotes"),
    "file name with a folder": (
        {"a": {"filename": "../a.pdf"}},
        "['a']['filename']: '../a.pdf' is not a file name ending in .pdf",
    ),
    "file name twice": (
        {"a": {"filename": "x.pdf"}, "b": {"filename": "x.pdf"}},
        "['b']['filename']: 'x.pdf' is the file of 'a' too",
    ),
}


@pytest.mark.parametrize(("value", "words"), PROBLEMS.values(), ids=list(PROBLEMS))
def test_each_problem_names_its_key(value: object, words: str) -> None:
    _variants, problems = parse_variants(value)
    assert len(problems) == 1, problems
    assert problems[0].startswith(words), problems[0]


def test_a_bad_variant_costs_only_itself() -> None:
    variants, problems = parse_variants({"a": {"pages": "one"}, "b": {"pages": 2}})
    assert [v.name for v in variants] == ["b"]
    assert len(problems) == 1


def test_the_whole_cvs_file_name() -> None:
    assert pdf_file_name(None, "Elena Marchetti Núñez") == "Elena-Marchetti-Nunez-CV.pdf"
    assert pdf_file_name("x.pdf", "Jane") == "x.pdf"
    assert pdf_file_name(None, "???") == "CV.pdf"


KEY_OF_A_VARIANT = """
from sphinx_cv.model.variants import parse_variants
variants, _ = parse_variants({"industry": {
    "tags": ["ml", "systems", "gpu", "nlp"], "exclude": ["details", "summary", "teaching"],
    "sections": ["experience", "skills"], "pages": 1,
}})
print(variants[0].key())
"""


def test_a_variants_key_is_the_same_in_every_process() -> None:
    """Python salts the hashes of text anew in each process, and ``repr`` orders a set by
    them: a key made that way changed from one build to the next, and a rebuild with
    nothing changed assembled the variant's PDF again half the time."""
    keys = {
        subprocess.run(
            [sys.executable, "-c", KEY_OF_A_VARIANT],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
        ).stdout
        for seed in range(8)
    }
    assert len(keys) == 1, keys
    [key] = keys
    assert "exclude={'details', 'summary', 'teaching'}" in key
    assert "include={'gpu', 'ml', 'nlp', 'systems'}" in key
