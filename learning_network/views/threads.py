"""Threads and posts over plain HTTP: read, start, reply, quote, edit, follow, flag.

The live client (static tsp/js/network-live.js) does the same over the WebSocket; these pages
work without JavaScript.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cms_core.uploads import private_download
from learning_network import forms, permissions, selectors, services
from learning_network.models import Post
from learning_network.views.common import actor, form_page, run


def _post_url(post: Post) -> str:
    thread = post.thread
    return reverse("learning_network:thread", args=[thread.network.slug, thread.pk]) + (
        f"#bericht-{post.pk}"
    )


@require_http_methods(["GET", "POST"])
def thread_create(request: HttpRequest, slug: str) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    if not permissions.can_start_thread(request.user, network):
        raise PermissionDenied
    initial = {}
    if request.GET.get("categorie", "").isdigit():
        initial["category"] = int(request.GET["categorie"])
    return form_page(
        request,
        form=forms.ThreadForm(
            request.POST or None, request.FILES or None, network=network, initial=initial
        ),
        write=lambda data: services.thread_create(
            actor=actor(request),
            network=network,
            category=data["category"],
            title=data["title"],
            body=data["body"],
            pseudonymous=data.get("pseudonymous", False),
            files=data["attachments"],
        ),
        success=lambda thread: reverse("learning_network:thread", args=[network.slug, thread.pk]),
        message=_("Your thread was started."),
        template="learning_network/thread_form.html",
        context={
            "network": network,
            "mute": selectors.viewer_mute(viewer=request.user, network=network),
        },
    )


@require_http_methods(["GET", "POST"])
def thread_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A thread's posts, the reply form (POST replies), and the live connection."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    thread = selectors.thread_get_for(viewer=request.user, network=network, pk=pk)
    can_reply = permissions.can_reply(request.user, thread)
    pseudonyms = thread.category.pseudonyms_allowed
    quote = None
    quote_id = request.GET.get("citeer", "")
    if quote_id.isdigit():
        quote = thread.posts.filter(pk=int(quote_id), is_hidden=False).first()
    form = forms.ReplyForm(
        request.POST or None,
        request.FILES or None,
        pseudonyms_allowed=pseudonyms,
        initial={"quote": quote.pk if quote else None},
    )
    status = 200
    if request.method == "POST":
        if not can_reply:
            raise PermissionDenied
        status = 400
        if form.is_valid():
            quote_of = None
            if form.cleaned_data.get("quote"):
                quote_of = thread.posts.filter(pk=form.cleaned_data["quote"]).first()
                if quote_of is None:
                    form.add_error(None, _("You can only quote a visible post of this thread."))
            if not form.errors:
                post, status = run(
                    form,
                    lambda: services.post_create(
                        actor=actor(request),
                        thread=thread,
                        body=form.cleaned_data["body"],
                        quote_of=quote_of,
                        pseudonymous=form.cleaned_data.get("pseudonymous", False),
                        files=form.cleaned_data["attachments"],
                    ),
                )
                if post is not None:
                    messages.success(request, _("Your reply was posted."))
                    return redirect(_post_url(post))
        quote_id = str(form.data.get("quote", ""))
        if quote is None and quote_id.isdigit():
            quote = thread.posts.filter(pk=int(quote_id), is_hidden=False).first()
    seq = network.event_seq  # read before the posts: what comes later arrives live
    posts = list(selectors.posts_of_thread(thread=thread))
    if request.method == "GET":
        services.thread_mark_read(actor=actor(request), thread=thread)
    return render(
        request,
        "learning_network/thread_detail.html",
        {
            "network": network,
            "thread": thread,
            "posts": posts,
            "form": form,
            "quote": quote,
            "can_reply": can_reply,
            "can_moderate": permissions.can_moderate(request.user, network),
            "can_propose": permissions.can_propose_lesson(request.user, network),
            "can_see_owner": permissions.can_see_pseudonym_owner(request.user),
            "following": selectors.is_following(viewer=request.user, thread=thread),
            "mute": selectors.viewer_mute(viewer=request.user, network=network),
            "moderation_form": forms.ThreadModerationForm(network=network)
            if permissions.can_moderate(request.user, network)
            else None,
            "seq": seq,
            "presence": selectors.presence_list(network=network),
        },
        status=status,
    )


@require_POST
def thread_follow(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    thread = selectors.thread_get_for(viewer=request.user, network=network, pk=pk)
    follow = request.POST.get("follow") == "1"
    services.thread_follow(actor=actor(request), thread=thread, follow=follow)
    if follow:
        messages.success(request, _("You follow this thread: replies reach you as notices."))
    else:
        messages.success(request, _("You no longer follow this thread."))
    return redirect("learning_network:thread", network.slug, thread.pk)


@require_http_methods(["GET", "POST"])
def post_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    post = selectors.post_get_for(viewer=request.user, network=network, pk=pk)
    if not permissions.can_edit_post(request.user, post):
        raise PermissionDenied
    return form_page(
        request,
        form=forms.EditForm(
            request.POST or None, initial={"body": services.editable_text(post.body)}
        ),
        write=lambda data: services.post_edit(actor=actor(request), post=post, body=data["body"]),
        success=_post_url,
        message=_("Your post was changed."),
        template="learning_network/post_form.html",
        context={
            "network": network,
            "post": post,
            "title": _("Edit your post"),
            "button": _("Save"),
        },
    )


def post_attachment(request: HttpRequest, slug: str, pk: int, attachment_pk: int) -> FileResponse:
    """A post's file, to the network's members only, always as a download (never inline)."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    post = selectors.post_get_for(viewer=request.user, network=network, pk=pk)
    attachment = selectors.attachment_get_for(viewer=request.user, post=post, pk=attachment_pk)
    return private_download(
        attachment.file, name=attachment.original_name, content_type=attachment.content_type
    )


def post_history(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Earlier versions of a post: for its author and the moderators."""
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    post = selectors.post_get_for(viewer=request.user, network=network, pk=pk)
    if post.author_id != request.user.pk and not permissions.can_moderate(request.user, network):
        raise PermissionDenied
    return render(
        request,
        "learning_network/post_history.html",
        {"network": network, "post": post, "revisions": post.revisions.order_by("-replaced_at")},
    )


@require_http_methods(["GET", "POST"])
def post_flag(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    network = selectors.network_get_for(viewer=request.user, slug=slug)
    post = selectors.post_get_for(viewer=request.user, network=network, pk=pk)
    return form_page(
        request,
        form=forms.FlagForm(request.POST or None),
        write=lambda data: services.post_flag(
            actor=actor(request), post=post, reason=data["reason"]
        ),
        success=lambda flag: _post_url(post),
        message=_("Thank you. The moderators will look at this post."),
        template="learning_network/post_form.html",
        context={
            "network": network,
            "post": post,
            "title": _("Report a post to the moderators"),
            "button": _("Report"),
            "show_post": True,
        },
    )
