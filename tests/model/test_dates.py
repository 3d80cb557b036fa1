"""The pure date model (parsing, validation) and its display in two languages."""

from __future__ import annotations

import datetime as dt

import pytest
from sphinx_cv.model.dates import (
    PRESENT,
    DateError,
    DateRange,
    PartialDate,
    parse_date,
)
from sphinx_cv.model.datetext import format_partial, format_range, get_locale

EN = get_locale("en")
DE = get_locale("de")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020", PartialDate(2020)),
        ("2020-05", PartialDate(2020, 5)),
        ("2020-5", PartialDate(2020, 5)),
        ("2020-02-29", PartialDate(2020, 2, 29)),
        (" present ", PRESENT),
        ("Present", PRESENT),
    ],
)
def test_accepted_spellings(text: str, expected: object) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2020-13", "month 13 does not exist"),
        ("2020-00", "month 0 does not exist"),
        ("2021-02-29", "day 29 does not exist in 2021-02"),
        ("May 2020", "is not a date"),
        ("20-05", "is not a date"),
        ("2020/05", "is not a date"),
        ("", "is not a date"),
    ],
)
def test_rejected_dates_say_what_and_how(text: str, reason: str) -> None:
    with pytest.raises(DateError) as err:
        parse_date(text)
    message = str(err.value)
    assert reason in message
    assert repr(text) in message
    assert "YYYY, YYYY-MM, YYYY-MM-DD or 'present'" in message


def test_end_before_start_is_an_error() -> None:
    with pytest.raises(DateError, match=r"end \(2019-05\) is before the start \(2020-05\)"):
        DateRange(PartialDate(2020, 5), PartialDate(2019, 5))


def test_same_year_with_coarser_end_is_not_before_start() -> None:
    DateRange(PartialDate(2020, 5), PartialDate(2020))  # the year 2020 ends after May


def test_display_english() -> None:
    rng = DateRange(PartialDate(2020, 5), PartialDate(2020, 9))
    assert format_range(rng, EN) == "May 2020 – Sep 2020"
    assert format_range(DateRange(PartialDate(2019, 9), PRESENT), EN) == "Sep 2019 – Present"
    assert format_range(DateRange(PartialDate(2017), PartialDate(2019)), EN) == "2017 – 2019"
    assert format_range(DateRange(PartialDate(2021, 3, 4)), EN) == "Mar 4, 2021"
    assert format_partial(PartialDate(2021, 3), EN) == "Mar 2021"


def test_display_german() -> None:
    rng = DateRange(PartialDate(2020, 5), PartialDate(2020, 9))
    assert format_range(rng, DE) == "Mai 2020 – Sept. 2020"
    ongoing = DateRange(PartialDate(2019, 9), PRESENT)
    assert format_range(ongoing, DE, present="heute") == "Sept. 2019 – heute"


def test_present_label_override_and_unknown_language() -> None:
    rng = DateRange(PartialDate(2019, 9), PRESENT)
    assert format_range(rng, EN, present="now") == "Sep 2019 – now"
    assert get_locale("xx-nonsense").language == "en"


def test_duration_counts_both_ends() -> None:
    rng = DateRange(PartialDate(2020, 5), PartialDate(2020, 9))
    assert rng.months(dt.date(2000, 1, 1)) == 5
    assert format_range(rng, EN, duration=True) == "May 2020 – Sep 2020 (5 months)"
    long = DateRange(PartialDate(2019, 9), PRESENT)
    assert format_range(long, EN, duration=True, today=dt.date(2021, 1, 15)) == (
        "Sep 2019 – Present (1 year, 5 months)"
    )
    assert format_range(long, DE, duration=True, today=dt.date(2021, 1, 15)).endswith(
        "(1 Jahr, 5 Monate)"
    )


def test_build_moment_honours_source_date_epoch() -> None:
    from sphinx_cv.model.dates import build_moment

    assert build_moment("1598918400").isoformat() == "2020-09-01T00:00:00+00:00"
    for bad in ("", None, "yesterday", "1e99"):
        assert build_moment(bad).tzinfo is not None  # now, not a crash
