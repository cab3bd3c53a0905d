"""Forms of the panel's review rounds: opening a round (staff), asking for one (a consortium),
advice (a panel member), the summary and the consortium's answer per point. Texts the panel
reads are plain language (B1)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium, User
from accounts.roles import ROLE_GROUP_NAMES, Role
from action_research.forms.common import DATE_INPUT, text_field
from action_research.models import (
    MAX_QUESTIONS,
    Advice,
    AdvicePoint,
    InputResponse,
    Recommendation,
    ReviewRound,
    SubjectKind,
)
from action_research.models.panel import MAX_ADVICE_TEXT

QUESTION_HELP = _("Plain language: short sentences, no jargon. Leave empty what you do not need.")


class PanelMemberField(forms.ModelMultipleChoiceField):
    """Panel members by display name and real name: this form is for programme staff only."""

    def label_from_instance(self, obj: Any) -> str:
        real = obj.full_name or obj.email
        return f"{obj.display_name} ({real})" if obj.display_name else real


def panel_members() -> Any:
    return User.objects.filter(is_active=True, groups__name=ROLE_GROUP_NAMES[Role.PANEL]).order_by(
        "display_name", "email"
    )


class _QuestionsMixin(forms.Form):
    def add_question_fields(self, required_first: bool = True) -> None:
        for number in range(1, MAX_QUESTIONS + 1):
            self.fields[f"question_{number}"] = forms.CharField(
                label=_("Question %(number)s") % {"number": number},
                max_length=300,
                required=required_first and number == 1,
                widget=forms.TextInput(attrs={"size": 80}),
                help_text=QUESTION_HELP if number == 1 else "",
            )

    def question_fields(self) -> list[forms.BoundField]:
        return [self[f"question_{n}"] for n in range(1, MAX_QUESTIONS + 1)]

    def questions(self) -> list[str]:
        return [self.cleaned_data.get(f"question_{n}", "") for n in range(1, MAX_QUESTIONS + 1)]


class RoundForm(_QuestionsMixin):
    """Programme staff open a round (or take on a requested one, or change an open one)."""

    title = forms.CharField(label=_("Title"), max_length=160)
    subject_kind = forms.ChoiceField(
        label=_("What the panel advises on"), choices=SubjectKind.choices
    )
    consortium = forms.ModelChoiceField(
        label=_("Consortium"),
        queryset=Consortium.objects.order_by("name"),
        required=False,
        help_text=_("Whose plan or approach it is; empty for a document of the programme."),
    )
    approach: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Draft approach"),
        queryset=None,  # type: ignore[arg-type]
        required=False,
    )
    introduction = text_field(
        _("What it is about"),
        2000,
        help_text=_("A few sentences in plain language: what the panel reads and why."),
    )
    document = forms.FileField(label=_("Document"), required=False)
    deadline = forms.DateField(label=_("Deadline"), widget=DATE_INPUT)
    invitees = PanelMemberField(
        label=_("Invite"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    share_with_consortium = forms.BooleanField(
        label=_("The consortium sees the advice"), required=False, initial=True
    )
    anonymous = forms.BooleanField(
        label=_("Show the advice as “panellid 1, 2, …” to the committee and the consortium"),
        required=False,
    )

    def __init__(self, *args: Any, review_round: ReviewRound | None = None, **kwargs: Any) -> None:
        from toolbox.models import ApproachPage

        super().__init__(*args, **kwargs)
        self.review_round = review_round
        self.add_question_fields()
        self.fields["approach"].queryset = ApproachPage.objects.order_by("title")  # type: ignore[attr-defined]
        members = panel_members()
        invited: list[int] = []
        if review_round is not None and review_round.pk:
            invited = list(review_round.invitations.values_list("user_id", flat=True))
        self.fields["invitees"].queryset = members.exclude(pk__in=invited)  # type: ignore[attr-defined]
        self.already_invited = list(User.objects.filter(pk__in=invited).order_by("display_name"))
        if review_round is not None and review_round.pk:
            # What the round is about was settled when it was asked for or opened.
            for name in ("subject_kind", "consortium", "approach", "document"):
                self.fields[name].disabled = True
        if review_round is not None and review_round.status == "open":
            # Once asked, questions stay: answers are stored by their position.
            for field in self.question_fields():
                field.field.disabled = True

    @classmethod
    def initial_for(cls, review_round: ReviewRound | None) -> dict[str, Any]:
        if review_round is None:
            return {"share_with_consortium": True}
        initial: dict[str, Any] = {
            name: getattr(review_round, name) for name in ReviewRound.EDITABLE_FIELDS
        }
        initial["consortium"] = review_round.consortium_id
        initial["approach"] = review_round.approach_id
        for number, question in enumerate(review_round.questions, 1):
            initial[f"question_{number}"] = question
        return initial

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ReviewRound.EDITABLE_FIELDS}


class RequestForm(_QuestionsMixin):
    """A consortium asks the panel for advice on its plan."""

    title = forms.CharField(
        label=_("Title"),
        max_length=160,
        help_text=_("E.g. “Projectplan uitvoeringsfase 2027”."),
    )
    introduction = text_field(
        _("What it is about"),
        2000,
        help_text=_("A few sentences in plain language for the panel: what they read and why."),
    )
    request_note = text_field(
        _("Why you ask for advice now"),
        2000,
        help_text=_("For programme staff: what you will do with the advice, and when."),
    )
    document = forms.FileField(label=_("Your plan (PDF, Word or OpenDocument)"))
    deadline = forms.DateField(
        label=_("Advice needed by"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Programme staff set the deadline; give at least three weeks."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.add_question_fields()

    def data_for_service(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name]
            for name in ("title", "introduction", "request_note", "deadline")
        }


class AdviceForm(forms.Form):
    """A panel member's advice; every field may stay empty until it is sent."""

    works = text_field(
        _("What works for employees in this plan?"),
        MAX_ADVICE_TEXT,
        rows=5,
        help_text=_("What helps people who are ill and look for work elsewhere?"),
    )
    worries = text_field(
        _("What worries you?"),
        MAX_ADVICE_TEXT,
        rows=5,
        help_text=_("Write each worry on its own line, starting with a dash (-)."),
    )
    missing = text_field(
        _("What is missing?"),
        MAX_ADVICE_TEXT,
        rows=5,
        help_text=_("Write each point on its own line, starting with a dash (-)."),
    )
    recommendation = forms.ChoiceField(
        label=_("Your advice"),
        choices=Recommendation.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    conditions = text_field(
        _("On which conditions?"),
        MAX_ADVICE_TEXT,
        rows=3,
        help_text=_("Only if you chose “support on conditions”."),
    )
    comments = text_field(_("Anything else?"), MAX_ADVICE_TEXT, rows=4)
    anonymous = forms.BooleanField(
        label=_("Show my advice without my name"),
        required=False,
        help_text=_("The committee and the consortium then see “panellid” and a number."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, review_round: ReviewRound, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.review_round = review_round
        for number, question in enumerate(review_round.questions, 1):
            self.fields[f"answer_{number}"] = text_field(question, MAX_ADVICE_TEXT, rows=4)
        self.order_fields(
            ["works", "worries", "missing"]
            + [f"answer_{n}" for n in range(1, len(review_round.questions) + 1)]
        )

    @classmethod
    def initial_for(cls, advice: Advice | None) -> dict[str, Any]:
        if advice is None:
            return {"version": 0}
        initial: dict[str, Any] = {name: getattr(advice, name) for name in Advice.EDITABLE_FIELDS}
        initial["version"] = advice.version
        for number, answer in enumerate(advice.answers, 1):
            initial[f"answer_{number}"] = answer
        return initial

    def answer_fields(self) -> list[forms.BoundField]:
        return [self[f"answer_{n}"] for n in range(1, len(self.review_round.questions) + 1)]

    def answers(self) -> list[str]:
        return [
            self.cleaned_data.get(f"answer_{n}", "")
            for n in range(1, len(self.review_round.questions) + 1)
        ]

    def data_for_service(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in Advice.EDITABLE_FIELDS}

    def started_from(self) -> int | None:
        version = self.cleaned_data.get("version")
        return version or None


class SummaryForm(forms.Form):
    summary = text_field(
        _("Summary of the panel's advice"),
        6000,
        required=True,
        rows=10,
        help_text=_(
            "What the panel agrees on, where opinions differ, and the main points of advice. "
            "Committee, consortium and panel read this; name nobody."
        ),
    )


class DeclineForm(forms.Form):
    reason = text_field(_("Why not"), 2000, required=True, rows=4)


class AnswerForm(forms.Form):
    """The consortium's answer per point: what it did with it and why."""

    def __init__(self, *args: Any, points: list[AdvicePoint], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.points = points
        for point in points:
            self.fields[f"response_{point.pk}"] = forms.ChoiceField(
                label=_("What did you do with it?"),
                choices=InputResponse.choices,
                widget=forms.RadioSelect,
                initial=point.response,
            )
            self.fields[f"reason_{point.pk}"] = text_field(
                _("Why?"), 2000, rows=2, help_text=_("The panel member reads this.")
            )
            self.initial.setdefault(f"reason_{point.pk}", point.reason)
            self.initial.setdefault(f"response_{point.pk}", point.response)

    def answers(self) -> dict[int, tuple[str, str]]:
        return {
            point.pk: (
                self.cleaned_data[f"response_{point.pk}"],
                self.cleaned_data.get(f"reason_{point.pk}", ""),
            )
            for point in self.points
        }

    def fields_for(self, point: AdvicePoint) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"response_{point.pk}"], self[f"reason_{point.pk}"]
