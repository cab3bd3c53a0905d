"""Field validators for names people type about themselves."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters of any script, spaces, and the punctuation real names use (O'Neill, Jansen-de Vries).
_NAME_RE = re.compile(r"^[^\W\d_](?:[^\W_]|[ .'’\-])*$")


def validate_person_name(value: str) -> None:
    """Refuse markup, control characters and symbols in a name; explain what is allowed."""
    if value and not _NAME_RE.match(value.strip()):
        raise ValidationError(
            _(
                "Use letters, spaces, hyphens, apostrophes and full stops only; "
                "start with a letter."
            ),
            code="invalid_name",
        )
