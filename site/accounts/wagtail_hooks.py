"""Wagtail admin: programme staff manage organisations, consortia, members and invitations."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet, SnippetViewSetGroup

from accounts import services
from accounts.models import Consortium, Invitation, Membership, Organisation
from accounts.roles import Role
from cms_core.models import Theme


class OrganisationViewSet(SnippetViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    list_display = ["name", "kind", "sector", "labour_market_region", "city"]
    list_filter = ["kind", "sector", "labour_market_region"]
    search_fields = ["name", "city"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("sector"),
        FieldPanel("labour_market_region"),
        FieldPanel("city"),
        FieldPanel("website"),
    ]


class ConsortiumViewSet(SnippetViewSet):
    model = Consortium
    icon = "site"
    menu_label = _("Consortia")
    list_display = ["name", "status", "lead_organisation", "budget"]
    list_filter = ["status", "themes"]
    search_fields = ["name", "short_description"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("short_description"),
        FieldPanel("status"),
        FieldPanel("lead_organisation"),
        FieldPanel("organisations"),
        FieldPanel("themes"),
        FieldPanel("budget"),
        FieldPanel("zonmw_file_number"),
        FieldPanel("start_date"),
        FieldPanel("end_date"),
    ]


class MembershipViewSet(SnippetViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "consortium", "role", "is_active"]
    list_filter = ["role", "is_active", "consortium"]
    search_fields = ["user__email", "user__display_name", "consortium__name"]
    panels = [
        FieldPanel("user"),
        FieldPanel("consortium"),
        FieldPanel("role"),
        FieldPanel("organisation"),
        FieldPanel("is_active"),
    ]


class InvitationCreateView(CreateView):
    """Creates invitations through the service, which generates the token and sends the e-mail."""

    def save_instance(self) -> Invitation:
        data = self.form.cleaned_data
        invitation, _token = services.invitation_create(
            actor=self.request.user,
            email=data["email"],
            consortium=data.get("consortium"),
            consortium_role=data.get("consortium_role") or "",
            programme_role=data.get("programme_role") or "",
            message=data.get("message") or "",
        )
        return invitation

    def form_valid(self, form: Any) -> Any:
        try:
            return super().form_valid(form)
        except ValidationError as error:
            for field, errors in getattr(error, "error_dict", {None: error.error_list}).items():
                for item in errors:
                    form.add_error(field if field in form.fields else None, item)
            return self.form_invalid(form)


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "mail"
    menu_label = _("Invitations")
    add_view_class = InvitationCreateView
    inspect_view_enabled = True
    list_display = ["email", "target_label", "status", "created_at", "expires_at"]
    list_filter = ["consortium", "programme_role"]
    search_fields = ["email"]
    panels = [
        FieldPanel("email"),
        FieldPanel("consortium"),
        FieldPanel("consortium_role"),
        FieldPanel(
            "programme_role",
            widget=forms.Select(choices=[("", "---------"), *Role.choices]),
        ),
        FieldPanel("message"),
    ]


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["name", "is_priority", "sort_order"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("description"),
        FieldPanel("is_priority"),
        FieldPanel("sort_order"),
    ]


class ProgrammeViewSetGroup(SnippetViewSetGroup):
    menu_label = _("Programme")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (
        ConsortiumViewSet,
        OrganisationViewSet,
        MembershipViewSet,
        InvitationViewSet,
        ThemeViewSet,
    )


register_snippet(ProgrammeViewSetGroup)
