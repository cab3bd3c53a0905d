"""Input shapes for the learning networks; the services hold the rules and say what is wrong."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from accounts.models import Consortium
from cms_core.models import Theme
from cms_core.uploads import ALLOWED_EXTENSIONS
from learning_network.models import (
    Category,
    Digest,
    LearningNetwork,
    Lesson,
    LessonKind,
    ModerationKind,
    NetworkKind,
    NetworkRole,
    PostAttachment,
    Thread,
)
from learning_network.services import MAX_BODY_CHARS, MAX_MUTE_DAYS
from toolbox.models import ApproachPage

BODY_HELP = _(
    "Write about roles and situations, never about named employees. Empty lines start a new "
    "paragraph; mention someone with @ and their name."
)


class BodyField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Your message"))
        kwargs.setdefault("help_text", BODY_HELP)
        kwargs.setdefault("max_length", MAX_BODY_CHARS)
        kwargs.setdefault("widget", forms.Textarea(attrs={"rows": 6}))
        super().__init__(**kwargs)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class FilesField(forms.FileField):
    """Zero or more files; the service checks kind, content and size (cms_core.uploads)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Attach files"))
        kwargs.setdefault(
            "help_text",
            _(
                "Optional, at most %(max)s files of up to 10 MB each: %(kinds)s. Members of this "
                "network can download them; attach nothing with names of employees."
            )
            % {"max": PostAttachment.MAX_PER_POST, "kinds": ALLOWED_EXTENSIONS},
        )
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[Any]:
        if isinstance(data, list | tuple):
            return [super(FilesField, self).clean(item, initial) for item in data if item]
        return [data] if data else []


class ThreadForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    body = BodyField()
    attachments = FilesField()
    pseudonymous = forms.BooleanField(
        label=_("Post under my pseudonym in this category"),
        required=False,
        help_text=_("Only programme staff can see who is behind a pseudonym."),
    )

    def __init__(self, *args: Any, network: LearningNetwork, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        categories = network.categories.all()
        field = self.fields["category"]
        field.queryset = categories  # type: ignore[attr-defined]
        if len(categories) == 1:
            field.initial = categories[0].pk
        if not network.allows_pseudonyms and not any(c.allows_pseudonyms for c in categories):
            del self.fields["pseudonymous"]


class ReplyForm(forms.Form):
    body = BodyField(label=_("Your reply"))
    attachments = FilesField()
    quote = forms.IntegerField(required=False, widget=forms.HiddenInput)
    pseudonymous = forms.BooleanField(
        label=_("Post under my pseudonym in this category"),
        required=False,
        help_text=_("Only programme staff can see who is behind a pseudonym."),
    )

    def __init__(self, *args: Any, pseudonyms_allowed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not pseudonyms_allowed:
            del self.fields["pseudonymous"]


class EditForm(forms.Form):
    body = BodyField()


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Members of the network read this reason in the moderation log."),
    )


class FlagForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this post?"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only the moderators see your report."),
    )


THREAD_ACTION_CHOICES = [
    (kind.value, kind.label)
    for kind in (
        ModerationKind.LOCK,
        ModerationKind.UNLOCK,
        ModerationKind.PIN,
        ModerationKind.UNPIN,
        ModerationKind.CLOSE,
        ModerationKind.REOPEN,
        ModerationKind.MOVE,
    )
]


class ThreadModerationForm(ReasonForm):
    action = forms.ChoiceField(label=_("Action"), choices=THREAD_ACTION_CHOICES)
    category = forms.ModelChoiceField(
        label=_("Move to category"),
        queryset=Category.objects.none(),
        required=False,
        help_text=_("Only when moving the thread."),
    )
    field_order = ["action", "category", "reason"]

    def __init__(self, *args: Any, network: LearningNetwork, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = network.categories.all()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == ModerationKind.MOVE and not cleaned.get("category"):
            self.add_error("category", _("Choose the category to move the thread to."))
        return cleaned


class MuteForm(ReasonForm):
    days = forms.IntegerField(
        label=_("Number of days"),
        min_value=1,
        max_value=MAX_MUTE_DAYS,
        initial=7,
        help_text=_("The member can still read, but not post."),
    )
    field_order = ["days", "reason"]


class NetworkForm(forms.ModelForm):
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = LearningNetwork
        fields = ["name", "kind", "description", "region", "allows_pseudonyms", "is_archived"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A panel round's discussion comes with its review round, not from this form.
        kind = self.fields["kind"]
        kind.choices = [  # type: ignore[attr-defined]
            choice
            for choice in kind.choices  # type: ignore[attr-defined]
            if choice[0] != NetworkKind.PANEL_ROUND
            or (self.instance.pk and self.instance.kind == NetworkKind.PANEL_ROUND)
        ]


class NetworkCreateForm(NetworkForm):
    categories = forms.CharField(
        label=_("Categories"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Without any, the network gets the category 'General'."),
    )

    class Meta(NetworkForm.Meta):
        fields = ["name", "kind", "description", "region", "allows_pseudonyms"]


class MemberForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the account"))
    role = forms.ChoiceField(label=_("Role"), choices=NetworkRole.choices)

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(
                _("No active account has this address. Invite the person first.")
            )
        self.cleaned_data["user"] = user
        return email


class ConsortiumLinkForm(forms.Form):
    consortium = forms.ModelChoiceField(label=_("Consortium"), queryset=Consortium.objects.all())


class CategoryForm(forms.Form):
    name = forms.CharField(label=_("Name of the category"), max_length=80)
    allows_pseudonyms = forms.BooleanField(
        label=_("Pseudonymous posting allowed"),
        required=False,
        help_text=_("For sensitive topics: members may post here under a pseudonym."),
    )


class NotificationSettingsForm(forms.Form):
    live_mentions = forms.BooleanField(
        label=_("Show a notice at once when someone mentions me"), required=False
    )
    live_replies = forms.BooleanField(
        label=_("Show a notice at once of replies in threads I follow"), required=False
    )
    digest = forms.ChoiceField(
        label=_("E-mail digest"),
        choices=Digest.choices,
        widget=forms.RadioSelect,
        help_text=_("A daily e-mail with what you missed; nothing is sent when nothing happened."),
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search in this network"), max_length=200, required=False)


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=160)
    starts_at = forms.DateTimeField(
        label=_("Starts at"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    ends_at = forms.DateTimeField(
        label=_("Ends at"), widget=DateTimeInput(), input_formats=["%Y-%m-%dT%H:%M"]
    )
    location = forms.CharField(
        label=_("Place"),
        max_length=200,
        required=False,
        help_text=_("Address or building and room. Leave empty for an online meeting."),
    )
    online_url = forms.URLField(
        label=_("Online link"),
        max_length=500,
        required=False,
        assume_scheme="https",
        help_text=_("Link to the video meeting. Only members of the network see it."),
    )
    capacity = forms.IntegerField(
        label=_("Places"),
        min_value=1,
        max_value=10_000,
        required=False,
        help_text=_("Leave empty when there is no limit."),
    )
    agenda = BodyField(
        label=_("Agenda"),
        help_text=_("One item per line, or paragraphs. Empty lines start a new paragraph."),
    )
    threads = forms.ModelMultipleChoiceField(
        label=_("Linked threads"),
        queryset=Thread.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Threads that prepare or follow up the meeting."),
    )
    is_cancelled = forms.BooleanField(
        label=_("The meeting is cancelled"),
        required=False,
        help_text=_("Cancelled meetings stay visible, marked as cancelled."),
    )

    def __init__(self, *args: Any, network: LearningNetwork, editing: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["threads"].queryset = network.threads.order_by(  # type: ignore[attr-defined]
            "-last_post_at"
        )
        if not editing:
            del self.fields["is_cancelled"]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        max_length=MAX_BODY_CHARS,
        required=False,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_(
            "What was discussed and agreed. Write about roles and situations, never about named "
            "employees. Leave empty to remove the minutes."
        ),
    )


class LessonForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of lesson"), choices=LessonKind.choices)
    text = forms.CharField(
        label=_("The lesson"),
        max_length=Lesson.MAX_TEXT_CHARS,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_(
            "One lesson in a few sentences, so that others can use it. Once confirmed it appears "
            "in the public toolbox: no names, e-mail addresses or phone numbers."
        ),
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Themes"),
        queryset=Theme.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    approaches = forms.ModelMultipleChoiceField(
        label=_("Approaches in the toolbox"),
        queryset=ApproachPage.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The lesson appears on these approach pages once it is confirmed."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["approaches"].queryset = (  # type: ignore[attr-defined]
            ApproachPage.objects.live().public().order_by("title")
        )


class LessonDecisionForm(LessonForm):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            ("bevestigen", _("Confirm: the lesson appears in the toolbox")),
            ("afwijzen", _("Do not confirm")),
        ],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Note for the proposer"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Required when you do not confirm the lesson: say why."),
    )
