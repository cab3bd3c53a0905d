"""App config for accounts: ensures the programme-role groups exist after every migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and consortia")

    def ready(self) -> None:
        from accounts import roles

        # Permissions only exist after migrate has run, so the role groups are synced then.
        post_migrate.connect(roles.sync_role_groups_after_migrate, sender=self)
