"""The pure entry model: fields declared once, validation messages."""

from __future__ import annotations

import pytest
from sphinx_cv.model.dates import PRESENT, PartialDate
from sphinx_cv.model.entries import Education, EntryError, Experience, entry_from_fields


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
