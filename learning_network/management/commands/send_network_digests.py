"""Enqueue the daily e-mail digest of the learning networks (run once a day, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from learning_network.tasks import send_digests


class Command(BaseCommand):
    help = "Enqueue the daily e-mail digest of the learning networks."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_digests.enqueue()
        self.stdout.write(f"Digest task {result.id}: {result.status}")
