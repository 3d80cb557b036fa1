"""The pure entry model: fields declared once, validation messages, and the check of a
kind's declaration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import pytest
from sphinx_cv.model.dates import PRESENT, PartialDate
from sphinx_cv.model.entries import Education, Entry, EntryError, Experience, entry_from_fields
from sphinx_cv.model.kinds import (
    ENTRY_KINDS,
    DateRule,
    JSONResume,
    RenderCV,
    date_field,
    entry_kind,
    text_field,
    url_field,
)
from sphinx_cv.model.sections import Award, Skill, Talk


def test_experience_fields() -> None:
    entry = entry_from_fields(
        Experience,
        " Engineer ",
        {
            "organization": "ACME",
            "unit": "R&D",
            "location": "Oslo",
            "start": "2020-05",
            "end": "present",
        },
    )
    assert entry.title == "Engineer"
    assert entry.organization_name == "ACME"
    assert (entry.kind, entry.organization, entry.unit, entry.location) == (
        "experience",
        "ACME",
        "R&D",
        "Oslo",
    )
    assert (entry.start, entry.end) == (PartialDate(2020, 5), PRESENT)


def test_fields_are_declared_once_with_their_help() -> None:
    options = Experience.fields()
    assert list(options) == ["organization", "unit", "location", "start", "end", "when", "url"]
    assert [name for name, f in options.items() if f.required] == ["organization"]
    assert "YYYY-MM" in options["start"].help
    assert list(Education.fields()) == [
        "institution", "location", "start", "end", "when", "score", "honors", "url"
    ]  # fmt: skip


def test_education_fields() -> None:
    entry = entry_from_fields(
        Education,
        "BSc",
        {
            "institution": "Uni",
            "start": "2017-09",
            "end": "2019-06",
            "score": "GPA 4",
            "honors": "Top",
        },
    )
    assert (entry.organization_name, entry.score, entry.honors) == ("Uni", "GPA 4", "Top")


@pytest.mark.parametrize(
    ("cls", "values", "field", "message"),
    [
        (
            Experience,
            {"organisation": "x", "start": "2020"},
            "organisation",
            "unknown field 'organisation'; did you mean 'organization'? "
            "accepted: organization, unit",
        ),
        (
            Experience,
            {"start": "2020"},
            "organization",
            "experience 'T' has no 'organization'; add ':organization: …'",
        ),
        (
            Experience,
            {"organization": " ", "start": "2020"},
            "organization",
            "field 'organization' is empty",
        ),
        (
            Experience,
            {"organization": "O", "start": "2020-13"},
            "start",
            "start: '2020-13' is not a date: month 13 does not exist",
        ),
        (
            Experience,
            {"organization": "O", "start": "present"},
            "start",
            "start: 'present' is not a start; write the date it began",
        ),
        (
            Experience,
            {"organization": "O", "start": "2020", "end": "2019"},
            "start",
            "dates: the end (2019) is before the start (2020)",
        ),
    ],
)
def test_invalid_entries(cls: type, values: dict[str, str], field: str, message: str) -> None:
    with pytest.raises(EntryError) as err:
        entry_from_fields(cls, "T", values)
    assert message in str(err.value)
    assert err.value.field == field


def test_missing_title() -> None:
    with pytest.raises(EntryError, match="experience needs a title"):
        entry_from_fields(Experience, "  ", {"organization": "O", "start": "2020"})


def test_the_date_rule_is_the_date_fields_declared() -> None:
    assert [Experience.date_rule(), Award.date_rule(), Skill.date_rule()] == [
        DateRule.SPAN, DateRule.ONE, DateRule.NONE]  # fmt: skip
    award = entry_from_fields(Award, "Prize", {"date": "2020-08"})
    assert (award.dates.start, award.dates.end) == (PartialDate(2020, 8), None)
    with pytest.raises(EntryError, match="date: 'present' is not a date"):
        entry_from_fields(Award, "Prize", {"date": "present"})


def test_a_title_may_stand_in_only_where_declared() -> None:
    skill = entry_from_fields(Skill, "", {"level": "Basic", "keywords": "Rust, Go"})
    assert (skill.heading, skill.keywords, skill.summary()) == (
        "Basic", ("Rust", "Go"), "Basic: Rust, Go")  # fmt: skip
    with pytest.raises(EntryError, match="skill needs a name after the directive name or a "):
        entry_from_fields(Skill, "", {"keywords": "Rust"})


def test_links_of_their_own_carry_their_label() -> None:
    talk = entry_from_fields(
        Talk, "T", {"url": "https://a.example/", "slides": "https://a.example/s.pdf"}
    )
    assert talk.title_link == "https://a.example/"
    assert talk.links() == [("https://a.example/s.pdf", "Slides")]


def _patent(**more: object) -> type[Entry]:
    """A kind of entry declared with ``more`` class attributes, not registered."""

    @dataclass(frozen=True)
    class Patent(Entry):
        kind: ClassVar[str] = "patent"
        jsonresume: ClassVar[JSONResume] = JSONResume(
            "patents", title="name", keys={"office": "office", "number": "number"}
        )

        office: str = text_field("the patent office", required=True)
        number: str = text_field("its number")

    for name, value in more.items():
        setattr(Patent, name, value)
    return Patent


def test_a_declaration_that_holds_together_is_registered() -> None:
    patent = _patent()
    try:
        assert entry_kind(patent) is patent
        assert list(ENTRY_KINDS)[-1] == "patent"
        entry = entry_from_fields(patent, "Magnetometer", {"office": "USPTO"})
        assert (entry.organization_name, entry.date_rule()) == ("", DateRule.NONE)
    finally:
        ENTRY_KINDS.pop("patent", None)


@pytest.mark.parametrize(
    ("more", "words"),
    [
        ({"kind": "Patent"}, "kind = '…' is its directive's name: a lower-case word"),
        ({"kind": "experience"}, "Experience is kind 'experience' already"),
        ({"organization_field": "holder"}, "'holder' is named as a field but not declared"),
        ({"jsonresume": JSONResume("patents", title="name", keys={"office": "office"})},
         "jsonresume: no key for number; add 'option': 'key'"),
        ({"jsonresume": JSONResume("patents", title="name", keys={"office": "office",
                                   "number": "number", "holder": "holder"})},
         "jsonresume or rendercv name holder: no such field"),
        ({"rendercv": RenderCV("PatentEntry", title="name", keys={"office": "office"})},
         "rendercv: RenderCV's shared keys give a span (start and end); declare them, or "
         "shared=False"),
    ],
)  # fmt: skip
def test_a_declaration_that_does_not_hold_together_is_refused(
    more: dict[str, object], words: str
) -> None:
    with pytest.raises(TypeError) as err:
        entry_kind(_patent(**more))
    assert words in str(err.value)
    assert str(err.value).startswith("Patent (entry kind ")
    assert ENTRY_KINDS["experience"] is Experience
    assert "patent" not in ENTRY_KINDS


def test_fields_must_say_their_date_rule_and_their_links() -> None:
    @dataclass(frozen=True)
    class Filing(Entry):
        kind: ClassVar[str] = "filing"
        jsonresume: ClassVar[JSONResume] = JSONResume(
            "filings", title="name", keys={"filed": "filed", "url": "url", "scan": "scan"}
        )

        filed: PartialDate | None = date_field("when it was filed")
        url: str = url_field("its page")
        scan: str = url_field("its scan")

    with pytest.raises(TypeError) as err:
        entry_kind(Filing)
    assert "date fields filed: declare 'start' and 'end' (a span), 'date'" in str(err.value)
    assert "one url field links the title; give the others a label=N_('…')" in str(err.value)
    assert "filing" not in ENTRY_KINDS
