"""Demo content for the toolbox: the index, 14 approaches across the six themes, and news."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Page

from accounts.models import Consortium
from cms_core.demo import publish_if_changed
from cms_core.models import Theme
from home.models import HomePage
from toolbox.models import ApproachPage, Facet, NewsIndexPage, NewsPage, ToolboxIndexPage
from toolbox.workflow import ensure_toolbox_workflow

A = "werkgever"
E = "werknemer"
BA = "bedrijfsarts"
AD = "arbeidsdeskundige"
RI = "re-integratiebedrijf"
NW = "nieuwe-werkgever"
CM = "casemanager"
ED = "ervaringsdeskundige"

# Each approach: slug, title, consortium slug, themes, employee groups, employer groups, sectors,
# sizes, weeks, level, summary, problem, steps [(title, text, actors, from, to)], evidence,
# outcomes, costs [(party, costs, benefits, estimate)], total, business case, conditions,
# materials [(title, kind)]
APPROACHES: list[dict[str, Any]] = [
    {
        "slug": "kansrijkheidsgesprek-week-26",
        "title": "Het kansrijkheidsgesprek rond week 26",
        "consortium": "eerder-aan-de-slag",
        "themes": ["goede-dialoog"],
        "employees": ["psychische-klachten", "chronische-aandoening", "lichamelijke-klachten"],
        "employers": ["mkb", "groot"],
        "sectors": [],
        "sizes": [],
        "weeks": (20, 40),
        "level": 3,
        "summary": "Rond week 26 van de ziekte praten werkgever, werknemer en arbeidsdeskundige samen "
        "over de vraag: kan het werk bij de eigen werkgever nog, of is ander werk kansrijker? Zo "
        "start het tweede spoor niet te laat.",
        "problem": "<p>Het tweede spoor start vaak pas na de eerstejaarsevaluatie. Dan is er veel "
        "tijd verloren en is de afstand tot werk groter geworden.</p>",
        "steps": [
            (
                "Voorbereiden",
                "<p>De casemanager plant het gesprek en de werknemer krijgt vooraf een "
                "vragenlijst over wensen en mogelijkheden.</p>",
                [CM, E],
                20,
                24,
            ),
            (
                "Het gesprek",
                "<p>Werkgever, werknemer en arbeidsdeskundige bespreken de belastbaarheid, "
                "de kansen in eigen werk en daarbuiten.</p>",
                [A, E, AD],
                24,
                28,
            ),
            (
                "Afspraken vastleggen",
                "<p>De route (eerste spoor, tweede spoor of beide) wordt "
                "vastgelegd in het plan van aanpak, met een datum voor evaluatie.</p>",
                [A, E],
                26,
                30,
            ),
        ],
        "evidence": "<p>In twee regio's startte het tweede spoor gemiddeld 14 weken eerder dan in de "
        "vergelijkingsgroep (n = 86). De plaatsingskans na 12 maanden lijkt hoger, maar de groep "
        "is nog klein.</p>",
        "outcomes": "Week van start tweede spoor; plaatsing bij nieuwe werkgever na 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Uren van leidinggevende en casemanager; arbeidsdeskundige.",
                "Kortere loondoorbetaling bij eerdere plaatsing.",
                "950",
            ),
            (
                "werknemer",
                "Tijd voor voorbereiding en gesprek.",
                "Sneller duidelijkheid over de toekomst.",
                None,
            ),
        ],
        "total": "950",
        "business_case": "<p>Als de plaatsing gemiddeld acht weken eerder lukt, bespaart een "
        "werkgever ruim € 5.000 aan loondoorbetaling bij een modaal salaris.</p>",
        "conditions": "<ul><li>Een arbeidsdeskundige die vroeg beschikbaar is.</li><li>Vertrouwen: "
        "de werknemer moet weten dat het gesprek geen ontslaggesprek is.</li></ul>",
        "materials": [
            ("Gespreksformat kansrijkheidsgesprek", "gespreksformat"),
            ("Handleiding voor casemanagers", "handleiding"),
        ],
    },
    {
        "slug": "gesprekshulp-tweede-spoor",
        "title": "Gesprekshulp: het tweede spoor bespreekbaar maken",
        "consortium": "het-goede-gesprek",
        "themes": ["goede-dialoog"],
        "employees": ["psychische-klachten"],
        "employers": ["mkb"],
        "sectors": [],
        "sizes": ["micro", "klein"],
        "weeks": (6, 52),
        "level": 2,
        "summary": "Een kaartenset en korte training helpen leidinggevenden in kleine bedrijven om het "
        "tweede spoor op tijd en op een respectvolle manier ter sprake te brengen.",
        "problem": "<p>Leidinggevenden vinden het moeilijk om over werk bij een andere werkgever te "
        "beginnen. Werknemers horen het dan laat of voelen zich weggestuurd.</p>",
        "steps": [
            (
                "Training",
                "<p>Leidinggevenden oefenen in een dagdeel met een acteur.</p>",
                [A],
                None,
                None,
            ),
            (
                "Gesprek met kaartenset",
                "<p>Werkgever en werknemer gebruiken de kaarten om wensen, "
                "zorgen en rechten te bespreken.</p>",
                [A, E],
                6,
                52,
            ),
        ],
        "evidence": "<p>De aanpak is goed beschreven en gebaseerd op theorie over gedeelde "
        "besluitvorming. Effectonderzoek loopt nog.</p>",
        "outcomes": "Ervaren kwaliteit van het gesprek; tijdstip eerste gesprek over tweede spoor.",
        "costs": [
            (
                "huidige-werkgever",
                "Training (dagdeel) en kaartenset.",
                "Minder conflicten en bezwaarprocedures.",
                "450",
            )
        ],
        "total": "450",
        "business_case": "",
        "conditions": "<p>Werkt het best als de bedrijfsarts het gesprek mee voorbereidt.</p>",
        "materials": [("Kaartenset Goed gesprek tweede spoor", "gespreksformat")],
    },
    {
        "slug": "inkomstenplaatje-wia-prognose",
        "title": "Het inkomstenplaatje bij een WIA-prognose",
        "consortium": "eerder-aan-de-slag",
        "themes": ["goede-dialoog", "eigen-regie"],
        "employees": ["chronische-aandoening", "kanker"],
        "employers": ["mkb", "groot", "publiek"],
        "sectors": [],
        "sizes": [],
        "weeks": (40, 90),
        "level": 2,
        "summary": "De werknemer krijgt een persoonlijk overzicht van het inkomen bij verschillende "
        "routes: terugkeer, werk elders of een WIA-uitkering. Dat helpt om een goede keuze te maken.",
        "problem": "<p>Werknemers weten vaak niet wat ziekte na twee jaar betekent voor hun inkomen. "
        "Daardoor kiezen ze soms te laat voor ander werk.</p>",
        "steps": [
            (
                "Gegevens verzamelen",
                "<p>Loon, contract en verwachte belastbaarheid worden op een rij gezet.</p>",
                [CM, E],
                40,
                50,
            ),
            (
                "Inkomstenplaatje maken",
                "<p>Een adviseur rekent drie scenario's door.</p>",
                [AD],
                45,
                60,
            ),
            (
                "Bespreken",
                "<p>Het plaatje wordt besproken, ook met de partner als de werknemer dat wil.</p>",
                [E, AD],
                50,
                90,
            ),
        ],
        "evidence": "<p>Werknemers waarderen het overzicht (gemiddeld 8,1). Of het de overstap "
        "versnelt, is nog niet onderzocht.</p>",
        "outcomes": "Ervaren duidelijkheid; gekozen route.",
        "costs": [
            ("huidige-werkgever", "Adviesuren.", "Betere afwegingen, minder WGA-instroom.", "600")
        ],
        "total": "600",
        "business_case": "",
        "conditions": "<p>Een rekenhulp die actuele WIA-regels volgt.</p>",
        "materials": [],
    },
    {
        "slug": "functiecreatie-buiten-het-functiegebouw",
        "title": "Functiecreatie buiten het functiegebouw",
        "consortium": "iedereen-houdt-hier-werk",
        "themes": ["creativiteit"],
        "employees": ["lichamelijke-klachten", "oudere-werknemers"],
        "employers": ["groot", "mkb"],
        "sectors": ["industrie", "bouw"],
        "sizes": ["middel", "groot"],
        "weeks": (26, 80),
        "level": 3,
        "summary": "Werkgevers en werknemers kijken samen welke taken blijven liggen. Daar maken ze een "
        "nieuwe, passende functie van, bij de eigen of een andere werkgever in het netwerk.",
        "problem": "<p>Bestaande functies passen niet bij de belastbaarheid. Toch ligt er werk dat "
        "niemand doet.</p>",
        "steps": [
            ("Takenscan", "<p>Teams inventariseren taken die blijven liggen.</p>", [A], 26, 34),
            (
                "Ontwerpsessie",
                "<p>Werknemer, leidinggevende en arbeidsdeskundige stellen een nieuwe functie samen.</p>",
                [A, E, AD],
                30,
                40,
            ),
            (
                "Proefperiode",
                "<p>De functie wordt drie maanden uitgeprobeerd en bijgesteld.</p>",
                [A, E, NW],
                34,
                80,
            ),
        ],
        "evidence": "<p>In 31 trajecten leidde de aanpak in 18 gevallen tot een nieuwe functie "
        "(58%). Resultaten verschillen sterk tussen sectoren.</p>",
        "outcomes": "Duurzame plaatsing in nieuwe functie na 6 en 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Begeleiding en ontwerpsessies.",
                "Behoud van kennis; geen transitievergoeding.",
                "2100",
            ),
            (
                "nieuwe-werkgever",
                "Inwerktijd.",
                "Gemotiveerde medewerker voor werk dat bleef liggen.",
                "800",
            ),
        ],
        "total": "2900",
        "business_case": "<p>Bij plaatsing voor week 80 weegt de besparing op loondoorbetaling ruim "
        "op tegen de kosten.</p>",
        "conditions": "<ul><li>Ruimte in de formatie.</li><li>Een HR-adviseur die buiten het "
        "functiegebouw durft te denken.</li></ul>",
        "materials": [("Handleiding takenscan", "handleiding")],
    },
    {
        "slug": "taakherschikking-horeca",
        "title": "Taakherschikking in kleine horecabedrijven",
        "consortium": "horeca-herstart",
        "themes": ["creativiteit"],
        "employees": ["lichamelijke-klachten"],
        "employers": ["mkb"],
        "sectors": ["horeca"],
        "sizes": ["micro", "klein"],
        "weeks": (12, 60),
        "level": 1,
        "summary": "Horecaondernemers ruilen taken onderling, zodat een zieke medewerker lichter werk "
        "kan doen bij een collega-bedrijf in de buurt.",
        "problem": "<p>In kleine horecabedrijven is er weinig lichter werk.</p>",
        "steps": [
            (
                "Inventarisatie",
                "<p>Ondernemers melden lichte taken aan in een gezamenlijke lijst.</p>",
                [A],
                None,
                None,
            ),
            (
                "Koppeling",
                "<p>Een regiocoördinator koppelt medewerker en taak.</p>",
                [RI, E, NW],
                12,
                60,
            ),
        ],
        "evidence": "<p>De aanpak is beschreven en wordt in de ontwikkelfase uitgeprobeerd.</p>",
        "outcomes": "",
        "costs": [],
        "total": None,
        "business_case": "",
        "conditions": "<p>Een actieve lokale ondernemersvereniging.</p>",
        "materials": [],
    },
    {
        "slug": "werkervaringsplaatsen-mkb-netwerk",
        "title": "Werkervaringsplaatsen via een regionaal MKB-netwerk",
        "consortium": "samen-verder-noord",
        "themes": ["samenwerken-in-netwerken", "verlaging-van-drempels"],
        "employees": ["psychische-klachten", "lichamelijke-klachten", "chronische-aandoening"],
        "employers": ["mkb"],
        "sectors": [],
        "sizes": ["micro", "klein", "middel"],
        "weeks": (30, 90),
        "level": 3,
        "summary": "Kleine werkgevers in een regio bieden elkaars zieke werknemers een "
        "werkervaringsplaats aan. Zo kan iemand zonder risico ander werk proberen.",
        "problem": "<p>Kleine werkgevers hebben geen ander werk in huis en kennen weinig andere "
        "werkgevers die een zieke werknemer een kans willen geven.</p>",
        "steps": [
            (
                "Netwerk vormen",
                "<p>Een netwerkcoördinator werft werkgevers en houdt een overzicht van plaatsen bij.</p>",
                [A, RI],
                None,
                None,
            ),
            (
                "Matchen",
                "<p>Werknemer en coördinator kiezen een plaats die past bij wensen en belastbaarheid.</p>",
                [E, RI],
                30,
                50,
            ),
            (
                "Werkervaringsplaats",
                "<p>De werknemer werkt drie tot zes maanden mee met behoud van loon.</p>",
                [E, NW],
                34,
                80,
            ),
            (
                "Doorstroom",
                "<p>Bij een goede klik volgt een contract bij de nieuwe werkgever.</p>",
                [NW, E],
                50,
                90,
            ),
        ],
        "evidence": "<p>Van 64 werknemers kregen er 27 een contract bij een nieuwe werkgever (42%), "
        "tegen 20% in de referentiemeting van 2016. Na 12 maanden werkte 85% van hen nog.</p>",
        "outcomes": "Plaatsing bij nieuwe werkgever; nog aan het werk na 6 en 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Bijdrage aan netwerkcoördinatie; loon tijdens werkervaringsplaats.",
                "Eerdere plaatsing; geen loonsanctie.",
                "1800",
            ),
            ("nieuwe-werkgever", "Begeleiding op de werkvloer.", "Werving zonder risico.", "600"),
            ("samenleving", "Subsidie voor coördinatie.", "Minder WIA-instroom.", "400"),
        ],
        "total": "2800",
        "business_case": "<p>Per geslaagde plaatsing bespaart de huidige werkgever gemiddeld "
        "€ 9.400 aan loondoorbetaling en re-integratiekosten.</p>",
        "conditions": "<ul><li>Minstens 15 deelnemende werkgevers in de regio.</li><li>Een vaste "
        "coördinator die werkgevers persoonlijk kent.</li><li>Duidelijke afspraken over "
        "verzekering en loon tijdens de plaatsing.</li></ul>",
        "materials": [
            ("Handleiding netwerkcoördinator", "handleiding"),
            ("Modelovereenkomst werkervaringsplaats", "factsheet"),
        ],
    },
    {
        "slug": "regionale-vacaturepool",
        "title": "Een regionale vacaturepool voor het tweede spoor",
        "consortium": "logistiek-in-beweging",
        "themes": ["samenwerken-in-netwerken"],
        "employees": ["lichamelijke-klachten"],
        "employers": ["groot", "mkb"],
        "sectors": ["logistiek"],
        "sizes": [],
        "weeks": (26, 104),
        "level": 1,
        "summary": "Logistieke werkgevers delen vacatures die geschikt zijn voor werknemers in het "
        "tweede spoor, nog voordat ze openbaar worden.",
        "problem": "<p>Passende vacatures zijn er wel, maar ze worden niet gevonden.</p>",
        "steps": [
            (
                "Vacatures delen",
                "<p>Werkgevers zetten geschikte vacatures in de pool.</p>",
                [A, NW],
                None,
                None,
            ),
            (
                "Voorrang",
                "<p>Kandidaten uit het tweede spoor krijgen twee weken voorrang.</p>",
                [E, NW],
                26,
                104,
            ),
        ],
        "evidence": "<p>Verkenning in de startfase; nog geen resultaten.</p>",
        "outcomes": "",
        "costs": [],
        "total": None,
        "business_case": "",
        "conditions": "<p>Afspraken over privacy bij het delen van kandidaatgegevens.</p>",
        "materials": [],
    },
    {
        "slug": "zorgorganisaties-bemiddelen-onderling",
        "title": "Zorgorganisaties bemiddelen langdurig zieke medewerkers onderling",
        "consortium": "zorg-voor-elkaar",
        "themes": ["samenwerken-in-netwerken", "goede-dialoog"],
        "employees": ["psychische-klachten", "lichamelijke-klachten"],
        "employers": ["groot"],
        "sectors": ["zorg"],
        "sizes": ["groot"],
        "weeks": (26, 90),
        "level": 4,
        "summary": "Zorgorganisaties in een regio werken met één gezamenlijke mobiliteitsbank. Een "
        "verpleegkundige met rugklachten kan zo bijvoorbeeld aan de slag in de planning bij een "
        "andere zorgorganisatie.",
        "problem": "<p>Zorgmedewerkers vallen vaak uit in zwaar werk, terwijl er elders in de zorg "
        "lichter werk is.</p>",
        "steps": [
            (
                "Aanmelden",
                "<p>De casemanager meldt de medewerker aan bij de mobiliteitsbank.</p>",
                [CM],
                26,
                40,
            ),
            (
                "Oriëntatie",
                "<p>Meeloopdagen bij twee of drie andere organisaties.</p>",
                [E, NW],
                30,
                50,
            ),
            (
                "Overstap",
                "<p>Detachering van zes maanden, daarna een vast contract.</p>",
                [A, NW, E],
                40,
                90,
            ),
        ],
        "evidence": "<p>Gecontroleerde vergelijking met vier regio's zonder mobiliteitsbank: "
        "plaatsing in het tweede spoor 46% tegen 24% (n = 212). Het effect verschilt per "
        "organisatiegrootte.</p>",
        "outcomes": "Plaatsing bij nieuwe werkgever; duurzame inzet na 12 maanden; verzuim na plaatsing.",
        "costs": [
            (
                "huidige-werkgever",
                "Deelname mobiliteitsbank; detacheringskosten.",
                "Minder loondoorbetaling en geen transitievergoeding.",
                "2400",
            ),
            ("nieuwe-werkgever", "Inwerken.", "Ervaren zorgpersoneel in een krappe markt.", "900"),
        ],
        "total": "3300",
        "business_case": "<p>De besparing per plaatsing is gemiddeld € 12.000 voor de huidige "
        "werkgever; de nieuwe werkgever bespaart wervingskosten.</p>",
        "conditions": "<ul><li>Regionale cao-afspraken over detachering.</li><li>Een "
        "onafhankelijke coördinator.</li></ul>",
        "materials": [("Werkwijzer mobiliteitsbank zorg", "handleiding")],
    },
    {
        "slug": "rouwbegeleiding-afscheid-eigen-werkgever",
        "title": "Rouwbegeleiding bij afscheid van de eigen werkgever",
        "consortium": "afscheid-en-nieuw-begin",
        "themes": ["rouwverwerking"],
        "employees": ["psychische-klachten", "chronische-aandoening", "kanker"],
        "employers": ["mkb", "groot", "publiek"],
        "sectors": [],
        "sizes": [],
        "weeks": (26, 80),
        "level": 2,
        "summary": "Afscheid nemen van je werk kan voelen als een verlies. In vier gesprekken met een "
        "begeleider krijgt dat verdriet een plek. Daarna is er meer ruimte voor een nieuwe stap.",
        "problem": "<p>Werknemers blijven hangen in boosheid of verdriet over het verlies van hun "
        "baan. Dat remt de zoektocht naar ander werk.</p>",
        "steps": [
            (
                "Erkennen",
                "<p>De begeleider bespreekt wat het verlies betekent.</p>",
                [E, ED],
                26,
                40,
            ),
            (
                "Afscheid",
                "<p>Een bewust afscheidsmoment bij de eigen werkgever, als de werknemer dat wil.</p>",
                [E, A],
                30,
                60,
            ),
            (
                "Nieuw perspectief",
                "<p>Samen met een ervaringsdeskundige wordt een eerste stap gezet.</p>",
                [E, ED, RI],
                34,
                80,
            ),
        ],
        "evidence": "<p>Werknemers voelen zich meer erkend (kwalitatief onderzoek, 18 interviews). "
        "Effect op plaatsing wordt nog gemeten.</p>",
        "outcomes": "Ervaren erkenning; motivatie voor tweede spoor; plaatsing na 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Vier gesprekken met begeleider.",
                "Snellere start van het tweede spoor.",
                "700",
            )
        ],
        "total": "700",
        "business_case": "",
        "conditions": "<p>Begeleiders met kennis van rouw en van arbeidsre-integratie.</p>",
        "materials": [("Werkboek Afscheid en nieuw begin", "handleiding")],
    },
    {
        "slug": "ervaringsdeskundige-loopbaancoach-na-kanker",
        "title": "Een ervaringsdeskundige loopbaancoach na kanker",
        "consortium": "werk-na-kanker",
        "themes": ["eigen-regie", "rouwverwerking"],
        "employees": ["kanker"],
        "employers": ["mkb", "groot", "publiek"],
        "sectors": [],
        "sizes": [],
        "weeks": (20, 104),
        "level": 3,
        "summary": "Een coach die zelf kanker heeft gehad, helpt de werknemer om zelf de regie te "
        "nemen bij het zoeken naar passend werk bij een andere werkgever.",
        "problem": "<p>Na kanker verandert wat iemand kan en wil. Standaard re-integratie sluit daar "
        "slecht op aan.</p>",
        "steps": [
            (
                "Kennismaking",
                "<p>Werknemer kiest zelf een coach uit een poule.</p>",
                [E, ED],
                20,
                30,
            ),
            (
                "Loopbaangesprekken",
                "<p>Zes tot tien gesprekken over energie, waarden en werk.</p>",
                [E, ED],
                24,
                70,
            ),
            (
                "Zoeken en proberen",
                "<p>Oriënterende gesprekken en een proefplaatsing bij een nieuwe werkgever.</p>",
                [E, NW, RI],
                40,
                104,
            ),
        ],
        "evidence": "<p>Van 47 deelnemers vond 40% werk bij een nieuwe werkgever binnen 12 maanden; "
        "de ervaren regie steeg significant.</p>",
        "outcomes": "Ervaren eigen regie; plaatsing na 12 maanden.",
        "costs": [
            ("huidige-werkgever", "Coachingstraject.", "Eerdere plaatsing.", "2500"),
            ("werknemer", "Tijd en energie.", "Werk dat beter past.", None),
        ],
        "total": "2500",
        "business_case": "<p>Het traject kost ongeveer evenveel als een regulier tweedespoortraject, "
        "met een hogere plaatsingskans.</p>",
        "conditions": "<ul><li>Opgeleide ervaringsdeskundige coaches.</li><li>Ruimte voor de "
        "werknemer om het tempo te bepalen.</li></ul>",
        "materials": [("Training ervaringsdeskundig coachen", "training")],
    },
    {
        "slug": "eigen-regiebudget",
        "title": "Een eigen-regiebudget voor re-integratie",
        "consortium": "regie-in-eigen-hand",
        "themes": ["eigen-regie"],
        "employees": [
            "psychische-klachten",
            "chronische-aandoening",
            "lichamelijke-klachten",
            "kanker",
        ],
        "employers": ["groot", "publiek"],
        "sectors": [],
        "sizes": ["middel", "groot"],
        "weeks": (26, 104),
        "level": 3,
        "summary": "De werknemer krijgt een eigen budget en kiest zelf welke ondersteuning hij of zij "
        "inzet: een cursus, coaching of een proefplaats.",
        "problem": "<p>Werknemers hebben weinig invloed op hun eigen tweedespoortraject en haken "
        "daardoor af.</p>",
        "steps": [
            (
                "Budget afspreken",
                "<p>Werkgever en werknemer spreken een budget en voorwaarden af.</p>",
                [A, E],
                26,
                34,
            ),
            (
                "Plan maken",
                "<p>De werknemer maakt een eigen plan, met hulp als dat nodig is.</p>",
                [E, RI],
                28,
                40,
            ),
            (
                "Besteden en verantwoorden",
                "<p>Eenvoudige verantwoording achteraf, zonder vooraf toestemming per uitgave.</p>",
                [E, CM],
                30,
                104,
            ),
        ],
        "evidence": "<p>Pilot bij drie werkgevers (n = 58): minder uitval uit het traject (9% tegen "
        "21%) en een vergelijkbare plaatsingskans.</p>",
        "outcomes": "Uitval uit traject; plaatsing; tevredenheid.",
        "costs": [
            (
                "huidige-werkgever",
                "Budget van gemiddeld € 3.000.",
                "Minder uitval, minder bezwaarzaken.",
                "3000",
            )
        ],
        "total": "3000",
        "business_case": "<p>Even duur als een regulier traject, met minder uitval.</p>",
        "conditions": "<p>Vertrouwen van de werkgever; eenvoudige administratie.</p>",
        "materials": [("Modelregeling eigen-regiebudget", "factsheet")],
    },
    {
        "slug": "detachering-met-terugvalgarantie",
        "title": "Detachering met terugvalgarantie",
        "consortium": "drempelvrij-overstappen",
        "themes": ["verlaging-van-drempels"],
        "employees": ["psychische-klachten", "lichamelijke-klachten", "oudere-werknemers"],
        "employers": ["mkb", "groot"],
        "sectors": [],
        "sizes": [],
        "weeks": (34, 100),
        "level": 3,
        "summary": "De werknemer gaat bij een nieuwe werkgever aan de slag via een detachering. Gaat "
        "het mis, dan kan hij of zij terugvallen op het oude contract.",
        "problem": "<p>Werknemers durven hun vaste contract niet op te geven; nieuwe werkgevers "
        "durven het risico van een zieke werknemer niet aan.</p>",
        "steps": [
            (
                "Match",
                "<p>Een re-integratiebedrijf zoekt een passende nieuwe werkgever.</p>",
                [RI, E, NW],
                34,
                50,
            ),
            (
                "Detachering",
                "<p>Zes tot twaalf maanden detachering met behoud van het oude contract.</p>",
                [A, NW, E],
                40,
                100,
            ),
            (
                "Overgang",
                "<p>Bij succes een contract bij de nieuwe werkgever, met no-riskpolis.</p>",
                [NW, E],
                60,
                104,
            ),
        ],
        "evidence": "<p>52% van 73 gedetacheerde werknemers kreeg een contract bij de nieuwe werkgever. "
        "Bij psychische klachten lag dat lager (38%) dan bij lichamelijke klachten (61%).</p>",
        "outcomes": "Contract bij nieuwe werkgever; duurzaamheid na 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Bemiddeling en deel van de loonkosten tijdens detachering.",
                "Einde loondoorbetaling bij overgang.",
                "3200",
            ),
            ("nieuwe-werkgever", "Deel van de loonkosten.", "Proeftijd zonder risico.", "0"),
            ("samenleving", "No-riskpolis.", "Minder WIA-instroom.", None),
        ],
        "total": "3200",
        "business_case": "<p>De werkgever betaalt tijdens de detachering minder loon en voorkomt een "
        "loonsanctie.</p>",
        "conditions": "<ul><li>Een detacheringsovereenkomst met duidelijke afspraken over "
        "terugkeer.</li><li>Kennis van de no-riskpolis bij de nieuwe werkgever.</li></ul>",
        "materials": [
            ("Modelovereenkomst detachering met terugvalgarantie", "factsheet"),
            ("Factsheet no-riskpolis voor werkgevers", "factsheet"),
        ],
    },
    {
        "slug": "snuffelstage-meeloopdagen",
        "title": "Snuffelstages en meeloopdagen in technische beroepen",
        "consortium": "bouwen-aan-perspectief",
        "themes": ["verlaging-van-drempels", "creativiteit"],
        "employees": ["lichamelijke-klachten"],
        "employers": ["mkb"],
        "sectors": ["bouw", "industrie"],
        "sizes": ["klein", "middel"],
        "weeks": (20, 70),
        "level": 2,
        "summary": "Bouwvakkers met fysieke klachten lopen een paar dagen mee in een ander technisch "
        "beroep, zoals werkvoorbereiding of onderhoudsplanning.",
        "problem": "<p>Werknemers kunnen zich moeilijk voorstellen welk ander werk bij hen past.</p>",
        "steps": [
            (
                "Kiezen",
                "<p>De werknemer kiest twee beroepen uit een overzicht.</p>",
                [E, AD],
                20,
                30,
            ),
            (
                "Meelopen",
                "<p>Twee tot vijf dagen meelopen bij een andere werkgever.</p>",
                [E, NW],
                24,
                50,
            ),
            (
                "Vervolg",
                "<p>Scholing of een proefplaatsing als het bevalt.</p>",
                [E, RI, NW],
                30,
                70,
            ),
        ],
        "evidence": "<p>Werknemers en werkgevers zijn positief; effect op plaatsing volgt.</p>",
        "outcomes": "Gekozen vervolgstap; plaatsing na 12 maanden.",
        "costs": [
            (
                "huidige-werkgever",
                "Loon tijdens meeloopdagen; organisatie.",
                "Sneller een haalbaar doel.",
                "500",
            )
        ],
        "total": "500",
        "business_case": "",
        "conditions": "<p>Een pool van gastbedrijven in de regio.</p>",
        "materials": [],
    },
    {
        "slug": "proefplaatsing-no-riskpolis",
        "title": "Proefplaatsing met no-riskpolis, voorbereid met het sociaal werkbedrijf",
        "consortium": "stromen-naar-werk",
        "themes": ["verlaging-van-drempels"],
        "employees": ["chronische-aandoening", "psychische-klachten"],
        "employers": ["mkb", "publiek"],
        "sectors": ["logistiek", "overheid"],
        "sizes": [],
        "weeks": (40, 104),
        "level": 2,
        "summary": "Een werknemer werkt eerst een paar maanden op proef bij een nieuwe werkgever. "
        "Het sociaal werkbedrijf bereidt de plaatsing voor; de no-riskpolis dekt het risico op "
        "nieuwe uitval.",
        "problem": "<p>Nieuwe werkgevers zijn bang voor nieuw verzuim en kennen de regelingen niet.</p>",
        "steps": [
            (
                "Voorbereiding",
                "<p>Training werkvaardigheden bij het sociaal werkbedrijf.</p>",
                [E, RI],
                40,
                56,
            ),
            (
                "Proefplaatsing",
                "<p>Twee tot drie maanden op proef met behoud van loon.</p>",
                [E, NW, A],
                48,
                80,
            ),
            (
                "Contract",
                "<p>Contract bij de nieuwe werkgever met no-riskpolis.</p>",
                [NW, E],
                60,
                104,
            ),
        ],
        "evidence": "<p>Goed beschreven en theoretisch onderbouwd; de eerste plaatsingen lopen.</p>",
        "outcomes": "Plaatsing; verzuim na plaatsing.",
        "costs": [
            (
                "huidige-werkgever",
                "Loon tijdens proefplaatsing; voorbereiding.",
                "Einde loondoorbetaling.",
                "1500",
            )
        ],
        "total": "1500",
        "business_case": "",
        "conditions": "<p>Goede samenwerking tussen werkgever, sociaal werkbedrijf en UWV.</p>",
        "materials": [],
    },
]

NEWS = [
    (
        "eerste-aanpakken-in-de-gereedschapskist",
        "Eerste aanpakken in de gereedschapskist",
        datetime.date(2026, 10, 1),
        "De eerste aanpakken uit de consortia staan in de gereedschapskist, met hun kosten en baten.",
    ),
    (
        "leernetwerk-rouwverwerking-van-start",
        "Leernetwerk Rouwverwerking van start",
        datetime.date(2026, 9, 15),
        "Projecten die werken aan rouw na verlies van werk, delen hun ervaringen in een nieuw leernetwerk.",
    ),
    (
        "ervaringsdeskundigen-adviseren-over-plannen",
        "Ervaringsdeskundigen adviseren over plannen",
        datetime.date(2026, 6, 3),
        "Het ervaringsdeskundigenpanel gaf advies over zes projectplannen. Consortia namen de meeste adviezen over.",
    ),
    (
        "werkgeversdag-tweede-spoor",
        "Werkgeversdag tweede spoor in Utrecht",
        datetime.date(2026, 3, 20),
        "Honderdtwintig werkgevers kwamen bijeen om te horen hoe netwerken van werkgevers plaatsingen mogelijk maken.",
    ),
]

_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


# "Behind the average": results per setting, as trajectory counts (dimension, setting, source,
# started, placed at a new employer, still working there after 6 months).
RESULTS: dict[str, list[tuple[str, str, str, int, int, int | None]]] = {
    "werkervaringsplaatsen-mkb-netwerk": [
        ("sector", "Bouw en installatie", "Samen Verder Noord", 18, 9, 7),
        ("sector", "Industrie", "Samen Verder Noord", 12, 7, 6),
        ("sector", "Zakelijke dienstverlening", "Samen Verder Noord", 4, 2, 1),
        ("employer_size", "Micro (minder dan 10 werknemers)", "", 9, 4, 3),
        ("employer_size", "Klein (10 tot 50 werknemers)", "", 25, 14, 11),
    ],
    "zorgorganisaties-bemiddelen-onderling": [
        ("condition", "Psychische klachten", "", 31, 14, 11),
        ("condition", "Lichamelijke klachten", "", 22, 13, 12),
        ("condition", "Kanker", "", 6, 3, 3),
        ("region", "Twente", "Zorg voor Werk Twente", 27, 15, 12),
        ("region", "Noord-Holland Noord", "Zorgmobiliteit NHN", 32, 15, 14),
    ],
}

# Approaches that show a change log in the demo: the fields of their first published version.
EARLIER_VERSIONS: dict[str, dict[str, Any]] = {
    "kansrijkheidsgesprek-week-26": {
        "summary": "Rond week 26 bespreken werkgever, werknemer en bedrijfsarts de kans op terugkeer "
        "bij de eigen werkgever. Is die klein, dan start het tweede spoor.",
        "evidence_level": 2,
        "summary_checked_by_panel_on": None,
    },
}


def _document(title: str) -> Document:
    document = Document.objects.filter(title=title).first()
    if document is None:
        document = Document(title=title)
        document.file.save(
            f"{title.lower().replace(' ', '-')[:60]}.pdf", ContentFile(_PDF), save=False
        )
        document.save()
    return document


def _facets(kind: str, codes: list[str]) -> list[Facet]:
    return list(Facet.objects.filter(kind=kind, code__in=codes))


def _child(parent: Page, model: type[Page], slug: str, **fields: Any) -> Any:
    page = model.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = model(slug=slug, **fields)
        parent.add_child(instance=page)
    for name, value in fields.items():
        setattr(page, name, value)
    return page


def seed_toolbox(home: HomePage) -> ToolboxIndexPage:
    index = _child(
        home,
        ToolboxIndexPage,
        "gereedschapskist",
        title="Gereedschapskist",
        intro="Aanpakken voor re-integratie in het tweede spoor waarvan de werkzaamheid aannemelijk "
        "is, met kosten en baten en wat je nodig hebt om ermee te werken. Filter op je situatie of "
        "zoek op een woord.",
        show_in_menus=True,
    )
    publish_if_changed(index)
    ensure_toolbox_workflow(index)
    themes = {t.slug: t for t in Theme.objects.all()}
    consortia = {c.slug: c for c in Consortium.objects.all()}
    for data in APPROACHES:
        page = _child(
            index,
            ApproachPage,
            data["slug"],
            title=data["title"],
            summary=data["summary"],
            summary_checked_by_panel_on=datetime.date(2026, 5, 12) if data["level"] >= 3 else None,
            problem=data["problem"],
            week_from=data["weeks"][0],
            week_to=data["weeks"][1],
            evidence_level=data["level"],
            evidence_summary=data["evidence"],
            outcome_measures=data["outcomes"],
            assessed_on=datetime.date(2026, 6, 1),
            assessed_by="Programmacommissie",
            valid_until=datetime.date(2029, 6, 1),
            cost_estimate_eur=Decimal(data["total"]) if data["total"] else None,
            business_case=data["business_case"],
            implementation_conditions=data["conditions"],
            consortium=consortia.get(data["consortium"]),
            contact="Programmabureau Verbetering re-integratie 2e spoor, ZonMw",
        )
        page.steps = [
            ("step", {"title": t, "description": d, "actors": a, "week_from": f, "week_to": w})
            for t, d, a, f, w in data["steps"]
        ]
        page.costs_and_benefits = [
            (
                "party",
                {
                    "party": p,
                    "costs": c,
                    "benefits": b,
                    "cost_estimate_eur": Decimal(e) if e else None,
                },
            )
            for p, c, b, e in data["costs"]
        ]
        page.results_by_setting = [
            (
                "result",
                {
                    "dimension": dimension,
                    "setting": setting,
                    "source": source,
                    "started": started,
                    "placed": placed,
                    "sustained": sustained,
                },
            )
            for dimension, setting, source, started, placed, sustained in RESULTS.get(
                data["slug"], []
            )
        ]
        page.materials = [
            ("material", {"document": _document(title), "kind": kind, "description": ""})
            for title, kind in data["materials"]
        ]
        page.themes.set([themes[slug] for slug in data["themes"]])
        page.employee_groups.set(_facets("employee_group", data["employees"]))
        page.employer_groups.set(_facets("employer_group", data["employers"]))
        page.sectors.set(_facets("sector", data["sectors"]))
        page.employer_sizes.set(_facets("employer_size", data["sizes"]))
        earlier = EARLIER_VERSIONS.get(data["slug"])
        if earlier and page.live_revision_id is None:
            # A new demo approach with history: first the version before the panel's advice.
            current = {name: getattr(page, name) for name in earlier}
            for name, value in earlier.items():
                setattr(page, name, value)
            page.save_revision().publish()
            for name, value in current.items():
                setattr(page, name, value)
        publish_if_changed(page)

    news_index = _child(
        home,
        NewsIndexPage,
        "nieuws",
        title="Nieuws",
        intro="Nieuws uit het programma Verbetering re-integratie 2e spoor.",
        show_in_menus=True,
    )
    publish_if_changed(news_index)
    for slug, title, date, intro in NEWS:
        item = _child(news_index, NewsPage, slug, title=title, date=date, intro=intro)
        item.body = [("paragraph", f"<p>{intro}</p>")]
        publish_if_changed(item)
    return index


# Drafts in the editorial workflow, so each role has something to do in the demo.
DRAFTS: list[dict[str, Any]] = [
    {
        "title": "Loopbaangesprek met een ervaringsdeskundige vóór week 40",
        "summary": "Een ervaringsdeskundige voert met de zieke werknemer een gesprek over werk bij "
        "een andere werkgever, voordat het tweede spoor officieel begint.",
        "problem": "Werknemers horen vaak pas laat dat terugkeer bij de eigen werkgever niet lukt. "
        "Ze zijn dan nog niet klaar voor de stap naar ander werk.",
        "weeks": (26, 40),
        "level": 2,
        "themes": ["goede-dialoog", "eigen-regie"],
        "stage": "panel",  # waiting for the panel's advice
    },
    {
        "title": "Gedeelde werkervaringsplaats voor twee MKB-bedrijven",
        "summary": "Twee kleine bedrijven delen één werkervaringsplaats, zodat een zieke werknemer "
        "bij allebei kan proberen of het werk past.",
        "problem": "Een klein bedrijf kan vaak geen hele werkervaringsplaats bieden.",
        "weeks": (40, 90),
        "level": 1,
        "themes": ["samenwerken-in-netwerken", "verlaging-van-drempels"],
        "stage": "returned",  # the committee asked for changes
    },
]
RETURN_REASON = (
    "Beschrijf wie de werknemer begeleidt als die bij twee werkgevers werkt, en wie de "
    "verzekering regelt. Dan beoordelen we de aanpak opnieuw."
)


def seed_drafts() -> None:
    """Drafts of Samen Verder Noord: one at the panel's step, one returned by the committee."""
    from accounts.models import User
    from toolbox import services

    consortium = Consortium.objects.filter(slug="samen-verder-noord").first()
    coordinator = User.objects.filter(email__startswith="coordinator@").first()
    panel = User.objects.filter(email__startswith="panel@").first()
    committee = User.objects.filter(email__startswith="commissie@").first()
    if not (consortium and coordinator and panel and committee):
        return
    for draft in DRAFTS:
        if ApproachPage.objects.filter(title=draft["title"]).exists():
            continue
        page = services.approach_draft_create(
            actor=coordinator,
            consortium=consortium,
            data={
                "title": draft["title"],
                "summary": draft["summary"],
                "problem": draft["problem"],
                "week_from": draft["weeks"][0],
                "week_to": draft["weeks"][1],
                "evidence_level": draft["level"],
                "evidence_summary": "Eerste ervaringen in vier trajecten; nog geen effectmeting.",
                "implementation_conditions": "Een werkgever en een ervaringsdeskundige die tijd "
                "vrijmaken; afspraken over de begeleiding.",
                "themes": list(Theme.objects.filter(slug__in=draft["themes"])),
            },
            steps=[
                {
                    "title": "Kennismaken",
                    "description": "De werknemer en de ervaringsdeskundige maken kennis.",
                    "actors": [ED, E],
                    "week_from": draft["weeks"][0],
                    "week_to": draft["weeks"][0] + 2,
                }
            ],
        )
        services.approach_draft_submit(actor=coordinator, approach=page)
        if draft["stage"] == "returned":
            # The panel's step is a review round, answered by the consortium; then the
            # committee asks for changes.
            from action_research.demo.panel import advise_on_draft

            advise_on_draft(page)
            page.refresh_from_db()
            task_state = page.current_workflow_state.current_task_state
            task_state.task.specific.on_action(
                task_state, committee, "reject", comment=RETURN_REASON
            )
