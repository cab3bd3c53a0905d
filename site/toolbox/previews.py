"""A draft approach as the public would see it once published: for its consortium's preview
and for a review round of the panel on it (each view checks who may see the draft first)."""

from __future__ import annotations

from django.http import HttpRequest
from django.template.response import TemplateResponse

from toolbox.models import ApproachPage


def preview_response(request: HttpRequest, approach: ApproachPage) -> TemplateResponse:
    """The latest revision rendered with the approach page's template; never indexed."""
    latest = approach.get_latest_revision_as_object()
    context = latest.get_context(request)
    context["preview_of"] = approach
    response = TemplateResponse(request, "toolbox/approach_page.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response
