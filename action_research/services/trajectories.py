"""Trajectories and the pseudonym codes the platform issues for them."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import Consortium, User
from action_research import history, permissions, pseudonyms
from action_research.models import PseudonymCode, Section, Trajectory
from action_research.services.common import (
    check_may_write,
    locked,
    project_of,
    record_create,
    record_update,
    validate,
)

TRAJECTORY_FIELDS = tuple(name for name in Trajectory.HISTORY_FIELDS if name != "code")
MAX_CODES_PER_REQUEST = 5000


@transaction.atomic
def codes_issue(*, actor: User, consortium: Consortium, count: int) -> list[str]:
    """Issue `count` new pseudonym codes to the consortium (1 to 5,000 at a time)."""
    check_may_write(actor, consortium, project_of(consortium), Section.TRAJECTORIES)
    if not 1 <= count <= MAX_CODES_PER_REQUEST:
        raise ValidationError(
            {"count": _("Ask for 1 to %(max)s codes at a time.") % {"max": MAX_CODES_PER_REQUEST}}
        )
    codes: set[str] = set()
    while len(codes) < count:
        wanted = {pseudonyms.new_code() for _ in range(count - len(codes))}
        taken = set(PseudonymCode.objects.filter(code__in=wanted).values_list("code", flat=True))
        codes |= wanted - taken
    ordered = sorted(codes)
    PseudonymCode.objects.bulk_create(
        [PseudonymCode(code=code, consortium=consortium, issued_by=actor) for code in ordered],
        batch_size=1000,
    )
    return ordered


def code_check(consortium: Consortium, text: str, *, allow_used: bool = False) -> str:
    """The normalised code when it was issued to this consortium (and, unless allowed, unused).

    Raises ValidationError saying what is wrong with it.
    """
    code = pseudonyms.normalise(text)
    if not pseudonyms.is_well_formed(code):
        raise ValidationError(
            _(
                "%(code)s is not a valid code: codes look like TS-4K7P2QG and end in a check "
                "character; check for a typing error."
            )
            % {"code": text},
            code="code_format",
        )
    if not PseudonymCode.objects.filter(code=code, consortium=consortium).exists():
        raise ValidationError(
            _("Code %(code)s was not issued to your consortium.") % {"code": code},
            code="code_unknown",
        )
    if not allow_used and Trajectory.objects.filter(code=code).exists():
        raise ValidationError(
            _("Code %(code)s is already in use for another trajectory.") % {"code": code},
            code="code_used",
        )
    return code


def unused_codes(consortium: Consortium) -> list[str]:
    used = Trajectory.objects.filter(project__consortium=consortium).values("code")
    return list(
        PseudonymCode.objects.filter(consortium=consortium)
        .exclude(code__in=used)
        .values_list("code", flat=True)
    )


@transaction.atomic
def trajectory_create(
    *, actor: User, consortium: Consortium, data: dict[str, Any], code: str = ""
) -> Trajectory:
    """A new trajectory under an issued, unused code (or the oldest unused one, or a new one)."""
    check_may_write(actor, consortium, project_of(consortium), Section.TRAJECTORIES)
    if code:
        try:
            code = code_check(consortium, code)
        except ValidationError as error:
            raise ValidationError({"code": error.messages}) from error
    else:
        free = unused_codes(consortium)
        code = free[0] if free else codes_issue(actor=actor, consortium=consortium, count=1)[0]
    return record_create(
        actor=actor,
        consortium=consortium,
        record=Trajectory(code=code),
        data=data,
        fields=TRAJECTORY_FIELDS,
    )


def trajectory_update(
    *, actor: User, trajectory: Trajectory, data: dict[str, Any], version: int
) -> Trajectory:
    """Change a trajectory (its code never changes); StaleEditError on a stale version."""
    return record_update(
        actor=actor, record=trajectory, data=data, version=version, fields=TRAJECTORY_FIELDS
    )


@transaction.atomic
def trajectory_follow_up(
    *, actor: User, trajectory: Trajectory, months: int, working: bool, version: int
) -> Trajectory:
    """Record whether the employee still works `months` (6 or 12) after the outcome."""
    if months not in (6, 12):
        raise ValidationError({"months": _("Follow-up is at 6 or 12 months.")})
    if not permissions.can_write_record(actor, trajectory):
        raise PermissionError("not allowed to change this trajectory")
    current = locked(trajectory, version=version)
    before = history.snapshot(current)
    setattr(current, f"working_at_{months}_months", working)
    validate(current)
    history.save_changes(current, actor=actor, before=before)
    return current
