"""Files kept with a cycle: only known kinds whose content matches their name, small enough,
without personal data; served as downloads to the consortium only; removed softly."""

from __future__ import annotations

import datetime
import hashlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import ConsortiumRole
from action_research import services
from action_research.models import Cycle, CycleAttachment, RecordChange
from tests.action_research.helpers import client_for, db_state, history_actions, url
from tests.conftest import World
from tests.factories import MembershipFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 17
TXT = "Verslag van de werksessie: drie ideeën voor het gesprek.\n".encode()


@pytest.fixture(autouse=True)
def _private_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test keeps its files in its own folder, so that parallel tests cannot mix them."""
    storage = CycleAttachment._meta.get_field("file").storage  # type: ignore[attr-defined]
    monkeypatch.setattr(storage, "base_location", str(tmp_path))
    monkeypatch.setattr(storage, "location", str(tmp_path))


@pytest.fixture
def cycle(world: World) -> Cycle:
    return services.cycle_create(
        actor=world.member_a,
        consortium=world.consortium_a,
        data={
            "period_start": datetime.date(2026, 2, 2),
            "plan_question": "Werkt een kennismakingsgesprek?",
            "plan_change": "Een gesprek in week 30.",
        },
    )


def _stored_files() -> set[Path]:
    """Every file in the private storage, to see that a refused upload leaves nothing behind."""
    location = Path(CycleAttachment._meta.get_field("file").storage.location)  # type: ignore[attr-defined]
    return {path for path in location.rglob("*") if path.is_file()} if location.exists() else set()


def _add(world: World, cycle: Cycle, name: str, content: bytes) -> CycleAttachment:
    return services.attachment_add(
        actor=world.member_a, cycle=cycle, upload=SimpleUploadedFile(name, content)
    )


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("verslag.pdf", PDF, "application/pdf"),
        ("flip-over.PNG", PNG, "image/png"),
        ("notities.txt", TXT, "text/plain"),
    ],
)
def test_a_pdf_a_png_and_a_text_file_are_kept_with_the_cycle(
    world: World, cycle: Cycle, name: str, content: bytes, content_type: str, tmp_path: Path
) -> None:
    attachment = _add(world, cycle, name, content)
    attachment.refresh_from_db()
    assert Path(attachment.file.path).is_relative_to(tmp_path)  # never under MEDIA_ROOT
    assert (attachment.original_name, attachment.content_type) == (name, content_type)
    assert attachment.size == len(content)
    assert attachment.sha256 == hashlib.sha256(content).hexdigest()
    with attachment.file.open("rb") as stored:
        assert stored.read() == content
    created = RecordChange.objects.get(record_type="cycleattachment", record_id=attachment.pk)
    assert created.actor == world.member_a
    assert created.changes["original_name"] == [None, name]
    assert created.changes["sha256"] == [None, attachment.sha256]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("programma.exe", b"MZ\x90\x00" + b"\x00" * 60),
        ("zonder-extensie", TXT),
        ("verslag.pdf", b"Dit is geen PDF maar tekst."),
        ("foto.png", PDF),
        ("verslag.docx", PDF),
        ("leeg.txt", b""),
        ("leeg.pdf", b""),
        ("groot.pdf", b"%PDF-1.4\n" + b"0" * services.MAX_ATTACHMENT_BYTES),
        ("notities.txt", b"Mevrouw (BSN 111222333) doet mee."),
        ("notities.txt", b"Contact: coach@voorbeeld.nl"),
        ("notities.csv", b"rol;telefoon\ncoach;06-12345678\n"),
        ("notities.txt", "Verslag in Latin-1: ideeën".encode("latin-1")),
        ("verslag-jan@voorbeeld.nl.pdf", PDF),
        ("bel-0612345678.pdf", PDF),
    ],
)
def test_an_unacceptable_file_is_refused_and_nothing_is_saved(
    world: World, cycle: Cycle, name: str, content: bytes
) -> None:
    before, files_before = db_state(), _stored_files()
    with pytest.raises(ValidationError) as error:
        _add(world, cycle, name, content)
    assert "file" in error.value.message_dict
    assert db_state() == before
    assert _stored_files() == files_before


def test_a_file_of_exactly_10_mb_is_kept(world: World, cycle: Cycle) -> None:
    content = b"%PDF-1.4\n" + b"0" * (services.MAX_ATTACHMENT_BYTES - 9)
    assert _add(world, cycle, "precies.pdf", content).size == services.MAX_ATTACHMENT_BYTES


def test_a_cycle_keeps_at_most_20_files(world: World, cycle: Cycle) -> None:
    for number in range(20):
        _add(world, cycle, f"notitie-{number}.txt", TXT)
    before = db_state()
    with pytest.raises(ValidationError) as error:
        _add(world, cycle, "notitie-21.txt", TXT)
    assert "file" in error.value.message_dict
    assert db_state() == before


def test_observers_and_other_consortia_cannot_add_files(world: World, cycle: Cycle) -> None:
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    before, files_before = db_state(), _stored_files()
    for intruder in (observer, world.member_b, world.observer):
        with pytest.raises(PermissionError):
            services.attachment_add(
                actor=intruder, cycle=cycle, upload=SimpleUploadedFile("verslag.pdf", PDF)
            )
    assert db_state() == before
    assert _stored_files() == files_before


# --- over HTTP ----------------------------------------------------------------------------------


def test_a_file_is_uploaded_through_the_cycle_page(world: World, cycle: Cycle) -> None:
    slug = world.consortium_a.slug
    client = client_for(world.member_a)
    response = client.post(
        url("attachment_add", slug, cycle.number),
        {"file": SimpleUploadedFile("verslag.pdf", PDF)},
    )
    assert response.status_code == 302
    assert response["Location"] == url("cycle_detail", slug, cycle.number) + "#attachments-heading"
    attachment = CycleAttachment.objects.get()
    page = client.get(url("cycle_detail", slug, cycle.number)).content.decode()
    assert url("attachment_download", slug, cycle.number, attachment.pk) in page


def test_a_refused_upload_shows_the_reason_at_the_file_field(world: World, cycle: Cycle) -> None:
    before = db_state()
    response = client_for(world.member_a).post(
        url("attachment_add", world.consortium_a.slug, cycle.number),
        {"file": SimpleUploadedFile("programma.exe", b"MZ" + b"\x00" * 10)},
    )
    assert response.status_code == 400
    assert "id_file_errors" in response.content.decode()
    assert db_state() == before


def test_the_download_is_an_attachment_for_members_only(world: World, cycle: Cycle) -> None:
    attachment = _add(world, cycle, "verslag.pdf", PDF)
    slug = world.consortium_a.slug
    download = url("attachment_download", slug, cycle.number, attachment.pk)
    for reader in (world.member_a, world.coordinator_a):
        response = client_for(reader).get(download)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment;")
        assert 'filename="verslag.pdf"' in response["Content-Disposition"]
        assert response["Content-Type"] == "application/pdf"
        assert "private" in response["Cache-Control"]
        assert "no-store" in response["Cache-Control"]
    outsider = client_for(world.member_b)
    for other_slug in (slug, world.consortium_b.slug):
        response = outsider.get(url("attachment_download", other_slug, cycle.number, attachment.pk))
        assert response.status_code == 404


def test_a_removed_file_disappears_from_the_cycle_and_can_be_restored(
    world: World, cycle: Cycle
) -> None:
    attachment = _add(world, cycle, "verslag.pdf", PDF)
    slug = world.consortium_a.slug
    detail = url("cycle_detail", slug, cycle.number)
    download = url("attachment_download", slug, cycle.number, attachment.pk)
    client = client_for(world.member_a)
    assert download in client.get(detail).content.decode()

    response = client.post(
        url("record_delete", slug, "cycleattachment", attachment.pk), {"next": detail}
    )
    assert response.status_code == 302
    assert response["Location"] == detail
    assert download not in client.get(detail).content.decode()
    assert client.get(download).status_code == 404
    attachment.refresh_from_db()
    assert attachment.is_deleted
    assert attachment.file.storage.exists(attachment.file.name)  # soft: the file is kept
    assert history_actions(attachment) == ["deleted", "created"]

    services.record_restore(actor=world.coordinator_a, record=attachment)
    assert download in client.get(detail).content.decode()
    assert client.get(download).status_code == 200


def test_attachment_remove_is_a_soft_delete_for_writers_only(world: World, cycle: Cycle) -> None:
    attachment = _add(world, cycle, "verslag.pdf", PDF)
    observer = MembershipFactory(consortium=world.consortium_a, role=ConsortiumRole.OBSERVER).user
    before = db_state()
    with pytest.raises(PermissionError):
        services.attachment_remove(actor=observer, attachment=attachment)
    assert db_state() == before
    removed = services.attachment_remove(actor=world.member_a, attachment=attachment)
    assert removed.is_deleted
    assert CycleAttachment.objects.filter(pk=attachment.pk).exists()
