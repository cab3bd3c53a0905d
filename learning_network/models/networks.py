"""Learning networks, who takes part in them, their categories and pseudonyms."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cms_core.vocabularies import LabourMarketRegion


class NetworkKind(models.TextChoices):
    THEME = "thema", _("Theme")
    REGION = "regio", _("Region")
    PROGRAMME = "programma", _("Programme-wide")
    # The panel's own discussion of one review round (set up with the round, never by hand).
    PANEL_ROUND = "panelronde", _("Panel round discussion")


class NetworkRole(models.TextChoices):
    MEMBER = "deelnemer", _("Member")
    MODERATOR = "moderator", _("Moderator")


class LearningNetwork(models.Model):
    """A learning network (leernetwerk): people from the projects learning from each other."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    kind = models.CharField(_("kind"), max_length=12, choices=NetworkKind.choices)
    description = models.TextField(_("description"), blank=True)
    themes = models.ManyToManyField("cms_core.Theme", verbose_name=_("themes"), blank=True)
    region = models.CharField(
        _("region"), max_length=40, choices=LabourMarketRegion.choices, blank=True
    )
    allows_pseudonyms = models.BooleanField(
        _("pseudonymous posting allowed"),
        default=False,
        help_text=_(
            "Members may post under a pseudonym in every category. Programme staff alone can "
            "see who is behind a pseudonym."
        ),
    )
    is_archived = models.BooleanField(_("archived"), default=False)
    # Every stored change in the network (post, edit, hide, thread change) takes the next number,
    # under a row lock, so numbers follow commit order: a client that saw number N and asks for
    # everything after N misses nothing and receives nothing twice.
    event_seq = models.PositiveBigIntegerField(default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("learning network")
        verbose_name_plural = _("learning networks")

    def __str__(self) -> str:
        return self.name


class NetworkMember(models.Model):
    """A person added to a network by name, as a member or as a moderator."""

    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="members")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="network_memberships"
    )
    role = models.CharField(
        _("role"), max_length=12, choices=NetworkRole.choices, default=NetworkRole.MEMBER
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["network", "user__display_name"]
        verbose_name = _("network member")
        verbose_name_plural = _("network members")
        constraints = [
            models.UniqueConstraint(fields=["network", "user"], name="ln_member_unique_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.network} ({self.get_role_display()})"


class NetworkConsortium(models.Model):
    """A whole consortium in a network: each of its active members takes part."""

    network = models.ForeignKey(
        LearningNetwork, on_delete=models.CASCADE, related_name="consortium_links"
    )
    consortium = models.ForeignKey(
        "accounts.Consortium", on_delete=models.CASCADE, related_name="network_links"
    )
    added_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["consortium__name"]
        verbose_name = _("consortium in a network")
        verbose_name_plural = _("consortia in a network")
        constraints = [
            models.UniqueConstraint(
                fields=["network", "consortium"], name="ln_consortium_unique_link"
            )
        ]

    def __str__(self) -> str:
        return f"{self.consortium} – {self.network}"


class Category(models.Model):
    """A category of threads in a network, e.g. 'Rouwverwerking'; may allow pseudonyms."""

    network = models.ForeignKey(
        LearningNetwork, on_delete=models.CASCADE, related_name="categories"
    )
    name = models.CharField(_("name"), max_length=80)
    description = models.CharField(_("description"), max_length=240, blank=True)
    allows_pseudonyms = models.BooleanField(
        _("pseudonymous posting allowed"),
        default=False,
        help_text=_("For sensitive topics: members may post here under a pseudonym."),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["network", "position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [
            models.UniqueConstraint(fields=["network", "name"], name="ln_category_unique_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def pseudonyms_allowed(self) -> bool:
        return self.allows_pseudonyms or self.network.allows_pseudonyms


class Pseudonym(models.Model):
    """The one pseudonym a member uses in a category that allows pseudonymous posting.

    Only programme staff may see `user`; everyone else, moderators included, sees `name`.
    """

    category = models.ForeignKey(Category, on_delete=models.CASCADE, related_name="pseudonyms")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="pseudonyms"
    )
    name = models.CharField(_("pseudonym"), max_length=40)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("pseudonym")
        verbose_name_plural = _("pseudonyms")
        constraints = [
            models.UniqueConstraint(fields=["category", "user"], name="ln_pseudonym_one_per_user"),
            models.UniqueConstraint(fields=["category", "name"], name="ln_pseudonym_unique_name"),
        ]

    def __str__(self) -> str:
        return self.name


class Presence(models.Model):
    """An open live connection: who is viewing a network (and which thread) right now.

    Kept in the database so that every server process sees the same list; rows of connections
    that vanished without closing expire after PRESENCE_TTL seconds without a heartbeat.
    """

    channel_name = models.CharField(max_length=120, unique=True)
    network = models.ForeignKey(LearningNetwork, on_delete=models.CASCADE, related_name="presences")
    thread = models.ForeignKey(
        "learning_network.Thread", on_delete=models.CASCADE, null=True, related_name="+"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["network", "seen_at"], name="ln_presence_network_seen")]

    def __str__(self) -> str:
        return f"{self.user_id} in {self.network_id}"
