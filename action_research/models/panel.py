"""Review rounds of the experience-expert panel: a subject, questions, invitations, advice, and
what the consortium did with every point of it.

A round goes requested (a consortium asks) → open (programme staff invite the panel) → closed
(no more advice) → handled (staff summarised it and, where the consortium sees the advice, the
consortium answered every point). Panel members are known to each other and to the committee and
consortium by their display name, or as "panellid N" when the round or the member asks for that;
their real name is for programme staff only.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from action_research.models.experts import InputResponse
from cms_core.uploads import private_storage

MAX_QUESTIONS = 5
MAX_ADVICE_TEXT = 4000


class SubjectKind(models.TextChoices):
    PLAN = "plan", _("Project plan or grant application")
    APPROACH = "aanpak", _("Draft approach for the toolbox")
    DOCUMENT = "document", _("Other document")


class RoundStatus(models.TextChoices):
    REQUESTED = "aangevraagd", _("Requested")
    OPEN = "open", _("Open for advice")
    CLOSED = "gesloten", _("Closed")
    HANDLED = "afgehandeld", _("Handled")
    DECLINED = "afgewezen", _("Not taken on")


class ReviewRound(models.Model):
    """One subject put to the panel, with up to five questions in plain language."""

    # What programme staff set when they open or change a round (besides questions and invitees).
    EDITABLE_FIELDS = (
        "title",
        "subject_kind",
        "introduction",
        "deadline",
        "share_with_consortium",
        "anonymous",
    )

    title = models.CharField(_("title"), max_length=160)
    subject_kind = models.CharField(_("subject"), max_length=12, choices=SubjectKind.choices)
    consortium = models.ForeignKey(
        "accounts.Consortium",
        verbose_name=_("consortium"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="review_rounds",
    )
    approach = models.ForeignKey(
        "toolbox.ApproachPage",
        verbose_name=_("approach"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_rounds",
    )
    introduction = models.TextField(_("what it is about"), max_length=2000, blank=True)
    questions = models.JSONField(_("questions"), default=list, blank=True)
    document = models.FileField(
        _("document"), storage=private_storage, upload_to="panel/%Y/", blank=True
    )
    document_name = models.CharField(max_length=200, blank=True)
    document_type = models.CharField(max_length=120, blank=True)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    share_with_consortium = models.BooleanField(
        _("the consortium sees the advice"),
        default=True,
        help_text=_("Otherwise the consortium sees the summary only."),
    )
    anonymous = models.BooleanField(
        _("anonymous advice"),
        default=False,
        help_text=_(
            "The committee and the consortium see “panellid 1, 2, …” instead of display names."
        ),
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    request_note = models.TextField(_("why you ask for advice"), max_length=2000, blank=True)
    decline_reason = models.TextField(_("reason"), max_length=2000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("summary of the panel's advice"), max_length=6000, blank=True)
    summary_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary_at = models.DateTimeField(null=True, blank=True)
    handled_at = models.DateTimeField(null=True, blank=True)
    # The panel's own discussion of the round: a learning network of the invited members, so
    # threads, live updates and moderation are the learning networks' own.
    discussion = models.OneToOneField(
        "learning_network.LearningNetwork",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="review_round",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("review round")
        verbose_name_plural = _("review rounds")
        indexes = [models.Index(fields=["status", "deadline"], name="ar_round_status_deadline")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN

    @property
    def deadline_passed(self) -> bool:
        return self.deadline is not None and self.deadline < timezone.localdate()


class RoundInvitation(models.Model):
    """A panel member asked to advise in a round; `number` is their "panellid N" in it."""

    round = models.ForeignKey(ReviewRound, on_delete=models.CASCADE, related_name="invitations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="panel_invitations"
    )
    number = models.PositiveSmallIntegerField()
    invited_at = models.DateTimeField(default=timezone.now)
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["round", "number"]
        constraints = [
            models.UniqueConstraint(fields=["round", "user"], name="ar_invitation_once"),
            models.UniqueConstraint(fields=["round", "number"], name="ar_invitation_number"),
        ]

    def __str__(self) -> str:
        return f"panellid {self.number} in {self.round_id}"


class AdviceStatus(models.TextChoices):
    DRAFT = "concept", _("Draft")
    SUBMITTED = "ingediend", _("Sent")
    WITHDRAWN = "ingetrokken", _("Withdrawn")


class Recommendation(models.TextChoices):
    SUPPORT = "steun", _("Support")
    CONDITIONAL = "steun-onder-voorwaarden", _("Support on conditions")
    NO_SUPPORT = "geen-steun", _("No support")


class Advice(models.Model):
    """One panel member's advice in a round. Saved as a draft while typing; sent when ready.

    `answers` holds the answers to the round's questions, in their order. `version` grows with
    every save, so that a save from an older copy (a second tab) cannot overwrite a newer one.
    """

    # What the panel member writes (besides the answers to the questions).
    EDITABLE_FIELDS = (
        "works",
        "worries",
        "missing",
        "recommendation",
        "conditions",
        "comments",
        "anonymous",
    )

    invitation = models.OneToOneField(
        RoundInvitation, on_delete=models.CASCADE, related_name="advice"
    )
    works = models.TextField(_("what works for employees"), max_length=MAX_ADVICE_TEXT, blank=True)
    worries = models.TextField(_("what worries you"), max_length=MAX_ADVICE_TEXT, blank=True)
    missing = models.TextField(_("what is missing"), max_length=MAX_ADVICE_TEXT, blank=True)
    answers = models.JSONField(_("answers"), default=list, blank=True)
    recommendation = models.CharField(
        _("your advice"), max_length=24, choices=Recommendation.choices, blank=True
    )
    conditions = models.TextField(_("on which conditions"), max_length=MAX_ADVICE_TEXT, blank=True)
    comments = models.TextField(_("other comments"), max_length=MAX_ADVICE_TEXT, blank=True)
    anonymous = models.BooleanField(
        _("show my advice without my name"),
        default=False,
        help_text=_("The committee and the consortium then see “panellid” and a number."),
    )
    status = models.CharField(
        max_length=12, choices=AdviceStatus.choices, default=AdviceStatus.DRAFT
    )
    version = models.PositiveIntegerField(default=1)
    saved_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("advice")
        verbose_name_plural = _("advice")

    def __str__(self) -> str:
        return f"advice {self.pk} ({self.status})"

    def text_fields(self) -> list[tuple[str, str]]:
        """(field, text) of every free text, answers as answer_1 … answer_5."""
        texts = [
            (name, str(getattr(self, name) or ""))
            for name in ("works", "worries", "missing", "conditions", "comments")
        ]
        texts += [(f"answer_{i}", str(text or "")) for i, text in enumerate(self.answers, 1)]
        return texts


class PointKind(models.TextChoices):
    WORRY = "zorg", _("Worry")
    MISSING = "ontbreekt", _("Missing")
    CONDITION = "voorwaarde", _("Condition")
    ANSWER = "antwoord", _("Answer to a question")
    COMMENT = "opmerking", _("Comment")


class AdvicePoint(models.Model):
    """A point of sent advice that the consortium answers: what it did with it, and why.

    The text is copied when the advice is sent, so that the answer stays next to what was said.
    """

    advice = models.ForeignKey(Advice, on_delete=models.CASCADE, related_name="points")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(max_length=12, choices=PointKind.choices)
    question = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(max_length=MAX_ADVICE_TEXT)
    response = models.CharField(
        _("what was done with it"),
        max_length=20,
        choices=InputResponse.choices,
        default=InputResponse.OPEN,
    )
    reason = models.TextField(_("why"), max_length=2000, blank=True)
    responded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    responded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["advice", "position"]
        constraints = [
            models.UniqueConstraint(fields=["advice", "position"], name="ar_point_position"),
            models.CheckConstraint(
                condition=Q(response="open") | ~Q(reason=""), name="ar_point_answer_has_reason"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.position} of advice {self.advice_id}"
