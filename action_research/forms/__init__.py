"""Input shapes for workspace records; invariants live in the models and services."""

from action_research.forms.common import NumberField, VersionedForm, YesNoField
from action_research.forms.costs import CostForm
from action_research.forms.cycles import AttachmentForm, CycleForm, ProjectForm, ReopenForm
from action_research.forms.experts import ExpertForm, ExpertInputForm
from action_research.forms.process import (
    AdaptationForm,
    AdaptationFormSet,
    IndicatorForm,
    IndicatorFormSet,
    ProcessEvaluationForm,
    formset_items,
)
from action_research.forms.trajectories import CodesForm, FollowUpForm, TrajectoryForm
from action_research.forms.transfer import ImportForm

__all__ = [
    "AdaptationForm",
    "AdaptationFormSet",
    "AttachmentForm",
    "CodesForm",
    "CostForm",
    "CycleForm",
    "ExpertForm",
    "ExpertInputForm",
    "FollowUpForm",
    "ImportForm",
    "IndicatorForm",
    "IndicatorFormSet",
    "NumberField",
    "ProcessEvaluationForm",
    "ProjectForm",
    "ReopenForm",
    "TrajectoryForm",
    "VersionedForm",
    "YesNoField",
    "formset_items",
]
