"""Fill the toolbox with many published approaches, varied from the demo ones (for benchmarks)."""

from __future__ import annotations

import random
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from cms_core.models import Theme
from toolbox.models import ApproachPage, Facet, ToolboxIndexPage
from toolbox.vocabularies import FacetKind

_COPIED = [
    "summary",
    "summary_checked_by_panel_on",
    "problem",
    "evidence_summary",
    "outcome_measures",
    "assessed_on",
    "assessed_by",
    "valid_until",
    "business_case",
    "implementation_conditions",
    "consortium_id",
    "contact",
]
_SETTINGS = [
    "in de zorg",
    "in de bouw",
    "bij gemeenten",
    "in de logistiek",
    "voor het MKB",
    "in het onderwijs",
    "in de horeca",
    "in de regio Twente",
    "in Rotterdam-Rijnmond",
    "in de metaal",
]


class Command(BaseCommand):
    help = "Publish N approaches (default: up to 1,000 in all) varied from the demo approaches."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--total", type=int, default=1000)
        parser.add_argument("--force", action="store_true", help="Run even with DEBUG off.")

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError("fill_toolbox adds content in bulk; use --force.")
        index = ToolboxIndexPage.objects.first()
        templates = list(ApproachPage.objects.live().order_by("pk"))
        if index is None or not templates:
            raise CommandError("Run seed_demo first: the toolbox and its demo approaches.")
        rng = random.Random(2026)  # noqa: S311 - reproducible content, not security
        themes = list(Theme.objects.all())
        facets = {kind: list(Facet.objects.filter(kind=kind)) for kind in FacetKind.values}
        existing = ApproachPage.objects.live().count()
        for number in range(existing, options["total"]):
            template = templates[number % len(templates)]
            place = _SETTINGS[number % len(_SETTINGS)]
            week_from = rng.randrange(0, 90)
            with transaction.atomic():
                page = ApproachPage(
                    title=f"{template.title} {place} ({number})",
                    slug=f"{template.slug}-{number}",
                    week_from=week_from,
                    week_to=min(104, week_from + rng.randrange(4, 40)),
                    evidence_level=rng.choice([1, 2, 2, 3, 3, 3, 4, 5]),
                    cost_estimate_eur=rng.choice([None, 250, 600, 950, 1800, 3500, 7200]),
                    steps=template.steps.raw_data,
                    costs_and_benefits=template.costs_and_benefits.raw_data,
                    materials=template.materials.raw_data,
                    **{name: getattr(template, name) for name in _COPIED},
                )
                page.themes = rng.sample(themes, k=rng.randrange(1, 3))
                page.employee_groups = rng.sample(facets[FacetKind.EMPLOYEE_GROUP], k=2)
                page.employer_groups = rng.sample(facets[FacetKind.EMPLOYER_GROUP], k=1)
                page.sectors = rng.sample(facets[FacetKind.SECTOR], k=rng.choice([0, 1, 2]))
                page.employer_sizes = rng.sample(
                    facets[FacetKind.EMPLOYER_SIZE], k=rng.randrange(0, 3)
                )
                index.add_child(instance=page)
                page.save_revision().publish()
        total = ApproachPage.objects.live().count()
        self.stdout.write(self.style.SUCCESS(f"The toolbox holds {total} live approaches."))
