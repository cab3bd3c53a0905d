"""Consortium pages for toolbox approaches: list, draft, edit, preview, submit. Parse, call, render."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions
from accounts import selectors as account_selectors
from cms_core.forms import add_validation_errors
from toolbox import selectors, services
from toolbox.forms import ApproachDraftForm, StepFormSet, filled_steps, steps_initial
from toolbox.previews import preview_response


def consortium_approaches(request: HttpRequest, slug: str) -> HttpResponse:
    consortium = account_selectors.consortium_get_for(viewer=request.user, slug=slug)
    return render(
        request,
        "toolbox/consortium_approaches.html",
        {
            "consortium": consortium,
            "approaches": selectors.consortium_approaches_for(consortium=consortium),
            "can_draft": permissions.can_draft_approaches(request.user, consortium),
        },
    )


@require_http_methods(["GET", "POST"])
def approach_draft(request: HttpRequest, slug: str, page_id: int | None = None) -> HttpResponse:
    """Create (without page_id) or edit a draft approach of the consortium."""
    consortium = account_selectors.consortium_get_for(viewer=request.user, slug=slug)
    if not permissions.can_draft_approaches(request.user, consortium):
        raise PermissionDenied
    approach = (
        selectors.consortium_approach_get(consortium=consortium, page_id=page_id)
        if page_id is not None
        else None
    )
    latest = approach.get_latest_revision_as_object() if approach else None
    if approach is not None and services.in_review(approach):
        messages.info(request, _("This approach is being reviewed; you cannot change it now."))
        return redirect("toolbox:consortium_approaches", slug=consortium.slug)
    data = request.POST if request.method == "POST" else None
    form = ApproachDraftForm(
        data, initial=ApproachDraftForm.initial_from(latest) if latest else None
    )
    steps = StepFormSet(data, prefix="stap", initial=steps_initial(latest) if latest else None)
    if request.method == "POST" and form.is_valid() and steps.is_valid():
        try:
            if approach is None:
                approach = services.approach_draft_create(
                    actor=request.user,  # type: ignore[arg-type]
                    consortium=consortium,
                    data=form.cleaned_data,
                    steps=filled_steps(steps),
                )
            else:
                services.approach_draft_update(
                    actor=request.user,  # type: ignore[arg-type]
                    approach=approach,
                    data=form.cleaned_data,
                    steps=filled_steps(steps),
                )
        except ValidationError as error:
            add_validation_errors(form, error)
        except services.ApproachDraftError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Saved as a draft. The public does not see it."))
            return redirect("toolbox:consortium_approaches", slug=consortium.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "toolbox/approach_draft.html",
        {"consortium": consortium, "approach": approach, "form": form, "steps": steps},
        status=status,
    )


def approach_preview(request: HttpRequest, slug: str, page_id: int) -> HttpResponse:
    """The latest revision as the public would see it once published; for the consortium only."""
    consortium = account_selectors.consortium_get_for(viewer=request.user, slug=slug)
    approach = selectors.consortium_approach_get(consortium=consortium, page_id=page_id)
    return preview_response(request, approach)


@require_POST
def approach_submit(request: HttpRequest, slug: str, page_id: int) -> HttpResponse:
    consortium = account_selectors.consortium_get_for(viewer=request.user, slug=slug)
    if not permissions.can_draft_approaches(request.user, consortium):
        raise PermissionDenied
    approach = selectors.consortium_approach_get(consortium=consortium, page_id=page_id)
    try:
        services.approach_draft_submit(actor=request.user, approach=approach)  # type: ignore[arg-type]
    except services.ApproachDraftError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Submitted. The experience-expert panel gives its advice first; you get an e-mail."),
        )
    return redirect("toolbox:consortium_approaches", slug=consortium.slug)
