"""Demo learning networks (idempotent): themes and a region, with threads, replies, mentions,
quotes, a pseudonymous category, a report waiting, a hidden post, a locked thread and a mute."""

from __future__ import annotations

import datetime
from typing import Any

from django.test.utils import override_settings
from django.utils import timezone

from accounts.demo import DEMO_DOMAIN
from accounts.models import Consortium, User
from cms_core.models import Theme
from learning_network import services
from learning_network.models import Category, LearningNetwork, ModerationKind, Post, Thread

NETWORKS: list[dict[str, Any]] = [
    {
        "name": "Leernetwerk Goede dialoog",
        "kind": "thema",
        "themes": ["goede-dialoog"],
        "description": "Hoe voer je het gesprek over werk bij een andere werkgever zo dat de "
        "werknemer zich gehoord voelt? Ervaringen van werkgevers, arbeidsdeskundigen en "
        "ervaringsdeskundigen.",
        "consortia": ["samen-verder-noord", "het-goede-gesprek", "regie-in-eigen-hand"],
        "categories": ["Algemeen", "Gespreksvoering", "Rechten van werknemers"],
        "moderators": ["coordinator"],
        "members": ["panel"],
    },
    {
        "name": "Leernetwerk Rouwverwerking",
        "kind": "thema",
        "themes": ["rouwverwerking"],
        "description": "Afscheid nemen van je eigen werk en werkgever is vaak een rouwproces. "
        "Hier delen projecten wat helpt om dat verlies een plek te geven.",
        "consortia": ["afscheid-en-nieuw-begin", "psychisch-sterk-verder", "werk-na-kanker"],
        "categories": ["Algemeen"],
        "pseudonymous_category": "Persoonlijke ervaringen",
        "moderators": [],
        "members": ["ervaringsdeskundige", "panel"],
    },
    {
        "name": "Regionaal leernetwerk Noord-Nederland",
        "kind": "regio",
        "region": "groningen",
        "themes": ["samenwerken-in-netwerken"],
        "description": "Werkgevers, re-integratiebedrijven en UWV in Groningen, Friesland en "
        "Drenthe die samen vacatures en werkervaringsplaatsen vinden.",
        "consortia": ["samen-verder-noord", "drempelvrij-overstappen"],
        "categories": ["Algemeen", "Vacatures en werkplekken"],
        "moderators": ["onderzoeker"],
        "members": [],
    },
]


def _user(name: str) -> User | None:
    email = name if "@" in name else f"{name}@{DEMO_DOMAIN}"
    return User.objects.filter(email=email).first()


def _member(consortium_slug: str, role: str) -> User:
    user = _user(f"{consortium_slug}.{role}")
    if user is None:  # pragma: no cover - seed_accounts makes these
        raise LookupError(consortium_slug)
    return user


def _at(days_ago: float) -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=days_ago)


def _backdate(thread: Thread, posts: list[Post], start_days_ago: float) -> None:
    """Spread a seeded conversation over the past days, so the demo looks lived in."""
    moment = _at(start_days_ago)
    for index, post in enumerate(posts):
        stamp = moment + datetime.timedelta(hours=5 * index + 1)
        Post.objects.filter(pk=post.pk).update(created_at=stamp)
    last = moment + datetime.timedelta(hours=5 * (len(posts) - 1) + 1)
    Thread.objects.filter(pk=thread.pk).update(created_at=moment, last_post_at=last)


def _network(staff: User, spec: dict[str, Any]) -> LearningNetwork:
    network = services.network_create(
        actor=staff,
        data={
            "name": spec["name"],
            "kind": spec["kind"],
            "description": spec["description"],
            "region": spec.get("region", ""),
        },
        themes=Theme.objects.filter(slug__in=spec["themes"]),
        categories=spec["categories"],
    )
    if spec.get("pseudonymous_category"):
        services.category_create(
            actor=staff,
            network=network,
            name=spec["pseudonymous_category"],
            allows_pseudonyms=True,
        )
    for slug in spec["consortia"]:
        consortium = Consortium.objects.filter(slug=slug).first()
        if consortium is not None:
            services.network_consortium_add(actor=staff, network=network, consortium=consortium)
    for name in spec["moderators"]:
        user = _user(name)
        if user is not None:
            services.network_member_set(actor=staff, network=network, user=user, role="moderator")
    for name in spec["members"]:
        user = _user(name)
        if user is not None:
            services.network_member_set(actor=staff, network=network, user=user)
    return network


def _conversation(
    network: LearningNetwork,
    category_name: str,
    title: str,
    messages: list[tuple[User, str]],
    days_ago: float,
    *,
    pseudonymous: tuple[int, ...] = (),
    quote: dict[int, int] | None = None,
) -> tuple[Thread, list[Post]]:
    category = Category.objects.get(network=network, name=category_name)
    author, body = messages[0]
    thread = services.thread_create(
        actor=author,
        network=network,
        category=category,
        title=title,
        body=body,
        pseudonymous=0 in pseudonymous,
    )
    posts = [thread.posts.get()]
    for index, (author, body) in enumerate(messages[1:], start=1):
        quoted = posts[quote[index]] if quote and index in quote else None
        posts.append(
            services.post_create(
                actor=author,
                thread=thread,
                body=body,
                quote_of=quoted,
                pseudonymous=index in pseudonymous,
            )
        )
    _backdate(thread, posts, days_ago)
    return thread, posts


@override_settings(LEARNING_NETWORK_POST_RATE=(10_000, 10))
def seed_networks() -> int:
    """Create the demo networks once; returns how many exist. Runs through the services."""
    if LearningNetwork.objects.filter(name=NETWORKS[0]["name"]).exists():
        return LearningNetwork.objects.count()
    staff = _user("programmastaf")
    if staff is None:  # pragma: no cover - seed_accounts makes it
        return 0
    networks = {spec["name"]: _network(staff, spec) for spec in NETWORKS}
    coordinator = _user("coordinator")
    researcher = _user("onderzoeker")
    practitioner = _user("praktijk")
    expert = _user("ervaringsdeskundige")
    panel = _user("panel")
    if not (coordinator and researcher and practitioner and expert and panel):  # pragma: no cover
        raise LookupError("seed_accounts must run first")
    regie = _member("regie-in-eigen-hand", "coordinator")
    afscheid = _member("afscheid-en-nieuw-begin", "practitioner")
    kanker = _member("werk-na-kanker", "researcher")
    drempel = _member("drempelvrij-overstappen", "coordinator")
    noord_practitioner = _member("samen-verder-noord", "practitioner")

    dialoog = networks["Leernetwerk Goede dialoog"]
    welcome, _ = _conversation(
        dialoog,
        "Algemeen",
        "Welkom in het leernetwerk Goede dialoog",
        [
            (
                staff,
                "Welkom! Dit netwerk is er om van elkaar te leren hoe het gesprek over het "
                "tweede spoor beter kan. Deel wat werkt en wat niet, en schrijf over rollen en "
                "situaties, nooit over werknemers met naam.\n\nDe moderatie ligt bij ZonMw en "
                "Marieke Jansen; in het moderatielog lees je wat er is gedaan en waarom.",
            ),
            (
                regie,
                "Dank! Wij sluiten graag aan met onze ervaringen met de kansrijkheidsgesprekken.",
            ),
        ],
        days_ago=40,
    )
    services.thread_moderate(
        actor=staff,
        thread=welcome,
        kind=ModerationKind.PIN,
        reason="Welkomstbericht met de afspraken van het netwerk.",
    )
    _thread, posts = _conversation(
        dialoog,
        "Gespreksvoering",
        "Het eerste gesprek over werk buiten de eigen werkgever: wanneer?",
        [
            (
                coordinator,
                "In ons project merken we dat werknemers schrikken als het tweede spoor pas in "
                "week 52 ter sprake komt. Wij proberen nu het gesprek in week 26 te voeren, als "
                "verkenning en niet als besluit. Wie heeft hier ervaring mee?",
            ),
            (
                practitioner,
                "Herkenbaar. Wij beginnen met de vraag wat iemand nog wél kan en wil, en noemen "
                "pas daarna de mogelijkheid van ander werk. Dat haalt veel spanning weg.",
            ),
            (
                expert,
                "Als ervaringsdeskundige: voor mij voelde het eerste gesprek als ontslag. Wat "
                "had geholpen is dat iemand uitlegde dat mijn rechten (loondoorbetaling, "
                "terugkeer als het toch kan) niet veranderen. @Fatima Yilmaz, doen jullie dat "
                "ook?",
            ),
            (
                practitioner,
                "Ja, we hebben er een korte folder voor in gewone taal. Ik zet hem in de "
                "gereedschapskist zodra de werkgroep hem heeft goedgekeurd.",
            ),
            (
                researcher,
                "In cyclus 2 van ons actieonderzoek meten we of het eerdere gesprek de "
                "instroom in het tweede spoor versnelt. Eerste indruk: ja, met ongeveer twee "
                "maanden.",
            ),
        ],
        days_ago=21,
        quote={3: 2},
    )
    services.post_flag(
        actor=regie,
        post=posts[4],
        reason="Is dit al gedeeld buiten het project? Het lijkt op voorlopige resultaten.",
    )
    _thread, rights = _conversation(
        dialoog,
        "Rechten van werknemers",
        "Wat als de werknemer het niet eens is met het tweede spoor?",
        [
            (
                panel,
                "Ik mis in veel plannen wat een werknemer kan doen als hij het niet eens is met "
                "de inzet van het tweede spoor. Het deskundigenoordeel van UWV wordt zelden "
                "genoemd.",
            ),
            (
                regie,
                "Goed punt. Wij noemen het deskundigenoordeel nu standaard in het plan van "
                "aanpak, met de kosten en hoe lang het duurt.",
            ),
            (
                noord_practitioner,
                "Bij ons zei een leidinggevende letterlijk dat weigeren ontslag betekent. Dat "
                "klopt niet en dat hebben we met hem besproken. Naam en bedrijf laat ik weg.",
            ),
        ],
        days_ago=9,
    )
    services.post_hide(
        actor=staff,
        post=rights[2],
        reason="Beschrijft een herkenbare situatie bij één werkgever; graag algemener formuleren.",
    )

    rouw = networks["Leernetwerk Rouwverwerking"]
    _conversation(
        rouw,
        "Persoonlijke ervaringen",
        "Afscheid van mijn collega's",
        [
            (
                expert,
                "Het moeilijkste was niet het nieuwe werk, maar dat ik mijn collega's niet meer "
                "zou zien. Niemand had het daarover.",
            ),
            (
                afscheid,
                "Dank je voor het delen. In ons project plannen we nu een afscheidsmoment, als "
                "de werknemer dat wil. Dat blijkt veel te doen.",
            ),
            (
                panel,
                "Bij mij hielp een gesprek met een oud-collega die hetzelfde had meegemaakt. "
                "Misschien iets voor een maatjesproject?",
            ),
        ],
        days_ago=12,
        pseudonymous=(0, 2),
    )
    _conversation(
        rouw,
        "Algemeen",
        "Rouw na kanker: werk als stuk van het oude leven",
        [
            (
                kanker,
                "Werknemers die na kanker niet terug kunnen naar hun eigen functie, beschrijven "
                "vaak een dubbel verlies. Wij testen een gesprekskaart die daar ruimte voor "
                "maakt. Wie wil meekijken?",
            ),
            (afscheid, "Graag! Wij kunnen de kaart in cyclus 3 meenemen."),
        ],
        days_ago=5,
    )

    noord = networks["Regionaal leernetwerk Noord-Nederland"]
    locked, _ = _conversation(
        noord,
        "Vacatures en werkplekken",
        "Vacaturepool Groningen: wie doet mee?",
        [
            (
                drempel,
                "De regionale vacaturepool draait sinds september. 14 werkgevers doen mee, "
                "vooral in zorg en logistiek.",
            ),
            (
                coordinator,
                "Wij brengen twee werkgevers uit de metaal in. Hoe regelen jullie de "
                "proefplaatsing?",
            ),
        ],
        days_ago=3,
    )
    services.thread_moderate(
        actor=researcher,
        thread=locked,
        kind=ModerationKind.LOCK,
        reason="Even op slot tot na de regiobijeenkomst van 4 december; dan gaan we verder.",
    )
    return LearningNetwork.objects.count()
