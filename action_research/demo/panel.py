"""Demo review rounds of the experience-expert panel (eight members): one answered by the
consortium, one closed with a summary and waiting for the consortium's answers, one open for
advice (the demo panel member has not started yet), and one request waiting for programme staff.
Everything goes through the services, then the dates are moved back to look lived-in."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import Consortium, User
from accounts.roles import ROLE_GROUP_NAMES, Role
from action_research.models import AdvicePoint, ReviewRound, RoundInvitation
from action_research.services import panel_advice, panel_rounds


def _pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    """A small, valid one-page PDF with the given text (Helvetica, no images)."""

    def escape(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    body = ["BT /F1 16 Tf 56 780 Td (" + escape(title) + ") Tj ET"]
    for number, line in enumerate(lines):
        y = 740 - number * 20
        body.append(f"BT /F1 11 Tf 56 {y} Td (" + escape(line) + ") Tj ET")
    stream = "\n".join(body).encode("latin-1", "replace")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, content in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + content + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += (
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    name = title.lower().replace(" ", "-")[:60] + ".pdf"
    return SimpleUploadedFile(name, bytes(out), content_type="application/pdf")


ANSWERED = {
    "title": "Plan van aanpak uitvoeringsfase: de Overstapcoach",
    "consortium": "samen-verder-noord",
    "introduction": (
        "Samen Verder Noord wil in de uitvoeringsfase elke werknemer in het 2e spoor een "
        "Overstapcoach geven: iemand die zelf ook ziek is geweest en een nieuwe baan vond. In het "
        "plan staat hoe de coach werkt, wat de werkgever doet en hoe het project meet of het helpt."
    ),
    "questions": [
        "Helpt een Overstapcoach werknemers echt verder? Waarom wel of niet?",
        "Is het plan duidelijk over wat de werknemer zelf mag beslissen?",
    ],
    "weeks_ago": 10,
}
SUMMARISED = {
    "title": "Subsidieaanvraag verlenging: Het Goede Gesprek",
    "consortium": "het-goede-gesprek",
    "introduction": (
        "Het Goede Gesprek vraagt geld om het gesprekshulpmiddel voor werkgever en werknemer "
        "nog twee jaar te gebruiken en te verbeteren. Het panel leest de aanvraag vóór de "
        "programmacommissie die beoordeelt."
    ),
    "questions": [
        "Voelt een werknemer zich veilig genoeg om in dit gesprek eerlijk te zijn?",
        "Wat mist er voor werknemers met psychische klachten?",
    ],
    "weeks_ago": 4,
}
OPEN = {
    "title": "Concept: folder ‘Wat is het 2e spoor?’ voor werknemers",
    "consortium": "samen-verder-noord",
    "introduction": (
        "Een folder van één A4 die de bedrijfsarts meegeeft als het 2e spoor begint. Is de folder "
        "begrijpelijk? Schrikt hij af? Wat wil je als werknemer op dat moment weten?"
    ),
    "questions": [
        "Begrijp je de folder in één keer? Welke woorden zijn moeilijk?",
        "Hoe voelt het om deze folder te krijgen als je net hoort dat je 2e spoor ingaat?",
        "Wat mist er in de folder?",
    ],
    "weeks_ago": 1,
}

ADVICE_ANSWERED: list[dict[str, Any]] = [
    {
        "works": "Iemand naast je die het zelf heeft meegemaakt. Dat had ik graag gehad.",
        "worries": "- De coach heeft misschien te weinig tijd per werknemer.\n"
        "- Wat als het niet klikt tussen coach en werknemer?",
        "missing": "Hoe de coach zelf wordt begeleid. Het kan zwaar zijn om steeds verhalen te "
        "horen die op het jouwe lijken.",
        "answers": [
            "Ja, omdat je je minder alleen voelt.",
            "Niet helemaal: wie beslist over de vacatures die de werknemer krijgt voorgesteld?",
        ],
        "recommendation": "steun-onder-voorwaarden",
        "conditions": "De werknemer mag altijd om een andere coach vragen.",
    },
    {
        "works": "Het plan noemt de rouw om het oude werk. Dat wordt vaak vergeten.",
        "worries": "De planning is krap: in week 52 beginnen is laat.",
        "answers": ["Ja, als de coach goed is opgeleid.", "Ja."],
        "recommendation": "steun",
        "anonymous": True,
    },
    {
        "works": "Duidelijke taken voor de werkgever.",
        "missing": "Wat er gebeurt als de werknemer ziek wordt tijdens een proefplaatsing.",
        "answers": [
            "Misschien. Meet ook hoe werknemers zich voelen, niet alleen of ze werk vinden.",
            "",
        ],
        "recommendation": "steun",
    },
]
# The consortium's answer to each point of ADVICE_ANSWERED, in the order of the points.
ANSWERS = [
    ("overgenomen", "We plannen 12 uur per werknemer en kijken na drie maanden of dat genoeg is."),
    ("overgenomen", "Een werknemer kan altijd zonder uitleg een andere coach krijgen."),
    ("overgenomen", "De coaches krijgen elke maand intervisie met een psycholoog."),
    ("overgenomen", "Staat nu in het plan: de werknemer mag altijd een andere coach kiezen."),
    ("overgenomen", "Dit gebruiken we in de uitleg aan werkgevers over de Overstapcoach."),
    (
        "deels-overgenomen",
        "De werknemer beslist mee over elk voorstel; de werkgever beslist niet meer alleen. "
        "Een vacature weigeren mag, maar we bespreken dan samen waarom.",
    ),
    (
        "niet-overgenomen",
        "Eerder beginnen kan niet binnen dit project: de meeste werknemers komen pas rond week "
        "52 bij ons. We nemen het mee als les voor de gereedschapskist.",
    ),
    ("overgenomen", "De coaches volgen eerst een opleiding van vijf dagdelen."),
    ("overgenomen", "Dank je. We houden die steun vast in de evaluatie."),
    ("overgenomen", "We maken afspraken met de verzekeraar over ziekte tijdens de proefplaatsing."),
    ("overgenomen", "We meten ook welbevinden, met een korte vragenlijst na 3 en 6 maanden."),
]
ADVICE_SUMMARISED: list[dict[str, Any]] = [
    {
        "works": "Het gesprek begint bij wat de werknemer wil, niet bij wat niet meer kan.",
        "worries": "Een werknemer met angstklachten durft in zo'n gesprek misschien niets te "
        "zeggen.",
        "answers": [
            "Alleen als er iemand bij mag zijn die de werknemer vertrouwt.",
            "Een rustige plek en meer tijd. Het gesprek mag ook in twee delen.",
        ],
        "recommendation": "steun-onder-voorwaarden",
        "conditions": "De werknemer mag een vertrouwenspersoon meenemen.",
    },
    {
        "works": "Goed dat werkgevers oefenen met het gesprek.",
        "answers": ["Ja, als de leidinggevende ook luistert.", ""],
        "recommendation": "steun",
    },
    {
        "worries": "- Te veel formulieren.\n- De werkgever heeft te veel de leiding.",
        "missing": "Wat de werknemer met de uitkomst van het gesprek mag doen.",
        "answers": ["Niet altijd.", "Uitleg in eenvoudige taal."],
        "recommendation": "geen-steun",
        "comments": "Als de formulieren korter worden, steun ik het wel.",
    },
]
ADVICE_OPEN: list[dict[str, Any]] = [
    {
        "works": "Korte zinnen, mooie foto.",
        "answers": ["Ja. Alleen ‘re-integratie’ is een moeilijk woord.", "Eerlijk gezegd eng.", ""],
        "recommendation": "steun-onder-voorwaarden",
        "conditions": "Zet er een telefoonnummer van een ervaringsdeskundige op.",
    },
    {
        "worries": "Het woord ‘spoor’ klinkt alsof je op een zijspoor wordt gezet.",
        "answers": ["Bijna.", "Alsof ik word afgeschreven.", "Dat je ook weer terug kunt."],
        "recommendation": "steun-onder-voorwaarden",
        "conditions": "Leg uit dat het 2e spoor een kans is, geen straf.",
    },
]


def _members() -> list[User]:
    return list(
        User.objects.filter(groups__name=ROLE_GROUP_NAMES[Role.PANEL], is_active=True).order_by(
            "pk"
        )
    )


def _send(user: User, review_round: ReviewRound, advice: dict[str, Any]) -> None:
    data = {k: v for k, v in advice.items() if k != "answers"}
    panel_advice.advice_save(
        actor=user,
        review_round=review_round,
        data=data,
        answers=advice.get("answers", []),
        version=None,
        submit=True,
    )


def _open(staff: User, spec: dict[str, Any], invitees: list[User]) -> ReviewRound:
    consortium = Consortium.objects.get(slug=spec["consortium"])
    opened = timezone.now() - datetime.timedelta(weeks=spec["weeks_ago"])
    review_round = panel_rounds.round_create(
        actor=staff,
        data={
            "title": spec["title"],
            "subject_kind": "plan",
            "introduction": spec["introduction"],
            "deadline": timezone.localdate() + datetime.timedelta(days=14),
            "share_with_consortium": True,
        },
        questions=spec["questions"],
        invitees=invitees,
        consortium=consortium,
        document=_pdf(spec["title"], [spec["introduction"][:90], "(demodocument)"]),
    )
    ReviewRound.objects.filter(pk=review_round.pk).update(
        created_at=opened,
        opened_at=opened,
        deadline=(opened + datetime.timedelta(weeks=3)).date()
        if spec["weeks_ago"] > 3
        else timezone.localdate() + datetime.timedelta(days=9),
    )
    RoundInvitation.objects.filter(round=review_round).update(invited_at=opened)
    review_round.refresh_from_db()
    return review_round


def _close(staff: User, review_round: ReviewRound, summary: str, weeks_ago: int) -> None:
    # The round has to be open while advice is sent; its deadline was moved back above.
    panel_rounds.round_close(actor=staff, review_round=review_round)
    panel_rounds.round_summarise(actor=staff, review_round=review_round, summary=summary)
    closed = timezone.now() - datetime.timedelta(weeks=weeks_ago)
    ReviewRound.objects.filter(pk=review_round.pk).update(closed_at=closed, summary_at=closed)


DISCUSSION = (
    "Het woord ‘spoor’",
    [
        "Ik struikel over ‘2e spoor’. Toen ik het hoorde, dacht ik: nu word ik aan de kant "
        "gezet. Hoe lazen jullie dat?",
        "Herkenbaar. Bij mij legde de bedrijfsarts het goed uit, maar op papier klinkt het kil. "
        "Misschien ‘werk bij een andere werkgever’ erbij zetten?",
        "Eens. En een zin dat je er niet alleen voor staat. Dat had mij geholpen.",
    ],
)


def _discuss(review_round: ReviewRound, members: list[User]) -> None:
    """A short thread in the panel's discussion of the round, by three of its members."""
    from learning_network import services as network_services

    network = review_round.discussion
    if network is None:
        return
    category = network.categories.order_by("position").first()
    if category is None:
        return
    title, bodies = DISCUSSION
    thread = network_services.thread_create(
        actor=members[0], network=network, category=category, title=title, body=bodies[0]
    )
    for author, body in zip(members[1:3], bodies[1:], strict=True):
        network_services.post_create(actor=author, thread=thread, body=body)


def advise_on_draft(approach: Any) -> None:
    """The toolbox workflow's panel step for a demo draft: staff take on the round the step
    asked for, three members advise, staff summarise, the coordinator answers every point; the
    handled round sends the draft on to the committee."""
    staff = User.objects.filter(email__startswith="programmastaf@").first()
    coordinator = User.objects.filter(email__startswith="coordinator@").first()
    requested = ReviewRound.objects.filter(approach=approach, status="aangevraagd").first()
    members = _members()
    if staff is None or coordinator is None or requested is None or len(members) < 4:
        return
    review_round = panel_rounds.round_open(
        actor=staff,
        review_round=requested,
        data={"deadline": timezone.localdate() + datetime.timedelta(days=14)},
        questions=requested.questions,
        invitees=members[1:4],
    )
    advice = [
        {
            "works": "Twee werkgevers: meer kans dat iets past.",
            "answers": ["Ja.", "De samenvatting is helder.", ""],
            "worries": "Het afscheid van de eigen werkgever mag meer aandacht krijgen.",
            "recommendation": "steun",
        },
        {
            "answers": ["Niet helemaal: wie is mijn aanspreekpunt?", "", ""],
            "missing": "Wie de werknemer begeleidt als die bij twee werkgevers werkt.",
            "recommendation": "steun-onder-voorwaarden",
            "conditions": "Eén vaste begeleider voor beide werkplekken.",
        },
    ]
    for user, spec in zip(members[1:3], advice, strict=True):
        _send(user, review_round, spec)
    _close(
        staff,
        review_round,
        "Het panel steunt de gedeelde werkervaringsplaats, onder voorwaarde van één vaste "
        "begeleider voor beide werkplekken. Let ook op het afscheid van de eigen werkgever.",
        weeks_ago=1,
    )
    review_round.refresh_from_db()
    panel_advice.points_answer(
        actor=coordinator,
        review_round=review_round,
        answers={
            point.pk: ("overgenomen", "Staat nu in stap 1: één begeleider voor beide plekken.")
            for point in AdvicePoint.objects.filter(advice__invitation__round=review_round)
        },
    )


def seed_panel() -> int:
    """The demo rounds; returns how many there are. Idempotent: skipped when they exist."""
    if ReviewRound.objects.filter(title=ANSWERED["title"]).exists():
        return ReviewRound.objects.count()
    staff = User.objects.filter(email__startswith="programmastaf@").first()
    coordinator = User.objects.filter(email__startswith="coordinator@").first()
    members = _members()
    if staff is None or coordinator is None or len(members) < 8:
        return 0
    demo_member, others = members[0], members[1:]
    if not demo_member.email.startswith("panel@"):
        demo_member = next((m for m in members if m.email.startswith("panel@")), members[0])
        others = [m for m in members if m != demo_member]

    # 1. answered by the consortium: the demo member sees what was done with each point
    answered = _open(staff, ANSWERED, [demo_member, *others[:4]])
    for user, advice in zip([demo_member, others[0], others[1]], ADVICE_ANSWERED, strict=True):
        _send(user, answered, advice)
    _close(
        staff,
        answered,
        "Het panel steunt de Overstapcoach: iemand die het zelf meemaakte, helpt werknemers "
        "zich minder alleen te voelen. Twee leden steunen zonder voorwaarden, één onder de "
        "voorwaarde dat de werknemer een andere coach mag kiezen. Zorgen: te weinig tijd per "
        "werknemer, de begeleiding van de coaches zelf, en de late start rond week 52. Het panel "
        "vraagt ook te meten hoe werknemers zich voelen, niet alleen of ze werk vinden.",
        weeks_ago=6,
    )
    answered.refresh_from_db()
    points = list(
        AdvicePoint.objects.filter(advice__invitation__round=answered).order_by(
            "advice__invitation__number", "position"
        )
    )
    panel_advice.points_answer(
        actor=coordinator,
        review_round=answered,
        answers={point.pk: answer for point, answer in zip(points, ANSWERS, strict=True)},
    )

    # 2. closed with a summary; the consortium has yet to answer
    summarised = _open(staff, SUMMARISED, others[2:7])
    for user, advice in zip(others[2:5], ADVICE_SUMMARISED, strict=True):
        _send(user, summarised, advice)
    _close(
        staff,
        summarised,
        "Twee van de drie panelleden steunen de verlenging, één onder voorwaarden. Het panel "
        "vraagt: laat de werknemer iemand meenemen die hij vertrouwt, maak de formulieren "
        "korter, en leg in eenvoudige taal uit wat er met de uitkomst van het gesprek gebeurt. "
        "Eén lid steunt de aanvraag niet zolang de formulieren zo lang zijn.",
        weeks_ago=2,
    )

    # 3. open: two members sent advice, the demo member has not started yet
    still_open = _open(staff, OPEN, [demo_member, *others[3:7]])
    for user, advice in zip(others[3:5], ADVICE_OPEN, strict=True):
        _send(user, still_open, advice)

    _discuss(still_open, others[3:7])

    # 4. a request from a consortium, waiting for programme staff
    researcher = (
        User.objects.filter(
            memberships__consortium__slug="stromen-naar-werk", memberships__role="coordinator"
        ).first()
        or staff
    )
    panel_rounds.round_request(
        actor=researcher,
        consortium=Consortium.objects.get(slug="stromen-naar-werk"),
        data={
            "title": "Projectplan ontwikkelfase: proefplaatsen in Zeeland",
            "introduction": "Werknemers proberen een nieuwe baan eerst drie maanden uit, met "
            "een no-riskpolis. Wij willen weten of dat voor werknemers veilig voelt.",
            "request_note": "We dienen het plan over zes weken in bij de programmacommissie.",
        },
        questions=[
            "Voelt een proefplaatsing van drie maanden veilig voor een werknemer?",
            "Wat moet de werkgever de werknemer vooraf vertellen?",
        ],
        document=_pdf("Projectplan proefplaatsen Zeeland", ["Concept, versie 0.3"]),
    )
    return ReviewRound.objects.count()
