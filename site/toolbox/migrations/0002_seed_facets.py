"""Seed the toolbox's filter values (facets); editors can add more in the Wagtail admin."""

from django.db import migrations

FACETS = {
    "employee_group": [
        ("psychische-klachten", "Psychische klachten"),
        ("chronische-aandoening", "Chronische aandoening"),
        ("kanker", "Kanker"),
        ("lichamelijke-klachten", "Lichamelijke klachten"),
        ("oudere-werknemers", "Oudere werknemers (55+)"),
    ],
    "employer_group": [
        ("mkb", "MKB"),
        ("groot", "Grote werkgever"),
        ("publiek", "Publieke werkgever"),
    ],
    "employer_size": [
        ("micro", "Micro (minder dan 10 werknemers)"),
        ("klein", "Klein (10 tot 50 werknemers)"),
        ("middel", "Middelgroot (50 tot 250 werknemers)"),
        ("groot", "Groot (250 werknemers of meer)"),
    ],
    "sector": [
        ("zorg", "Zorg en welzijn"),
        ("onderwijs", "Onderwijs"),
        ("overheid", "Overheid"),
        ("industrie", "Industrie"),
        ("bouw", "Bouw en installatie"),
        ("handel", "Handel"),
        ("logistiek", "Transport en logistiek"),
        ("horeca", "Horeca"),
        ("zakelijk", "Zakelijke dienstverlening"),
        ("financieel", "Financiële dienstverlening"),
        ("ict", "ICT"),
        ("agrarisch", "Landbouw"),
        ("schoonmaak", "Schoonmaak en facilitair"),
        ("uitzend", "Uitzendbranche"),
        ("cultuur", "Cultuur, sport en recreatie"),
    ],
}


def seed(apps, schema_editor):
    Facet = apps.get_model("toolbox", "Facet")
    for kind, values in FACETS.items():
        for order, (code, label) in enumerate(values):
            Facet.objects.update_or_create(
                kind=kind, code=code, defaults={"label": label, "sort_order": order}
            )


def unseed(apps, schema_editor):
    apps.get_model("toolbox", "Facet").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("toolbox", "0001_initial")]
    operations = [migrations.RunPython(seed, unseed)]
