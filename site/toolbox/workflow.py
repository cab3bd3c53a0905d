"""The editorial workflow of the toolbox: panel advice → committee assessment → staff publication.

A Wagtail workflow of three steps, assigned to the toolbox index so that it applies to every
approach below it. The panel's step is a review round of the experience-expert panel
(`toolbox.models.PanelReviewTask`: approved when the round is handled); the committee's and
staff's steps are group approvals. Each step is recorded by Wagtail (TaskState with the
comment, PageLogEntry); "Request changes" returns the draft to its consortium with the reason;
approval of the last step publishes the approved revision.
"""

from __future__ import annotations

from typing import Any

from accounts.roles import ROLE_GROUP_NAMES, Role

WORKFLOW_NAME = "Gereedschapskist: van concept tot publicatie"
# (task name, the role whose group approves it); the order is the order of the workflow.
PANEL_TASK = "Advies ervaringsdeskundigenpanel"
TASKS = [
    (PANEL_TASK, Role.PANEL),
    ("Beoordeling programmacommissie", Role.COMMITTEE),
    ("Publicatie door programmastaf", Role.PROGRAMME_STAFF),
]


def ensure_toolbox_workflow(index: Any = None) -> Any:
    """Create (or repair) the workflow and its tasks; assign it to the toolbox index. Idempotent.

    Returns the workflow. Without an index (fresh database) the workflow waits to be assigned:
    seed_demo, or programme staff in the admin (Settings → Workflows), assign it.
    """
    from django.contrib.auth.models import Group
    from wagtail.models import GroupApprovalTask, Workflow, WorkflowPage, WorkflowTask

    from toolbox.models import PanelReviewTask, ToolboxIndexPage

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    tasks = []
    for order, (task_name, role) in enumerate(TASKS):
        task: Any
        if task_name == PANEL_TASK:
            task, _created = PanelReviewTask.objects.get_or_create(name=task_name)
        else:
            task, _created = GroupApprovalTask.objects.get_or_create(name=task_name)
            group, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
            task.groups.set([group])
        tasks.append(task.pk)
        link, _created = WorkflowTask.objects.get_or_create(workflow=workflow, task=task)
        if link.sort_order != order:
            link.sort_order = order
            link.save(update_fields=["sort_order"])
    # Earlier databases had the panel's step as a group approval: it leaves the workflow.
    for old in GroupApprovalTask.objects.filter(name=PANEL_TASK, active=True):
        WorkflowTask.objects.filter(workflow=workflow, task=old).delete()
        old.deactivate()
    WorkflowTask.objects.filter(workflow=workflow).exclude(task_id__in=tasks).delete()
    index = index or ToolboxIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_toolbox_workflow_after_migrate(sender: Any, **kwargs: Any) -> None:
    ensure_toolbox_workflow()
