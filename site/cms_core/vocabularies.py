"""Controlled vocabularies shared across apps: sectors, regions, employer sizes, paying parties,
broad condition categories."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sector(models.TextChoices):
    HEALTHCARE = "zorg", _("Healthcare and welfare")
    EDUCATION = "onderwijs", _("Education")
    GOVERNMENT = "overheid", _("Government")
    INDUSTRY = "industrie", _("Manufacturing")
    CONSTRUCTION = "bouw", _("Construction and installation")
    RETAIL = "handel", _("Retail and wholesale")
    TRANSPORT = "logistiek", _("Transport and logistics")
    HOSPITALITY = "horeca", _("Hospitality")
    BUSINESS_SERVICES = "zakelijk", _("Business services")
    FINANCE = "financieel", _("Financial services")
    ICT = "ict", _("ICT")
    AGRICULTURE = "agrarisch", _("Agriculture")
    CLEANING = "schoonmaak", _("Cleaning and facility services")
    TEMPORARY_WORK = "uitzend", _("Temporary employment")
    CULTURE = "cultuur", _("Culture, sport and recreation")
    CROSS_SECTOR = "sectoroverstijgend", _("Cross-sector")
    OTHER = "overig", _("Other")


class EmployerSize(models.TextChoices):
    MICRO = "micro", _("Micro (fewer than 10 employees)")
    SMALL = "klein", _("Small (10 to 49 employees)")
    MEDIUM = "middel", _("Medium-sized (50 to 249 employees)")
    LARGE = "groot", _("Large (250 employees or more)")


class LabourMarketRegion(models.TextChoices):
    """The 35 Dutch labour-market regions (arbeidsmarktregio's), plus national scope."""

    NATIONAL = "landelijk", _("National")
    GRONINGEN = "groningen", "Groningen"
    FRIESLAND = "friesland", "Friesland"
    DRENTHE = "drenthe", "Drenthe"
    REGIO_ZWOLLE = "regio-zwolle", "Regio Zwolle"
    TWENTE = "twente", "Twente"
    STEDENDRIEHOEK = "stedendriehoek", "Stedendriehoek en Noordwest Veluwe"
    ACHTERHOEK = "achterhoek", "Achterhoek"
    MIDDEN_GELDERLAND = "midden-gelderland", "Midden-Gelderland"
    RIJK_VAN_NIJMEGEN = "rijk-van-nijmegen", "Rijk van Nijmegen"
    FOOD_VALLEY = "food-valley", "Food Valley"
    RIVIERENLAND = "rivierenland", "Rivierenland"
    MIDDEN_UTRECHT = "midden-utrecht", "Midden-Utrecht"
    AMERSFOORT = "amersfoort", "Amersfoort"
    GOOI_EN_VECHTSTREEK = "gooi-en-vechtstreek", "Gooi en Vechtstreek"
    ZAANSTREEK_WATERLAND = "zaanstreek-waterland", "Zaanstreek/Waterland"
    GROOT_AMSTERDAM = "groot-amsterdam", "Groot Amsterdam"
    ZUID_KENNEMERLAND = "zuid-kennemerland-ijmond", "Zuid-Kennemerland en IJmond"
    NOORD_HOLLAND_NOORD = "noord-holland-noord", "Noord-Holland Noord"
    HOLLAND_RIJNLAND = "holland-rijnland", "Holland Rijnland"
    ZUID_HOLLAND_CENTRAAL = "zuid-holland-centraal", "Zuid-Holland Centraal"
    HAAGLANDEN = "haaglanden", "Haaglanden"
    MIDDEN_HOLLAND = "midden-holland", "Midden-Holland"
    RIJNMOND = "rijnmond", "Rijnmond"
    DRECHTSTEDEN = "drechtsteden", "Drechtsteden"
    GORINCHEM = "gorinchem", "Gorinchem"
    ZEELAND = "zeeland", "Zeeland"
    WEST_BRABANT = "west-brabant", "West-Brabant"
    MIDDEN_BRABANT = "midden-brabant", "Midden-Brabant"
    NOORDOOST_BRABANT = "noordoost-brabant", "Noordoost-Brabant"
    ZUIDOOST_BRABANT = "zuidoost-brabant", "Zuidoost-Brabant"
    HELMOND_DE_PEEL = "helmond-de-peel", "Helmond-De Peel"
    NOORD_LIMBURG = "noord-limburg", "Noord-Limburg"
    MIDDEN_LIMBURG = "midden-limburg", "Midden-Limburg"
    ZUID_LIMBURG = "zuid-limburg", "Zuid-Limburg"
    FLEVOLAND = "flevoland", "Flevoland"


class PayingParty(models.TextChoices):
    """Who bears a cost or receives a benefit, as the cost-benefit analyses distinguish them."""

    CURRENT_EMPLOYER = "huidige-werkgever", _("Current employer")
    NEW_EMPLOYER = "nieuwe-werkgever", _("New employer")
    EMPLOYEE = "werknemer", _("Employee")
    INSURER = "verzekeraar", _("Insurer")
    SOCIETY = "samenleving", _("UWV / society")


class ConditionCategory(models.TextChoices):
    """Broad kinds of health problem: coarse on purpose, so that no trajectory is recognisable."""

    MENTAL = "psychisch", _("Mental health problems (including burn-out)")
    MUSCULOSKELETAL = "bewegingsapparaat", _("Musculoskeletal problems")
    CANCER = "kanker", _("Cancer")
    CARDIOVASCULAR = "hart-en-vaatziekten", _("Cardiovascular disease")
    NEUROLOGICAL = "neurologisch", _("Neurological conditions (including acquired brain injury)")
    FATIGUE = "vermoeidheid", _("Chronic fatigue (including long COVID)")
    OTHER_PHYSICAL = "overig-lichamelijk", _("Other physical problems")
    MULTIPLE = "meervoudig", _("Several problems together")
    UNKNOWN = "onbekend", _("Unknown")
