"""App config for the learning networks."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LearningNetworkConfig(AppConfig):
    name = "learning_network"
    verbose_name = _("Learning networks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from accounts.selectors import register_task_provider
        from learning_network.selectors import lesson_tasks_for, network_tasks_for

        register_task_provider(network_tasks_for)
        register_task_provider(lesson_tasks_for)

        from django.db.models.signals import post_delete, post_save

        from accounts.models import Membership, User
        from learning_network import receivers

        post_save.connect(receivers.membership_saved, sender=Membership, dispatch_uid="ln-ms")
        post_delete.connect(receivers.membership_deleted, sender=Membership, dispatch_uid="ln-md")
        post_save.connect(receivers.user_saved, sender=User, dispatch_uid="ln-us")
