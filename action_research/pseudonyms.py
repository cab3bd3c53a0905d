"""Pseudonym codes for trajectories: issued by the platform, with a check character.

A code looks like `TS-4K7P2QG`: six random characters from Crockford's base-32 alphabet (no I,
L, O or U, so nothing is misread) and a Luhn mod-32 check character that catches every single
typing error and most swaps of neighbours. The key that links a code to a person stays with the
practitioner, outside the platform.
"""

from __future__ import annotations

import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
PREFIX = "TS-"
BODY_LENGTH = 6
CODE_LENGTH = len(PREFIX) + BODY_LENGTH + 1
_LOOKALIKES = str.maketrans("OIL", "011")


def _check_character(body: str) -> str:
    """Luhn mod N over the alphabet: the character that makes the whole code check out."""
    base = len(ALPHABET)
    factor, total = 2, 0
    for char in reversed(body):
        addend = factor * ALPHABET.index(char)
        total += addend // base + addend % base
        factor = 1 if factor == 2 else 2
    return ALPHABET[(base - total % base) % base]


def new_code() -> str:
    body = "".join(secrets.choice(ALPHABET) for _ in range(BODY_LENGTH))
    return f"{PREFIX}{body}{_check_character(body)}"


def normalise(text: str) -> str:
    """Upper case without spaces; the letters people confuse with digits become those digits."""
    code = "".join(str(text or "").split()).upper()
    return code.translate(_LOOKALIKES) if code else code


def is_well_formed(code: str) -> bool:
    """True when the code has the platform's form and its check character matches."""
    if len(code) != CODE_LENGTH or not code.startswith(PREFIX):
        return False
    body, check = code[len(PREFIX) : -1], code[-1]
    if any(char not in ALPHABET for char in body + check):
        return False
    return _check_character(body) == check
