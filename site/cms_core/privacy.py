"""Detection of direct identifiers in free text: BSN (11-proef), e-mail addresses, phone numbers.

Research records hold pseudonymised data only; every free-text field of a research record runs
`validate_no_personal_data`, which refuses the text with a message that says what was found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

_EMAIL_RE = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
# Nine digits, optionally grouped with spaces, dots or hyphens (e.g. 123456782, 1234.56.782).
_NINE_DIGITS_RE = re.compile(r"(?<![\d])(\d[ .\-]?){8}\d(?![\d])")
# Dutch phone numbers: 06-12345678, 010 123 4567, +31 6 1234 5678, 0031 20 123 4567.
_PHONE_RE = re.compile(
    r"(?<![\d+])(?:\+31|0031|0)[ \-.]?(?:\(0\)[ \-.]?)?(?:[1-9](?:[ \-.]?\d){8})(?![\d])"
)


@dataclass(frozen=True)
class Finding:
    kind: str  # "bsn", "email" or "phone"
    text: str


def is_valid_bsn(digits: str) -> bool:
    """The 11-proef: 9*d1 + 8*d2 + ... + 2*d8 - 1*d9 is divisible by 11 (and not all zeros)."""
    if len(digits) != 9 or not digits.isdigit() or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True))
    total -= int(digits[8])
    return total % 11 == 0


def find_personal_data(text: str) -> list[Finding]:
    """Direct identifiers found in the text, in order of appearance."""
    findings: list[Finding] = []
    if not text:
        return findings
    findings += [Finding("email", m.group()) for m in _EMAIL_RE.finditer(text)]
    for match in _PHONE_RE.finditer(text):
        findings.append(Finding("phone", match.group()))
    for match in _NINE_DIGITS_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if is_valid_bsn(digits):
            findings.append(Finding("bsn", match.group()))
    return findings


_MESSAGES = {
    "bsn": _("This looks like a citizen service number (BSN): %(text)s"),
    "email": _("This looks like an e-mail address: %(text)s"),
    "phone": _("This looks like a phone number: %(text)s"),
}


def validate_no_personal_data(text: str) -> None:
    """Refuse text containing a BSN, e-mail address or phone number, saying what was found."""
    findings = find_personal_data(text)
    if findings:
        raise ValidationError(
            [
                ValidationError(
                    _MESSAGES[f.kind], code=f"personal_data_{f.kind}", params={"text": f.text}
                )
                for f in findings
            ]
            + [
                ValidationError(
                    _("Research records hold pseudonymised data only; remove it and try again."),
                    code="personal_data",
                )
            ]
        )
