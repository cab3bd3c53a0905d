"""Toolbox pages: the index with finder and filters, approach pages, news; and their facets."""

from __future__ import annotations

from functools import partial
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import Http404, HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalManyToManyField
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page, Task
from wagtail.search import index

from cms_core.blocks import BodyBlock
from toolbox.vocabularies import Actor, EvidenceLevel, FacetKind, PayingParty

RICH_TEXT_FEATURES = ["bold", "italic", "link", "ol", "ul", "document-link"]
MAX_SICKNESS_WEEK = 104  # the statutory wage-continuation period
# Sub-pages of the toolbox index; an approach cannot take one of these as its slug.
RESERVED_SLUGS = {"keuzehulp", "vergelijk"}


class Facet(models.Model):
    """One value of a filterable characteristic: a target group, a sector or an employer size."""

    kind = models.CharField(_("kind"), max_length=20, choices=FacetKind.choices)
    code = models.SlugField(_("code"), max_length=60)
    label = models.CharField(_("label"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["kind", "sort_order", "label"]
        verbose_name = _("facet")
        verbose_name_plural = _("facets")
        constraints = [
            models.UniqueConstraint(fields=["kind", "code"], name="toolbox_facet_unique_kind_code")
        ]

    def __str__(self) -> str:
        return self.label


class StepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=120)
    description = blocks.RichTextBlock(label=_("What happens"), features=RICH_TEXT_FEATURES)
    actors = blocks.MultipleChoiceBlock(label=_("Who does it"), choices=Actor.choices)
    week_from = blocks.IntegerBlock(
        label=_("From week of sickness"), required=False, min_value=0, max_value=MAX_SICKNESS_WEEK
    )
    week_to = blocks.IntegerBlock(
        label=_("Until week of sickness"), required=False, min_value=0, max_value=MAX_SICKNESS_WEEK
    )

    class Meta:
        icon = "list-ol"
        template = "toolbox/blocks/step.html"


class CostBenefitBlock(blocks.StructBlock):
    party = blocks.ChoiceBlock(label=_("Party"), choices=PayingParty.choices)
    costs = blocks.TextBlock(label=_("Costs"), required=False)
    benefits = blocks.TextBlock(label=_("Benefits"), required=False)
    cost_estimate_eur = blocks.DecimalBlock(
        label=_("Estimated costs per trajectory (EUR)"), required=False, min_value=0
    )

    class Meta:
        icon = "form"
        template = "toolbox/blocks/cost_benefit.html"


class MaterialBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Document"))
    kind = blocks.ChoiceBlock(
        label=_("Kind"),
        choices=[
            ("handleiding", _("Manual")),
            ("gespreksformat", _("Conversation guide")),
            ("training", _("Training")),
            ("factsheet", _("Fact sheet")),
            ("overig", _("Other")),
        ],
    )
    description = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "doc-full"
        template = "toolbox/blocks/material.html"


SMALL_NUMBER = 5  # counts below this are never shown on public pages ("< 5")


class ResultBlock(blocks.StructBlock):
    """How the approach did in one setting: "behind the average" instead of one headline number.

    Counts of trajectories, never of people's details; on the public page any count below 5 is
    shown as "< 5" and no percentage is derived from it.
    """

    dimension = blocks.ChoiceBlock(
        label=_("Varies by"),
        choices=[
            ("sector", _("Sector")),
            ("employer_size", _("Employer size")),
            ("condition", _("Kind of condition")),
            ("region", _("Region")),
        ],
    )
    setting = blocks.CharBlock(label=_("Setting"), max_length=80)
    source = blocks.CharBlock(label=_("Project or consortium"), max_length=120, required=False)
    started = blocks.IntegerBlock(label=_("Trajectories started"), min_value=0)
    placed = blocks.IntegerBlock(label=_("Placed at a new employer within 12 months"), min_value=0)
    sustained = blocks.IntegerBlock(
        label=_("Still working there after 6 months"), min_value=0, required=False
    )

    class Meta:
        icon = "table"

    def clean(self, value: Any) -> Any:
        value = super().clean(value)
        errors = {}
        if value["placed"] > value["started"]:
            errors["placed"] = ValidationError(_("More placed than started."))
        if value.get("sustained") is not None and value["sustained"] > value["placed"]:
            errors["sustained"] = ValidationError(_("More still working than placed."))
        if errors:
            raise blocks.StructBlockValidationError(block_errors=errors)
        return value


class ToolboxIndexPage(RoutablePageMixin, Page):
    """The gereedschapskist: lists, filters and searches the approaches below it.

    Two sub-pages: the guided finder (keuzehulp/) and the side-by-side comparison (vergelijk/).
    """

    intro = models.TextField(_("introduction"), max_length=800)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["toolbox.ApproachPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("toolbox")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from toolbox import selectors

        context = super().get_context(request, *args, **kwargs)
        context["finder"] = selectors.approach_search(index=self, params=request.GET)
        return context

    def _render_sub_page(self, request: HttpRequest, template: str, **extra: Any) -> HttpResponse:
        context = Page.get_context(self, request)
        context.update(extra)
        return TemplateResponse(request, template, context)

    @path("keuzehulp/", name="guide")
    def guide(self, request: HttpRequest) -> HttpResponse:
        from toolbox import selectors

        guide = selectors.guided_finder(index=self, params=request.GET)
        return self._render_sub_page(request, "toolbox/guide.html", guide=guide)

    @path("vergelijk/", name="compare")
    def compare(self, request: HttpRequest) -> HttpResponse:
        from toolbox import selectors

        comparison = selectors.approach_comparison(index=self, params=request.GET)
        response = self._render_sub_page(request, "toolbox/compare.html", comparison=comparison)
        if not comparison.complete:
            response.status_code = 400
        return response


class ApproachPage(RoutablePageMixin, Page):
    """One approach (aanpak) for re-integration in the second track.

    Every published version stays readable at versie/<revision id>/: the citable URL.
    """

    summary = models.TextField(
        _("plain-language summary"),
        max_length=700,
        help_text=_(
            "B1 Dutch: short sentences, no jargon. Checked by the experience-expert panel."
        ),
    )
    summary_checked_by_panel_on = models.DateField(
        _("summary checked by the panel on"), null=True, blank=True
    )
    problem = RichTextField(_("problem it addresses"), features=RICH_TEXT_FEATURES)
    themes = ParentalManyToManyField("cms_core.Theme", verbose_name=_("themes"), blank=True)
    employee_groups = ParentalManyToManyField(
        Facet,
        verbose_name=_("employees it is for"),
        related_name="approaches_for_employees",
        limit_choices_to={"kind": FacetKind.EMPLOYEE_GROUP},
        blank=True,
    )
    employer_groups = ParentalManyToManyField(
        Facet,
        verbose_name=_("employers it is for"),
        related_name="approaches_for_employers",
        limit_choices_to={"kind": FacetKind.EMPLOYER_GROUP},
        blank=True,
    )
    sectors = ParentalManyToManyField(
        Facet,
        verbose_name=_("sectors"),
        related_name="approaches_in_sector",
        limit_choices_to={"kind": FacetKind.SECTOR},
        blank=True,
        help_text=_("Leave empty if the approach fits every sector."),
    )
    employer_sizes = ParentalManyToManyField(
        Facet,
        verbose_name=_("employer sizes"),
        related_name="approaches_for_size",
        limit_choices_to={"kind": FacetKind.EMPLOYER_SIZE},
        blank=True,
    )
    week_from = models.PositiveSmallIntegerField(
        _("from week of sickness"),
        validators=[MaxValueValidator(MAX_SICKNESS_WEEK)],
    )
    week_to = models.PositiveSmallIntegerField(
        _("until week of sickness"),
        validators=[MaxValueValidator(MAX_SICKNESS_WEEK)],
    )
    steps = StreamField([("step", StepBlock())], verbose_name=_("steps"))
    evidence_level = models.PositiveSmallIntegerField(
        _("evidence level"),
        choices=EvidenceLevel.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    evidence_summary = RichTextField(_("evidence summary"), features=RICH_TEXT_FEATURES)
    outcome_measures = models.TextField(_("primary outcome measures"), max_length=1000, blank=True)
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    assessed_by = models.CharField(
        _("assessed by"), max_length=120, blank=True, default="Programmacommissie"
    )
    valid_until = models.DateField(_("assessment valid until"), null=True, blank=True)
    costs_and_benefits = StreamField(
        [("party", CostBenefitBlock())], verbose_name=_("costs and benefits per party"), blank=True
    )
    cost_estimate_eur = models.DecimalField(
        _("total costs per trajectory (EUR)"),
        max_digits=9,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    business_case = RichTextField(_("business case"), features=RICH_TEXT_FEATURES, blank=True)
    results_by_setting = StreamField(
        [("result", ResultBlock())],
        verbose_name=_("results per setting"),
        blank=True,
        help_text=_("Where it was tried in several settings: how the results varied."),
    )
    implementation_conditions = RichTextField(
        _("implementation conditions and success factors"), features=RICH_TEXT_FEATURES
    )
    materials = StreamField(
        [("material", MaterialBlock())], verbose_name=_("materials"), blank=True
    )
    consortium = models.ForeignKey(
        "accounts.Consortium",
        verbose_name=_("developed by consortium"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="approaches",
    )
    contact = models.CharField(
        _("contact"),
        max_length=200,
        blank=True,
        help_text=_("An organisation's general address or web page; not a private person."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("summary_checked_by_panel_on"),
        FieldPanel("problem"),
        MultiFieldPanel(
            [
                FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
                FieldPanel("employee_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("employer_groups", widget=forms.CheckboxSelectMultiple),
                FieldPanel("sectors", widget=forms.CheckboxSelectMultiple),
                FieldPanel("employer_sizes", widget=forms.CheckboxSelectMultiple),
                FieldRowPanel([FieldPanel("week_from"), FieldPanel("week_to")]),
            ],
            heading=_("For whom and when"),
        ),
        FieldPanel("steps"),
        MultiFieldPanel(
            [
                FieldPanel("evidence_level"),
                FieldPanel("evidence_summary"),
                FieldPanel("outcome_measures"),
                FieldPanel("results_by_setting"),
                FieldRowPanel(
                    [
                        FieldPanel("assessed_on"),
                        FieldPanel("assessed_by"),
                        FieldPanel("valid_until"),
                    ]
                ),
            ],
            heading=_("Evidence and assessment"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("costs_and_benefits"),
                FieldPanel("cost_estimate_eur"),
                FieldPanel("business_case"),
            ],
            heading=_("Costs and benefits"),
        ),
        FieldPanel("implementation_conditions"),
        FieldPanel("materials"),
        MultiFieldPanel([FieldPanel("consortium"), FieldPanel("contact")], heading=_("Source")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary", boost=2),
        index.SearchField("problem"),
        index.SearchField("steps"),
        index.SearchField("evidence_summary"),
        index.SearchField("implementation_conditions"),
        index.AutocompleteField("summary"),
        index.FilterField("evidence_level"),
        index.FilterField("week_from"),
        index.FilterField("week_to"),
        index.FilterField("cost_estimate_eur"),
    ]

    parent_page_types = ["toolbox.ToolboxIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("approach")
        verbose_name_plural = _("approaches")

    def clean(self) -> None:
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError(
                {"slug": _("This address is taken by a toolbox page; choose another.")}
            )
        if (
            self.week_from is not None
            and self.week_to is not None
            and self.week_to < self.week_from
        ):
            raise ValidationError({"week_to": _("The last week lies before the first week.")})
        if self.assessed_on and self.valid_until and self.valid_until <= self.assessed_on:
            raise ValidationError(
                {"valid_until": _("The assessment must be valid until after it was made.")}
            )

    @property
    def reaches_programme_target(self) -> bool:
        return self.evidence_level >= EvidenceLevel.FIRST_INDICATIONS

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        from action_research.selectors import research_data_version
        from evaluation.selectors import costbenefit as evaluation_selectors
        from learning_network import selectors as network_selectors
        from toolbox import cache as toolbox_cache
        from toolbox import selectors

        context = super().get_context(request, *args, **kwargs)
        revision_id = kwargs.get("revision_id")
        # Callables: the template computes them only when the cached article must be rendered.
        context["versions"] = partial(selectors.approach_versions, approach=self, request=request)
        context["citation"] = partial(
            selectors.approach_citation, approach=self, request=request, revision_id=revision_id
        )
        context["result_groups"] = partial(selectors.approach_results, approach=self)
        context["panel_checked_on"] = partial(selectors.panel_check_date, approach=self)
        context["lessons"] = partial(network_selectors.approach_lessons, approach=self)
        context["measured_cost_benefit"] = partial(
            evaluation_selectors.published_analyses, consortium_id=self.consortium_id
        )
        # Measured results follow the research records: their version is part of the cache key.
        context["research_version"] = research_data_version()
        context["content_version"] = toolbox_cache.content_version()
        context["structured_data"] = selectors.approach_structured_data(
            approach=self, request=request
        )
        return context

    @path("versie/<int:revision_id>/", name="version")
    def version(self, request: HttpRequest, revision_id: int) -> HttpResponse:
        """A published version exactly as it was; drafts and unpublished revisions are 404."""
        from toolbox import selectors

        published = selectors.approach_published_revision(approach=self, revision_id=revision_id)
        if published is None:
            raise Http404
        context = published.get_context(request, revision_id=revision_id)
        context["version_of"] = self
        context["version_revision_id"] = revision_id
        return TemplateResponse(request, "toolbox/approach_page.html", context)


class NewsIndexPage(Page):
    intro = models.TextField(_("introduction"), max_length=600, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]
    subpage_types = ["toolbox.NewsPage"]
    parent_page_types = ["home.HomePage"]
    max_count = 1

    class Meta:
        verbose_name = _("news index")

    def get_context(self, request: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context(request, *args, **kwargs)
        context["items"] = NewsPage.objects.live().public().child_of(self).order_by("-date", "-pk")
        return context


class NewsPage(Page):
    date = models.DateField(_("date"))
    intro = models.TextField(_("introduction"), max_length=600)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)
    themes = ParentalManyToManyField("cms_core.Theme", verbose_name=_("themes"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("intro"),
        FieldPanel("body"),
        FieldPanel("themes"),
    ]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["toolbox.NewsIndexPage"]
    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")


class PanelReviewTask(Task):
    """The workflow's panel step: a review round of the experience-expert panel.

    When a draft approach reaches this step, a round on it is requested; programme staff take
    it on (questions, deadline, panel members) on the panel's pages. When the round is handled
    (summarised, and every point answered by the consortium) the step is approved with the
    summary as its comment and the draft goes on to the committee; when staff decline the
    request, the draft returns to its consortium with their reason. Nobody approves this step by
    hand in the admin, except for a page that is not a consortium's approach (no round is made
    for it): programme staff then approve it or ask for changes.
    """

    def start(self, workflow_state: Any, user: Any = None) -> Any:
        task_state = super().start(workflow_state, user=user)
        page = workflow_state.content_object.specific
        if isinstance(page, ApproachPage) and page.consortium_id:
            from action_research.services.panel_rounds import round_request_for_approach

            round_request_for_approach(approach=page, requested_by=user)
        return task_state

    @staticmethod
    def _by_round(obj: Any) -> bool:
        page = getattr(obj, "specific", obj)
        return isinstance(page, ApproachPage) and bool(page.consortium_id)

    @staticmethod
    def _staff(user: Any) -> bool:
        from accounts.permissions import is_programme_staff

        return bool(getattr(user, "is_superuser", False) or is_programme_staff(user))

    def user_can_access_editor(self, obj: Any, user: Any) -> bool:
        return self._staff(user)

    def locked_for_user(self, obj: Any, user: Any) -> bool:
        return not self._staff(user)

    def get_actions(self, obj: Any, user: Any) -> list[tuple[str, Any, bool]]:
        if self._by_round(obj) or not self._staff(user):
            return []
        return [("reject", _("Request changes"), True), ("approve", _("Approve"), False)]

    def get_task_states_user_can_moderate(self, user: Any, **kwargs: Any) -> Any:
        from wagtail.models import TaskState

        if not self._staff(user):
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    @classmethod
    def get_description(cls) -> str:
        return str(_("A review round of the experience-expert panel; done when it is handled."))

    class Meta:
        verbose_name = _("panel review round")
        verbose_name_plural = _("panel review rounds")
