"""Project-wide middleware: the access policy, CSP per area and the Permissions-Policy header."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase

from config.access_policy import Decision, rule_for_url

logger = logging.getLogger(__name__)


class AccessPolicyMiddleware:
    """Applies `config.access_policy` to every resolved view: deny by default."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any
    ) -> HttpResponseBase | None:
        match = request.resolver_match
        if match is None:
            return None
        rule = rule_for_url(match.view_name, match.route)
        if rule is None:
            logger.error(
                "Route %r (%s) has no access-policy declaration", match.view_name, match.route
            )
            raise Http404("Undeclared route")
        decision = rule.decide(request.user)
        if decision is Decision.LOGIN:
            return redirect_to_login(request.get_full_path())
        if decision is Decision.FORBID:
            raise PermissionDenied
        return None


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp with a separate, looser policy for the Wagtail admin only."""

    def get_policy_parts(
        self, request: HttpRequest, response: HttpResponseBase, report_only: bool = False
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)
        return parts


class PermissionsPolicyMiddleware:
    """Sets the Permissions-Policy header, which Django does not set itself."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
