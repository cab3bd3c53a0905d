"""Demo content for the shared vocabulary: the six priority themes and 'Overig'."""

from __future__ import annotations

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
