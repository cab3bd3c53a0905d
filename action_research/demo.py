"""Demo workspace records: action-research cycles of two consortia (idempotent)."""

from __future__ import annotations

import datetime

from accounts.models import Consortium, User
from action_research import services
from action_research.models import Cycle

# consortium slug → cycles (start, end, question, change, act, observe, constructs, learned,
# next, roles); each cycle's intended change is the previous cycle's "next".
CYCLES: dict[str, list[tuple]] = {
    "samen-verder-noord": [
        (
            datetime.date(2025, 9, 1),
            datetime.date(2025, 11, 28),
            "Vinden werknemers in het tweede spoor sneller werk via werkervaringsplaatsen bij "
            "MKB-bedrijven in de regio?",
            "Vijf MKB-bedrijven bieden elk een werkervaringsplaats van acht weken aan.",
            "De netwerkcoördinator werfde bedrijven via de ondernemersvereniging; de "
            "re-integratiecoach koppelde werknemers aan een plaats.",
            "Drie van de vijf plaatsen werden gevuld. Bedrijven twijfelden over de verzekering "
            "tijdens de plaatsing (logboek coach, 12 gesprekken).",
            ["bereik", "context"],
            "Zonder heldere afspraak over de no-riskpolis haken kleine werkgevers af.",
            "Een factsheet over de no-riskpolis vóór het eerste gesprek met de werkgever.",
            ["werkgever", "werknemer", "professional"],
        ),
        (
            datetime.date(2025, 12, 1),
            datetime.date(2026, 2, 27),
            "Neemt de twijfel bij werkgevers af als zij vooraf de factsheet krijgen?",
            "Een factsheet over de no-riskpolis vóór het eerste gesprek met de werkgever.",
            "De coach stuurde de factsheet mee met de uitnodiging; een ervaringsdeskundige "
            "vertelde in twee gesprekken over haar eigen plaatsing.",
            "Vier van de vijf werkgevers zeiden ja. Het verhaal van de ervaringsdeskundige werd "
            "vaker genoemd dan de factsheet (evaluatieformulieren, n = 9).",
            ["dosis", "trouw"],
            "Het persoonlijke verhaal overtuigt meer dan informatie op papier.",
            "Een ervaringsdeskundige schuift standaard aan bij het eerste werkgeversgesprek.",
            ["werkgever", "ervaringsdeskundige", "professional", "onderzoeker"],
        ),
        (
            datetime.date(2026, 3, 2),
            None,
            "Houden werknemers het werk langer vol als een ervaringsdeskundige ook tijdens de "
            "plaatsing meedenkt?",
            "Een ervaringsdeskundige schuift standaard aan bij het eerste werkgeversgesprek.",
            "Twee ervaringsdeskundigen zijn ingewerkt; de eerste gesprekken zijn gepland.",
            "",
            ["aanpassing"],
            "",
            "",
            ["ervaringsdeskundige", "werknemer", "onderzoeker"],
        ),
    ],
    "het-goede-gesprek": [
        (
            datetime.date(2025, 10, 6),
            datetime.date(2026, 1, 16),
            "Komt het gesprek over het tweede spoor eerder op gang met een gesprekshulp?",
            "Bedrijfsartsen gebruiken de kaartenset in het gesprek rond week 26.",
            "Zes bedrijfsartsen gebruikten de kaartenset in 14 gesprekken.",
            "In 10 van de 14 gesprekken kwam het tweede spoor aan bod; werknemers vonden de "
            "kaarten soms confronterend (korte vragenlijst).",
            ["bereik", "dosis", "context"],
            "De kaarten werken beter als de werknemer ze vooraf thuis kan bekijken.",
            "De werknemer krijgt de kaartenset een week voor het gesprek thuisgestuurd.",
            ["werknemer", "professional", "onderzoeker"],
        ),
        (
            datetime.date(2026, 1, 19),
            None,
            "Voelen werknemers zich beter voorbereid als zij de kaarten vooraf krijgen?",
            "De werknemer krijgt de kaartenset een week voor het gesprek thuisgestuurd.",
            "De kaarten gaan met de uitnodiging mee; de bedrijfsarts belt twee dagen vooraf.",
            "",
            [],
            "",
            "",
            ["werknemer", "professional"],
        ),
    ],
}


def seed_cycles() -> int:
    """Cycles for the demo consortia that have none yet; returns how many were created."""
    created = 0
    for slug, cycles in CYCLES.items():
        consortium = Consortium.objects.filter(slug=slug).first()
        if consortium is None or Cycle.objects.filter(project__consortium=consortium).exists():
            continue
        author = (
            User.objects.filter(
                memberships__consortium=consortium,
                memberships__is_active=True,
                memberships__role__in=["coordinator", "researcher"],
            )
            .order_by("pk")
            .first()
        )
        if author is None:
            continue
        for start, end, question, change, act, observe, constructs, learned, nxt, roles in cycles:
            cycle = services.cycle_create(
                actor=author,
                consortium=consortium,
                data={
                    "period_start": start,
                    "period_end": end,
                    "plan_question": question,
                    "plan_change": change,
                    "act": act,
                    "observe": observe,
                    "constructs": constructs,
                    "reflect_learned": learned,
                    "reflect_next": nxt,
                    "participant_roles": roles,
                },
            )
            if end is not None:  # a finished period: the cycle is closed
                services.cycle_close(actor=author, cycle=cycle)
            created += 1
    return created
