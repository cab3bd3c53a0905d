"""Files with posts: the one upload check (kind, content, size, BSN), private storage, downloads
for the network's members only, and nothing stored when a file is refused."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings
from django.urls import reverse

from cms_core.uploads import MAX_UPLOAD_BYTES
from learning_network import selectors, services
from learning_network.models import Post, PostAttachment
from tests.learning_network.helpers import Net, fresh

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% gespreksleidraad\n"


def _pdf(name: str = "gespreksleidraad.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _reply_url(net: Net) -> str:
    return reverse("learning_network:thread", args=[net.network.slug, net.thread.pk])


def _download_url(net: Net, attachment: PostAttachment) -> str:
    return reverse(
        "learning_network:attachment",
        args=[net.network.slug, attachment.post_id, attachment.pk],
    )


def test_a_reply_with_a_file_keeps_it_privately_and_members_download_it(net: Net) -> None:
    response = _client(net.member).post(
        _reply_url(net), {"body": "De leidraad die we gebruiken.", "attachments": [_pdf()]}
    )

    attachment = PostAttachment.objects.get()
    assert response.status_code == 302
    assert (attachment.original_name, attachment.size) == ("gespreksleidraad.pdf", len(PDF))
    assert attachment.content_type == "application/pdf"
    assert len(attachment.sha256) == 64
    stored = Path(attachment.file.path).resolve()
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT).resolve())  # never served as media

    download = _client(net.moderator).get(_download_url(net, attachment))
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Content-Disposition"].startswith("attachment;")
    assert download["Cache-Control"] == "private, no-store"

    page = _client(net.moderator).get(_reply_url(net)).content.decode()
    assert _download_url(net, attachment) in page


def test_the_live_payload_lists_the_files_with_their_download_link(net: Net) -> None:
    post = services.post_create(
        actor=fresh(net.member), thread=fresh(net.thread), body="Zie bijlage.", files=[_pdf()]
    )

    payload = selectors.post_payload(post)

    attachment = post.attachments.get()
    assert payload["attachments"] == [
        {
            "id": attachment.pk,
            "name": "gespreksleidraad.pdf",
            "size": len(PDF),
            "url": _download_url(net, attachment),
        }
    ]


def test_a_thread_can_start_with_files(net: Net) -> None:
    thread = services.thread_create(
        actor=fresh(net.member),
        network=fresh(net.network),
        category=net.general,
        title="Formulieren",
        body="Twee formulieren die we gebruiken.",
        files=[_pdf("a.pdf"), SimpleUploadedFile("b.csv", b"week;aantal\n26;4\n")],
    )

    names = [a.original_name for a in PostAttachment.objects.filter(post__thread=thread)]
    assert names == ["a.pdf", "b.csv"]


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("virus.exe", b"MZ\x90\x00"), "niet worden toegevoegd"),
        (SimpleUploadedFile("verslag.pdf", b"MZ\x90\x00 not a pdf"), "past niet bij"),
        (SimpleUploadedFile("leeg.pdf", b""), "leeg"),
        (SimpleUploadedFile("notities.txt", b"Casus BSN 123456782"), "BSN"),
        (SimpleUploadedFile("123456782.pdf", PDF), "BSN"),
        (SimpleUploadedFile("latin.txt", "caf\xe9".encode("latin-1")), "UTF-8"),
        (_pdf("groot.pdf", b"%PDF-1.4\n" + b"0" * MAX_UPLOAD_BYTES), "10 MB"),
    ],
)
def test_a_refused_file_refuses_the_whole_post_and_stores_nothing(
    net: Net, upload: SimpleUploadedFile, message: str
) -> None:
    posts_before = Post.objects.count()

    response = _client(net.member).post(
        _reply_url(net), {"body": "Met bijlage.", "attachments": [upload]}
    )

    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors["attachments"])
    assert Post.objects.count() == posts_before
    assert not PostAttachment.objects.exists()


def test_more_than_five_files_are_refused(net: Net) -> None:
    with pytest.raises(ValidationError) as error:
        services.post_create(
            actor=fresh(net.member),
            thread=fresh(net.thread),
            body="Zes bestanden.",
            files=[_pdf(f"{n}.pdf") for n in range(6)],
        )

    assert "attachments" in error.value.message_dict
    assert not PostAttachment.objects.exists()


def test_a_file_that_cannot_be_stored_leaves_no_post_and_no_earlier_file(
    net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    saved: list[str] = []
    original_save = PostAttachment.save

    def failing_save(self: PostAttachment, *args: Any, **kwargs: Any) -> None:
        if saved:
            raise OSError("disk full")
        saved.append(self.file.name)
        original_save(self, *args, **kwargs)

    monkeypatch.setattr(PostAttachment, "save", failing_save)
    posts_before = Post.objects.count()

    with pytest.raises(OSError, match="disk full"):
        services.post_create(
            actor=fresh(net.member),
            thread=fresh(net.thread),
            body="Twee bestanden.",
            files=[_pdf("a.pdf"), _pdf("b.pdf")],
        )

    storage = PostAttachment._meta.get_field("file").storage
    assert not storage.exists(saved[0])
    assert Post.objects.count() == posts_before


def test_files_of_a_hidden_post_are_only_for_its_author_and_the_moderators(net: Net) -> None:
    post = services.post_create(
        actor=fresh(net.member), thread=fresh(net.thread), body="Zie bijlage.", files=[_pdf()]
    )
    attachment = post.attachments.get()
    other = net.world.coordinator_a
    services.network_member_set(actor=net.staff, network=net.network, user=other)
    services.post_hide(actor=fresh(net.moderator), post=post, reason="Te herkenbaar.")
    url = _download_url(net, attachment)

    assert _client(other).get(url).status_code == 404
    assert _client(net.member).get(url).status_code == 200
    assert _client(net.moderator).get(url).status_code == 200
    assert selectors.post_payload(fresh(post))["attachments"] == []
    page = _client(other).get(_reply_url(net)).content.decode()
    assert url not in page


def test_a_file_of_another_post_is_not_found_through_this_post(net: Net) -> None:
    post = services.post_create(
        actor=fresh(net.member), thread=fresh(net.thread), body="Zie bijlage.", files=[_pdf()]
    )
    attachment = post.attachments.get()
    url = reverse(
        "learning_network:attachment",
        args=[net.network.slug, net.first_post.pk, attachment.pk],
    )

    assert _client(net.member).get(url).status_code == 404


@override_settings(LEARNING_NETWORK_POST_RATE=(1, 10))
def test_a_rate_limited_post_with_a_file_stores_no_file(net: Net) -> None:
    services.post_create(actor=fresh(net.member), thread=fresh(net.thread), body="Eerste.")

    with pytest.raises(services.Refused):
        services.post_create(
            actor=fresh(net.member), thread=fresh(net.thread), body="Tweede.", files=[_pdf()]
        )

    assert not PostAttachment.objects.exists()
