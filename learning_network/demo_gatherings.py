"""Demo meetings, lessons and a file with a post (idempotent): a past meeting with minutes and
lessons, meetings to come with sign-ups, lessons in every state (the confirmed ones linked to
toolbox approaches), and a leaflet shared in a thread."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test.utils import override_settings
from django.utils import timezone

from cms_core.models import Theme
from learning_network import services
from learning_network.demo import _member, _user
from learning_network.models import LearningNetwork, Meeting, MeetingAttendee, Thread
from toolbox.models import ApproachPage

FOLDER = """Tweede spoor: wat verandert er voor jou, en wat niet?

Wat niet verandert
- Je werkgever betaalt je loon door, zoals in de eerste twee ziektejaren.
- Kun je toch terug naar je eigen werk, dan blijft die weg open.
- Ben je het niet eens met de inzet van het tweede spoor, dan kun je een deskundigenoordeel
  aanvragen bij UWV.

Wat wel verandert
- Je gaat samen met een loopbaanbegeleider kijken naar werk bij een andere werkgever.
- Je maakt afspraken in een plan van aanpak; jij praat mee over elke stap.
"""


def _day(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment `days` from today (negative: in the past), at local time."""
    today = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(today, datetime.time(hour, minute)))


def _thread(network: LearningNetwork, start: str) -> Thread:
    return network.threads.get(title__startswith=start)


def _approaches(*slugs: str) -> list[ApproachPage]:
    return list(ApproachPage.objects.live().filter(slug__in=slugs))


def _themes(*slugs: str) -> list[Theme]:
    return list(Theme.objects.filter(slug__in=slugs))


def _signed_up_before(meeting: Meeting, user: Any) -> None:
    """A sign-up for a meeting that has passed, stored as it was made: before it started."""
    MeetingAttendee.objects.get_or_create(
        meeting=meeting,
        user=user,
        defaults={"signed_up_at": meeting.starts_at - datetime.timedelta(days=5)},
    )


@override_settings(LEARNING_NETWORK_POST_RATE=(10_000, 10))
def seed_gatherings() -> int:
    """Create the demo meetings and lessons once; returns how many meetings exist."""
    if Meeting.objects.exists():
        return Meeting.objects.count()
    dialoog = LearningNetwork.objects.filter(name="Leernetwerk Goede dialoog").first()
    rouw = LearningNetwork.objects.filter(name="Leernetwerk Rouwverwerking").first()
    noord = LearningNetwork.objects.filter(name="Regionaal leernetwerk Noord-Nederland").first()
    staff, coordinator = _user("programmastaf"), _user("coordinator")
    researcher, practitioner = _user("onderzoeker"), _user("praktijk")
    expert, panel = _user("ervaringsdeskundige"), _user("panel")
    if not (dialoog and rouw and noord and staff and coordinator and researcher and practitioner):
        return 0  # pragma: no cover - seed_networks makes them
    if not (expert and panel):
        return 0  # pragma: no cover
    regie = _member("regie-in-eigen-hand", "coordinator")
    afscheid = _member("afscheid-en-nieuw-begin", "practitioner")
    drempel = _member("drempelvrij-overstappen", "coordinator")

    first_talk = _thread(dialoog, "Het eerste gesprek")
    services.post_create(
        actor=practitioner,
        thread=first_talk,
        body="Hierbij de tekst van onze folder over je rechten in het tweede spoor, zoals de "
        "werkgroep hem heeft goedgekeurd. Gebruik hem gerust.",
        files=[SimpleUploadedFile("folder-rechten-tweede-spoor.txt", FOLDER.encode())],
    )
    rights = _thread(dialoog, "Wat als de werknemer")
    past = services.meeting_create(
        actor=coordinator,
        network=dialoog,
        data={
            "title": "Leerbijeenkomst: het eerste gesprek over het tweede spoor",
            "starts_at": _day(-14, 13, 30),
            "ends_at": _day(-14, 16, 30),
            "location": "Jaarbeurs Utrecht, zaal Leidsche Rijn",
            "online_url": "https://meet.example.nl/goede-dialoog-oktober",
            "capacity": 40,
        },
        agenda=(
            "13.30 Welkom en kennismaking\n\n"
            "13.45 Casus: het gesprek in week 26 (Samen Verder Noord)\n\n"
            "14.30 Ervaringsdeskundigen over wat hielp en wat niet\n\n"
            "15.15 In groepjes: welke zinnen werken, welke niet?\n\n"
            "16.00 Lessen voor de gereedschapskist en afsluiting"
        ),
        threads=[first_talk, rights],
    )
    for attendee in (coordinator, practitioner, expert, panel, regie, researcher):
        _signed_up_before(past, attendee)
    services.meeting_minutes_save(
        actor=coordinator,
        meeting=past,
        minutes=(
            "Aanwezig: 23 deelnemers uit 9 projecten, waarvan 4 ervaringsdeskundigen.\n\n"
            "Samen Verder Noord liet zien dat een verkennend gesprek in week 26 de spanning "
            "rond het tweede spoor verlaagt, mits het gesprek niet als besluit wordt gebracht. "
            "De ervaringsdeskundigen benadrukten dat werknemers vooral onzeker zijn over hun "
            "rechten: loondoorbetaling, terugkeer als het toch kan, en het deskundigenoordeel.\n\n"
            "Afspraken: de gesprekshulp krijgt een pagina over rechten in gewone taal; "
            "projecten delen hun openingszinnen in het gesprek over gespreksvoering.\n\n"
            "Drie lessen zijn voorgesteld voor de gereedschapskist (zie hieronder)."
        ),
    )
    proposals: list[dict[str, Any]] = [
        {
            "actor": practitioner,
            "network": dialoog,
            "meeting": past,
            "thread": first_talk,
            "kind": "succesfactor",
            "text": "Begin het eerste gesprek over het tweede spoor met wat de werknemer nog "
            "wél kan en wil, en noem pas daarna werk bij een andere werkgever. Breng het als "
            "verkenning, niet als besluit.",
            "themes": _themes("goede-dialoog"),
            "approaches": _approaches("kansrijkheidsgesprek-week-26", "gesprekshulp-tweede-spoor"),
            "confirm": True,
        },
        {
            "actor": expert,
            "network": dialoog,
            "meeting": past,
            "kind": "randvoorwaarde",
            "text": "Leg in het eerste gesprek uit welke rechten niet veranderen: "
            "loondoorbetaling, terugkeer bij de eigen werkgever als dat toch kan, en de "
            "mogelijkheid van een deskundigenoordeel bij UWV. Zonder die uitleg voelt het "
            "tweede spoor als ontslag.",
            "themes": _themes("goede-dialoog", "eigen-regie"),
            "approaches": _approaches("gesprekshulp-tweede-spoor"),
            "confirm": True,
        },
        {
            "actor": panel,
            "network": dialoog,
            "thread": rights,
            "kind": "knelpunt",
            "text": "Plannen van aanpak noemen zelden wat een werknemer kan doen als hij het "
            "niet eens is met het tweede spoor. Daardoor durven werknemers geen vragen te "
            "stellen.",
            "themes": _themes("goede-dialoog"),
            "approaches": [],
            "confirm": None,  # still waiting for the moderators
        },
        {
            "actor": afscheid,
            "network": rouw,
            "thread": _thread(rouw, "Afscheid van mijn collega"),
            "kind": "verbeterpunt",
            "text": "Plan een afscheidsmoment bij de eigen werkgever als de werknemer dat wil. "
            "Het verlies van collega's weegt vaak zwaarder dan het verlies van het werk zelf.",
            "themes": _themes("rouwverwerking"),
            "approaches": _approaches("rouwbegeleiding-afscheid-eigen-werkgever"),
            "confirm": True,
        },
        {
            "actor": drempel,
            "network": noord,
            "thread": _thread(noord, "Vacaturepool Groningen"),
            "kind": "succesfactor",
            "text": "Een regionale vacaturepool werkt als werkgevers uit verschillende "
            "sectoren vaste contactpersonen hebben en proefplaatsingen vooraf met UWV zijn "
            "afgestemd.",
            "themes": _themes("samenwerken-in-netwerken"),
            "approaches": _approaches("regionale-vacaturepool"),
            "confirm": False,
            "note": "Goede les, maar nog te vroeg: de pool draait pas twee maanden. Stel hem "
            "na de evaluatie in maart opnieuw voor.",
        },
    ]
    for spec in proposals:
        confirm, note = spec.pop("confirm"), spec.pop("note", "")
        lesson = services.lesson_propose(**spec)
        if confirm is not None:
            moderator = coordinator if lesson.network == dialoog else staff
            if lesson.network == noord:
                moderator = researcher
            services.lesson_decide(actor=moderator, lesson=lesson, confirm=confirm, note=note)

    coming = services.meeting_create(
        actor=coordinator,
        network=dialoog,
        data={
            "title": "Online intervisie: gesprekken die vastlopen",
            "starts_at": _day(9, 10),
            "ends_at": _day(9, 11, 30),
            "online_url": "https://meet.example.nl/goede-dialoog-intervisie",
            "capacity": 12,
        },
        agenda=(
            "Korte inleiding door een arbeidsdeskundige\n\n"
            "Twee casussen uit de projecten, besproken volgens de intervisiemethode\n\n"
            "Wat nemen we mee naar de gesprekshulp?"
        ),
        threads=[rights],
    )
    for attendee in (practitioner, regie, expert):
        services.meeting_sign_up(actor=attendee, meeting=coming, attend=True)
    regional = services.meeting_create(
        actor=researcher,
        network=noord,
        data={
            "title": "Regiobijeenkomst Noord-Nederland",
            "starts_at": _day(16, 14),
            "ends_at": _day(16, 17),
            "location": "UWV Groningen, Kempkensberg 12, Groningen",
        },
        agenda=(
            "Stand van de vacaturepool Groningen\n\n"
            "Proefplaatsing en no-riskpolis: hoe regelen we het samen?\n\n"
            "Afspraken voor 2027"
        ),
        threads=[_thread(noord, "Vacaturepool Groningen")],
    )
    services.meeting_sign_up(actor=drempel, meeting=regional, attend=True)
    return Meeting.objects.count()
