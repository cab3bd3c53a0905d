"""Background work of the workspaces and the panel (Django's task framework through django-tasks)."""

from __future__ import annotations

from django_tasks import task

from action_research.services import panel_advice


@task()
def send_panel_reminders() -> int:
    """Remind panel members of a deadline that is near; enqueued daily by
    `manage.py send_panel_reminders`."""
    return panel_advice.reminders_send()
