"""The one way research records are written: every write is kept in their history.

Services call these functions; they save the record(s) and write `RecordChange` rows (who, when,
old → new) in the caller's transaction. Bulk variants serve imports: the records and their
history rows are written with `bulk_create`/`bulk_update`, still one history row per record.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.utils import timezone

from accounts.models import User
from action_research.models import (
    ImportBatch,
    Project,
    RecordChange,
    ResearchRecord,
    history_writing,
)

BATCH_SIZE = 1000


def plain(value: Any) -> Any:
    """A JSON-safe form of a field value, as history keeps it."""
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # Without trailing zeros, so that 1250.50 from the database and 1250.5 as typed are
        # the same value (not a change).
        return format(value.normalize(), "f")
    if isinstance(value, list):
        return [plain(item) for item in value]
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    return value


def snapshot(record: ResearchRecord) -> dict[str, Any]:
    """The values of the fields the record's history keeps."""
    return {name: plain(getattr(record, name)) for name in record.HISTORY_FIELDS}


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    return {
        name: [before.get(name), value]
        for name, value in after.items()
        if before.get(name) != value
    }


def _project(record: ResearchRecord) -> Project:
    return record if isinstance(record, Project) else record.project  # type: ignore[attr-defined,no-any-return]


def _entry(
    record: ResearchRecord,
    *,
    actor: User,
    action: str,
    changes: dict[str, Any],
    reason: str = "",
    batch: ImportBatch | None = None,
) -> RecordChange:
    return RecordChange(
        record_type=record.record_type(),
        record_id=record.pk,
        consortium_id=_project(record).consortium_id,
        action=action,
        actor=actor,
        changes=changes,
        reason=reason,
        label=str(record)[:120],
        batch=batch,
    )


def save_new(record: ResearchRecord, *, actor: User, batch: ImportBatch | None = None) -> None:
    """Save a new record and write its 'created' entry (every kept field, old value None)."""
    with history_writing():
        record.save()
        _entry(
            record,
            actor=actor,
            action=RecordChange.Action.CREATED,
            changes={name: [None, value] for name, value in snapshot(record).items()},
            batch=batch,
        ).save()


def save_changes(
    record: ResearchRecord,
    *,
    actor: User,
    before: dict[str, Any],
    action: str = RecordChange.Action.CHANGED,
    reason: str = "",
    extra: dict[str, list[Any]] | None = None,
    batch: ImportBatch | None = None,
) -> dict[str, list[Any]]:
    """Save a changed record, moving its version on, and write what changed since `before`.

    `extra` adds changes of fields outside HISTORY_FIELDS (status, is_deleted). Returns the
    changes; when there are none, nothing is saved and nothing is written.
    """
    changes = {**diff(before, snapshot(record)), **(extra or {})}
    if not changes:
        return changes
    record.version += 1
    with history_writing():
        record.save()
        _entry(
            record, actor=actor, action=action, changes=changes, reason=reason, batch=batch
        ).save()
    return changes


def bulk_save_new(
    records: Sequence[ResearchRecord], *, actor: User, batch: ImportBatch | None = None
) -> None:
    """Insert many new records (one model) and a 'created' entry for each."""
    if not records:
        return
    model = type(records[0])
    with history_writing():
        created = model.objects.bulk_create(records, batch_size=BATCH_SIZE)
        RecordChange.objects.bulk_create(
            (
                _entry(
                    record,
                    actor=actor,
                    action=RecordChange.Action.CREATED,
                    changes={name: [None, value] for name, value in snapshot(record).items()},
                    batch=batch,
                )
                for record in created
            ),
            batch_size=BATCH_SIZE,
        )


def bulk_save_changes(
    changed: Iterable[tuple[ResearchRecord, dict[str, Any]]],
    fields: Sequence[str],
    *,
    actor: User,
    batch: ImportBatch | None = None,
) -> int:
    """Update many records (one model) from their `before` snapshots; one entry per real change.

    Records whose kept fields did not change are left alone. Returns how many changed.
    """
    entries: list[RecordChange] = []
    records: list[ResearchRecord] = []
    now = timezone.now()
    for record, before in changed:
        changes = diff(before, snapshot(record))
        if not changes:
            continue
        record.version += 1
        record.updated_at = now
        records.append(record)
        entries.append(
            _entry(
                record,
                actor=actor,
                action=RecordChange.Action.CHANGED,
                changes=changes,
                batch=batch,
            )
        )
    if records:
        model = type(records[0])
        with history_writing():
            model.objects.bulk_update(
                records, [*fields, "version", "updated_at"], batch_size=BATCH_SIZE
            )
            RecordChange.objects.bulk_create(entries, batch_size=BATCH_SIZE)
    return len(records)
