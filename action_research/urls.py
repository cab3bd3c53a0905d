"""URL patterns of the consortium workspaces (namespace `action_research`).

Every name here is declared in `config.access_policy` and covered by the access-matrix test.
"""

from django.urls import path, register_converter

from action_research.views import (
    costs,
    cycles,
    experts,
    panel,
    process,
    trajectories,
    transfer,
    workspace,
)

app_name = "action_research"


class CodeConverter:
    """A pseudonym code in a URL (TS- and seven characters); normalised by the selector."""

    regex = r"[A-Za-z]{2}-[0-9A-Za-z]{7}"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


class FormatConverter:
    regex = r"csv|xlsx"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(CodeConverter, "code")
register_converter(FormatConverter, "fmt")

W = "consortia/<slug:slug>/werkruimte/"

urlpatterns = [
    path(W, workspace.workspace, name="workspace"),
    path(W + "project/", workspace.project_edit, name="project_edit"),
    path(W + "activiteit/", workspace.activity, name="activity"),
    path(
        W + "geschiedenis/<slug:record_type>/<int:pk>/",
        workspace.record_history,
        name="record_history",
    ),
    path(W + "verwijderd/", workspace.removed, name="removed"),
    path(
        W + "verwijderen/<slug:record_type>/<int:pk>/",
        workspace.record_delete,
        name="record_delete",
    ),
    path(
        W + "herstellen/<slug:record_type>/<int:pk>/",
        workspace.record_restore,
        name="record_restore",
    ),
    # action-research cycles
    path(W + "cycli/nieuw/", cycles.cycle_edit, name="cycle_create"),
    path(W + "cycli/<int:number>/", cycles.cycle_detail, name="cycle_detail"),
    path(W + "cycli/<int:number>/bewerken/", cycles.cycle_edit, name="cycle_edit"),
    path(W + "cycli/<int:number>/sluiten/", cycles.cycle_close, name="cycle_close"),
    path(W + "cycli/<int:number>/heropenen/", cycles.cycle_reopen, name="cycle_reopen"),
    path(W + "cycli/<int:number>/verwijderen/", cycles.cycle_delete, name="cycle_delete"),
    path(W + "cycli/<int:number>/herstellen/", cycles.cycle_restore, name="cycle_restore"),
    path(W + "cycli/<int:number>/bestanden/", cycles.attachment_add, name="attachment_add"),
    path(
        W + "cycli/<int:number>/bestanden/<int:pk>/",
        cycles.attachment_download,
        name="attachment_download",
    ),
    # process evaluation
    path(W + "procesevaluatie/", process.process_list, name="process_list"),
    path(W + "procesevaluatie/nieuw/", process.process_edit, name="process_create"),
    path(W + "procesevaluatie/<int:pk>/", process.process_detail, name="process_detail"),
    path(W + "procesevaluatie/<int:pk>/bewerken/", process.process_edit, name="process_edit"),
    # trajectories
    path(W + "trajecten/", trajectories.trajectory_list, name="trajectory_list"),
    path(W + "trajecten/nieuw/", trajectories.trajectory_edit, name="trajectory_create"),
    path(W + "trajecten/opvolging/", trajectories.follow_ups, name="follow_ups"),
    path(W + "trajecten/codes/", trajectories.codes, name="codes"),
    path(W + "trajecten/codes.csv", trajectories.codes_download, name="codes_download"),
    path(W + "trajecten/<code:code>/", trajectories.trajectory_detail, name="trajectory_detail"),
    path(
        W + "trajecten/<code:code>/bewerken/", trajectories.trajectory_edit, name="trajectory_edit"
    ),
    path(
        W + "trajecten/<code:code>/opvolging/",
        trajectories.trajectory_follow_up,
        name="trajectory_follow_up",
    ),
    # costs
    path(W + "kosten/", costs.cost_list, name="cost_list"),
    path(W + "kosten/nieuw/", costs.cost_edit, name="cost_create"),
    path(W + "kosten/<int:pk>/bewerken/", costs.cost_edit, name="cost_edit"),
    # experience-expert involvement
    path(W + "ervaringsdeskundigheid/", experts.expert_overview, name="expert_overview"),
    path(
        W + "ervaringsdeskundigheid/deskundigen/nieuw/", experts.expert_edit, name="expert_create"
    ),
    path(
        W + "ervaringsdeskundigheid/deskundigen/<int:pk>/bewerken/",
        experts.expert_edit,
        name="expert_edit",
    ),
    path(
        W + "ervaringsdeskundigheid/inbreng/nieuw/",
        experts.expert_input_edit,
        name="expert_input_create",
    ),
    path(
        W + "ervaringsdeskundigheid/inbreng/<int:pk>/bewerken/",
        experts.expert_input_edit,
        name="expert_input_edit",
    ),
    path(W + "ervaringsdeskundigheid/gripp2/", experts.gripp2, name="gripp2"),
    # imports and exports
    path(W + "gegevens/", transfer.transfer, name="transfer"),
    path(W + "gegevens/importeren/<slug:kind>/", transfer.import_upload, name="import_upload"),
    path(W + "gegevens/importen/<int:pk>/", transfer.import_detail, name="import_detail"),
    path(
        W + "gegevens/sjabloon/<slug:kind>.<fmt:extension>",
        transfer.import_template,
        name="import_template",
    ),
    path(W + "gegevens/codeboek/<slug:kind>/", transfer.codebook, name="codebook"),
    path(W + "gegevens/export/<slug:kind>.<fmt:extension>", transfer.export, name="export"),
    # the experience-expert panel's review rounds
    path("panel/", panel.panel, name="panel"),
    path("panel/rondes/nieuw/", panel.panel_round_create, name="panel_round_create"),
    path("panel/rondes/<int:pk>/", panel.panel_round, name="panel_round"),
    path("panel/rondes/<int:pk>/document/", panel.panel_document, name="panel_document"),
    path("panel/rondes/<int:pk>/aanpak/", panel.panel_approach, name="panel_approach"),
    path("panel/rondes/<int:pk>/advies.csv", panel.panel_advice_export, name="panel_advice_export"),
    path("panel/rondes/<int:pk>/bewerken/", panel.panel_round_edit, name="panel_round_edit"),
    path("panel/rondes/<int:pk>/afwijzen/", panel.panel_round_decline, name="panel_round_decline"),
    path("panel/rondes/<int:pk>/sluiten/", panel.panel_round_close, name="panel_round_close"),
    path(
        "panel/rondes/<int:pk>/samenvatting/", panel.panel_round_summary, name="panel_round_summary"
    ),
    path("panel/rondes/<int:pk>/advies/", panel.panel_advice, name="panel_advice"),
    path(
        "panel/rondes/<int:pk>/advies/bewaren/",
        panel.panel_advice_autosave,
        name="panel_advice_autosave",
    ),
    path(
        "panel/rondes/<int:pk>/advies/intrekken/",
        panel.panel_advice_withdraw,
        name="panel_advice_withdraw",
    ),
    path("panel/rondes/<int:pk>/reactie/", panel.panel_answer, name="panel_answer"),
    path("consortia/<slug:slug>/paneladvies/aanvragen/", panel.panel_request, name="panel_request"),
]
