"""Shared by every export: text a spreadsheet program would run as a formula is neutralised."""

from __future__ import annotations

from typing import Any

# Cells starting with these are run as formulas by spreadsheet programs (CSV/formula injection).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """A value as it may go into an export: text that a spreadsheet would run is neutralised."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value
