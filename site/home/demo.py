"""Demo content for the public site: the home page and a few standard pages."""

from __future__ import annotations

from wagtail.models import Page, Site

from cms_core.demo import publish_if_changed
from home.models import HomePage, StandardPage

HOME_INTRO = (
    "Langdurig zieke werknemers die niet kunnen terugkeren bij hun eigen werkgever, moeten "
    "geholpen worden naar werk elders: re-integratie in het tweede spoor. Dat lukt nu te vaak "
    "niet. In het ZonMw-programma Verbetering re-integratie 2e spoor ontwikkelen en testen "
    "consortia van werkgevers, werknemers- en patiëntenorganisaties en onderzoekers betere "
    "aanpakken. Wat werkt, komt in een openbare gereedschapskist."
)

HOME_BODY = [
    ("heading", "Waarom dit programma?"),
    (
        "paragraph",
        "<p>Elk jaar starten in Nederland ongeveer 20.000 trajecten in het tweede spoor. Uit "
        "onderzoek uit 2016 bleek dat maar een op de vijf werknemers daarmee werk vond bij een "
        "nieuwe werkgever. Veel werknemers raakten na twee jaar ziekte hun baan kwijt.</p>",
    ),
    (
        "facts",
        [
            {
                "figure": "20%",
                "label": "geplaatst bij een nieuwe werkgever",
                "source": "Panteia/SEO/De Beleidsonderzoekers 2016, n = 408",
            },
            {
                "figure": "17%",
                "label": "toch terug bij de eigen werkgever",
                "source": "Panteia/SEO/De Beleidsonderzoekers 2016, n = 408",
            },
            {
                "figure": "24%",
                "label": "nog geen resultaat",
                "source": "Panteia/SEO/De Beleidsonderzoekers 2016, n = 408",
            },
            {
                "figure": "39%",
                "label": "ziek uit dienst, ontslag of anders",
                "source": "Panteia/SEO/De Beleidsonderzoekers 2016, n = 408",
            },
        ],
    ),
    ("heading", "Zes prioritaire thema's"),
    (
        "paragraph",
        "<ul><li>Goede dialoog</li><li>Creativiteit</li><li>Samenwerken in netwerken</li>"
        "<li>Rouwverwerking</li><li>Eigen regie</li><li>Verlaging van drempels</li></ul>",
    ),
    ("heading", "Hoe het programma werkt"),
    (
        "paragraph",
        "<p>Zeventien consortia voeren vier jaar lang actieonderzoek uit, met een "
        "procesevaluatie en een onafhankelijke kosten-batenanalyse. Ze leren van elkaar in "
        "leernetwerken. Een panel van ervaringsdeskundigen – mensen die zelf een traject in het "
        "tweede spoor hebben doorlopen – adviseert het programma en de projecten.</p>",
    ),
]

PAGES = [
    (
        "over-het-programma",
        "Over het programma",
        "Het programma Verbetering re-integratie 2e spoor loopt van 2021 tot en met 2027 en "
        "heeft een budget van 20 miljoen euro, in opdracht van het ministerie van SZW.",
        [
            ("heading", "Doel"),
            (
                "paragraph",
                "<p>Het programma levert een gereedschapskist op met aanpakken waarvan de "
                "werkzaamheid aannemelijk is, die praktisch bruikbaar en overdraagbaar zijn, met "
                "inzicht in kosten en baten en randvoorwaarden voor implementatie.</p>",
            ),
            ("heading", "Actieonderzoek"),
            (
                "paragraph",
                "<p>Consortia werken in cycli: plannen, uitvoeren, observeren en reflecteren. Zo "
                "verbeteren ze hun aanpak terwijl ze die testen, samen met werkgevers, werknemers en "
                "ervaringsdeskundigen.</p>",
            ),
        ],
    ),
    (
        "privacy",
        "Privacyverklaring",
        "Hoe het platform omgaat met persoonsgegevens.",
        [
            (
                "paragraph",
                "<p>Gegevens over de gezondheid van werknemers worden alleen gepseudonimiseerd "
                "vastgelegd. Namen, BSN, e-mailadressen en telefoonnummers horen niet in "
                "onderzoeksgegevens; het platform weigert ze. Kleine aantallen (minder dan 5) worden "
                "buiten het consortium niet getoond. Elke wijziging in onderzoeksgegevens wordt "
                "vastgelegd (wie, wanneer, wat).</p>",
            ),
        ],
    ),
    (
        "toegankelijkheid",
        "Toegankelijkheidsverklaring",
        "Het platform streeft naar toegankelijkheid volgens WCAG 2.1 niveau AA.",
        [
            (
                "paragraph",
                "<p>Alle pagina's zijn met het toetsenbord te bedienen en worden automatisch getest "
                "met axe. Live-updates worden aan schermlezers gemeld. Loopt u tegen een probleem "
                "aan? Meld het bij het programmabureau.</p>",
            ),
        ],
    ),
]


def seed_pages() -> HomePage:
    root = Page.get_first_root_node()
    # Wagtail's own welcome page (a plain Page with slug "home") is replaced by ours.
    Page.objects.filter(depth=2, content_type__model="page").delete()
    home = HomePage.objects.first()
    if home is None:
        home = HomePage(title="Verbetering re-integratie 2e spoor", slug="home", intro=HOME_INTRO)
        root.add_child(instance=home)
    home.title = "Verbetering re-integratie 2e spoor"
    home.intro = HOME_INTRO
    home.body = HOME_BODY
    publish_if_changed(home)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        site = Site(hostname="localhost", port=80, is_default_site=True)
    site.root_page = home
    site.site_name = "Tweede Spoor Platform"
    site.save()

    for slug, title, intro, body in PAGES:
        page = StandardPage.objects.child_of(home).filter(slug=slug).first()
        if page is None:
            page = StandardPage(title=title, slug=slug, intro=intro)
            home.add_child(instance=page)
        page.title = title
        page.intro = intro
        page.body = body
        # Privacy and accessibility statements live in the footer, not the main menu.
        page.show_in_menus = slug == "over-het-programma"
        publish_if_changed(page)
    return home
