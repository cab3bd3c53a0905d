"""factory_boy factories shared by the whole suite."""

from __future__ import annotations

import factory
from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group

from accounts.models import Consortium, ConsortiumRole, Membership, Organisation, User
from accounts.roles import ROLE_GROUP_NAMES
from cms_core.models import Theme

PASSWORD = "Correct-Horse-Battery-9"


class ThemeFactory(factory.django.DjangoModelFactory[Theme]):
    class Meta:
        model = Theme
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Thema {n}")
    slug = factory.Sequence(lambda n: f"thema-{n}")


class UserFactory(factory.django.DjangoModelFactory[User]):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"persoon{n}@voorbeeld.nl")
    display_name = factory.Sequence(lambda n: f"Persoon {n}")
    full_name = factory.Sequence(lambda n: f"Voornaam Achternaam {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    @factory.post_generation
    def verified(self, create: bool, extracted: bool | None, **kwargs: object) -> None:
        """Every factory user has a verified primary e-mail address, unless verified=False."""
        self.save()
        if create and extracted is not False:
            EmailAddress.objects.update_or_create(
                user=self, email=self.email, defaults={"verified": True, "primary": True}
            )

    @factory.post_generation
    def roles(self, create: bool, extracted: list[str] | None, **kwargs: object) -> None:
        for role in extracted or []:
            group, _ = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
            self.groups.add(group)


class OrganisationFactory(factory.django.DjangoModelFactory[Organisation]):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    slug = factory.Sequence(lambda n: f"organisatie-{n}")
    kind = "werkgever"


class ConsortiumFactory(factory.django.DjangoModelFactory[Consortium]):
    class Meta:
        model = Consortium

    name = factory.Sequence(lambda n: f"Consortium {n}")
    slug = factory.Sequence(lambda n: f"consortium-{n}")
    lead_organisation = factory.SubFactory(OrganisationFactory)
    status = "ontwikkelfase"


class MembershipFactory(factory.django.DjangoModelFactory[Membership]):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    consortium = factory.SubFactory(ConsortiumFactory)
    role = ConsortiumRole.PRACTITIONER


def toolbox_index() -> object:
    """The toolbox index under the site's home page (created when missing), with its workflow."""
    from wagtail.models import Site

    from toolbox.models import ToolboxIndexPage
    from toolbox.workflow import ensure_toolbox_workflow

    index = ToolboxIndexPage.objects.first()
    if index is None:
        home = Site.objects.get(is_default_site=True).root_page
        index = ToolboxIndexPage(
            title="Gereedschapskist", slug="gereedschapskist", intro="Aanpakken."
        )
        home.add_child(instance=index)
        index.save_revision().publish()
    ensure_toolbox_workflow(index)
    return index


def approach_draft_data(**overrides: object) -> tuple[dict[str, object], list[dict[str, object]]]:
    """Valid cleaned data for a draft approach and its steps, as the draft form gives them."""
    theme = ThemeFactory(name="Goede dialoog", slug="goede-dialoog")
    data: dict[str, object] = {
        "title": "Samen het gesprek voorbereiden",
        "summary": "Werkgever en werknemer bereiden samen het gesprek over het tweede spoor voor.",
        "problem": "Het gesprek komt vaak te laat.\n\nDan is er weinig tijd over.",
        "themes": [theme],
        "employee_groups": [],
        "employer_groups": [],
        "sectors": [],
        "employer_sizes": [],
        "week_from": 6,
        "week_to": 26,
        "evidence_level": 2,
        "evidence_summary": "Twaalf trajecten; de meeste werknemers vonden het gesprek nuttig.",
        "outcome_measures": "Tevredenheid; tijd tot start tweede spoor.",
        "cost_estimate_eur": None,
        "business_case": "",
        "implementation_conditions": "Een bedrijfsarts die meedoet.",
        "contact": "Programmabureau",
    }
    data.update(overrides)
    steps: list[dict[str, object]] = [
        {
            "title": "Voorbereiden",
            "description": "De werkgever vraagt de werknemer wat die wil bespreken.",
            "actors": ["werkgever", "werknemer"],
            "week_from": 6,
            "week_to": 8,
        }
    ]
    return data, steps
