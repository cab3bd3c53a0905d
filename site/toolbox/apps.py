"""App config for the toolbox: ensures the editorial workflow exists after every migrate."""

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ToolboxConfig(AppConfig):
    name = "toolbox"
    verbose_name = _("Toolbox")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save
        from wagtail.signals import page_published, page_unpublished, post_page_move

        from accounts.selectors import register_task_provider
        from cms_core.models import Theme
        from toolbox import cache, workflow
        from toolbox.models import ApproachPage, Facet
        from toolbox.selectors import dashboard_tasks

        post_migrate.connect(workflow.ensure_toolbox_workflow_after_migrate, sender=self)
        register_task_provider(dashboard_tasks)
        # Cached toolbox content is purged whenever what the public sees may have changed.
        for signal in (page_published, page_unpublished):
            signal.connect(cache.purge, dispatch_uid=f"toolbox-purge-{id(signal)}")
        post_page_move.connect(cache.purge, dispatch_uid="toolbox-purge-move")
        post_delete.connect(cache.purge, sender=ApproachPage, dispatch_uid="toolbox-purge-del")
        for model in (Facet, Theme):
            post_save.connect(cache.purge, sender=model, dispatch_uid=f"toolbox-purge-{model}")
            post_delete.connect(cache.purge, sender=model, dispatch_uid=f"toolbox-purge-d{model}")
