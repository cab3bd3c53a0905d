"""Demo content for accounts: organisations, 17 consortia, and one account per role.

All people and most organisations are fictional; the e-mail domain `demo.tweedespoor.nl` is
reserved for demo accounts. Idempotent: running it again updates instead of duplicating.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.utils import encrypt
from django.contrib.auth.models import Group

from accounts.models import Consortium, ConsortiumRole, Membership, Organisation, User
from accounts.roles import ROLE_GROUP_NAMES, Role, sync_role_groups
from cms_core.models import Theme

DEMO_PASSWORD = "Tweede-spoor-demo-2026"
DEMO_DOMAIN = "demo.tweedespoor.nl"
# A fixed TOTP secret for the demo accounts whose role requires two-step verification; print
# the current code with `python manage.py demo_totp`. Never used outside the demo.
DEMO_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"

# (name, kind, sector, region, city)
ORGANISATIONS = [
    (
        "Werkgeversvereniging Noord-Nederland",
        "werkgever",
        "sectoroverstijgend",
        "groningen",
        "Groningen",
    ),
    ("Zorggroep De Hunze", "werkgever", "zorg", "drenthe", "Assen"),
    ("Bouwbedrijf Van der Meulen", "werkgever", "bouw", "friesland", "Leeuwarden"),
    ("Logistiek Centrum Venlo", "werkgever", "logistiek", "noord-limburg", "Venlo"),
    ("Gemeente Zaanstad (werkgever)", "werkgever", "overheid", "zaanstreek-waterland", "Zaandam"),
    ("Schoonmaakbedrijf Helder", "werkgever", "schoonmaak", "rijnmond", "Rotterdam"),
    ("Techniekbedrijf Oost", "werkgever", "industrie", "twente", "Enschede"),
    ("Winkelambachten Midden-Nederland", "werkgever", "handel", "midden-utrecht", "Utrecht"),
    ("Horeca Ondernemers Brabant", "werkgever", "horeca", "midden-brabant", "Tilburg"),
    ("Onderwijsstichting Rijnland", "werkgever", "onderwijs", "holland-rijnland", "Leiden"),
    ("Vakbond Samen Sterk", "werknemersorganisatie", "sectoroverstijgend", "landelijk", "Utrecht"),
    (
        "Christelijke Werknemersbond Regio Zuid",
        "werknemersorganisatie",
        "sectoroverstijgend",
        "zuidoost-brabant",
        "Eindhoven",
    ),
    ("Patiëntenvereniging Chronisch Werkt", "patientenorganisatie", "", "landelijk", "Amersfoort"),
    ("Stichting Werken na Kanker", "patientenorganisatie", "", "landelijk", "Amsterdam"),
    ("Platform Psychisch Gezond Werk", "patientenorganisatie", "", "landelijk", "Utrecht"),
    (
        "Hogeschool Arbeid & Gezondheid",
        "onderzoeksorganisatie",
        "onderwijs",
        "midden-utrecht",
        "Utrecht",
    ),
    (
        "Kenniscentrum Werk en Participatie Noord",
        "onderzoeksorganisatie",
        "onderwijs",
        "groningen",
        "Groningen",
    ),
    (
        "Academische Werkplaats Arbeid Zuid",
        "onderzoeksorganisatie",
        "onderwijs",
        "zuid-limburg",
        "Maastricht",
    ),
    (
        "Instituut voor Arbeidsmarktonderzoek",
        "onderzoeksorganisatie",
        "zakelijk",
        "groot-amsterdam",
        "Amsterdam",
    ),
    (
        "Re-integratiebureau Nieuwe Koers",
        "re-integratiebedrijf",
        "zakelijk",
        "haaglanden",
        "Den Haag",
    ),
    ("Loopbaanpraktijk Tweede Kans", "re-integratiebedrijf", "zakelijk", "food-valley", "Ede"),
    ("Werkfit Oost-Nederland", "re-integratiebedrijf", "zakelijk", "midden-gelderland", "Arnhem"),
    ("Arbodienst Gezond Aan Het Werk", "arbodienst", "zakelijk", "rijnmond", "Rotterdam"),
    ("Arbo Unie Midden", "arbodienst", "zakelijk", "amersfoort", "Amersfoort"),
    ("Verzuimverzekeraar De Zekerheid", "verzekeraar", "financieel", "landelijk", "Apeldoorn"),
    (
        "Beroepsvereniging Arbeidsdeskundigen Regio West",
        "beroepsvereniging",
        "zakelijk",
        "haaglanden",
        "Den Haag",
    ),
    ("Vereniging Bedrijfsartsen Zuid", "beroepsvereniging", "zorg", "west-brabant", "Breda"),
    (
        "Sociaal Werkbedrijf Het Werkpaleis",
        "werkgever",
        "sectoroverstijgend",
        "achterhoek",
        "Doetinchem",
    ),
    ("Uitzendorganisatie Flex & Zeker", "werkgever", "uitzend", "flevoland", "Almere"),
    ("Transportbedrijf Zeeuwse Stromen", "werkgever", "logistiek", "zeeland", "Middelburg"),
]

# (name, slug, status, lead, partner names, theme slugs, budget, description)
CONSORTIA = [
    (
        "Samen Verder Noord",
        "samen-verder-noord",
        "uitvoeringsfase",
        "Kenniscentrum Werk en Participatie Noord",
        [
            "Werkgeversvereniging Noord-Nederland",
            "Zorggroep De Hunze",
            "Vakbond Samen Sterk",
            "Re-integratiebureau Nieuwe Koers",
        ],
        ["samenwerken-in-netwerken", "verlaging-van-drempels"],
        "1250000",
        "Een regionaal netwerk van MKB-werkgevers in Groningen en Drenthe biedt werkervaringsplaatsen aan werknemers in het tweede spoor.",
    ),
    (
        "Het Goede Gesprek",
        "het-goede-gesprek",
        "uitvoeringsfase",
        "Hogeschool Arbeid & Gezondheid",
        [
            "Arbodienst Gezond Aan Het Werk",
            "Platform Psychisch Gezond Werk",
            "Beroepsvereniging Arbeidsdeskundigen Regio West",
        ],
        ["goede-dialoog"],
        "980000",
        "Gesprekshulpen en een training voor werkgevers en werknemers om het tweede spoor tijdig en open te bespreken.",
    ),
    (
        "Afscheid en Nieuw Begin",
        "afscheid-en-nieuw-begin",
        "ontwikkelfase",
        "Academische Werkplaats Arbeid Zuid",
        [
            "Stichting Werken na Kanker",
            "Loopbaanpraktijk Tweede Kans",
            "Vereniging Bedrijfsartsen Zuid",
        ],
        ["rouwverwerking", "eigen-regie"],
        "860000",
        "Een begeleidingsaanpak die ruimte geeft aan verlies en rouw wanneer terugkeer naar de eigen werkgever niet lukt.",
    ),
    (
        "Regie in Eigen Hand",
        "regie-in-eigen-hand",
        "uitvoeringsfase",
        "Instituut voor Arbeidsmarktonderzoek",
        [
            "Patiëntenvereniging Chronisch Werkt",
            "Werkfit Oost-Nederland",
            "Verzuimverzekeraar De Zekerheid",
        ],
        ["eigen-regie"],
        "1100000",
        "Een persoonlijk eigen-regiebudget waarmee werknemers zelf kiezen welke ondersteuning zij in het tweede spoor inzetten.",
    ),
    (
        "Iedereen Houdt Hier Werk",
        "iedereen-houdt-hier-werk",
        "uitvoeringsfase",
        "Techniekbedrijf Oost",
        [
            "Hogeschool Arbeid & Gezondheid",
            "Christelijke Werknemersbond Regio Zuid",
            "Werkfit Oost-Nederland",
        ],
        ["creativiteit"],
        "740000",
        "Werkgevers en werknemers ontwerpen samen nieuwe functies buiten het bestaande functiegebouw.",
    ),
    (
        "Drempelvrij Overstappen",
        "drempelvrij-overstappen",
        "ontwikkelfase",
        "Re-integratiebureau Nieuwe Koers",
        [
            "Uitzendorganisatie Flex & Zeker",
            "Sociaal Werkbedrijf Het Werkpaleis",
            "Instituut voor Arbeidsmarktonderzoek",
        ],
        ["verlaging-van-drempels"],
        "920000",
        "Detachering met terugvalgarantie en meeloopdagen maken de overstap naar een nieuwe werkgever veiliger.",
    ),
    (
        "Winkelambachten Werken Samen",
        "winkelambachten-werken-samen",
        "uitvoeringsfase",
        "Winkelambachten Midden-Nederland",
        ["Hogeschool Arbeid & Gezondheid", "Arbo Unie Midden", "Vakbond Samen Sterk"],
        ["samenwerken-in-netwerken"],
        "650000",
        "Kleine ambachtelijke winkeliers vormen een netwerk dat elkaar helpt bij duurzame inzet van zieke werknemers.",
    ),
    (
        "Zorg voor Elkaar",
        "zorg-voor-elkaar",
        "uitvoeringsfase",
        "Zorggroep De Hunze",
        [
            "Kenniscentrum Werk en Participatie Noord",
            "Platform Psychisch Gezond Werk",
            "Arbo Unie Midden",
        ],
        ["goede-dialoog", "samenwerken-in-netwerken"],
        "1030000",
        "Zorgorganisaties in Noord-Nederland bemiddelen langdurig zieke medewerkers naar werk bij elkaar.",
    ),
    (
        "Bouwen aan Perspectief",
        "bouwen-aan-perspectief",
        "ontwikkelfase",
        "Bouwbedrijf Van der Meulen",
        ["Academische Werkplaats Arbeid Zuid", "Werkfit Oost-Nederland", "Vakbond Samen Sterk"],
        ["verlaging-van-drempels", "creativiteit"],
        "780000",
        "Bouwvakkers met fysieke klachten vinden via snuffelstages werk in aanverwante technische beroepen.",
    ),
    (
        "Eerder Aan de Slag",
        "eerder-aan-de-slag",
        "uitvoeringsfase",
        "Arbodienst Gezond Aan Het Werk",
        [
            "Instituut voor Arbeidsmarktonderzoek",
            "Beroepsvereniging Arbeidsdeskundigen Regio West",
            "Patiëntenvereniging Chronisch Werkt",
        ],
        ["goede-dialoog"],
        "890000",
        "Een kansrijkheidsgesprek rond week 26 om het tweede spoor eerder en doelgerichter te starten.",
    ),
    (
        "Logistiek in Beweging",
        "logistiek-in-beweging",
        "startbudget",
        "Logistiek Centrum Venlo",
        ["Academische Werkplaats Arbeid Zuid", "Loopbaanpraktijk Tweede Kans"],
        ["samenwerken-in-netwerken"],
        "120000",
        "Logistieke werkgevers in Noord-Limburg verkennen een gezamenlijke vacaturepool voor het tweede spoor.",
    ),
    (
        "Werk na Kanker",
        "werk-na-kanker",
        "uitvoeringsfase",
        "Stichting Werken na Kanker",
        [
            "Hogeschool Arbeid & Gezondheid",
            "Vereniging Bedrijfsartsen Zuid",
            "Re-integratiebureau Nieuwe Koers",
        ],
        ["eigen-regie", "rouwverwerking"],
        "1150000",
        "Ervaringsdeskundige loopbaancoaches begeleiden werknemers die na kanker niet bij hun eigen werkgever terugkeren.",
    ),
    (
        "Zaanse Werkgeverskring",
        "zaanse-werkgeverskring",
        "ontwikkelfase",
        "Gemeente Zaanstad (werkgever)",
        ["Instituut voor Arbeidsmarktonderzoek", "Schoonmaakbedrijf Helder", "Vakbond Samen Sterk"],
        ["samenwerken-in-netwerken", "verlaging-van-drempels"],
        "700000",
        "Publieke en private werkgevers in de Zaanstreek ruilen werkplekken voor werknemers in het tweede spoor.",
    ),
    (
        "Horeca Herstart",
        "horeca-herstart",
        "motivatiebrief",
        "Horeca Ondernemers Brabant",
        ["Loopbaanpraktijk Tweede Kans"],
        ["creativiteit"],
        None,
        "Horecaondernemers willen met creatieve taakherschikking zieke medewerkers in de sector houden.",
    ),
    (
        "Leraar Blijft Leraar",
        "leraar-blijft-leraar",
        "uitvoeringsfase",
        "Onderwijsstichting Rijnland",
        [
            "Hogeschool Arbeid & Gezondheid",
            "Christelijke Werknemersbond Regio Zuid",
            "Arbo Unie Midden",
        ],
        ["goede-dialoog", "eigen-regie"],
        "840000",
        "Onderwijsbesturen begeleiden uitgevallen leraren naar een andere school of een andere rol in het onderwijs.",
    ),
    (
        "Stromen naar Werk",
        "stromen-naar-werk",
        "startbudget",
        "Transportbedrijf Zeeuwse Stromen",
        ["Instituut voor Arbeidsmarktonderzoek", "Sociaal Werkbedrijf Het Werkpaleis"],
        ["verlaging-van-drempels"],
        "125000",
        "Een proefplaatsing met no-riskpolis bij Zeeuwse werkgevers, voorbereid met het sociaal werkbedrijf.",
    ),
    (
        "Psychisch Sterk Verder",
        "psychisch-sterk-verder",
        "afgerond",
        "Platform Psychisch Gezond Werk",
        [
            "Kenniscentrum Werk en Participatie Noord",
            "Re-integratiebureau Nieuwe Koers",
            "Arbodienst Gezond Aan Het Werk",
        ],
        ["rouwverwerking", "goede-dialoog"],
        "690000",
        "Begeleiding van werknemers met psychische klachten bij de overstap, met aandacht voor verlies en zelfbeeld.",
    ),
]


@dataclass(frozen=True)
class DemoAccount:
    email: str
    display_name: str
    full_name: str
    description: str
    programme_role: str = ""
    consortium_slug: str = ""
    consortium_role: str = ""
    superuser: bool = False


DEMO_ACCOUNTS = [
    DemoAccount(
        f"programmastaf@{DEMO_DOMAIN}",
        "Annelies (ZonMw)",
        "Annelies de Boer",
        "programmastaf (ZonMw), beheert de Wagtail-admin",
        programme_role=Role.PROGRAMME_STAFF,
    ),
    DemoAccount(
        f"commissie@{DEMO_DOMAIN}",
        "Prof. Hendriks",
        "Pieter Hendriks",
        "lid programmacommissie",
        programme_role=Role.COMMITTEE,
    ),
    DemoAccount(
        f"panel@{DEMO_DOMAIN}",
        "Ervaringsdeskundige Sanne",
        "Sanne Visser",
        "lid ervaringsdeskundigenpanel",
        programme_role=Role.PANEL,
    ),
    DemoAccount(
        f"waarnemer@{DEMO_DOMAIN}",
        "Waarnemer SZW",
        "Mohamed el Amrani",
        "waarnemer (ministerie van SZW)",
        programme_role=Role.OBSERVER,
    ),
    DemoAccount(
        f"coordinator@{DEMO_DOMAIN}",
        "Marieke Jansen",
        "Marieke Jansen",
        "coördinator consortium Samen Verder Noord",
        consortium_slug="samen-verder-noord",
        consortium_role=ConsortiumRole.COORDINATOR,
    ),
    DemoAccount(
        f"onderzoeker@{DEMO_DOMAIN}",
        "Dr. Kees Bakker",
        "Kees Bakker",
        "actieonderzoeker Samen Verder Noord",
        consortium_slug="samen-verder-noord",
        consortium_role=ConsortiumRole.RESEARCHER,
    ),
    DemoAccount(
        f"praktijk@{DEMO_DOMAIN}",
        "Fatima Yilmaz",
        "Fatima Yilmaz",
        "praktijkprofessional consortium Het Goede Gesprek",
        consortium_slug="het-goede-gesprek",
        consortium_role=ConsortiumRole.PRACTITIONER,
    ),
    DemoAccount(
        f"ervaringsdeskundige@{DEMO_DOMAIN}",
        "Johan",
        "Johan de Wit",
        "ervaringsdeskundige in consortium Samen Verder Noord",
        consortium_slug="samen-verder-noord",
        consortium_role=ConsortiumRole.EXPERIENCE_EXPERT,
    ),
    DemoAccount(
        f"beheer@{DEMO_DOMAIN}",
        "Technisch beheer",
        "Technisch Beheer",
        "superuser voor technisch beheer",
        superuser=True,
    ),
]

# Background members so every consortium has people in it.
_FIRST = [
    "Lotte",
    "Daan",
    "Sophie",
    "Bram",
    "Emma",
    "Thijs",
    "Noor",
    "Ruben",
    "Iris",
    "Sem",
    "Eva",
    "Jesse",
    "Anouk",
    "Milan",
    "Fleur",
    "Lars",
    "Yara",
]
_LAST = [
    "de Jong",
    "van Dijk",
    "Mulder",
    "Smit",
    "de Graaf",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Groot",
    "Kok",
    "Meijer",
    "Willems",
    "Kramer",
]


def seed_organisations() -> dict[str, Organisation]:
    from django.utils.text import slugify

    organisations = {}
    for name, kind, sector, region, city in ORGANISATIONS:
        organisation, _created = Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "sector": sector,
                "labour_market_region": region,
                "city": city,
            },
        )
        organisations[name] = organisation
    return organisations


def seed_consortia(
    organisations: dict[str, Organisation], themes: dict[str, Theme]
) -> dict[str, Consortium]:
    consortia = {}
    for number, (name, slug, status, lead, partners, theme_slugs, budget, description) in enumerate(
        CONSORTIA, start=1
    ):
        start = datetime.date(2022, 9, 1) if status != "motivatiebrief" else None
        consortium, _created = Consortium.objects.update_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_description": description,
                "status": status,
                "lead_organisation": organisations[lead],
                "budget": Decimal(budget) if budget else None,
                "zonmw_file_number": f"1002{number:04d}",
                "start_date": start,
                "end_date": datetime.date(2026, 8, 31) if start else None,
            },
        )
        consortium.organisations.set([organisations[lead], *(organisations[p] for p in partners)])
        consortium.themes.set([themes[t] for t in theme_slugs])
        consortia[slug] = consortium
    return consortia


def _ensure_user(email: str, display_name: str, full_name: str, superuser: bool = False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User(email=email)
    user.display_name = display_name
    user.full_name = full_name
    user.is_superuser = superuser
    user.is_staff = superuser
    user.set_password(DEMO_PASSWORD)
    user.save()
    EmailAddress.objects.update_or_create(
        user=user, email=email, defaults={"verified": True, "primary": True}
    )
    return user


def _ensure_totp(user: User) -> None:
    if not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists():
        Authenticator.objects.create(
            user=user, type=Authenticator.Type.TOTP, data={"secret": encrypt(DEMO_TOTP_SECRET)}
        )
        RecoveryCodes.activate(user)


def seed_accounts(consortia: dict[str, Consortium]) -> list[DemoAccount]:
    from accounts.permissions import requires_mfa

    sync_role_groups()
    for account in DEMO_ACCOUNTS:
        user = _ensure_user(
            account.email, account.display_name, account.full_name, account.superuser
        )
        if account.programme_role:
            user.groups.add(Group.objects.get(name=ROLE_GROUP_NAMES[account.programme_role]))
        if account.consortium_slug:
            Membership.objects.update_or_create(
                user=user,
                consortium=consortia[account.consortium_slug],
                defaults={"role": account.consortium_role, "is_active": True},
            )
        if requires_mfa(user) or account.superuser:
            _ensure_totp(user)

    roles = [ConsortiumRole.COORDINATOR, ConsortiumRole.RESEARCHER, ConsortiumRole.PRACTITIONER]
    for index, consortium in enumerate(consortia.values()):
        for offset, role in enumerate(roles):
            first = _FIRST[(index + offset * 5) % len(_FIRST)]
            last = _LAST[(index * 3 + offset) % len(_LAST)]
            email = f"{consortium.slug}.{role}@{DEMO_DOMAIN}"
            user = _ensure_user(email, f"{first} {last}", f"{first} {last}")
            Membership.objects.update_or_create(
                user=user, consortium=consortium, defaults={"role": role, "is_active": True}
            )
            if role == ConsortiumRole.RESEARCHER:
                _ensure_totp(user)
    _seed_panel_members()
    return DEMO_ACCOUNTS


# The rest of the experience-expert panel (panel@ is the first of eight): (mailbox, display
# name, full name). One chose no display name: others see "panellid N" for her.
PANEL_MEMBERS = [
    ("panel.ria", "Ria", "Ria Hoekstra"),
    ("panel.henk", "Henk uit Zwolle", "Henk Postma"),
    ("panel.youssef", "Youssef", "Youssef Benali"),
    ("panel.marjolein", "Marjolein", "Marjolein van der Veen"),
    ("panel.gerard", "Gerard (ervaringsdeskundige)", "Gerard Kuipers"),
    ("panel.esther", "", "Esther Bosman"),
    ("panel.wim", "Wim", "Wim Scholten"),
]


def _seed_panel_members() -> None:
    panel = Group.objects.get(name=ROLE_GROUP_NAMES[Role.PANEL])
    for mailbox, display_name, full_name in PANEL_MEMBERS:
        user = _ensure_user(f"{mailbox}@{DEMO_DOMAIN}", display_name, full_name)
        user.groups.add(panel)
