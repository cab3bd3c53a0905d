"""Load demo content (idempotent): themes, organisations, 17 consortia, pages, one user per role."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.test.utils import override_settings

from accounts import demo as accounts_demo
from action_research import demo as action_research_demo
from action_research.demo import panel as panel_demo
from cms_core import demo as cms_demo
from evaluation import demo as evaluation_demo
from home import demo as home_demo
from learning_network import demo as learning_network_demo
from learning_network import demo_gatherings
from toolbox import demo as toolbox_demo


class Command(BaseCommand):
    help = "Load realistic Dutch demo content. Refuses to run with DEBUG off unless --force."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")
        parser.add_argument("--quiet-accounts", action="store_true", help="Do not list accounts.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("seed_demo creates accounts with known passwords; use --force.")
        # Demo content e-mails nobody: notices of the panel's rounds go to a memory outbox
        # (the override spans the commit, when they are sent).
        with (
            override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"),
            transaction.atomic(),
        ):
            themes = cms_demo.seed_themes()
            organisations = accounts_demo.seed_organisations()
            consortia = accounts_demo.seed_consortia(organisations, themes)
            home = home_demo.seed_pages()
            toolbox_demo.seed_toolbox(home)
            accounts = accounts_demo.seed_accounts(consortia)
            toolbox_demo.seed_drafts()
            action_research_demo.seed_workspaces()
            analyses = evaluation_demo.seed_analyses()
            networks = learning_network_demo.seed_networks()
            meetings = demo_gatherings.seed_gatherings()
            rounds = panel_demo.seed_panel()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content ready: {len(themes)} themes, {len(organisations)} organisations, "
                f"{len(consortia)} consortia, {networks} learning networks, {meetings} meetings, "
                f"{analyses} cost-benefit analyses, {rounds} panel review rounds."
            )
        )
        if options["quiet_accounts"]:
            return
        self.stdout.write(f"\nDemo accounts (password for all: {accounts_demo.DEMO_PASSWORD})")
        for account in accounts:
            self.stdout.write(f"  {account.email:45} {account.description}")
        self.stdout.write(
            "\nProgramme staff, researchers and the superuser must use two-step verification.\n"
            f"Their authenticator secret is {accounts_demo.DEMO_TOTP_SECRET}; print the current "
            "code with:\n  .venv/bin/python manage.py demo_totp\n"
        )
