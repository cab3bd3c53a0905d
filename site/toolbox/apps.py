"""App config for the toolbox: ensures the editorial workflow exists after every migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        from toolbox import workflow

        post_migrate.connect(workflow.ensure_toolbox_workflow_after_migrate, sender=self)
