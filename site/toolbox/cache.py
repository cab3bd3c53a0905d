"""Caching for the public toolbox, purged on publication.

One content version for the whole toolbox: publishing, unpublishing, moving or deleting an
approach, or changing a theme or facet, moves it on, and every cached search result made under
the old version is no longer found (it expires on its own). Rendered approach pages are cached
per live revision, so a publication reaches them at once as well.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

from django.core.cache import cache

VERSION_KEY = "toolbox:content-version"
SEARCH_TIMEOUT = 600  # seconds; bounds the staleness of what publication does not signal


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        # A fresh cache (or a restarted Redis) must not bring back results of an old version.
        version = time.time_ns()
        cache.add(VERSION_KEY, version, None)
        version = cache.get(VERSION_KEY, version)
    return int(version)


def purge(**_kwargs: Any) -> None:
    """Signal receiver: the toolbox's content changed."""
    cache.set(VERSION_KEY, time.time_ns(), None)


def search_key(*parts: Any) -> str:
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()[:32]
    return f"toolbox:search:{content_version()}:{digest}"
