"""Moderation over HTTP: the queue of flagged posts, hiding and restoring, thread actions,
mutes, and the moderation log (members read it; programme staff also see who and export it)."""

from __future__ import annotations

import csv
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accounts.models import User
from cms_core.spreadsheet import safe_cell
from learning_network import forms, permissions, selectors, services
from learning_network.models import Flag, FlagStatus, LearningNetwork, ModerationKind, Thread
from learning_network.views.common import actor, form_page, run
from learning_network.views.threads import _post_url


def _moderated(request: HttpRequest, slug: str) -> LearningNetwork:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_moderate(request.user, network):
        raise PermissionDenied
    return network


def moderation_queue(request: HttpRequest, slug: str) -> HttpResponse:
    network = _moderated(request, slug)
    return render(
        request,
        "learning_network/moderation_queue.html",
        {
            "network": network,
            "queue": selectors.moderation_queue(network=network),
            "mutes": selectors.active_mutes(network=network),
            "reason_form": forms.ReasonForm(),
        },
    )


@require_http_methods(["GET", "POST"])
def post_hide(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _post_action(request, slug, pk, hide=True)


@require_http_methods(["GET", "POST"])
def post_restore(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _post_action(request, slug, pk, hide=False)


def _post_action(request: HttpRequest, slug: str, pk: int, *, hide: bool) -> HttpResponse:
    network = _moderated(request, slug)
    post = selectors.post_get_for(viewer=request.user, network=network, pk=pk)
    service = services.post_hide if hide else services.post_restore
    return form_page(
        request,
        form=forms.ReasonForm(request.POST or None),
        write=lambda data: service(actor=actor(request), post=post, reason=data["reason"]),
        success=_post_url,
        message=_("The post was hidden.") if hide else _("The post was restored."),
        template="learning_network/post_form.html",
        context={
            "network": network,
            "post": post,
            "title": _("Hide a post") if hide else _("Restore a post"),
            "intro": _("The author sees the reason; members see it in the moderation log.")
            if hide
            else "",
            "button": _("Hide") if hide else _("Restore"),
            "show_post": True,
            "show_hidden": True,
        },
    )


@require_http_methods(["GET", "POST"])
def flag_dismiss(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = _moderated(request, slug)
    flag = get_object_or_404(
        Flag.objects.select_related("post__thread__network"),
        pk=pk,
        post__thread__network=network,
        status=FlagStatus.OPEN,
    )
    return form_page(
        request,
        form=forms.ReasonForm(request.POST or None),
        write=lambda data: services.flag_dismiss(
            actor=actor(request), flag=flag, reason=data["reason"]
        ),
        success=lambda flag: reverse("learning_network:moderation", args=[network.slug]),
        message=_("The post stays; the report was closed."),
        template="learning_network/post_form.html",
        context={
            "network": network,
            "post": flag.post,
            "title": _("Keep the post and close the report"),
            "button": _("Close the report"),
            "show_post": True,
        },
    )


@require_http_methods(["GET", "POST"])
def thread_moderate(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = _moderated(request, slug)
    thread = selectors.thread_get_for(viewer=request.user, network=network, pk=pk)

    def write(data: dict[str, Any]) -> Thread:
        if data["action"] == ModerationKind.MOVE:
            return services.thread_move(
                actor=actor(request),
                thread=thread,
                category=data["category"],
                reason=data["reason"],
            )
        return services.thread_moderate(
            actor=actor(request), thread=thread, kind=data["action"], reason=data["reason"]
        )

    return form_page(
        request,
        form=forms.ThreadModerationForm(request.POST or None, network=network),
        write=write,
        success=lambda done: reverse("learning_network:thread", args=[network.slug, thread.pk]),
        message=_("The thread was changed."),
        template="learning_network/thread_moderate.html",
        context={"network": network, "thread": thread},
    )


@require_http_methods(["GET", "POST"])
def member_mute(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    network = _moderated(request, slug)
    participants = {user.pk: user for user in selectors.network_participants(network)}
    member: User | None = participants.get(user_id)
    if member is None:
        raise PermissionDenied
    return form_page(
        request,
        form=forms.MuteForm(request.POST or None),
        write=lambda data: services.member_mute(
            actor=actor(request),
            network=network,
            user=member,
            days=data["days"],
            reason=data["reason"],
        ),
        success=lambda mute: reverse("learning_network:moderation", args=[network.slug]),
        message=_("%(name)s is muted.") % {"name": member.public_name},
        template="learning_network/mute_form.html",
        context={"network": network, "member": member},
    )


@require_http_methods(["POST"])
def mute_lift(request: HttpRequest, slug: str, user_id: int) -> HttpResponse:
    network = _moderated(request, slug)
    member = get_object_or_404(User, pk=user_id)
    form = forms.ReasonForm(request.POST)
    if form.is_valid():
        done, _status = run(
            form,
            lambda: services.mute_lift(
                actor=actor(request),
                network=network,
                user=member,
                reason=form.cleaned_data["reason"],
            ),
        )
        if done is None and not form.errors:
            messages.success(request, _("The mute was lifted."))
            return redirect("learning_network:moderation", network.slug)
    errors = " ".join(
        str(e) for e in form.errors.get("__all__", []) + form.errors.get("reason", [])
    )
    messages.error(request, errors or _("Give the reason."))
    return redirect("learning_network:moderation", network.slug)


def moderation_log(request: HttpRequest, slug: str) -> HttpResponse:
    """What the moderators did and why; programme staff also see who did it."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    page = Paginator(selectors.moderation_log(network=network), 50).get_page(
        request.GET.get("pagina")
    )
    return render(
        request,
        "learning_network/moderation_log.html",
        {
            "network": network,
            "page": page,
            "show_actor": permissions.can_see_moderator_names(request.user),
        },
    )


def moderation_log_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The moderation log as CSV, for programme staff."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_see_moderator_names(request.user):
        raise PermissionDenied
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = (
        f'attachment; filename="moderatielog-{network.slug}-{stamp}.csv"'
    )
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(
        ["tijdstip", "actie", "gesprek", "bericht", "betreft", "reden", "detail", "door"]
    )
    for action in selectors.moderation_log(network=network).iterator():
        writer.writerow(
            [
                timezone.localtime(action.created_at).isoformat(timespec="seconds"),
                action.get_kind_display(),
                safe_cell(action.thread.title if action.thread else ""),
                action.post_id or "",
                safe_cell(action.subject.public_name if action.subject else ""),
                safe_cell(action.reason),
                safe_cell(action.detail),
                safe_cell(action.actor.email if action.actor else ""),
            ]
        )
    return response
