"""Pure functions: reporting periods and pseudonym codes (no database)."""

from __future__ import annotations

import datetime
import itertools
import random

import pytest
from django.core.exceptions import ValidationError

from action_research import pseudonyms
from action_research.periods import FIRST_YEAR, LAST_YEAR, Period, parse_period

D = datetime.date


# --- periods ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "code", "start", "end"),
    [
        ("2026", "2026", D(2026, 1, 1), D(2026, 12, 31)),
        ("2026-H1", "2026-H1", D(2026, 1, 1), D(2026, 6, 30)),
        ("2026-H2", "2026-H2", D(2026, 7, 1), D(2026, 12, 31)),
        ("2026-Q1", "2026-Q1", D(2026, 1, 1), D(2026, 3, 31)),
        ("2026-Q2", "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026-Q3", "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026-Q4", "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("2024-Q1", "2024-Q1", D(2024, 1, 1), D(2024, 3, 31)),
        # Dutch and loose spellings
        ("2026-K3", "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("2026-k3", "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("K3 2026", "2026-Q3", D(2026, 7, 1), D(2026, 9, 30)),
        ("k4-2026", "2026-Q4", D(2026, 10, 1), D(2026, 12, 31)),
        ("Q2/2026", "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026/q2", "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("2026q2", "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("  2026   -  Q2 ", "2026-Q2", D(2026, 4, 1), D(2026, 6, 30)),
        ("H2 2025", "2025-H2", D(2025, 7, 1), D(2025, 12, 31)),
        ("h1-2025", "2025-H1", D(2025, 1, 1), D(2025, 6, 30)),
        (str(FIRST_YEAR), str(FIRST_YEAR), D(FIRST_YEAR, 1, 1), D(FIRST_YEAR, 12, 31)),
        (f"{LAST_YEAR}-Q4", f"{LAST_YEAR}-Q4", D(LAST_YEAR, 10, 1), D(LAST_YEAR, 12, 31)),
    ],
)
def test_a_period_is_parsed_into_its_code_and_dates(
    text: str, code: str, start: datetime.date, end: datetime.date
) -> None:
    assert parse_period(text) == Period(code, start, end)


@pytest.mark.parametrize(
    ("text", "error_code"),
    [
        ("", "period_format"),
        ("volgend jaar", "period_format"),
        ("2026-Q5", "period_format"),
        ("2026-Q0", "period_format"),
        ("2026-Q12", "period_format"),
        ("2026-M1", "period_format"),
        ("26-Q1", "period_format"),
        ("Q1", "period_format"),
        ("20261", "period_format"),
        ("2026-01", "period_format"),
        ("2026-H3", "period_half"),
        ("H4 2026", "period_half"),
        ("2019", "period_year"),
        (str(FIRST_YEAR - 1), "period_year"),
        (f"{LAST_YEAR + 1}-Q1", "period_year"),
        ("1999-H1", "period_year"),
    ],
)
def test_an_impossible_period_is_refused_with_a_reason(text: str, error_code: str) -> None:
    with pytest.raises(ValidationError) as error:
        parse_period(text)
    assert error.value.code == error_code
    assert error.value.messages[0]


def test_none_is_refused_as_a_period() -> None:
    with pytest.raises(ValidationError):
        parse_period(None)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("first", "second", "overlap"),
    [
        ("2026", "2026-Q2", True),
        ("2026-H1", "2026-Q2", True),
        ("2026-H1", "2026-Q3", False),
        ("2026-Q1", "2026-Q2", False),
        ("2026-Q4", "2027-Q1", False),
        ("2025", "2026", False),
        ("2026-Q3", "2026-Q3", True),
        ("2026-H2", "2026", True),
    ],
)
def test_periods_overlap_when_they_share_a_day(first: str, second: str, overlap: bool) -> None:
    a, b = parse_period(first), parse_period(second)
    assert a.overlaps(b) is overlap
    assert b.overlaps(a) is overlap


def test_every_quarter_and_half_covers_its_year_without_gaps() -> None:
    for parts in (["Q1", "Q2", "Q3", "Q4"], ["H1", "H2"]):
        periods = [parse_period(f"2028-{part}") for part in parts]  # 2028 is a leap year
        assert periods[0].start == D(2028, 1, 1)
        assert periods[-1].end == D(2028, 12, 31)
        for earlier, later in itertools.pairwise(periods):
            assert later.start - earlier.end == datetime.timedelta(days=1)
    assert parse_period("2028-Q1").end == D(2028, 3, 31)


# --- pseudonym codes ----------------------------------------------------------------------------


def test_new_codes_are_well_formed() -> None:
    codes = {pseudonyms.new_code() for _ in range(2000)}
    assert len(codes) > 1990  # random, practically never the same twice
    for code in codes:
        assert len(code) == pseudonyms.CODE_LENGTH == 10
        assert code.startswith(pseudonyms.PREFIX)
        assert set(code[3:]) <= set(pseudonyms.ALPHABET)
        assert pseudonyms.is_well_formed(code)


def test_the_alphabet_has_no_letters_that_look_like_digits_or_spell_words() -> None:
    assert len(pseudonyms.ALPHABET) == len(set(pseudonyms.ALPHABET)) == 32
    assert not set("ILOU") & set(pseudonyms.ALPHABET)


def _codes(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    bodies = ["".join(rng.choice(pseudonyms.ALPHABET) for _ in range(6)) for _ in range(count)]
    return [pseudonyms.PREFIX + body + pseudonyms._check_character(body) for body in bodies]


def test_every_single_typing_error_is_caught() -> None:
    for code in _codes(200):
        for position in range(len(pseudonyms.PREFIX), len(code)):
            for char in pseudonyms.ALPHABET:
                if char != code[position]:
                    typo = code[:position] + char + code[position + 1 :]
                    assert not pseudonyms.is_well_formed(typo), (code, typo)


def test_nearly_every_swap_of_neighbours_is_caught() -> None:
    swaps = caught = 0
    for code in _codes(2000):
        for position in range(len(pseudonyms.PREFIX), len(code) - 1):
            a, b = code[position], code[position + 1]
            if a != b:
                swaps += 1
                swapped = code[:position] + b + a + code[position + 2 :]
                caught += not pseudonyms.is_well_formed(swapped)
    assert caught / swaps > 0.99


@pytest.mark.parametrize(
    "code",
    [
        "",
        "TS-",
        "TS-4K7P2Q",  # no check character
        "TS-4K7P2Q00",  # one character too many
        "TX-4K7P2QG",  # another prefix
        "ts-4k7p2qg",  # not normalised
        "TS 4K7P2QG",
        "TS-4K7P2QU",  # U is not in the alphabet
        "TS-4K7P2QX",  # wrong check character
    ],
)
def test_a_code_without_the_platform_form_is_not_well_formed(code: str) -> None:
    assert not pseudonyms.is_well_formed(code)


def test_a_known_code_is_well_formed() -> None:
    assert pseudonyms._check_character("4K7P2Q") == "G"
    assert pseudonyms.is_well_formed("TS-4K7P2QG")


@pytest.mark.parametrize(
    ("typed", "normalised"),
    [
        ("TS-4K7P2QG", "TS-4K7P2QG"),
        (" ts-4k7p2qg ", "TS-4K7P2QG"),
        ("TS - 4K7 P2Q G", "TS-4K7P2QG"),
        ("TS-4K7P2Q0", "TS-4K7P2Q0"),
        ("TS-4K7P2QO", "TS-4K7P2Q0"),  # the letter O is read as zero
        ("TS-1ABCDEL", "TS-1ABCDE1"),
        ("TS-iabcdel", "TS-1ABCDE1"),
        ("", ""),
        (None, ""),
    ],
)
def test_codes_are_normalised_as_people_type_them(typed: str | None, normalised: str) -> None:
    assert pseudonyms.normalise(typed) == normalised  # type: ignore[arg-type]


def test_a_typed_code_with_confusable_letters_checks_out_after_normalising() -> None:
    for code in _codes(200):
        typed = code.lower().replace("0", "o").replace("1", "l")
        assert pseudonyms.is_well_formed(pseudonyms.normalise(typed))


def test_the_example_code_in_help_texts_and_the_codebook_is_itself_valid() -> None:
    import re

    from action_research.transfer.schemas import TRAJECTORIES

    allowed = TRAJECTORIES.column("pseudoniem").allowed
    examples = re.findall(r"TS-[0-9A-Z]{7}", allowed)
    assert examples
    assert all(pseudonyms.is_well_formed(code) for code in examples)
