"""App config for cms_core."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsCoreConfig(AppConfig):
    name = "cms_core"
    verbose_name = _("Shared CMS")
