"""Notices of the panel's review rounds: an e-mail and a live start-page notice per person,
in their own language, sent after commit. A notice names no panel member to anyone else."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy

from accounts.events import broadcast_on_commit, user_group
from accounts.models import User
from action_research.models import (
    ReviewRound,
)

# --- notices ------------------------------------------------------------------------------------


def notify(
    user: User,
    *,
    subject: Any,
    template: str,
    context: dict[str, Any],
    notice: Any,
    params: dict[str, Any],
    url: str,
    key: str,
) -> None:
    """An e-mail and a live notice for one person, in their own language, after commit.

    `subject` and `notice` are lazy texts; dates in `params` are written out in that language.
    """
    with translation.override(user.preferred_language or "nl"):
        values = {
            name: date_format(value, "j F Y") if isinstance(value, date) else value
            for name, value in params.items()
        }
        text = str(notice) % values
        body = render_to_string(
            template,
            {
                **context,
                "user": user,
                "notice": text,
                "url": settings.PLATFORM_BASE_URL.rstrip("/") + url,
            },
        )
        title = str(subject)
    address = user.email
    transaction.on_commit(lambda: send_mail(title, body, settings.DEFAULT_FROM_EMAIL, [address]))
    broadcast_on_commit(
        user_group(user.pk), "notice.created", {"id": key, "text": text, "url": url}
    )


def notify_consortium_user(
    user: User, review_round: ReviewRound, *, notice: Any, params: dict[str, Any]
) -> None:
    notify(
        user,
        subject=gettext_lazy("News about your request for panel advice"),
        template="action_research/email/panel_consortium.txt",
        context={"round": review_round},
        notice=notice,
        params=params,
        url=reverse("action_research:panel_round", args=[review_round.pk]),
        key=f"panel-consortium-{review_round.pk}-{review_round.status}",
    )
