"""The editorial workflow of the toolbox: panel advice → committee assessment → staff publication.

A Wagtail workflow of three group-approval tasks, assigned to the toolbox index so that it
applies to every approach below it. Each step is recorded by Wagtail (TaskState with the
reviewer's comment, PageLogEntry); "Request changes" returns the draft to its consortium with
the reason; approval of the last step publishes the approved revision.
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

    from toolbox.models import ToolboxIndexPage

    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    for order, (task_name, role) in enumerate(TASKS):
        task, _created = GroupApprovalTask.objects.get_or_create(name=task_name)
        group, _created = Group.objects.get_or_create(name=ROLE_GROUP_NAMES[role])
        task.groups.set([group])
        link, _created = WorkflowTask.objects.get_or_create(workflow=workflow, task=task)
        if link.sort_order != order:
            link.sort_order = order
            link.save(update_fields=["sort_order"])
    index = index or ToolboxIndexPage.objects.first()
    if index is not None:
        WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    return workflow


def ensure_toolbox_workflow_after_migrate(sender: Any, **kwargs: Any) -> None:
    ensure_toolbox_workflow()
