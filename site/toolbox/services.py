"""Writes for the toolbox: consortium members draft approaches and submit them to the workflow.

Drafts are Wagtail pages that are not live: every save is a revision (with its author), the
public never sees them, and the editorial workflow (`toolbox.workflow`) takes them to
publication. A live approach that its consortium improves keeps its published version until the
new revision has been through the workflow.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import linebreaks
from django.utils.text import slugify
from django.utils.translation import gettext as _
from wagtail.models import Revision, WorkflowState
from wagtail.rich_text import RichText

from accounts import permissions
from accounts.models import Consortium, User
from cms_core.privacy import find_personal_data
from toolbox.models import RESERVED_SLUGS, ApproachPage, ToolboxIndexPage

# Plain-text fields of the draft form → the page's rich-text fields (paragraphs, escaped).
RICH_TEXT_FIELDS = ("problem", "evidence_summary", "business_case", "implementation_conditions")
PLAIN_FIELDS = (
    "title",
    "summary",
    "week_from",
    "week_to",
    "evidence_level",
    "outcome_measures",
    "cost_estimate_eur",
    "contact",
)
RELATION_FIELDS = ("themes", "employee_groups", "employer_groups", "sectors", "employer_sizes")
# Narrative fields checked for personal data: approaches are public, trajectories are not.
_CHECKED_FIELDS = ("title", "summary", "outcome_measures", *RICH_TEXT_FIELDS)


class ApproachDraftError(Exception):
    """A draft cannot change now; `reason` says why (in_review, no_toolbox, not_allowed)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


def _paragraphs(text: str) -> str:
    return linebreaks(text.strip(), autoescape=True) if text and text.strip() else ""


def _kinds(findings: list[Any]) -> str:
    labels = {
        "bsn": _("citizen service number"),
        "email": _("e-mail address"),
        "phone": _("phone number"),
    }
    return ", ".join(labels[kind] for kind in sorted({f.kind for f in findings}))


def _check_personal_data(data: dict[str, Any], steps: list[dict[str, Any]]) -> None:
    errors: dict[str, list[str]] = {}
    for name in _CHECKED_FIELDS:
        found = find_personal_data(str(data.get(name) or ""))
        if found:
            errors.setdefault(name, []).append(
                _("Remove personal data from this text (%(kinds)s): approaches are public.")
                % {"kinds": _kinds(found)}
            )
    for number, step in enumerate(steps, start=1):
        if find_personal_data(f"{step.get('title', '')} {step.get('description', '')}"):
            errors.setdefault("steps", []).append(
                _("Step %(number)s contains personal data; remove it.") % {"number": number}
            )
    if errors:
        raise ValidationError(errors)


def _apply(page: ApproachPage, data: dict[str, Any], steps: list[dict[str, Any]]) -> None:
    for name in PLAIN_FIELDS:
        if name in data:
            setattr(page, name, data[name])
    for name in RICH_TEXT_FIELDS:
        if name in data:
            setattr(page, name, _paragraphs(data[name] or ""))
    for name in RELATION_FIELDS:
        if name in data:
            setattr(page, name, list(data[name]))
    page.steps = [
        (
            "step",
            {
                "title": step["title"],
                "description": RichText(_paragraphs(step.get("description") or "")),
                "actors": list(step.get("actors") or []),
                "week_from": step.get("week_from"),
                "week_to": step.get("week_to"),
            },
        )
        for step in steps
    ]


def _unique_slug(index: ToolboxIndexPage, title: str) -> str:
    base = (slugify(title) or "aanpak")[:200]
    if base in RESERVED_SLUGS:
        base = f"aanpak-{base}"
    taken = set(index.get_children().values_list("slug", flat=True))
    slug, number = base, 2
    while slug in taken:
        slug = f"{base}-{number}"
        number += 1
    return slug


def _check_may_draft(actor: User, consortium: Consortium) -> None:
    if not permissions.can_draft_approaches(actor, consortium):
        raise ApproachDraftError(
            "not_allowed", _("You cannot draft approaches for this consortium.")
        )


def in_review(approach: ApproachPage) -> bool:
    state = approach.current_workflow_state
    return state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS


@transaction.atomic
def approach_draft_create(
    *, actor: User, consortium: Consortium, data: dict[str, Any], steps: list[dict[str, Any]]
) -> ApproachPage:
    """A new, not yet public approach of the consortium, saved as its first revision.

    Raises ValidationError (per field; nothing is saved) or ApproachDraftError.
    """
    _check_may_draft(actor, consortium)
    index = ToolboxIndexPage.objects.first()
    if index is None:
        raise ApproachDraftError("no_toolbox", _("The toolbox does not exist yet."))
    _check_personal_data(data, steps)
    page = ApproachPage(live=False, owner=actor, consortium=consortium)
    _apply(page, data, steps)
    page.slug = _unique_slug(index, page.title)
    index.add_child(instance=page)  # Page.save() runs full_clean: invalid data raises here
    page.save_revision(user=actor, log_action=True)
    return page


@transaction.atomic
def approach_draft_update(
    *, actor: User, approach: ApproachPage, data: dict[str, Any], steps: list[dict[str, Any]]
) -> Revision:
    """A new revision of the consortium's approach; a live approach keeps its published version.

    Refused while the approach is being reviewed (the reviewers judge what was submitted).
    """
    consortium = approach.consortium
    if consortium is None:
        raise ApproachDraftError("not_allowed", _("This approach belongs to no consortium."))
    _check_may_draft(actor, consortium)
    if in_review(approach):
        raise ApproachDraftError(
            "in_review",
            _("This approach is being reviewed; you can change it again when it comes back."),
        )
    _check_personal_data(data, steps)
    page = approach.get_latest_revision_as_object()
    _apply(page, data, steps)
    page.full_clean()
    if not page.live:
        page.save()  # as Wagtail's editor does: a draft page row follows its latest revision
    return page.save_revision(user=actor, log_action=True)


@transaction.atomic
def approach_draft_submit(*, actor: User, approach: ApproachPage) -> WorkflowState:
    """Send the latest revision into the editorial workflow, or back into it after changes."""
    consortium = approach.consortium
    if consortium is None:
        raise ApproachDraftError("not_allowed", _("This approach belongs to no consortium."))
    _check_may_draft(actor, consortium)
    state = approach.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(user=actor)
        return state
    if state is not None:
        raise ApproachDraftError("in_review", _("This approach has already been submitted."))
    if approach.live and not approach.has_unpublished_changes:
        raise ApproachDraftError(
            "nothing_to_review", _("The published version has no changes to review.")
        )
    workflow = approach.get_workflow()
    if workflow is None:
        raise ApproachDraftError("no_workflow", _("The toolbox has no editorial workflow yet."))
    return workflow.start(approach, actor)


def panel_step_finish(
    *, approach: ApproachPage, actor: User | None, approved: bool, comment: str
) -> bool:
    """Finish the workflow's panel step of a draft, when its review round says so: approved
    (the draft goes on to the committee) or returned to the consortium with the comment.
    Returns False, changing nothing, when the draft is not at the panel's step."""
    from wagtail.models import TaskState

    from toolbox.models import PanelReviewTask

    approach.refresh_from_db()
    state = approach.current_workflow_state
    task_state = state.current_task_state if state is not None else None
    if (
        task_state is None
        or task_state.status != TaskState.STATUS_IN_PROGRESS
        or not isinstance(task_state.task.specific, PanelReviewTask)
    ):
        return False
    if approved:
        task_state.approve(user=actor, comment=comment)
    else:
        task_state.reject(user=actor, comment=comment)
    return True
