"""Reading and writing single cell values of imports and exports.

Spreadsheets give native values (numbers, dates), CSV files give text in Dutch or international
notation; both are accepted. Every parser raises ValueError with a message for the person who
made the file.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from cms_core.spreadsheet import FORMULA_TRIGGERS

_TRUE = {"ja", "j", "yes", "y", "true", "waar", "1"}
_FALSE = {"nee", "n", "no", "false", "onwaar", "0"}
_DATE_DMY = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")


def is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def text(value: Any) -> str:
    """A cell as text; the apostrophe our exports put before formula-like text is taken off."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    result = str(value).strip()
    if result.startswith("'") and result[1:2] in FORMULA_TRIGGERS:
        result = result[1:]
    return result


def integer(value: Any) -> int:
    if isinstance(value, bool):
        raise ValueError(_("expected a whole number"))
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        if value.is_integer():
            return int(value)
        raise ValueError(_("expected a whole number, not %(value)s") % {"value": value})
    raw = text(value).replace(" ", "")
    if re.fullmatch(r"-?\d+", raw):
        return int(raw)
    raise ValueError(_("expected a whole number, not “%(value)s”") % {"value": text(value)})


def _without_trailing_zeros(number: Decimal) -> Decimal:
    """7,60 is 7.6: trailing zeros would count as decimal places that a field does not have."""
    integral = number.to_integral_value()
    return integral if number == integral else number.normalize()


# Dutch notation first: 1.250,50 and 1.250 (a point before groups of three digits separates
# thousands); international notation where it is unambiguous: 1,250.50 and 1250.5.
_DUTCH = re.compile(r"-?\d{1,3}(?:\.\d{3})+(?:,\d+)?|-?\d+,\d+")
_INTERNATIONAL = re.compile(r"-?\d{1,3}(?:,\d{3})+\.\d+|-?\d+(?:\.\d+)?")


def decimal(value: Any) -> Decimal:
    """A number as Dutch users type it (1.250,50 or 1.250), or in international notation."""
    if isinstance(value, bool):
        raise ValueError(_("expected a number"))
    if isinstance(value, int | float | Decimal):
        number = Decimal(str(value))
    else:
        raw = text(value).replace("€", "").replace(" ", "").replace("\u00a0", "")
        if _DUTCH.fullmatch(raw):
            raw = raw.replace(".", "").replace(",", ".")
        elif _INTERNATIONAL.fullmatch(raw):
            raw = raw.replace(",", "")
        else:
            raise ValueError(
                _("expected a number such as 1250,50 or 1.250,50, not “%(value)s”")
                % {"value": text(value)}
            )
        number = Decimal(raw)
    if not number.is_finite():
        raise ValueError(_("expected a number, not “%(value)s”") % {"value": text(value)})
    # 7,60 is 7.6: trailing zeros are not decimal places a field would have to allow.
    return number.normalize() if number != number.to_integral() else number.quantize(Decimal(1))


def date(value: Any) -> datetime.date:
    """A date: a spreadsheet date, 2026-03-01, or 1-3-2026 (day first, as in Dutch)."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raw = text(value)
    try:
        return datetime.date.fromisoformat(raw)
    except ValueError:
        pass
    match = _DATE_DMY.match(raw)
    if match:
        day, month, year = (int(part) for part in match.groups())
        try:
            return datetime.date(year, month, day)
        except ValueError:
            pass
    raise ValueError(
        _("expected a date such as 2026-03-01 or 1-3-2026, not “%(value)s”") % {"value": raw}
    )


def boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    raw = text(value).lower()
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ValueError(_("expected ja or nee, not “%(value)s”") % {"value": text(value)})
