"""Demo content for the shared vocabulary: the six priority themes and 'Overig'."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from wagtail.models import Page

from cms_core.models import Theme

THEMES = [
    (
        "Goede dialoog",
        "goede-dialoog",
        "Het gesprek tussen werkgever en werknemer op het juiste moment en met goede informatie "
        "over rechten, plichten en financiële gevolgen; eerder beginnen met het tweede spoor.",
    ),
    (
        "Creativiteit",
        "creativiteit",
        "Buiten de gebaande paden: nieuwe functies buiten het functiegebouw en een passende "
        "herverdeling van werk ('Iedereen houdt hier werk').",
    ),
    (
        "Samenwerken in netwerken",
        "samenwerken-in-netwerken",
        "Regionale en sectorale netwerken van (MKB-)werkgevers die elkaar helpen met duurzame "
        "inzet van werknemers, bijvoorbeeld met werkervaringsplaatsen.",
    ),
    (
        "Rouwverwerking",
        "rouwverwerking",
        "Erkenning van verdriet en andere emoties wanneer terugkeer bij de eigen werkgever niet "
        "lukt, zodat de stap naar het tweede spoor sneller gezet kan worden.",
    ),
    (
        "Eigen regie",
        "eigen-regie",
        "Interventies die de regie van de werknemer vergroten, zoals volgend sturen en een "
        "eigen-regiebudget.",
    ),
    (
        "Verlaging van drempels",
        "verlaging-van-drempels",
        "De overstap naar een andere werkgever makkelijker, veiliger en soepeler maken: "
        "detachering, snuffelstages, meeloopdagen, no-riskpolis en financiële prikkels.",
    ),
    ("Overig", "overig", "Andere onderwerpen die bijdragen aan betere re-integratie 2e spoor."),
]


def seed_themes() -> dict[str, Theme]:
    """Create or update the themes; returns them by slug."""
    themes = {}
    for order, (name, slug, description) in enumerate(THEMES):
        theme, _created = Theme.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "description": description,
                "is_priority": slug != "overig",
                "sort_order": order,
            },
        )
        themes[slug] = theme
    return themes


# Page fields that change on every save or publish; they say nothing about the content.
_VOLATILE_FIELDS = {
    "pk",
    "latest_revision",
    "latest_revision_created_at",
    "live_revision",
    "last_published_at",
    "first_published_at",
    "has_unpublished_changes",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "path",
    "depth",
    "numchild",
    "url_path",
    "live",
}


_NUMBER = re.compile(r"-?\d+(\.\d+)?")


def _content_fingerprint(data: Any) -> Any:
    """Page data without volatile fields and without StreamField block ids."""
    if isinstance(data, str) and data[:1] in "[{":
        try:
            return _content_fingerprint(json.loads(data))
        except ValueError:
            return data
    if isinstance(data, str) and _NUMBER.fullmatch(data):
        return Decimal(data)  # "950" and "950.00" are the same amount
    if isinstance(data, dict):
        return {
            key: _content_fingerprint(value)
            for key, value in data.items()
            if key not in _VOLATILE_FIELDS and key != "id"
        }
    if isinstance(data, list):
        return [_content_fingerprint(item) for item in data]
    return data


def publish_if_changed(page: Page) -> bool:
    """Publish the page unless its live version already has this content (keeps seeding idempotent:
    running seed_demo again adds no empty versions to the change log). Returns whether it published.
    """
    live = page.live_revision
    if page.live and live is not None:
        before = _content_fingerprint(live.content)
        after = _content_fingerprint(
            json.loads(json.dumps(page.serializable_data(), cls=DjangoJSONEncoder))
        )
        if before == after:
            return False
    page.save_revision().publish()
    return True
