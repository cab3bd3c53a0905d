"""The project bundle for the independent evaluators: one ZIP with everything of one project.

Data files of every dataset in CSV, XLSX, SPSS and Stata, the codebook, and the qualitative
record as UTF-8 text: the action-research cycle log, the process-evaluation notes per period and
the experience-expert input (the GRIPP2-SF report the workspace also offers). Built from the
workspace's own selectors, so it holds exactly what the workspace shows.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone

from action_research import selectors as workspace_selectors
from action_research.models import Cycle
from action_research.selectors import Workspace
from evaluation import exports


def project_bundle(workspace: Workspace) -> bytes:
    """The ZIP of one workspace's project (the caller checked the viewer may read it all)."""
    consortium = workspace.consortium
    project = workspace.project
    context: dict[str, Any] = {
        "ws": workspace,
        "consortium": consortium,
        "today": timezone.localdate(),
        "datasets": list(exports.DATASETS),
        "formats": list(exports.FORMATS),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        built = []
        if project is not None:
            for dataset in exports.DATASETS:
                export = exports.build(
                    dataset,
                    projects=[project.pk],
                    labels={project.pk: consortium.slug},
                    pseudonymised=False,
                )
                built.append(export)
                for file_format in exports.FORMATS:
                    archive.writestr(
                        f"gegevens/{dataset}.{file_format}", exports.write(export, file_format)
                    )
            archive.writestr("gegevens/codeboek.csv", exports.codebook_csv(built))
        cycles = list(
            workspace_selectors.records_of(workspace, Cycle)
            .order_by("number")
            .prefetch_related("attachments")
        )
        texts: dict[str, tuple[str, dict[str, Any]]] = {
            "teksten/cycli.txt": ("evaluation/bundle/cycles.txt", {"cycles": cycles}),
            "teksten/procesevaluatie.txt": (
                "evaluation/bundle/process.txt",
                {"periods": workspace_selectors.process_evaluations(workspace)},
            ),
            "teksten/ervaringsdeskundigheid-gripp2-sf.txt": (
                "action_research/gripp2.txt",
                {"report": workspace_selectors.gripp2_report(workspace)},
            ),
            "LEESMIJ.txt": ("evaluation/bundle/readme.txt", {}),
        }
        for name, (template, extra) in texts.items():
            archive.writestr(name, render_to_string(template, {**context, **extra}))
    return buffer.getvalue()
