"""Programme roles and the Django groups that carry them.

A programme role (staff, committee, panel, observer) is membership of a Django group, so the
Wagtail admin's own Groups screen manages it and Wagtail's permission checks apply. Being a
consortium member is not a group: it comes from an active Membership.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    PROGRAMME_STAFF = "programme_staff", _("Programme staff (ZonMw)")
    COMMITTEE = "committee", _("Programme committee")
    PANEL = "panel", _("Experience-expert panel")
    OBSERVER = "observer", _("Observer (SZW/UWV)")


# Group names are fixed identifiers; the admin shows them as they are.
ROLE_GROUP_NAMES: dict[str, str] = {
    Role.PROGRAMME_STAFF: "Programmastaf",
    Role.COMMITTEE: "Programmacommissie",
    Role.PANEL: "Ervaringsdeskundigenpanel",
    Role.OBSERVER: "Waarnemers",
}

# Model permissions per role, as "app_label.codename".
_STAFF_MODEL_PERMISSIONS = [
    f"{app}.{action}_{model}"
    for app, model in [
        ("accounts", "organisation"),
        ("accounts", "consortium"),
        ("accounts", "membership"),
        ("cms_core", "theme"),
    ]
    for action in ("add", "change", "delete", "view")
] + [
    # Invitations are created and viewed, never edited: the token went to the address in it.
    "accounts.add_invitation",
    "accounts.view_invitation",
    "wagtailadmin.access_admin",
    "accounts.add_user",
    "accounts.change_user",
    "accounts.view_user",
    "wagtaildocs.add_document",
    "wagtaildocs.change_document",
    "wagtailimages.add_image",
    "wagtailimages.change_image",
]
ROLE_PERMISSIONS: dict[str, list[str]] = {
    Role.PROGRAMME_STAFF: _STAFF_MODEL_PERMISSIONS,
    # The committee and the panel review toolbox drafts in the Wagtail admin (workflow tasks).
    Role.COMMITTEE: ["wagtailadmin.access_admin"],
    Role.PANEL: ["wagtailadmin.access_admin"],
    Role.OBSERVER: [],
}
STAFF_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]


def sync_role_groups() -> None:
    """Create the role groups and give them exactly their declared permissions. Idempotent."""
    from django.contrib.auth.models import Group, Permission
    from wagtail.models import GroupPagePermission, Page

    for role, group_name in ROLE_GROUP_NAMES.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        wanted = []
        for dotted in ROLE_PERMISSIONS[role]:
            app_label, codename = dotted.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                wanted.append(perm)
        group.permissions.set(wanted)

    staff_group = Group.objects.get(name=ROLE_GROUP_NAMES[Role.PROGRAMME_STAFF])
    root = Page.get_first_root_node()
    if root is not None:
        for codename in STAFF_PAGE_PERMISSIONS:
            permission = Permission.objects.filter(
                content_type__app_label="wagtailcore", codename=codename
            ).first()
            if permission is not None:
                GroupPagePermission.objects.get_or_create(
                    group=staff_group, page=root, permission=permission
                )


def sync_role_groups_after_migrate(sender: Any, **kwargs: Any) -> None:
    """post_migrate bridge: permissions exist only once migrate has created them.

    Our app's signal comes before those of the apps listed after it, so their permissions are
    created here first (create_permissions is idempotent).
    """
    from django.apps import apps
    from django.contrib.auth.management import create_permissions

    using = kwargs.get("using", "default")
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    sync_role_groups()
