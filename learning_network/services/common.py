"""What every learning-network write shares: refusals, event numbers, text cleaning, limits."""

from __future__ import annotations

import html
import re
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from cms_core.privacy import find_personal_data
from cms_core.sanitise import sanitise_html
from learning_network import permissions
from learning_network.models import LearningNetwork, Mute

MAX_BODY_CHARS = 10_000
# Text with one of these tags is treated as HTML (pasted or formatted); anything else is plain
# text, so "a<b", "<5 weken" or "a < b" stay as written (in HTML the name follows "<" at once).
_TAG_RE = re.compile(
    r"</?(p|br|strong|em|b|i|u|s|ul|ol|li|blockquote|code|pre|a|h[1-6]|div|span|script|"
    r"style|img|svg|iframe|object|embed|form|input|math|link|meta|base|table)(?=[\s/>])",
    re.IGNORECASE,
)
# Attribute values of sanitised HTML (link addresses and titles).
_ATTRIBUTE_RE = re.compile(r'=\s*"([^"]*)"')


class Refused(Exception):
    """The action is not allowed now (muted, locked, not a member, too fast); nothing changed.

    `code` is stable for clients (the WebSocket error frame), `message` is for people.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def refuse_unless_member(actor: Any, network: LearningNetwork) -> None:
    if not permissions.can_view_network(actor, network):
        raise Refused("not_member", _("You are not a member of this learning network."))


def refuse_unless_moderator(actor: Any, network: LearningNetwork) -> None:
    if not permissions.can_moderate(actor, network):
        raise Refused("not_moderator", _("Only the moderators of this network can do that."))


def active_mute(network: LearningNetwork, user: Any) -> Mute | None:
    return (
        Mute.objects.filter(
            network=network, user=user, until__gt=timezone.now(), lifted_at__isnull=True
        )
        .order_by("-until")
        .first()
    )


def refuse_if_muted(actor: Any, network: LearningNetwork) -> None:
    mute = active_mute(network, actor)
    if mute is not None:
        until = timezone.localtime(mute.until).strftime("%d-%m-%Y %H:%M")
        raise Refused(
            "muted",
            _("A moderator muted you in this network until %(until)s: %(reason)s")
            % {"until": until, "reason": mute.reason},
        )


def refuse_if_too_fast(actor: Any) -> None:
    """At most LEARNING_NETWORK_POST_RATE posts in any window of that length per member, over
    every connection and every server process (counted in the shared cache).

    Each post takes one of `count` slots that frees itself `seconds` later. `cache.add` is atomic,
    so two processes never take the same slot; unlike a counter per fixed window, a burst across
    a window boundary cannot pass twice the limit.
    """
    count, seconds = settings.LEARNING_NETWORK_POST_RATE
    for slot in range(count):
        if cache.add(f"ln:post-rate:{actor.pk}:{slot}", 1, timeout=seconds):
            return
    raise Refused(
        "rate_limited",
        _("You are posting very quickly. Wait a few seconds and try again."),
    )


def next_seq(network: LearningNetwork) -> int:
    """The next event number of the network. The UPDATE holds the row lock until commit, so
    numbers are handed out in commit order.

    One statement that returns the new number (`UPDATE … RETURNING`, in PostgreSQL and in
    SQLite since 3.35): the ORM's update returns only a row count, and reading the number back
    took a second trip while every other write in the network waited on the lock.
    """
    table = connection.ops.quote_name(LearningNetwork._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET event_seq = event_seq + 1 WHERE id = %s RETURNING event_seq",  # noqa: S608 - the table name is the model's own
            [network.pk],
        )
        row = cursor.fetchone()
    if row is None:
        raise LearningNetwork.DoesNotExist(f"Learning network {network.pk} does not exist.")
    return int(row[0])


def clean_body(raw: str, field: str = "body") -> tuple[str, str]:
    """A post body as (sanitised HTML, plain text); raises ValidationError for empty, too long
    or containing a citizen service number.

    Plain text becomes paragraphs; text with HTML is reduced to the safe subset by the one
    sanitiser of the platform.
    """
    raw = (raw or "").replace("\r\n", "\n").strip()
    if len(raw) > MAX_BODY_CHARS:
        raise ValidationError(
            {field: _("Keep your message under %(limit)s characters.") % {"limit": MAX_BODY_CHARS}}
        )
    if _TAG_RE.search(raw):
        body = sanitise_html(raw)
    else:
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", raw) if p.strip()]
        body = sanitise_html(
            "".join(f"<p>{html.escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
        )
    text = plain_text(body)
    if not text:
        raise ValidationError({field: _("Write a message first.")})
    # Link addresses and titles are stored too, so they are checked with the visible text.
    attributes = " ".join(html.unescape(value) for value in _ATTRIBUTE_RE.findall(body))
    if any(finding.kind == "bsn" for finding in find_personal_data(f"{text} {attributes}")):
        raise ValidationError(
            {
                field: _(
                    "This looks like a citizen service number (BSN). Never share one here; "
                    "remove it and try again."
                )
            }
        )
    return body, text


def plain_text(body: str) -> str:
    """The readable text of sanitised HTML, whitespace collapsed."""
    text = re.sub(r"<[^>]+>", " ", body)
    return " ".join(html.unescape(text).split())


def clean_reason(reason: str, field: str = "reason") -> str:
    """A moderation or flag reason: required, at most 500 characters."""
    reason = " ".join((reason or "").split())
    if not reason:
        raise ValidationError({field: _("Give the reason.")})
    if len(reason) > 500:
        raise ValidationError({field: _("Keep the reason under 500 characters.")})
    return reason


_SIMPLE_TAGS_RE = re.compile(r"</?(p|br|a)(\s[^>]*)?/?>")


def editable_text(body: str) -> str:
    """A stored body as its author edits it: plain paragraphs when the post is plain text (links
    are made again on save), else the sanitised HTML itself."""
    if re.sub(_SIMPLE_TAGS_RE, "", body).count("<"):
        return body
    text = re.sub(r"</p>\s*<p>", "\n\n", body)
    text = re.sub(r"<br\s*/?>", "\n", text)
    return html.unescape(re.sub(r"<[^>]+>", "", text)).strip()
