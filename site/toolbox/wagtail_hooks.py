"""Wagtail admin for the toolbox's facets (target groups, sectors, employer sizes)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from toolbox.models import Facet


class FacetViewSet(SnippetViewSet):
    model = Facet
    icon = "tag"
    menu_label = _("Toolbox filters")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["label", "kind", "code", "sort_order"]
    list_filter = ["kind"]
    panels = [FieldPanel("kind"), FieldPanel("code"), FieldPanel("label"), FieldPanel("sort_order")]


register_snippet(FacetViewSet)
