"""Background work of the learning networks (Django's task framework through django-tasks)."""

from __future__ import annotations

from django_tasks import task

from learning_network import services


@task()
def send_digests() -> int:
    """The daily e-mail digest; enqueued once a day by `manage.py send_network_digests`."""
    return services.digest_send()
