"""Helpers that walk the URL resolver and the WebSocket router (used by the access-policy tests)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass(frozen=True)
class Route:
    name: str | None  # "namespace:name" where namespaced
    route: str  # the full route string, as ResolverMatch.route gives it


def _pattern_str(pattern: Any) -> str:
    text = str(pattern.pattern)
    return text[1:] if text.startswith("^") else text


def walk(
    patterns: list[Any] | None = None, prefix: str = "", namespace: str = ""
) -> Iterator[Route]:
    """Every URL pattern reachable from the root URLconf, with its full name and route."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner_ns = namespace
            if entry.namespace:
                inner_ns = f"{namespace}{entry.namespace}:"
            yield from walk(entry.url_patterns, prefix + _pattern_str(entry), inner_ns)
        elif isinstance(entry, URLPattern):
            name = f"{namespace}{entry.name}" if entry.name else None
            yield Route(name, prefix + _pattern_str(entry))
