"""Imports and exports: the overview, uploading a file, templates, codebooks, downloads."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from action_research import selectors, services
from action_research.forms import ImportForm
from action_research.models import ImportBatch, ImportKind, RecordChange
from action_research.services.imports import SECTIONS
from action_research.transfer import files
from action_research.transfer.schemas import EXPORT_SCHEMAS, IMPORT_SCHEMAS
from action_research.views.common import actor

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _download(content: bytes, filename: str, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}.{extension}"'
    response["Cache-Control"] = "private, no-store"
    return response


def transfer(request: HttpRequest, slug: str) -> HttpResponse:
    """What can be imported and exported here, and the imports so far."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    imports = [
        (schema, ws.can_write(SECTIONS[kind]))
        for kind, schema in IMPORT_SCHEMAS.items()
        if ws.can_read(SECTIONS[kind])
    ]
    readable_kinds = [kind for kind in ImportKind.values if ws.can_read(SECTIONS[kind])]
    return render(
        request,
        "action_research/transfer.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "imports": imports,
            "exports": selectors.export_kinds(ws),
            "batches": ImportBatch.objects.filter(
                consortium=ws.consortium, kind__in=readable_kinds
            ).select_related("actor")[:20],
        },
    )


def _import_schema(ws: selectors.Workspace, kind: str, *, write: bool) -> object:
    if kind not in IMPORT_SCHEMAS:
        raise Http404
    section = SECTIONS[kind]
    if not ws.can_read(section) or (write and not ws.can_write(section)):
        raise PermissionDenied
    return IMPORT_SCHEMAS[kind]


@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """Upload a file; every row is checked, and one bad row rejects the whole file."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    schema = _import_schema(ws, kind, write=True)
    posted = request.method == "POST"
    form = ImportForm(request.POST if posted else None, request.FILES if posted else None)
    rejected: services.ImportRejected | None = None
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                result = services.records_import(
                    actor=actor(request),
                    consortium=ws.consortium,
                    kind=kind,
                    filename=upload.name,
                    content=upload.read(),
                )
            except services.ImportRejected as error:
                rejected = error
            else:
                request.session["import_earlier"] = (
                    result.earlier.pk if result.earlier is not None else None
                )
                return redirect("action_research:import_detail", slug=slug, pk=result.batch.pk)
    return render(
        request,
        "action_research/import_form.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "schema": schema,
            "form": form,
            "rejected": rejected,
        },
        status=status,
    )


def import_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """What an import changed: its counts and the records it created or changed."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    batch = (
        ImportBatch.objects.filter(consortium=ws.consortium, pk=pk).select_related("actor").first()
    )
    if batch is None:
        raise Http404
    if not ws.can_read(SECTIONS[batch.kind]):
        raise PermissionDenied
    earlier_pk = request.session.pop("import_earlier", None)
    earlier = (
        ImportBatch.objects.filter(consortium=ws.consortium, pk=earlier_pk)
        .exclude(pk=batch.pk)
        .first()
        if earlier_pk
        else None
    )
    changes = RecordChange.objects.filter(batch=batch).order_by("pk")
    return render(
        request,
        "action_research/import_detail.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "batch": batch,
            "earlier": earlier,
            "changes": changes[:200],
            "change_total": changes.count(),
        },
    )


def import_template(request: HttpRequest, slug: str, kind: str, extension: str) -> HttpResponse:
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    schema = IMPORT_SCHEMAS.get(kind)
    if schema is None or extension not in CONTENT_TYPES:
        raise Http404
    _import_schema(ws, kind, write=False)
    content = files.template_xlsx(schema) if extension == "xlsx" else files.template_csv(schema)
    return _download(content, f"sjabloon-{kind}", extension)


def codebook(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The codebook of an import or export: every column, its meaning and allowed values."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    schema = EXPORT_SCHEMAS.get(kind)
    if schema is None:
        raise Http404
    if request.GET.get("formaat") == "csv":
        return _download(files.codebook_csv(schema), f"codeboek-{kind}", "csv")
    return render(
        request,
        "action_research/codebook.html",
        {
            "ws": ws,
            "consortium": ws.consortium,
            "schema": schema,
            "header": files.codebook_header(),
            "rows": files.codebook_rows(schema),
        },
    )


def export(request: HttpRequest, slug: str, kind: str, extension: str) -> HttpResponse:
    """The consortium's own records of one kind, as CSV or XLSX (formulas neutralised)."""
    ws = selectors.workspace_get(viewer=request.user, slug=slug)
    if extension not in CONTENT_TYPES:
        raise Http404
    schema, records = selectors.export_records(ws, kind)
    content = (
        files.write_xlsx(schema, records)
        if extension == "xlsx"
        else files.write_csv(schema, records)
    )
    stamp = timezone.localdate().isoformat()
    return _download(content, f"{ws.consortium.slug}-{kind}-{stamp}", extension)
