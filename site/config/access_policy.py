"""The central access policy: who may use every URL and every WebSocket route (deny by default).

Every named URL pattern and every WebSocket route must appear here; `tests/test_access_policy.py`
walks the URL resolver and the WebSocket router and fails for any route without a declaration.
The middleware (`config.middleware.AccessPolicyMiddleware`) and the WebSocket middleware
(`config.websocket.WebsocketAccessMiddleware`) enforce the role part of each rule; object-level
checks (is this *your* consortium's record?) are made by the app's selectors, through its
permission predicates, and answer 404 so that foreign objects are not even confirmed to exist.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

from accounts import permissions
from accounts.roles import Role


class Audience(enum.Enum):
    PUBLIC = "public"  # anyone, no account
    SIGNED_IN = "signed_in"  # any active account
    ROLES = "roles"  # holders of the listed programme roles (and consortium members if said)
    CONSORTIUM_OBJECT = (
        "consortium_object"  # members + listed roles; the selector checks the object
    )
    WAGTAIL_ADMIN = "wagtail_admin"  # signed in; Wagtail's own permissions decide the rest


class Decision(enum.Enum):
    ALLOW = "allow"
    LOGIN = "login"  # anonymous: redirect to the login page (WebSocket: close)
    FORBID = "forbid"  # signed in but not entitled: 403 (WebSocket: close)


@dataclass(frozen=True)
class Rule:
    audience: Audience
    roles: frozenset[str] = field(default_factory=frozenset)
    consortium_members: bool = False
    note: str = ""

    def decide(self, user: Any) -> Decision:
        if self.audience is Audience.PUBLIC:
            return Decision.ALLOW
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return Decision.LOGIN
        if self.audience in (Audience.SIGNED_IN, Audience.WAGTAIL_ADMIN):
            return Decision.ALLOW
        if any(permissions.has_role(user, role) for role in self.roles):
            return Decision.ALLOW
        if self.consortium_members and permissions.is_consortium_member(user):
            return Decision.ALLOW
        return Decision.FORBID


PUBLIC = Rule(Audience.PUBLIC)
SIGNED_IN = Rule(Audience.SIGNED_IN)
WAGTAIL_ADMIN = Rule(Audience.WAGTAIL_ADMIN, note="Wagtail checks wagtailadmin.access_admin.")


def roles(*allowed: str, consortium_members: bool = False) -> Rule:
    return Rule(Audience.ROLES, frozenset(allowed), consortium_members)


def consortium_object(*allowed: str) -> Rule:
    """Consortium members and the given roles; the selector then checks the object itself."""
    return Rule(Audience.CONSORTIUM_OBJECT, frozenset(allowed), consortium_members=True)


STAFF_ONLY = roles(Role.PROGRAMME_STAFF)

# --- URL names ----------------------------------------------------------------------------------
URL_POLICY: dict[str, Rule] = {
    # platform
    "health": PUBLIC,
    "set_language": PUBLIC,
    "robots_txt": PUBLIC,
    "sitemap": PUBLIC,  # lists live, public pages only
    # toolbox (pages themselves are Wagtail pages: wagtail_serve)
    "toolbox:news_feed": PUBLIC,
    # a consortium's approaches: its members (and staff, committee read); selectors check the
    # consortium (404 for another one's), the views check who may draft (observers may not)
    "toolbox:consortium_approaches": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    "toolbox:approach_create": consortium_object(Role.PROGRAMME_STAFF),
    "toolbox:approach_edit": consortium_object(Role.PROGRAMME_STAFF),
    "toolbox:approach_preview": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    "toolbox:approach_submit": consortium_object(Role.PROGRAMME_STAFF),
    "wagtail_serve": PUBLIC,  # Wagtail's own page privacy applies to restricted pages
    "wagtaildocs_serve": PUBLIC,  # Wagtail's own collection privacy applies
    "wagtaildocs_authenticate_with_password": PUBLIC,
    "wagtailcore_authenticate_with_password": PUBLIC,
    "wagtailadmin_login_redirect": PUBLIC,
    "wagtailcore_login_redirect": PUBLIC,
    "wagtailcore_login": PUBLIC,  # shadowed by wagtailcore_login_redirect (allauth's login)
    # accounts
    "accounts:dashboard": SIGNED_IN,
    "accounts:profile": SIGNED_IN,
    "accounts:consortium_list": roles(
        Role.PROGRAMME_STAFF, Role.COMMITTEE, consortium_members=True
    ),
    "accounts:consortium_detail": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    # coordinators of the consortium and programme staff; the view and service check the object
    "accounts:consortium_invite": consortium_object(Role.PROGRAMME_STAFF),
    "accounts:invitation_revoke": consortium_object(Role.PROGRAMME_STAFF),
    # consortium workspaces: the consortium's own members and programme staff; never the
    # committee, observers or other consortia (selectors answer 404). Within the consortium,
    # `action_research.permissions` decides per section: observers read but do not write (403),
    # experience experts see the sections the consortium shares with them (403 otherwise),
    # coordinators alone change the project and restore removed records (403 otherwise).
    **{
        f"action_research:{name}": consortium_object(Role.PROGRAMME_STAFF)
        for name in (
            "workspace",
            "project_edit",
            "activity",
            "record_history",
            "removed",
            "record_delete",
            "record_restore",
            "cycle_detail",
            "cycle_create",
            "cycle_edit",
            "cycle_close",
            "cycle_reopen",
            "cycle_delete",
            "cycle_restore",
            "attachment_add",
            "attachment_download",
            "process_list",
            "process_create",
            "process_detail",
            "process_edit",
            "trajectory_list",
            "trajectory_create",
            "follow_ups",
            "codes",
            "codes_download",
            "trajectory_detail",
            "trajectory_edit",
            "trajectory_follow_up",
            "cost_list",
            "cost_create",
            "cost_edit",
            "expert_overview",
            "expert_create",
            "expert_edit",
            "expert_input_create",
            "expert_input_edit",
            "gripp2",
            "transfer",
            "import_upload",
            "import_detail",
            "import_template",
            "codebook",
            "export",
        )
    },
    # the experience-expert panel: the start page for everyone who follows rounds; a round for
    # staff, invited panel members, the committee (once open) and its own consortium (the
    # selector answers 404 to anyone else, e.g. another consortium or a panel member not
    # invited); staff run rounds; invited panel members advise; the consortium's coordinators
    # and researchers ask for a round and answer the advice (the views check, 403 otherwise)
    "action_research:panel": roles(
        Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.PANEL, consortium_members=True
    ),
    "action_research:panel_round": consortium_object(
        Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.PANEL
    ),
    "action_research:panel_document": consortium_object(
        Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.PANEL
    ),
    "action_research:panel_approach": consortium_object(
        Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.PANEL
    ),
    # a closed round's advice as CSV: whoever reads the advice (public labels only)
    "action_research:panel_advice_export": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    "action_research:panel_round_create": STAFF_ONLY,
    "action_research:panel_round_edit": STAFF_ONLY,
    "action_research:panel_round_decline": STAFF_ONLY,
    "action_research:panel_round_close": STAFF_ONLY,
    "action_research:panel_round_summary": STAFF_ONLY,
    "action_research:panel_advice": roles(Role.PANEL),
    "action_research:panel_advice_autosave": roles(Role.PANEL),
    "action_research:panel_advice_withdraw": roles(Role.PANEL),
    "action_research:panel_request": consortium_object(Role.PROGRAMME_STAFF),
    "action_research:panel_answer": consortium_object(),
    # learning networks: any account may ask; the selector answers 404 unless the viewer takes
    # part in the network (added by name, through their consortium, or programme staff). Within
    # a network the views check the part: moderators moderate (403 otherwise), programme staff
    # set networks up and alone see who moderated and who is behind a pseudonym.
    **{
        f"learning_network:{name}": SIGNED_IN
        for name in (
            "list",
            "notifications",
            "network",
            "search",
            "thread_create",
            "thread",
            "thread_follow",
            "post_edit",
            "post_history",
            "attachment",
            "post_flag",
            "moderation_log",
            "thread_moderate",
            "post_hide",
            "post_restore",
            "moderation",
            "flag_dismiss",
            "member_mute",
            "mute_lift",
            "meetings",
            "meeting_create",
            "meeting",
            "meeting_edit",
            "meeting_minutes",
            "meeting_sign_up",
            "meeting_calendar",
            "lessons",
            "lesson_propose",
            "lesson_edit",
            "lesson_decide",
        )
    },
    # evaluation: programme aggregates for staff, the committee and observers (small numbers
    # hidden); one project's figures for its own members (whole), staff and the committee
    # (hidden); other consortia get 404 from the selector
    "evaluation:dashboard": roles(Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.OBSERVER),
    "evaluation:project": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    # the annual report: the dashboard's audience and rules, for one year
    "evaluation:annual_reports": roles(Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.OBSERVER),
    "evaluation:annual_report": roles(Role.PROGRAMME_STAFF, Role.COMMITTEE, Role.OBSERVER),
    # record-level exports: programme staff for every consortium (pseudonymised); a consortium
    # its own project, as far as the member may read the section (the selector checks)
    "evaluation:exports": STAFF_ONLY,
    "evaluation:export": STAFF_ONLY,
    "evaluation:codebook": STAFF_ONLY,
    "evaluation:project_bundle": STAFF_ONLY,  # for the independent evaluators
    "evaluation:project_export": consortium_object(Role.PROGRAMME_STAFF),
    # cost-benefit analyses: read by the consortium's members who read its costs, staff and the
    # committee (a result built on n < 5 withheld outside the consortium); set up and changed
    # by those who keep the cost records and programme staff (the selector and view check)
    "evaluation:cost_benefits": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    "evaluation:cost_benefit": consortium_object(Role.PROGRAMME_STAFF, Role.COMMITTEE),
    "evaluation:cost_benefit_create": consortium_object(Role.PROGRAMME_STAFF),
    "evaluation:cost_benefit_edit": consortium_object(Role.PROGRAMME_STAFF),
    "evaluation:cost_benefit_delete": consortium_object(Role.PROGRAMME_STAFF),
    "learning_network:create": STAFF_ONLY,
    "learning_network:manage": STAFF_ONLY,
    "learning_network:remove": STAFF_ONLY,
    "learning_network:moderation_log_export": STAFF_ONLY,
    "accounts:invitation_accept": PUBLIC,  # the token is the credential; checked by the service
    "accounts:project_list": PUBLIC,  # public project facts only: no members, no budget lines
    "accounts:project_detail": PUBLIC,
    # allauth: public entry points (allauth handles signed-in visitors itself)
    "account_login": PUBLIC,
    "account_logout": PUBLIC,
    "account_inactive": PUBLIC,
    "account_signup": PUBLIC,
    "account_email_verification_sent": PUBLIC,
    "account_confirm_email": PUBLIC,
    "account_reset_password": PUBLIC,
    "account_reset_password_done": PUBLIC,
    "account_reset_password_from_key": PUBLIC,
    "account_reset_password_from_key_done": PUBLIC,
    "mfa_authenticate": PUBLIC,
    "account_confirm_login_code": PUBLIC,  # a login stage; allauth refuses it when none is pending  # the second login step, before the session is signed in
    # allauth: account management, signed in only
    "account_reauthenticate": SIGNED_IN,
    "account_email": SIGNED_IN,
    "account_change_password": SIGNED_IN,
    "account_set_password": SIGNED_IN,
    "mfa_index": SIGNED_IN,
    "mfa_reauthenticate": SIGNED_IN,
    "mfa_activate_totp": SIGNED_IN,
    "mfa_deactivate_totp": SIGNED_IN,
    "mfa_view_recovery_codes": SIGNED_IN,
    "mfa_generate_recovery_codes": SIGNED_IN,
    "mfa_download_recovery_codes": SIGNED_IN,
}

# --- Route prefixes (third-party areas with their own permission system) ------------------------
PREFIX_POLICY: dict[str, Rule] = {
    "admin/": WAGTAIL_ADMIN,
    "media/": PUBLIC,  # development only (DEBUG): uploaded images; documents go through Wagtail
}

# --- WebSocket routes (by route name) -----------------------------------------------------------
WEBSOCKET_POLICY: dict[str, Rule] = {
    "ws_notifications": SIGNED_IN,
    # any account; the consumer closes the socket before accept unless the user takes part in
    # the network, and re-checks on every message and whenever access changes
    "ws_learning_network": SIGNED_IN,
}


def rule_for_url(name: str | None, route: str) -> Rule | None:
    """The rule for a resolved URL: by its name first, then by its route prefix; None if undeclared."""
    if name and name in URL_POLICY:
        return URL_POLICY[name]
    for prefix, rule in PREFIX_POLICY.items():
        if route.startswith(prefix):
            return rule
    return None


def rule_for_websocket(name: str | None) -> Rule | None:
    return WEBSOCKET_POLICY.get(name or "")
