"""The panel's review rounds: the start page, a round, opening and running it (programme staff),
advice with autosave (panel members), asking for a round and answering the advice (consortia).

Parse → selector or service → render. 404 for a round the viewer may not see; 403 when they
see it but may not do this; 409 when the round's state or a newer copy stands in the way.
"""

from __future__ import annotations

import csv
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.selectors import consortium_get_for
from action_research import permissions
from action_research.forms.panel import (
    AdviceForm,
    AnswerForm,
    DeclineForm,
    RequestForm,
    RoundForm,
    SummaryForm,
)
from action_research.models import ReviewRound, RoundStatus
from action_research.selectors import panel as selectors
from action_research.services import StaleEditError
from action_research.services import panel_advice as advice_services
from action_research.services import panel_rounds as round_services
from action_research.services.panel_rounds import RoundStateError
from action_research.views.common import actor
from cms_core.forms import add_validation_errors
from cms_core.spreadsheet import safe_cell
from cms_core.uploads import private_download


def panel(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "action_research/panel/index.html",
        {
            "rounds": selectors.round_list_for(viewer=request.user),
            "can_run": permissions.can_run_rounds(request.user),
            "is_panel": permissions.is_panel_member(request.user),
        },
    )


def panel_round(request: HttpRequest, pk: int) -> HttpResponse:
    view = selectors.round_view_for(viewer=request.user, pk=pk)
    return render(
        request,
        "action_research/panel/round.html",
        {
            "view": view,
            "round": view.round,
            "summary_form": SummaryForm(),
            "decline_form": DeclineForm(),
        },
    )


def panel_document(request: HttpRequest, pk: int) -> FileResponse:
    review_round = selectors.round_get_for(viewer=request.user, pk=pk)
    if not review_round.document:
        raise Http404
    return private_download(
        review_round.document,
        name=review_round.document_name or "document",
        content_type=review_round.document_type or "application/octet-stream",
    )


def panel_advice_export(request: HttpRequest, pk: int) -> HttpResponse:
    """A closed round's advice as CSV (UTF-8 with BOM, for Excel), with public labels only."""
    review_round, rows = selectors.advice_export_rows(viewer=request.user, pk=pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="paneladvies-{review_round.pk}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(selectors.EXPORT_COLUMNS)
    for row in rows:
        writer.writerow([safe_cell(value) for value in row])
    return response


def panel_approach(request: HttpRequest, pk: int) -> HttpResponse:
    """The draft approach a round is about, as the public would see it once published."""
    from toolbox.previews import preview_response

    review_round = selectors.round_get_for(viewer=request.user, pk=pk)
    if review_round.approach is None:
        raise Http404
    return preview_response(request, review_round.approach)


# --- programme staff ----------------------------------------------------------------------------


def _staff(request: HttpRequest) -> None:
    if not permissions.can_run_rounds(request.user):
        raise PermissionDenied


@require_http_methods(["GET", "POST"])
def panel_round_create(request: HttpRequest) -> HttpResponse:
    """Open a new round (programme staff)."""
    _staff(request)
    form = RoundForm(
        request.POST or None, request.FILES or None, initial=RoundForm.initial_for(None)
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                review_round = round_services.round_create(
                    actor=actor(request),
                    data=form.data_for_service(),
                    questions=form.questions(),
                    invitees=list(form.cleaned_data["invitees"]),
                    consortium=form.cleaned_data["consortium"],
                    approach=form.cleaned_data["approach"],
                    document=form.cleaned_data["document"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request, _("The round is open; the panel members you invited got a message.")
                )
                return redirect("action_research:panel_round", review_round.pk)
    return render(
        request,
        "action_research/panel/round_form.html",
        {"form": form, "title": _("New review round")},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def panel_round_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Take on a requested round (final questions, deadline, invitations) or change an open
    one (texts, deadline, more invitations)."""
    _staff(request)
    review_round = selectors.round_get_for(viewer=request.user, pk=pk)
    if review_round.status not in (RoundStatus.REQUESTED, RoundStatus.OPEN):
        return _state_refused(request, review_round)
    form = RoundForm(
        request.POST or None,
        request.FILES or None,
        initial=RoundForm.initial_for(review_round),
        review_round=review_round,
    )
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                if review_round.status == RoundStatus.REQUESTED:
                    round_services.round_open(
                        actor=actor(request),
                        review_round=review_round,
                        data=form.data_for_service(),
                        questions=form.questions(),
                        invitees=list(form.cleaned_data["invitees"]),
                    )
                    done = _("The round is open; the panel members you invited got a message.")
                else:
                    round_services.round_update(
                        actor=actor(request),
                        review_round=review_round,
                        data=form.data_for_service(),
                        invitees=list(form.cleaned_data["invitees"]),
                    )
                    done = _("The round was changed.")
            except ValidationError as error:
                add_validation_errors(form, error)
            except RoundStateError:
                return _state_refused(request, review_round)
            else:
                messages.success(request, done)
                return redirect("action_research:panel_round", review_round.pk)
    title = (
        _("Take on the request")
        if review_round.status == RoundStatus.REQUESTED
        else _("Change the round")
    )
    return render(
        request,
        "action_research/panel/round_form.html",
        {"form": form, "title": title, "round": review_round},
        status=status,
    )


@require_POST
def panel_round_decline(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_decision(
        request,
        pk,
        form=DeclineForm(request.POST),
        form_name="decline_form",
        write=lambda user, review_round, data: round_services.round_decline(
            actor=user, review_round=review_round, reason=data["reason"]
        ),
        done=_("The consortium was told why the round was not taken on."),
    )


@require_POST
def panel_round_close(request: HttpRequest, pk: int) -> HttpResponse:
    _staff(request)
    review_round = selectors.round_get_for(viewer=request.user, pk=pk)
    try:
        round_services.round_close(actor=actor(request), review_round=review_round)
    except RoundStateError:
        return _state_refused(request, review_round)
    messages.success(request, _("The round is closed. Now write the summary."))
    return redirect("action_research:panel_round", pk)


@require_POST
def panel_round_summary(request: HttpRequest, pk: int) -> HttpResponse:
    return _staff_decision(
        request,
        pk,
        form=SummaryForm(request.POST),
        form_name="summary_form",
        write=lambda user, review_round, data: round_services.round_summarise(
            actor=user, review_round=review_round, summary=data["summary"]
        ),
        done=_("The summary was saved."),
    )


def _staff_decision(
    request: HttpRequest,
    pk: int,
    *,
    form: Any,
    form_name: str,
    write: Callable[[Any, ReviewRound, dict[str, Any]], Any],
    done: str,
) -> HttpResponse:
    """A form on the round page that programme staff send (decline, summary): bad input shows
    the round page again with the form's errors (400); a round in the wrong state is refused."""
    _staff(request)
    review_round = selectors.round_get_for(viewer=request.user, pk=pk)
    if form.is_valid():
        try:
            write(actor(request), review_round, form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        except RoundStateError:
            return _state_refused(request, review_round)
        else:
            messages.success(request, done)
            return redirect("action_research:panel_round", pk)
    return _round_with_form(request, review_round, **{form_name: form})


def _round_with_form(request: HttpRequest, review_round: ReviewRound, **forms: Any) -> HttpResponse:
    view = selectors.round_view_for(viewer=request.user, pk=review_round.pk)
    context = {
        "view": view,
        "round": view.round,
        "summary_form": SummaryForm(),
        "decline_form": DeclineForm(),
        **forms,
    }
    return render(request, "action_research/panel/round.html", context, status=400)


def _state_refused(request: HttpRequest, review_round: ReviewRound) -> HttpResponse:
    messages.error(
        request,
        _("This cannot be done now: the round is “%(status)s”.")
        % {"status": review_round.get_status_display()},
    )
    response = redirect("action_research:panel_round", review_round.pk)
    response.status_code = 303
    return response


# --- panel members ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def panel_advice(request: HttpRequest, pk: int) -> HttpResponse:
    """A panel member's advice: "save as draft" or "send" (works without JavaScript; with it,
    the form also saves itself while you type)."""
    review_round, invitation, advice = selectors.advice_get_for(viewer=request.user, pk=pk)
    form = AdviceForm(
        request.POST or None, initial=AdviceForm.initial_for(advice), review_round=review_round
    )
    status = 200
    if request.method == "POST":
        if not permissions.can_advise(request.user, review_round):
            return _state_refused(request, review_round)
        status = 400
        submit = "send" in request.POST
        if form.is_valid():
            try:
                saved = advice_services.advice_save(
                    actor=actor(request),
                    review_round=review_round,
                    data=form.data_for_service(),
                    answers=form.answers(),
                    version=form.started_from(),
                    submit=submit,
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            except StaleEditError:
                form.add_error(None, _stale_advice())
                status = 409
            except RoundStateError:
                return _state_refused(request, review_round)
            else:
                if saved.submitted:
                    messages.success(
                        request,
                        _(
                            "Thank you! Your advice was sent. You can change it until the round closes."
                        ),
                    )
                    return redirect("action_research:panel_round", pk)
                messages.success(request, _("Your draft was saved. Nobody else can see it."))
                return redirect("action_research:panel_advice", pk)
    return render(
        request,
        "action_research/panel/advice_form.html",
        {
            "form": form,
            "round": review_round,
            "invitation": invitation,
            "advice": advice,
            "can_advise": permissions.can_advise(request.user, review_round),
        },
        status=status,
    )


def _stale_advice() -> str:
    return _(
        "Your advice was changed in another window. Nothing of this page was saved. "
        "Open the page again; copy your text first if you want to keep it."
    )


@require_POST
def panel_advice_autosave(request: HttpRequest, pk: int) -> JsonResponse:
    """The form's autosave: the same fields as the form, always saved as a draft (or, for sent
    advice, as the sent advice). Answers JSON: the new version, or the errors per field."""
    review_round, _invitation, _advice = selectors.advice_get_for(viewer=request.user, pk=pk)
    if not permissions.can_advise(request.user, review_round):
        return JsonResponse({"error": _("The round is closed; nothing was saved.")}, status=409)
    form = AdviceForm(request.POST, review_round=review_round)
    if not form.is_valid():
        return JsonResponse({"errors": _errors(form.errors)}, status=400)
    try:
        saved = advice_services.advice_save(
            actor=actor(request),
            review_round=review_round,
            data=form.data_for_service(),
            answers=form.answers(),
            version=form.started_from(),
        )
    except ValidationError as error:
        add_validation_errors(form, error)
        return JsonResponse({"errors": _errors(form.errors)}, status=400)
    except StaleEditError:
        return JsonResponse({"error": _stale_advice()}, status=409)
    except RoundStateError:
        return JsonResponse({"error": _("The round is closed; nothing was saved.")}, status=409)
    saved_at = timezone.localtime(saved.advice.saved_at)
    return JsonResponse(
        {
            "version": saved.advice.version,
            "status": saved.advice.status,
            "saved_at": saved_at.isoformat(),
            "message": _("Saved at %(time)s.") % {"time": formats.time_format(saved_at, "H:i")},
        }
    )


def _errors(errors: Any) -> dict[str, list[str]]:
    return {name: [str(m) for m in messages_] for name, messages_ in errors.items()}


@require_POST
def panel_advice_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    review_round, _invitation, _advice = selectors.advice_get_for(viewer=request.user, pk=pk)
    try:
        advice_services.advice_withdraw(actor=actor(request), review_round=review_round)
    except RoundStateError:
        return _state_refused(request, review_round)
    messages.success(
        request,
        _("Your advice was taken back. Nobody else sees it now; you can send it again."),
    )
    return redirect("action_research:panel_advice", pk)


# --- consortia ----------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def panel_request(request: HttpRequest, slug: str) -> HttpResponse:
    """A consortium asks the panel for advice on its plan."""
    consortium = consortium_get_for(viewer=request.user, slug=slug)
    if not permissions.can_request_round(request.user, consortium):
        raise PermissionDenied
    form = RequestForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                review_round = round_services.round_request(
                    actor=actor(request),
                    consortium=consortium,
                    data=form.data_for_service(),
                    questions=form.questions(),
                    document=form.cleaned_data["document"],
                )
            except ValidationError as error:
                add_validation_errors(form, error)
            else:
                messages.success(
                    request,
                    _(
                        "Your request was sent. Programme staff will start the round or tell you why not."
                    ),
                )
                return redirect("action_research:panel_round", review_round.pk)
    return render(
        request,
        "action_research/panel/request_form.html",
        {"form": form, "consortium": consortium},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def panel_answer(request: HttpRequest, pk: int) -> HttpResponse:
    """The consortium answers every point of the advice: what it did with it, and why."""
    review_round, entries = selectors.points_to_answer_for(viewer=request.user, pk=pk)
    if not permissions.can_respond_to_advice(request.user, review_round):
        raise PermissionDenied
    points = [point for entry in entries for point in entry.points]
    form = AnswerForm(request.POST or None, points=points)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                advice_services.points_answer(
                    actor=actor(request), review_round=review_round, answers=form.answers()
                )
            except ValidationError as error:
                add_validation_errors(form, _point_errors(error))
            except RoundStateError:
                return _state_refused(request, review_round)
            else:
                messages.success(
                    request, _("Your answers were saved; the panel members got a message.")
                )
                return redirect("action_research:panel_round", pk)
    return render(
        request,
        "action_research/panel/answer_form.html",
        {"form": form, "round": review_round, "entries": entries},
        status=status,
    )


def _point_errors(error: ValidationError) -> ValidationError:
    """The service names a point's errors `point_<id>`; the form shows them at its reason."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError(
        {
            (f"reason_{name[6:]}" if name.startswith("point_") else name): messages_
            for name, messages_ in error.error_dict.items()
        }
    )
