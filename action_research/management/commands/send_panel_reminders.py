"""Enqueue the panel's deadline reminders (run once a day, e.g. from cron)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from action_research.tasks import send_panel_reminders


class Command(BaseCommand):
    help = "Enqueue the reminders to panel members whose advice is due within three days."

    def handle(self, *args: Any, **options: Any) -> None:
        result = send_panel_reminders.enqueue()
        self.stdout.write(f"Panel reminder task {result.id}: {result.status}")
