"""Users (e-mail login), organisations, consortia, memberships and invitations."""

from __future__ import annotations

from typing import ClassVar

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.validators import validate_person_name
from cms_core.models import Theme
from cms_core.vocabularies import LabourMarketRegion, Sector


class UserManager(BaseUserManager["User"]):
    """Creates users identified by e-mail address; there are no usernames."""

    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra: object) -> User:
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra: object) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra: object) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person with an account. Signs in with e-mail; shows a chosen display name to others."""

    username = None  # type: ignore[assignment]
    first_name = None  # type: ignore[assignment]
    last_name = None  # type: ignore[assignment]
    email = models.EmailField(_("e-mail address"), unique=True)
    full_name = models.CharField(
        _("full name"),
        max_length=150,
        blank=True,
        validators=[validate_person_name],
        help_text=_("Visible to programme staff and to your own consortium."),
    )
    display_name = models.CharField(
        _("display name"),
        max_length=60,
        blank=True,
        validators=[validate_person_name],
        help_text=_("The name others see in learning networks and panel rounds."),
    )
    preferred_language = models.CharField(
        _("preferred language"), max_length=5, choices=settings.LANGUAGES, default="nl"
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    objects: ClassVar[UserManager] = UserManager()  # type: ignore[assignment]

    class Meta:
        ordering = ["email"]
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self) -> str:
        return self.public_name

    @property
    def public_name(self) -> str:
        """The name shown to other users: display name, else full name, else the mailbox part."""
        return self.display_name or self.full_name or self.email.split("@")[0]

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.public_name


class OrganisationKind(models.TextChoices):
    EMPLOYER = "werkgever", _("Employer")
    EMPLOYEE_ORGANISATION = "werknemersorganisatie", _("Employee organisation")
    PATIENT_ORGANISATION = "patientenorganisatie", _("Patient or client organisation")
    RESEARCH = "onderzoeksorganisatie", _("Research organisation")
    REINTEGRATION = "re-integratiebedrijf", _("Re-integration company")
    OCCUPATIONAL_HEALTH = "arbodienst", _("Occupational health service")
    INSURER = "verzekeraar", _("Insurer")
    PROFESSIONAL_ASSOCIATION = "beroepsvereniging", _("Professional association")
    OTHER = "overig", _("Other")


class Organisation(models.Model):
    """An organisation taking part in one or more consortia."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    sector = models.CharField(_("sector"), max_length=32, choices=Sector.choices, blank=True)
    labour_market_region = models.CharField(
        _("labour-market region"),
        max_length=40,
        choices=LabourMarketRegion.choices,
        default=LabourMarketRegion.NATIONAL,
    )
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class ConsortiumStatus(models.TextChoices):
    MOTIVATION_LETTER = "motivatiebrief", _("Letter of motivation")
    START_BUDGET = "startbudget", _("Start budget")
    DEVELOPMENT = "ontwikkelfase", _("Development phase")
    IMPLEMENTATION = "uitvoeringsfase", _("Implementation phase")
    COMPLETED = "afgerond", _("Completed")


class Consortium(models.Model):
    """A funded partnership of organisations that runs one project in the programme."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    short_description = models.TextField(_("short description"), max_length=1000, blank=True)
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead applicant (penvoerder)"),
        on_delete=models.PROTECT,
        related_name="led_consortia",
        null=True,
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("organisations"), related_name="consortia", blank=True
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("themes"), related_name="consortia", blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsortiumStatus.choices,
        default=ConsortiumStatus.MOTIVATION_LETTER,
    )
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    zonmw_file_number = models.CharField(_("ZonMw file number"), max_length=30, blank=True)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.budget is not None and self.budget < 0:
            raise ValidationError({"budget": _("The budget cannot be negative.")})
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("The end date lies before the start date.")})


class ConsortiumRole(models.TextChoices):
    """A person's role inside one consortium."""

    COORDINATOR = "coordinator", _("Coordinator")
    RESEARCHER = "researcher", _("Researcher")
    PRACTITIONER = "practitioner", _("Practitioner")
    EXPERIENCE_EXPERT = "experience_expert", _("Experience expert")
    OBSERVER = "observer", _("Observer")


class Membership(models.Model):
    """A user's membership of a consortium, with their role in it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    consortium = models.ForeignKey(
        Consortium,
        verbose_name=_("consortium"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=ConsortiumRole.choices)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("on behalf of organisation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="memberships",
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        ordering = ["consortium__name", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "consortium"], name="accounts_membership_unique_user_consortium"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.consortium} ({self.get_role_display()})"


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> InvitationQuerySet:
        return self.filter(
            accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


class Invitation(models.Model):
    """An e-mailed, single-use, expiring invitation to a consortium or a programme role.

    Only the SHA-256 hash of the token is stored; the token itself travels in the e-mail alone.
    """

    email = models.EmailField(_("e-mail address"))
    consortium = models.ForeignKey(
        Consortium,
        verbose_name=_("consortium"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="invitations",
    )
    consortium_role = models.CharField(
        _("role in consortium"), max_length=20, choices=ConsortiumRole.choices, blank=True
    )
    programme_role = models.CharField(_("programme role"), max_length=20, blank=True)
    message = models.TextField(_("personal message"), max_length=2000, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("invited by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="invitations_sent",
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("expires at"), editable=False)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("accepted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="invitations_accepted",
        editable=False,
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True, editable=False)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self) -> str:
        return f"{self.email} ({self.target_label})"

    @property
    def target_label(self) -> str:
        from accounts.roles import Role

        if self.consortium_id:
            return f"{self.consortium} – {self.get_consortium_role_display()}"
        return str(Role(self.programme_role).label) if self.programme_role else ""

    @property
    def status(self) -> str:
        if self.accepted_at:
            return "accepted"
        if self.revoked_at:
            return "revoked"
        if self.expires_at <= timezone.now():
            return "expired"
        return "open"

    def clean(self) -> None:
        from accounts.roles import Role

        self.email = (self.email or "").strip().lower()
        to_consortium = bool(self.consortium_id or self.consortium_role)
        if to_consortium and self.programme_role:
            raise ValidationError(
                _("Invite either to a consortium or to a programme role, not both.")
            )
        if not to_consortium and not self.programme_role:
            raise ValidationError(_("Choose a consortium with a role, or a programme role."))
        if to_consortium and not (self.consortium_id and self.consortium_role):
            raise ValidationError(
                {
                    "consortium_role": _(
                        "An invitation to a consortium needs both consortium and role."
                    )
                }
            )
        if self.programme_role and self.programme_role not in Role.values:
            raise ValidationError({"programme_role": _("Unknown programme role.")})
