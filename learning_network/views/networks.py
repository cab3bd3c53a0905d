"""Networks: the list on the start page, a network's threads, search, setting networks up."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import User
from learning_network import forms, permissions, selectors, services
from learning_network.views.common import actor, form_page, run


def network_list(request: HttpRequest) -> HttpResponse:
    """The viewer's networks with unread threads; staff see every network and can add one."""
    return render(
        request,
        "learning_network/network_list.html",
        {
            "summaries": selectors.network_summaries_for(viewer=request.user),
            "archived": selectors.network_list_for(viewer=request.user).filter(is_archived=True),
            "can_manage": permissions.can_manage_networks(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def network_create(request: HttpRequest) -> HttpResponse:
    if not permissions.can_manage_networks(request.user):
        raise PermissionDenied
    return form_page(
        request,
        form=forms.NetworkCreateForm(request.POST or None),
        write=lambda data: services.network_create(
            actor=actor(request),
            data=data,
            themes=data["themes"],
            categories=data["categories"].splitlines(),
        ),
        success=lambda network: reverse("learning_network:manage", args=[network.slug]),
        message=_("The learning network was created. Add its members."),
        template="learning_network/network_form.html",
        context={},
    )


def network_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """A network's threads (pinned first), categories, who is here, and the live connection."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    categories = list(network.categories.all())
    category_id = request.GET.get("categorie")
    current = next((c for c in categories if str(c.pk) == category_id), None)
    threads = selectors.thread_list_for(
        viewer=request.user, network=network, category_id=current.pk if current else None
    )
    page = Paginator(threads, selectors.THREADS_PER_PAGE).get_page(request.GET.get("pagina"))
    return render(
        request,
        "learning_network/network_detail.html",
        {
            "network": network,
            "categories": categories,
            "current_category": current,
            "page": page,
            "role": permissions.network_role(request.user, network),
            "can_moderate": permissions.can_moderate(request.user, network),
            "can_start": permissions.can_start_thread(request.user, network),
            "can_manage": permissions.can_manage_networks(request.user),
            "mute": selectors.viewer_mute(viewer=request.user, network=network),
            "seq": network.event_seq,
            "presence": selectors.presence_list(network=network),
            "open_flags": selectors.open_flag_count(network=network)
            if permissions.can_moderate(request.user, network)
            else 0,
        },
    )


def network_search(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    form = forms.SearchForm(request.GET or None)
    results = None
    status = 200
    if request.GET:
        if form.is_valid():
            results = list(selectors.search_network(network=network, query=form.cleaned_data["q"]))
        else:
            status = 400
    return render(
        request,
        "learning_network/search.html",
        {"network": network, "form": form, "results": results},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def network_manage(request: HttpRequest, slug: str) -> HttpResponse:
    """Programme staff: the network's details, categories, members, moderators and consortia."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_manage_networks(request.user):
        raise PermissionDenied
    user = actor(request)
    which = request.POST.get("form", "")
    details = forms.NetworkForm(
        request.POST if which == "details" else None,
        instance=network,
        initial={"themes": list(network.themes.all())},
        prefix="details",
    )
    member_form = forms.MemberForm(request.POST if which == "member" else None, prefix="member")
    consortium_form = forms.ConsortiumLinkForm(
        request.POST if which == "consortium" else None, prefix="consortium"
    )
    category_form = forms.CategoryForm(
        request.POST if which == "category" else None, prefix="category"
    )
    status = 200
    if request.method == "POST":
        status = 400
        done: object = None
        if which == "details" and details.is_valid():
            done, status = run(
                details,
                lambda: services.network_update(
                    actor=user,
                    network=network,
                    data=details.cleaned_data,
                    themes=details.cleaned_data["themes"],
                ),
            )
        elif which == "member" and member_form.is_valid():
            done, status = run(
                member_form,
                lambda: services.network_member_set(
                    actor=user,
                    network=network,
                    user=member_form.cleaned_data["user"],
                    role=member_form.cleaned_data["role"],
                ),
            )
        elif which == "consortium" and consortium_form.is_valid():
            done, status = run(
                consortium_form,
                lambda: services.network_consortium_add(
                    actor=user,
                    network=network,
                    consortium=consortium_form.cleaned_data["consortium"],
                ),
            )
        elif which == "category" and category_form.is_valid():
            done, status = run(
                category_form,
                lambda: services.category_create(
                    actor=user,
                    network=network,
                    name=category_form.cleaned_data["name"],
                    allows_pseudonyms=category_form.cleaned_data["allows_pseudonyms"],
                ),
            )
        if done is not None:
            messages.success(request, _("Saved."))
            return redirect("learning_network:manage", network.slug)
    network.refresh_from_db()
    return render(
        request,
        "learning_network/network_manage.html",
        {
            "network": network,
            "details": details,
            "member_form": member_form,
            "consortium_form": consortium_form,
            "category_form": category_form,
            "members": network.members.select_related("user").order_by("role", "user__email"),
            "consortium_links": network.consortium_links.select_related("consortium"),
            "categories": network.categories.all(),
        },
        status=status,
    )


@require_POST
def network_remove(request: HttpRequest, slug: str) -> HttpResponse:
    """Programme staff take a person or a consortium out of the network (POST)."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_manage_networks(request.user):
        raise PermissionDenied
    user_id = request.POST.get("user")
    consortium_id = request.POST.get("consortium")
    if user_id and user_id.isdigit():
        member = network.members.select_related("user").filter(user_id=int(user_id)).first()
        if member is not None:
            services.network_member_remove(actor=actor(request), network=network, user=member.user)
            messages.success(
                request,
                _("%(name)s was taken out of the network.") % {"name": member.user.public_name},
            )
    elif consortium_id and consortium_id.isdigit():
        link = (
            network.consortium_links.select_related("consortium")
            .filter(consortium_id=int(consortium_id))
            .first()
        )
        if link is not None:
            services.network_consortium_remove(
                actor=actor(request), network=network, consortium=link.consortium
            )
            messages.success(
                request,
                _("%(name)s was taken out of the network.") % {"name": link.consortium.name},
            )
    else:
        messages.error(request, _("Choose whom to take out of the network."))
    return redirect("learning_network:manage", network.slug)


@require_http_methods(["GET", "POST"])
def notifications(request: HttpRequest) -> HttpResponse:
    """The member's notices from all networks, and their notification settings."""
    user: User = actor(request)
    current = getattr(user, "network_settings", None)
    initial = {
        "live_mentions": current.live_mentions if current else True,
        "live_replies": current.live_replies if current else True,
        "digest": current.digest if current else "dagelijks",
    }
    notices = list(selectors.notifications_for(viewer=user))  # as they were before this visit
    if request.method == "GET":
        services.notifications_mark_read(actor=user)
    return form_page(
        request,
        form=forms.NotificationSettingsForm(request.POST or None, initial=initial),
        write=lambda data: services.notification_settings_update(actor=user, data=data),
        success=lambda saved: reverse("learning_network:notifications"),
        message=_("Your notification settings were saved."),
        template="learning_network/notifications.html",
        context={"notices": notices},
    )
