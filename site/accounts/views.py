"""HTTP views for the start page, profile, consortia and invitations: parse, call, render."""

from __future__ import annotations

from allauth.account.internal.flows.login import record_authentication
from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts import permissions, selectors, services
from accounts.forms import ConsortiumInvitationForm, InvitationSignupForm, ProfileForm
from accounts.models import User
from cms_core.forms import add_validation_errors

INVITATION_ERROR_STATUS = {
    "unknown": 404,
    "used": 410,
    "revoked": 410,
    "expired": 410,
    "email": 403,
    "account_exists": 409,
}


def dashboard(request: HttpRequest) -> HttpResponse:
    data = selectors.dashboard_for(viewer=request.user)
    return render(request, "accounts/dashboard.html", {"dashboard": data})


@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    form = ProfileForm(
        request.POST if request.method == "POST" else None,
        initial={
            "full_name": user.full_name,
            "display_name": user.display_name,
            "preferred_language": user.preferred_language,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.user_update_profile(actor=user, user=user, **form.cleaned_data)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(request, _("Your profile has been saved."))
            return redirect("accounts:profile")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/profile.html", {"form": form}, status=status)


def consortium_list(request: HttpRequest) -> HttpResponse:
    consortia = selectors.consortium_list_for(viewer=request.user)
    return render(request, "accounts/consortium_list.html", {"consortia": consortia})


def consortium_detail(request: HttpRequest, slug: str) -> HttpResponse:
    consortium = selectors.consortium_get_for(viewer=request.user, slug=slug)
    context = {
        "consortium": consortium,
        "can_manage": permissions.can_manage_consortium(request.user, consortium),
        "invitations": selectors.consortium_invitations_for(
            viewer=request.user, consortium=consortium
        ),
    }
    return render(request, "accounts/consortium_detail.html", context)


@require_http_methods(["GET", "POST"])
def consortium_invite(request: HttpRequest, slug: str) -> HttpResponse:
    consortium = selectors.consortium_get_for(viewer=request.user, slug=slug)
    if not permissions.can_invite(request.user, consortium):
        raise PermissionDenied
    form = ConsortiumInvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_create(
                actor=request.user, consortium=consortium, **form.cleaned_data
            )
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
            )
            return redirect("accounts:consortium_detail", slug=consortium.slug)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "accounts/consortium_invite.html",
        {"consortium": consortium, "form": form},
        status=status,
    )


@require_POST
def invitation_revoke(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    consortium = selectors.consortium_get_for(viewer=request.user, slug=slug)
    invitation = selectors.invitation_get_for(viewer=request.user, consortium=consortium, pk=pk)
    try:
        services.invitation_revoke(actor=request.user, invitation=invitation)
    except services.InvitationError:
        messages.error(request, _("This invitation has already been accepted."))
    else:
        messages.success(
            request,
            _("The invitation to %(email)s has been withdrawn.") % {"email": invitation.email},
        )
    return redirect("accounts:consortium_detail", slug=consortium.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_get_by_token(token=token)
    problem = _invitation_problem(invitation, request)
    if problem or invitation is None:
        return _invitation_error(request, problem or "unknown")
    account_exists = User.objects.filter(email__iexact=invitation.email).exists()
    context = {"invitation": invitation, "token": token, "account_exists": account_exists}

    if request.user.is_authenticated:
        if request.method == "POST":
            return _accept_signed_in(request, token)
        return render(request, "accounts/invitation_accept.html", context)

    if account_exists:
        # The person must sign in first; the login page brings them back here.
        return render(request, "accounts/invitation_accept.html", context)

    form = InvitationSignupForm(
        request.POST if request.method == "POST" else None, email=invitation.email
    )
    if request.method == "POST" and form.is_valid():
        try:
            _accepted, user = services.invitation_accept_with_signup(
                token=token,
                full_name=form.cleaned_data["full_name"],
                display_name=form.cleaned_data["display_name"],
                password=form.cleaned_data["password1"],
            )
        except services.InvitationError as error:
            return _invitation_error(request, error.reason)
        except ValidationError as error:
            add_validation_errors(form, error)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            # The password was typed in this very request: count it as a re-authentication
            # (allauth asks for one before two-step verification is set up), so that a new
            # researcher is not asked for the password they chose a second earlier.
            record_authentication(
                request, user, method="password", email=user.email, reauthenticated=True
            )
            messages.success(request, _("Welcome! Your account has been created."))
            return redirect("accounts:dashboard")
    context["form"] = form
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/invitation_accept.html", context, status=status)


def _accept_signed_in(request: HttpRequest, token: str) -> HttpResponse:
    try:
        invitation = services.invitation_accept(token=token, user=request.user)  # type: ignore[arg-type]
    except services.InvitationError as error:
        return _invitation_error(request, error.reason)
    messages.success(
        request, _("Invitation accepted: %(target)s.") % {"target": invitation.target_label}
    )
    return redirect("accounts:dashboard")


def _invitation_problem(invitation: object, request: HttpRequest) -> str | None:
    if invitation is None:
        return "unknown"
    status = invitation.status  # type: ignore[attr-defined]
    if status == "accepted":
        return "used"
    if status in ("revoked", "expired"):
        return str(status)
    user = request.user
    if user.is_authenticated and user.email.lower() != invitation.email.lower():  # type: ignore[attr-defined, union-attr]
        return "email"
    return None


def _invitation_error(request: HttpRequest, reason: str) -> HttpResponse:
    return render(
        request,
        "accounts/invitation_error.html",
        {"reason": reason},
        status=INVITATION_ERROR_STATUS.get(reason, 400),
    )


def project_list(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/project_list.html", {"projects": selectors.project_list()})


def project_detail(request: HttpRequest, slug: str) -> HttpResponse:
    from toolbox.models import ApproachPage

    project = selectors.project_get(slug=slug)
    approaches = ApproachPage.objects.live().public().filter(consortium=project).order_by("title")
    return render(
        request, "accounts/project_detail.html", {"project": project, "approaches": approaches}
    )
