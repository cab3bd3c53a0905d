"""Template filters for workspace pages."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.filter
def verbose_kind(record: Any) -> str:
    """The kind of a record in words ("trajectory"), capitalised."""
    return str(record._meta.verbose_name).capitalize()


@register.filter
def filesize(size: int) -> str:
    """Bytes as kB or MB, Dutch style (decimal comma)."""
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
