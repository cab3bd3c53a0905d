"""The Theme vocabulary shared by toolbox, workspaces, learning networks and evaluation."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Theme(models.Model):
    """One of the programme's six priority themes, or 'Overig'."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = models.SlugField(_("slug"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    is_priority = models.BooleanField(
        _("priority theme"),
        default=True,
        help_text=_("One of the six priority themes of the programme (not 'Overig')."),
    )
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self) -> str:
        return self.name
