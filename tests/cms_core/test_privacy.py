"""Direct identifiers in free text are found and refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from cms_core.privacy import find_personal_data, is_valid_bsn, validate_no_personal_data


@pytest.mark.parametrize("bsn", ["111222333", "123456782", "999999990"])
def test_valid_bsn_passes_the_eleven_test(bsn: str) -> None:
    assert is_valid_bsn(bsn)


@pytest.mark.parametrize(
    "number", ["123456789", "000000000", "12345678", "1234567890", "abcdefghi"]
)
def test_invalid_bsn_fails_the_eleven_test(number: str) -> None:
    assert not is_valid_bsn(number)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("BSN 123456782 bekend", "bsn"),
        ("bsn: 1234.56.782", "bsn"),
        ("mail j.jansen@voorbeeld.nl even", "email"),
        ("bel 06-12345678", "phone"),
        ("bel 06 1234 5678", "phone"),
        ("tel. 010 123 4567", "phone"),
        ("+31 6 1234 5678", "phone"),
        ("0031 20 123 4567", "phone"),
    ],
)
def test_identifiers_are_found(text: str, kind: str) -> None:
    assert kind in {f.kind for f in find_personal_data(text)}


@pytest.mark.parametrize(
    "text",
    [
        "Werknemer startte in week 52 met het tweede spoor.",
        "Budget 123456789 euro",  # nine digits that fail the 11-proef
        "Traject TSP-2024-0042, 3 gesprekken, 12 uur",
        "",
    ],
)
def test_ordinary_research_text_passes(text: str) -> None:
    validate_no_personal_data(text)


def test_refusal_says_what_was_found() -> None:
    with pytest.raises(ValidationError) as error:
        validate_no_personal_data("Contact: 06-12345678 of piet@voorbeeld.nl")
    messages = " ".join(error.value.messages)
    assert "06-12345678" in messages
    assert "piet@voorbeeld.nl" in messages
