"""App config for the consortium workspaces (and the panel's review rounds)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionResearchConfig(AppConfig):
    name = "action_research"
    verbose_name = _("Consortium workspaces")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.selectors import register_task_provider
        from action_research.selectors.panel import panel_tasks_for

        register_task_provider(panel_tasks_for)
