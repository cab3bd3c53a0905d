"""Lessons: any member proposes one from a post, a thread or a meeting; moderators confirm it.

A confirmed lesson is public on the approach pages it links to, so its text is refused with an
e-mail address, phone number or BSN in it. Every decision goes into the moderation log.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from cms_core.privacy import find_personal_data
from learning_network import permissions
from learning_network.models import (
    LearningNetwork,
    Lesson,
    LessonKind,
    LessonStatus,
    Meeting,
    ModerationKind,
    Post,
    Thread,
)
from learning_network.services.common import (
    Refused,
    refuse_if_muted,
    refuse_unless_moderator,
)
from learning_network.services.moderation import log_action
from learning_network.services.notifications import notify_lesson_decided

MIN_TEXT_CHARS = 20
_FOUND = {
    "bsn": gettext_lazy("a citizen service number (BSN)"),
    "email": gettext_lazy("an e-mail address"),
    "phone": gettext_lazy("a phone number"),
}


def _clean_text(text: str) -> str:
    text = "\n\n".join(
        " ".join(paragraph.split())
        for paragraph in (text or "").replace("\r\n", "\n").split("\n\n")
    ).strip()
    if len(text) < MIN_TEXT_CHARS:
        raise ValidationError(
            {"text": _("Describe the lesson in at least %(n)s characters.") % {"n": MIN_TEXT_CHARS}}
        )
    if len(text) > Lesson.MAX_TEXT_CHARS:
        raise ValidationError(
            {"text": _("Keep the lesson under %(n)s characters.") % {"n": Lesson.MAX_TEXT_CHARS}}
        )
    findings = find_personal_data(text)
    if findings:
        raise ValidationError(
            {
                "text": _(
                    "A lesson becomes public in the toolbox. It contains %(what)s (%(text)s); "
                    "remove it and describe the lesson without anything that identifies a person."
                )
                % {"what": _FOUND[findings[0].kind], "text": findings[0].text}
            }
        )
    return text


def _clean_kind(kind: str) -> str:
    if kind not in LessonKind.values:
        raise ValidationError({"kind": _("Choose the kind of lesson.")})
    return kind


def _set_links(lesson: Lesson, themes: Iterable[Any], approaches: Iterable[Any]) -> None:
    from toolbox.models import ApproachPage

    approaches = list(approaches)
    public = set(
        ApproachPage.objects.live()
        .public()
        .filter(pk__in=[a.pk for a in approaches])
        .values_list("pk", flat=True)
    )
    if any(approach.pk not in public for approach in approaches):
        raise ValidationError(
            {"approaches": _("Only published approaches of the toolbox can be linked.")}
        )
    lesson.themes.set(list(themes))
    lesson.approaches.set(approaches)


def _source(
    network: LearningNetwork, post: Post | None, thread: Thread | None, meeting: Meeting | None
) -> tuple[Post | None, Thread | None, Meeting | None]:
    """The lesson's origin, all within the network; a post brings its thread."""
    if post is not None:
        if post.thread.network_id != network.pk or post.is_hidden:
            raise ValidationError(_("Propose a lesson from a visible post of this network."))
        thread = post.thread
    if thread is not None and thread.network_id != network.pk:
        raise ValidationError(_("Propose a lesson from a thread of this network."))
    if meeting is not None and meeting.network_id != network.pk:
        raise ValidationError(_("Propose a lesson from a meeting of this network."))
    return post, thread, meeting


@transaction.atomic
def lesson_propose(
    *,
    actor: User,
    network: LearningNetwork,
    kind: str,
    text: str,
    themes: Iterable[Any] = (),
    approaches: Iterable[Any] = (),
    post: Post | None = None,
    thread: Thread | None = None,
    meeting: Meeting | None = None,
) -> Lesson:
    """Propose a lesson. Raises Refused (not taking part, muted, archived) or ValidationError;
    nothing is stored then."""
    if not permissions.can_propose_lesson(actor, network):
        raise Refused("not_member", _("You cannot propose lessons in this network."))
    refuse_if_muted(actor, network)
    post, thread, meeting = _source(network, post, thread, meeting)
    lesson = Lesson.objects.create(
        network=network,
        kind=_clean_kind(kind),
        text=_clean_text(text),
        post=post,
        thread=thread,
        meeting=meeting,
        proposed_by=actor,
    )
    _set_links(lesson, themes, approaches)
    return lesson


@transaction.atomic
def lesson_update(
    *,
    actor: User,
    lesson: Lesson,
    kind: str,
    text: str,
    themes: Iterable[Any] = (),
    approaches: Iterable[Any] = (),
) -> Lesson:
    """The proposer improves a lesson that is not decided yet."""
    lesson = Lesson.objects.select_for_update().select_related("network").get(pk=lesson.pk)
    if not permissions.can_edit_lesson(actor, lesson):
        raise Refused(
            "not_editable", _("Only the proposer can change a lesson, until it is decided.")
        )
    lesson.kind, lesson.text = _clean_kind(kind), _clean_text(text)
    lesson.save(update_fields=["kind", "text"])
    _set_links(lesson, themes, approaches)
    return lesson


@transaction.atomic
def lesson_decide(
    *,
    actor: User,
    lesson: Lesson,
    confirm: bool,
    note: str = "",
    kind: str | None = None,
    text: str | None = None,
    themes: Iterable[Any] | None = None,
    approaches: Iterable[Any] | None = None,
) -> Lesson:
    """A moderator confirms a proposed lesson (after improving its wording or links, if need be)
    or does not confirm it, with a reason the proposer reads. A confirmed lesson can still be
    withdrawn (confirm=False, with a reason). Logged in the moderation log; the toolbox shows
    the change at once."""
    lesson = Lesson.objects.select_for_update().select_related("network").get(pk=lesson.pk)
    refuse_unless_moderator(actor, lesson.network)
    if lesson.status == LessonStatus.REJECTED or (
        lesson.status == LessonStatus.CONFIRMED and confirm
    ):
        raise Refused("already_decided", _("This lesson was already decided."))
    was_public = lesson.status == LessonStatus.CONFIRMED
    note = " ".join((note or "").split())
    if len(note) > 500:
        raise ValidationError({"note": _("Keep the note under 500 characters.")})
    if not confirm and not note:
        raise ValidationError({"note": _("Say why the lesson is not confirmed.")})
    if kind is not None:
        lesson.kind = _clean_kind(kind)
    if text is not None:
        lesson.text = _clean_text(text)
    if themes is not None or approaches is not None:
        _set_links(
            lesson,
            lesson.themes.all() if themes is None else themes,
            lesson.approaches.all() if approaches is None else approaches,
        )
    lesson.status = LessonStatus.CONFIRMED if confirm else LessonStatus.REJECTED
    lesson.decided_by, lesson.decided_at, lesson.decision_note = actor, timezone.now(), note
    lesson.save()
    log_action(
        actor=actor,
        network=lesson.network,
        kind=ModerationKind.CONFIRM_LESSON if confirm else ModerationKind.REJECT_LESSON,
        reason=note or _("Confirmed as a lesson of the network."),
        thread=lesson.thread,
        post=lesson.post,
        subject=lesson.proposed_by,
        detail=f"{lesson.get_kind_display()}: {lesson.text}",
    )
    if confirm or was_public:
        _toolbox_changed()
    notify_lesson_decided(lesson=lesson, actor=actor)
    return lesson


def _toolbox_changed() -> None:
    """Approach pages show confirmed lessons: their cached articles must be made again."""
    from toolbox import cache as toolbox_cache

    transaction.on_commit(toolbox_cache.purge)
