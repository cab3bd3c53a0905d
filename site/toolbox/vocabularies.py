"""The toolbox's own vocabularies: who does what in a step, evidence levels, paying parties."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from cms_core.vocabularies import PayingParty

__all__ = ["Actor", "EvidenceLevel", "FacetKind", "PayingParty"]


class Actor(models.TextChoices):
    EMPLOYER = "werkgever", _("Employer")
    EMPLOYEE = "werknemer", _("Employee")
    OCCUPATIONAL_PHYSICIAN = "bedrijfsarts", _("Occupational physician")
    LABOUR_EXPERT = "arbeidsdeskundige", _("Labour expert")
    REINTEGRATION_COMPANY = "re-integratiebedrijf", _("Re-integration company")
    NEW_EMPLOYER = "nieuwe-werkgever", _("New employer")
    CASE_MANAGER = "casemanager", _("Case manager")
    EXPERIENCE_EXPERT = "ervaringsdeskundige", _("Experience expert")


class EvidenceLevel(models.IntegerChoices):
    """Five levels, after the Dutch intervention databanks; the programme aims for level 3."""

    DESCRIBED = 1, _("1 – Well described")
    THEORETICALLY_SOUND = 2, _("2 – Theoretically sound")
    FIRST_INDICATIONS = 3, _("3 – First indications of effectiveness")
    GOOD_INDICATIONS = 4, _("4 – Good indications of effectiveness")
    STRONG_INDICATIONS = 5, _("5 – Strong indications of effectiveness")


class FacetKind(models.TextChoices):
    EMPLOYEE_GROUP = "employee_group", _("Employees")
    EMPLOYER_GROUP = "employer_group", _("Employers")
    SECTOR = "sector", _("Sector")
    EMPLOYER_SIZE = "employer_size", _("Employer size")
