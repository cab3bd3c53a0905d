"""The daily e-mail digest: one e-mail per member with the notices they have not yet seen."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from learning_network.models import Digest, Notification, NotificationSettings


def digest_send() -> int:
    """E-mail each member whose digest is on (the default) their unread notices that were not
    e-mailed yet (about posts that are still visible, lessons and meetings); marks them e-mailed. Returns how many
    e-mails were sent. Safe to run more than once a day: nothing is e-mailed twice."""
    pending = Notification.objects.filter(
        Q(post__isnull=True) | Q(post__is_hidden=False),
        read_at__isnull=True,
        emailed_at__isnull=True,
    ).exclude(user_id__in=NotificationSettings.objects.filter(digest=Digest.OFF).values("user_id"))
    sent = 0
    for user_id in pending.values_list("user_id", flat=True).distinct().order_by("user_id"):
        with transaction.atomic():
            user = User.objects.filter(pk=user_id, is_active=True).first()
            notices = list(
                pending.filter(user_id=user_id)
                .select_for_update(of=("self",))
                .select_related("post__thread__network", "lesson__network", "meeting__network")
                .order_by("created_at")
            )
            if user is None or not notices:
                continue
            with translation.override(user.preferred_language or "nl"):
                subject = _("What happened in your learning networks")
                body = render_to_string(
                    "learning_network/email/digest.txt",
                    {"user": user, "notices": notices, "base_url": settings.PLATFORM_BASE_URL},
                )
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [user.email])
            Notification.objects.filter(pk__in=[n.pk for n in notices]).update(
                emailed_at=timezone.now()
            )
            sent += 1
    return sent
