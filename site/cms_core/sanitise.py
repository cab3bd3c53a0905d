"""The one HTML sanitiser of the platform (bleach behind a single function, so it can be swapped)."""

from __future__ import annotations

from collections.abc import MutableMapping

import bleach
from bleach.css_sanitizer import CSSSanitizer

ALLOWED_TAGS = frozenset(
    {
        "p",
        "br",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "ul",
        "ol",
        "li",
        "blockquote",
        "code",
        "pre",
        "a",
        "h3",
        "h4",
    }
)
ALLOWED_ATTRIBUTES = {"a": ["href", "title"]}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})
_CSS = CSSSanitizer(allowed_css_properties=[])


def _link_attributes(
    attrs: MutableMapping[tuple[str | None, str], str], new: bool = False
) -> MutableMapping[tuple[str | None, str], str]:
    """External links open normally but never pass the referrer or the opener."""
    href = attrs.get((None, "href"), "")
    if href.startswith(("http://", "https://")):
        attrs[(None, "rel")] = "nofollow noopener noreferrer"
    return attrs


def sanitise_html(html: str) -> str:
    """Reduce user-supplied HTML to the safe subset: basic formatting, lists, quotes and links.

    Everything else is stripped (scripts, styles, event handlers, iframes, images, javascript:
    URLs). Plain URLs in text become links. The result is safe to mark as safe in templates.
    """
    cleaned = bleach.clean(
        html or "",
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        css_sanitizer=_CSS,
        strip=True,
        strip_comments=True,
    )
    return bleach.linkify(cleaned, callbacks=[_link_attributes], parse_email=False)
