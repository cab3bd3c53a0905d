"""The columns of every import and export, defined once: parsing, export, template and codebook.

Column names are Dutch, lower case with underscores, as the researchers who fill the files use
them; choice columns take the code (or the Dutch or English label) and export the code.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils import translation
from django.utils.functional import Promise
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from action_research.models import (
    CostCategory,
    CostUnit,
    CycleStatus,
    ImportKind,
    InputChannel,
    InputResponse,
    InvolvementLevel,
    InvolvementPhase,
    Outcome,
    PlacementKind,
)
from action_research.periods import parse_period
from action_research.transfer import values
from cms_core.vocabularies import ConditionCategory, EmployerSize, PayingParty, Sector


@functools.cache
def _choice_lookup(choices: type[models.Choices]) -> dict[str, Any]:
    lookup: dict[str, Any] = {}
    for language in ("en", "nl"):
        with translation.override(language):
            for value, label in choices.choices:
                lookup[str(label).strip().lower()] = value
    for value in choices.values:
        lookup[str(value).lower()] = value
    return lookup


@dataclass(frozen=True)
class Column:
    name: str  # the header in the file
    field: str  # the record's field (or attribute, for export)
    kind: str  # text | integer | decimal | date | boolean | choice | period | code
    definition: str | Promise
    required: bool = False
    choices: type[models.Choices] | None = None
    max_length: int | None = None
    minimum: int | None = None
    maximum: int | None = None
    importable: bool = True
    export: Callable[[Any], Any] | None = None  # how to read the value off a record

    def parse(self, raw: Any) -> Any:
        """The value for the record; None for an empty cell. Raises ValueError with a message."""
        if values.is_blank(raw):
            if self.required:
                raise ValueError(gettext("this column must be filled in"))
            return "" if self.kind in ("text", "choice") else None
        if self.kind == "text":
            result = values.text(raw)
            if self.max_length and len(result) > self.max_length:
                raise ValueError(
                    gettext("at most %(max)s characters (this cell has %(n)s)")
                    % {"max": self.max_length, "n": len(result)}
                )
            return result
        if self.kind == "integer":
            number = values.integer(raw)
            self._check_range(number)
            return number
        if self.kind == "decimal":
            amount = values.decimal(raw)
            self._check_range(amount)
            return amount
        if self.kind == "date":
            return values.date(raw)
        if self.kind == "boolean":
            return values.boolean(raw)
        if self.kind == "choice" and self.choices is not None:
            key = values.text(raw).lower()
            lookup = _choice_lookup(self.choices)
            if key not in lookup:
                raise ValueError(
                    gettext("“%(value)s” is not one of: %(allowed)s")
                    % {
                        "value": values.text(raw),
                        "allowed": ", ".join(map(str, self.choices.values)),
                    }
                )
            return lookup[key]
        if self.kind == "period":
            return parse_period(values.text(raw)).code
        return values.text(raw)  # code: checked by the importer, which knows the consortium

    def _check_range(self, number: Any) -> None:
        if self.minimum is not None and number < self.minimum:
            raise ValueError(gettext("at least %(min)s") % {"min": self.minimum})
        if self.maximum is not None and number > self.maximum:
            raise ValueError(gettext("at most %(max)s") % {"max": self.maximum})

    def value_of(self, record: Any) -> Any:
        """The value of this column for a record, as an export writes it."""
        value = self.export(record) if self.export else getattr(record, self.field)
        if isinstance(value, bool):
            return "ja" if value else "nee"
        if value is None:
            return ""
        if isinstance(value, list):
            return ", ".join(str(item) for item in value)
        return value

    @property
    def allowed(self) -> str:
        """The allowed values in words, for the codebook."""
        if self.choices is not None:
            return "; ".join(f"{value} = {label}" for value, label in self.choices.choices)
        if self.kind == "boolean":
            return gettext("ja or nee")
        if self.kind == "date":
            return gettext("a date, e.g. 2026-03-01 or 1-3-2026")
        if self.kind == "period":
            return gettext("a year (2026), half year (2026-H1) or quarter (2026-Q1)")
        if self.kind == "code":
            return gettext("a pseudonym code issued by the platform, e.g. TS-4K7P2QG")
        parts = []
        if self.kind == "decimal":
            parts.append(
                gettext(
                    "e.g. 1250,50 or 1.250,50 (a point before three digits separates thousands)"
                )
            )
        if self.minimum is not None:
            parts.append(gettext("at least %(min)s") % {"min": self.minimum})
        if self.maximum is not None:
            parts.append(gettext("at most %(max)s") % {"max": self.maximum})
        if self.max_length:
            parts.append(gettext("at most %(max)s characters") % {"max": self.max_length})
        return ", ".join(parts)

    @property
    def kind_label(self) -> str:
        return str(KIND_LABELS[self.kind])


KIND_LABELS = {
    "text": _("text"),
    "integer": _("whole number"),
    "decimal": _("number"),
    "date": _("date"),
    "boolean": _("yes/no"),
    "choice": _("code from a list"),
    "period": _("period"),
    "code": _("pseudonym code"),
}


@dataclass(frozen=True)
class Schema:
    kind: str  # ImportKind value, or an export-only name
    title: str | Promise
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # the columns that identify a record (idempotent re-import)

    @property
    def importable(self) -> bool:
        return self.kind in ImportKind.values

    def column(self, name: str) -> Column:
        return next(c for c in self.columns if c.name == name)


TRAJECTORIES = Schema(
    kind=ImportKind.TRAJECTORIES,
    title=_("Trajectories"),
    key=("pseudoniem",),
    columns=(
        Column(
            "pseudoniem",
            "code",
            "code",
            _("The pseudonym code the platform issued for this trajectory."),
            required=True,
        ),
        Column(
            "inclusiedatum",
            "included_on",
            "date",
            _("Date on which the employee joined the project."),
            required=True,
        ),
        Column(
            "ziekteweek_bij_inclusie",
            "sickness_week_at_inclusion",
            "integer",
            _("Week of sickness (counted from the first day of absence) at inclusion."),
            required=True,
            minimum=0,
            maximum=156,
        ),
        Column(
            "week_start_2e_spoor",
            "second_track_week",
            "integer",
            _("Week of sickness in which the 2nd track started."),
            minimum=0,
            maximum=156,
        ),
        Column(
            "aandoening",
            "condition_category",
            "choice",
            _("Broad kind of health problem."),
            required=True,
            choices=ConditionCategory,
        ),
        Column(
            "omvang_werkgever",
            "employer_size",
            "choice",
            _("Size of the own employer."),
            required=True,
            choices=EmployerSize,
        ),
        Column(
            "sector",
            "sector",
            "choice",
            _("Sector of the own employer."),
            required=True,
            choices=Sector,
        ),
        Column(
            "uitkomst",
            "outcome",
            "choice",
            _("Outcome of the trajectory so far."),
            required=True,
            choices=Outcome,
        ),
        Column(
            "uitkomstdatum",
            "outcome_date",
            "date",
            _("Date of the outcome; empty while the trajectory runs."),
        ),
        Column(
            "soort_plaatsing",
            "placement_kind",
            "choice",
            _("Kind of placement; only for a placement with a new employer."),
            choices=PlacementKind,
        ),
        Column(
            "uitkomst_toelichting",
            "outcome_note",
            "text",
            _(
                "A few words on the outcome; required for 'anders'. No names or other personal data."
            ),
            max_length=200,
        ),
        Column(
            "werkzaam_na_6_maanden",
            "working_at_6_months",
            "boolean",
            _("Still working 6 months after the outcome (placement or return)."),
        ),
        Column(
            "werkzaam_na_12_maanden",
            "working_at_12_months",
            "boolean",
            _("Still working 12 months after the outcome (placement or return)."),
        ),
    ),
)

PROCESS = Schema(
    kind=ImportKind.PROCESS,
    title=_("Process evaluation"),
    key=("periode",),
    columns=(
        Column(
            "periode",
            "period",
            "period",
            _("The period these numbers are about (not cumulative)."),
            required=True,
        ),
        Column(
            "in_aanmerking",
            "eligible",
            "integer",
            _("Reach: employees eligible for the approach in this period."),
            minimum=0,
        ),
        Column(
            "uitgenodigd",
            "invited",
            "integer",
            _("Reach: of those, invited to take part (at most the eligible)."),
            minimum=0,
        ),
        Column(
            "geincludeerd",
            "included",
            "integer",
            _("Reach: of those, included (at most the invited)."),
            minimum=0,
        ),
        Column(
            "dosis_geleverd_pct",
            "dose_delivered",
            "decimal",
            _("Dose delivered: share of the planned components actually delivered (%)."),
            minimum=0,
            maximum=100,
        ),
        Column(
            "dosis_ontvangen_pct",
            "dose_received",
            "decimal",
            _("Dose received: share of included participants who received the intended dose (%)."),
            minimum=0,
            maximum=100,
        ),
        Column(
            "trouw_pct",
            "fidelity",
            "decimal",
            _("Fidelity: how far the approach was delivered as planned (%)."),
            minimum=0,
            maximum=100,
        ),
        Column(
            "tevredenheid_gemiddeld",
            "satisfaction_mean",
            "decimal",
            _("Mean satisfaction mark of participants (1–10)."),
            minimum=1,
            maximum=10,
        ),
        Column(
            "tevredenheid_n",
            "satisfaction_n",
            "integer",
            _("Number of respondents behind the mean mark."),
            minimum=0,
        ),
        Column(
            "uitval",
            "dropouts",
            "integer",
            _("Included participants who dropped out in this period."),
            minimum=0,
        ),
        Column(
            "uitval_redenen", "dropout_reasons", "text", _("Reasons for drop-out."), max_length=3000
        ),
        Column(
            "werving",
            "recruitment",
            "text",
            _("How participants were recruited, and what worked."),
            max_length=3000,
        ),
        Column(
            "belemmeringen",
            "context_barriers",
            "text",
            _("Context: what hindered."),
            max_length=4000,
        ),
        Column(
            "bevorderende_factoren",
            "context_facilitators",
            "text",
            _("Context: what helped."),
            max_length=4000,
        ),
        Column("opmerkingen", "notes", "text", _("Notes."), max_length=4000),
        Column(
            "aanpassingen",
            "adaptations",
            "text",
            _("Adaptations to the plan (what, and why); kept in the platform, not imported."),
            importable=False,
            export=lambda r: " | ".join(
                f"{a.get('what', '')} — {a.get('why', '')}" for a in r.adaptations
            ),
        ),
        Column(
            "eigen_indicatoren",
            "custom_indicators",
            "text",
            _(
                "The project's own indicators (name = value unit); kept in the platform, not imported."
            ),
            importable=False,
            export=lambda r: " | ".join(
                f"{i.get('name', '')} = {i.get('value', '')} {i.get('unit', '')}".strip()
                for i in r.custom_indicators
            ),
        ),
    ),
)

COSTS = Schema(
    kind=ImportKind.COSTS,
    title=_("Costs"),
    key=("periode", "categorie", "betaler", "omschrijving", "pseudoniem"),
    columns=(
        Column(
            "periode",
            "period",
            "period",
            _("The period in which the cost was made."),
            required=True,
        ),
        Column(
            "categorie",
            "category",
            "choice",
            _("What the cost was for."),
            required=True,
            choices=CostCategory,
        ),
        Column(
            "betaler",
            "payer",
            "choice",
            _("The party that bore the cost."),
            required=True,
            choices=PayingParty,
        ),
        Column(
            "omschrijving",
            "description",
            "text",
            _("A short description; no names or other personal data."),
            required=True,
            max_length=200,
        ),
        Column(
            "bedrag_eur",
            "amount",
            "decimal",
            _("The amount in euros (a cost is positive)."),
            required=True,
            minimum=0,
            maximum=10_000_000,
        ),
        Column(
            "aantal", "quantity", "decimal", _("Quantity, e.g. the number of hours."), minimum=0
        ),
        Column("eenheid", "unit", "choice", _("Unit of the quantity."), choices=CostUnit),
        Column(
            "pseudoniem",
            "trajectory",
            "code",
            _("The trajectory the cost was made for, if it was for one."),
            export=lambda r: r.trajectory_code,
        ),
    ),
)

CYCLES = Schema(
    kind="cycli",
    title=_("Action-research cycles"),
    key=("cyclus",),
    columns=(
        Column("cyclus", "number", "integer", _("Number of the cycle.")),
        Column("periode_start", "period_start", "date", _("Start of the cycle's period.")),
        Column("periode_eind", "period_end", "date", _("End of the cycle's period.")),
        Column("status", "status", "choice", _("Open or closed."), choices=CycleStatus),
        Column("vraag", "plan_question", "text", _("Plan: the question.")),
        Column("beoogde_verandering", "plan_change", "text", _("Plan: the intended change.")),
        Column("handelen", "act", "text", _("Act: what was done, and by whom (roles).")),
        Column("observeren", "observe", "text", _("Observe: what was seen, with which data.")),
        Column(
            "constructen",
            "constructs",
            "text",
            _("Process-evaluation constructs the observation speaks to."),
        ),
        Column("geleerd", "reflect_learned", "text", _("Reflect: what was learned.")),
        Column(
            "volgende_stap", "reflect_next", "text", _("Reflect: what changes in the next cycle.")
        ),
        Column("deelnemers", "participant_roles", "text", _("Roles of the participants.")),
    ),
)

EXPERT_INPUT = Schema(
    kind="inbreng",
    title=_("Experience-expert input"),
    key=(),
    columns=(
        Column("datum", "date", "date", _("Date of the input.")),
        Column("fase", "phase", "choice", _("Phase of the project."), choices=InvolvementPhase),
        Column("vorm", "channel", "choice", _("How it was brought in."), choices=InputChannel),
        Column(
            "ingebracht_door",
            "expert_label",
            "text",
            _("Label of the experience expert; empty when recorded anonymously."),
        ),
        Column("ingebracht", "brought_in", "text", _("What was brought in.")),
        Column("wat_ermee_gedaan", "done_with_it", "text", _("What was done with it.")),
        Column(
            "besluit",
            "response",
            "choice",
            _("Adopted, partly adopted, not adopted or not decided yet."),
            choices=InputResponse,
        ),
        Column(
            "cyclus",
            "cycle_number",
            "integer",
            _("The action-research cycle it belongs to, if any."),
        ),
    ),
)


def _level_column(phase: InvolvementPhase) -> Column:
    return Column(
        f"niveau_{phase.value}",
        phase.value,
        "choice",
        _("Level of involvement in this phase (participation ladder)."),
        choices=InvolvementLevel,
        export=lambda expert: expert.level_in(phase.value) or "",
    )


EXPERTS = Schema(
    kind="ervaringsdeskundigen",
    title=_("Participation matrix"),
    key=("label",),
    columns=(
        Column("label", "label", "text", _("The expert's label in this project (not a name).")),
        Column("achtergrond", "background", "text", _("Background, in the consortium's words.")),
        *(_level_column(phase) for phase in InvolvementPhase),
    ),
)

IMPORT_SCHEMAS: dict[str, Schema] = {s.kind: s for s in (TRAJECTORIES, PROCESS, COSTS)}
EXPORT_SCHEMAS: dict[str, Schema] = {
    s.kind: s for s in (CYCLES, PROCESS, TRAJECTORIES, COSTS, EXPERT_INPUT, EXPERTS)
}
