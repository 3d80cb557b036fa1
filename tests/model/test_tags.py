"""Tags: what a tag is, a ``:tags:`` value, a selection's rules, the nearest tag to a typo."""

from __future__ import annotations

import pytest
from sphinx_cv.model.tags import (
    Selection,
    TagError,
    check_tag,
    is_tag,
    nearest_tag,
    parse_tags,
    tag_from_words,
)


@pytest.mark.parametrize(
    "tag", ["industry", "ml", "machine-learning", "phd_2020", "2020", "économie"]
)
def test_good_tags(tag: str) -> None:
    assert is_tag(tag)
    assert check_tag(tag) == tag


@pytest.mark.parametrize(
    ("word", "hint"),
    [
        ("Industry", 'write "industry"'),
        ("ML", 'write "ml"'),
        ("-ml", 'write "ml"'),
        ("_private", 'write "private"'),
        ("c++", 'write e.g. "industry"'),
        ("a.b", 'write "a-b"'),
        ("", 'write e.g. "industry"'),
    ],
)
def test_bad_tag_says_what_to_write(word: str, hint: str) -> None:
    assert not is_tag(word)
    with pytest.raises(TagError) as caught:
        check_tag(word)
    message = str(caught.value)
    assert message.startswith(f'"{word}" is not a tag: a tag is lower-case letters')
    assert message.endswith(hint)


@pytest.mark.parametrize(
    "value", ["industry, ml", "industry ml", " ml ,industry,, ", "ml\tindustry"]
)
def test_commas_or_spaces_separate_tags(value: str) -> None:
    assert parse_tags(value) == (("industry", "ml"), [])


def test_parsed_tags_are_sorted_and_unique() -> None:
    assert parse_tags("ml, ai, ml, ai") == (("ai", "ml"), [])
    assert parse_tags("") == ((), [])
    assert parse_tags(" , ") == ((), [])


def test_a_bad_tag_costs_only_itself() -> None:
    tags, problems = parse_tags("industry, Teaching, c++")
    assert tags == ("industry",)
    assert len(problems) == 2
    assert problems[0].startswith('"Teaching" is not a tag')
    assert problems[0].endswith('write "teaching"')
    assert problems[1].startswith('"c++" is not a tag')


@pytest.mark.parametrize(
    ("words", "tag"),
    [
        ("Machine Learning", "machine-learning"),
        ("  NLP ", "nlp"),
        ("computer vision / robotics", "computer-vision-robotics"),
        ("deep_learning", "deep_learning"),
        ("C++", None),
        ("", None),
        ("R&D", None),
    ],
)
def test_tag_from_words(words: str, tag: str | None) -> None:
    assert tag_from_words(words) == tag


def test_untagged_content_is_in_every_selection() -> None:
    selections = [
        Selection(),
        Selection(include=frozenset({"industry"})),
        Selection(include=frozenset()),
        Selection(exclude=frozenset({"teaching"})),
    ]
    assert all(s.admits(()) for s in selections)
    assert all(s.admits((), kind="experience") for s in selections)


def test_tagged_content_needs_an_included_tag() -> None:
    industry = Selection(include=frozenset({"industry", "ml"}))
    assert industry.admits(("industry",))
    assert industry.admits(("academic", "ml"))
    assert not industry.admits(("academic",))
    # Only untagged content: an empty include.
    assert not Selection(include=frozenset()).admits(("industry",))


def test_a_selection_of_every_tag_admits_all_but_the_excluded() -> None:
    everything = Selection(exclude=frozenset({"teaching"}))
    assert everything.admits(("academic",))
    assert everything.admits(("anything", "else"))
    assert not everything.admits(("academic", "teaching"))


def test_exclusion_wins() -> None:
    both = Selection(include=frozenset({"ml"}), exclude=frozenset({"ml"}))
    assert not both.admits(("ml",))
    selection = Selection(include=frozenset({"industry"}), exclude=frozenset({"old"}))
    assert not selection.admits(("industry", "old"))
    assert selection.admits(("industry", "new"))


def test_an_excluded_kind_drops_tagged_and_untagged_content() -> None:
    selection = Selection(include=frozenset({"industry"}), exclude=frozenset({"teaching"}))
    assert not selection.admits((), kind="teaching")
    assert not selection.admits(("industry",), kind="teaching")
    assert not selection.admits(("teaching",), kind="talk")
    assert selection.admits((), kind="experience")
    assert selection.admits(("industry",), kind="talk")


def test_nearest_tag_for_a_typo() -> None:
    known = ["industry", "academic", "machine-learning", "teaching"]
    assert nearest_tag("industy", known) == "industry"
    assert nearest_tag("acadmic", known) == "academic"
    assert nearest_tag("machine-learnin", known) == "machine-learning"
    assert nearest_tag("zzz", known) is None
    assert nearest_tag("industry", []) is None
