"""App config for the consortium workspaces."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ActionResearchConfig(AppConfig):
    name = "action_research"
    verbose_name = _("Consortium workspaces")
    default_auto_field = "django.db.models.BigAutoField"
