"""HTTP pages of the learning networks: bad input gets a clear error and stores nothing, unsafe
HTML is neutralised, moderation is visible to members without naming the moderator."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from learning_network import services
from learning_network.models import (
    Flag,
    LearningNetwork,
    ModerationKind,
    Mute,
    Post,
    PostRevision,
    Thread,
)
from tests.conftest import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def network(world: World) -> LearningNetwork:
    network = services.network_create(
        actor=world.staff,
        data={"name": "Leernetwerk Goede dialoog", "kind": "thema"},
        categories=["Algemeen", "Gespreksvoering"],
    )
    services.network_consortium_add(
        actor=world.staff, network=network, consortium=world.consortium_a
    )
    services.network_member_set(
        actor=world.staff, network=network, user=world.coordinator_a, role="moderator"
    )
    return network


@pytest.fixture
def thread(world: World, network: LearningNetwork) -> Thread:
    return services.thread_create(
        actor=world.member_a,
        network=network,
        category=network.categories.get(name="Algemeen"),
        title="Het eerste gesprek",
        body="Wanneer voeren jullie het eerste gesprek over ander werk?",
    )


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _thread_url(thread: Thread) -> str:
    return reverse("learning_network:thread", args=[thread.network.slug, thread.pk])


def _post_url(post: Post, name: str) -> str:
    return reverse(f"learning_network:{name}", args=[post.thread.network.slug, post.pk])


@pytest.mark.parametrize(
    ("payload", "forbidden"),
    [
        ("<script>alert('x')</script>Hallo", "<script"),
        ('<img src="x" onerror="alert(1)">Hallo', "onerror"),
        ('<a href="javascript:alert(1)">klik</a>', "javascript:"),
        ('<svg onload="alert(1)"><circle r="5"/></svg>Hallo', "<svg"),
        (
            '<p style="position:fixed">Hallo</p><iframe src="https://evil.example"></iframe>',
            "<iframe",
        ),
    ],
)
def test_unsafe_html_in_a_reply_is_neutralised_on_the_page(
    world: World, thread: Thread, payload: str, forbidden: str
) -> None:
    client = _client(world.coordinator_a)
    response = client.post(_thread_url(thread), {"body": payload})
    assert response.status_code == 302
    stored = thread.posts.order_by("-pk").first()
    assert stored is not None
    assert forbidden not in stored.body.lower()
    page = client.get(_thread_url(thread)).content.decode()
    assert forbidden not in page.split("data-posts>")[1].split("<template")[0].lower()


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "Dit is een verplicht veld."),
        ("   \n\n  ", "Dit is een verplicht veld."),
        ("Zijn nummer is 111222333, bel hem even.", "(BSN)"),
        ("x" * 10_001, "10000"),
    ],
)
def test_bad_reply_gets_a_clear_error_and_stores_nothing(
    world: World, thread: Thread, body: str, message: str
) -> None:
    before = Post.objects.count()
    response = _client(world.member_a).post(_thread_url(thread), {"body": body})
    assert response.status_code == 400
    assert 'id="error-summary"' in response.content.decode()
    assert message in response.content.decode()
    assert Post.objects.count() == before


def test_member_of_another_consortium_gets_404_for_the_thread_and_its_posts(
    world: World, thread: Thread
) -> None:
    client = _client(world.member_b)
    post = thread.posts.get()
    assert client.get(_thread_url(thread)).status_code == 404
    assert client.post(_thread_url(thread), {"body": "Hallo"}).status_code == 404
    assert client.get(_post_url(post, "post_flag")).status_code == 404
    assert Post.objects.count() == 1


def test_muted_member_reads_but_cannot_reply(
    world: World, network: LearningNetwork, thread: Thread
) -> None:
    services.member_mute(
        actor=world.coordinator_a, network=network, user=world.member_a, days=3, reason="Toon"
    )
    client = _client(world.member_a)
    page = client.get(_thread_url(thread))
    assert page.status_code == 200
    assert "gedempt" in page.content.decode() or "muted" in page.content.decode()
    response = client.post(_thread_url(thread), {"body": "Toch nog iets"})
    assert response.status_code == 409
    assert Post.objects.count() == 1


def test_locked_thread_refuses_a_members_reply_but_not_a_moderators(
    world: World, thread: Thread
) -> None:
    services.thread_moderate(
        actor=world.coordinator_a, thread=thread, kind=ModerationKind.LOCK, reason="Afkoelen"
    )
    assert _client(world.member_a).post(_thread_url(thread), {"body": "Mag ik?"}).status_code == 403
    assert (
        _client(world.coordinator_a).post(_thread_url(thread), {"body": "Ik wel."}).status_code
        == 302
    )
    assert list(thread.posts.values_list("body_text", flat=True)) == [
        "Wanneer voeren jullie het eerste gesprek over ander werk?",
        "Ik wel.",
    ]


def test_author_edits_own_post_and_the_old_text_is_kept(world: World, thread: Thread) -> None:
    post = thread.posts.get()
    client = _client(world.member_a)
    form = client.get(_post_url(post, "post_edit"))
    assert "Wanneer voeren jullie" in form.content.decode()
    assert "&lt;p&gt;" not in form.content.decode()  # plain text to edit, not HTML
    response = client.post(_post_url(post, "post_edit"), {"body": "Wanneer is het eerste gesprek?"})
    assert response.status_code == 302
    post.refresh_from_db()
    assert post.body_text == "Wanneer is het eerste gesprek?"
    assert PostRevision.objects.get(post=post).body.startswith("<p>Wanneer voeren jullie")
    history = client.get(_post_url(post, "post_history")).content.decode()
    assert "Wanneer voeren jullie" in history


def test_someone_else_cannot_edit_a_post(world: World, thread: Thread) -> None:
    post = thread.posts.get()
    response = _client(world.coordinator_a).post(_post_url(post, "post_edit"), {"body": "Gekaapt"})
    assert response.status_code == 403
    post.refresh_from_db()
    assert post.body_text.startswith("Wanneer voeren")


def test_report_needs_a_reason_then_reaches_the_moderation_queue(
    world: World, thread: Thread
) -> None:
    post = thread.posts.get()
    client = _client(world.researcher_a)
    assert client.post(_post_url(post, "post_flag"), {"reason": ""}).status_code == 400
    assert Flag.objects.count() == 0
    assert (
        client.post(_post_url(post, "post_flag"), {"reason": "Te persoonlijk"}).status_code == 302
    )
    queue = _client(world.coordinator_a).get(
        reverse("learning_network:moderation", args=[thread.network.slug])
    )
    assert "Te persoonlijk" in queue.content.decode()


def test_hidden_post_shows_its_reason_and_the_log_does_not_name_the_moderator(
    world: World, thread: Thread
) -> None:
    post = thread.posts.get()
    moderator = _client(world.coordinator_a)
    assert moderator.post(_post_url(post, "post_hide"), {"reason": ""}).status_code == 400
    post.refresh_from_db()
    assert not post.is_hidden
    assert (
        moderator.post(_post_url(post, "post_hide"), {"reason": "Herleidbaar"}).status_code == 302
    )
    author_page = _client(world.member_a).get(_thread_url(thread)).content.decode()
    assert "Herleidbaar" in author_page
    assert "Wanneer voeren jullie" not in author_page
    log_url = reverse("learning_network:moderation_log", args=[thread.network.slug])
    member_log = _client(world.member_a).get(log_url).content.decode()
    assert "Herleidbaar" in member_log
    assert world.coordinator_a.public_name not in member_log
    staff_log = _client(world.staff).get(log_url).content.decode()
    assert world.coordinator_a.public_name in staff_log


def test_moderation_log_export_is_csv_with_formulas_neutralised(
    world: World, thread: Thread
) -> None:
    services.thread_moderate(
        actor=world.coordinator_a, thread=thread, kind=ModerationKind.PIN, reason="=HYPERLINK(1)"
    )
    response = _client(world.staff).get(
        reverse("learning_network:moderation_log_export", args=[thread.network.slug])
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text
    assert world.coordinator_a.email in text


def test_thread_move_without_a_category_is_refused(world: World, thread: Thread) -> None:
    url = reverse("learning_network:thread_moderate", args=[thread.network.slug, thread.pk])
    client = _client(world.coordinator_a)
    response = client.post(url, {"action": ModerationKind.MOVE, "reason": "Hoort elders"})
    assert response.status_code == 400
    thread.refresh_from_db()
    assert thread.category.name == "Algemeen"
    target = thread.network.categories.get(name="Gespreksvoering")
    response = client.post(
        url, {"action": ModerationKind.MOVE, "category": target.pk, "reason": "Hoort elders"}
    )
    assert response.status_code == 302
    thread.refresh_from_db()
    assert thread.category == target


@pytest.mark.parametrize("days", ["0", "91", "zeven", ""])
def test_mute_with_bad_days_is_refused(world: World, network: LearningNetwork, days: str) -> None:
    url = reverse("learning_network:member_mute", args=[network.slug, world.member_a.pk])
    response = _client(world.coordinator_a).post(url, {"days": days, "reason": "Toon"})
    assert response.status_code == 400
    assert not Mute.objects.exists()


def test_staff_create_a_network_and_add_a_member_by_email(world: World) -> None:
    client = _client(world.staff)
    url = reverse("learning_network:create")
    assert client.post(url, {"name": "", "kind": "thema"}).status_code == 400
    assert not LearningNetwork.objects.exists()
    response = client.post(
        url, {"name": "Leernetwerk Noord", "kind": "regio", "region": "groningen"}
    )
    assert response.status_code == 302
    network = LearningNetwork.objects.get()
    assert network.categories.count() == 1
    manage = reverse("learning_network:manage", args=[network.slug])
    unknown = client.post(
        manage,
        {"form": "member", "member-email": "niemand@voorbeeld.nl", "member-role": "deelnemer"},
    )
    assert unknown.status_code == 400
    assert not network.members.exists()
    added = client.post(
        manage, {"form": "member", "member-email": world.panel.email, "member-role": "deelnemer"}
    )
    assert added.status_code == 302
    assert (
        _client(world.panel)
        .get(reverse("learning_network:network", args=[network.slug]))
        .status_code
        == 200
    )


def test_notification_settings_refuse_an_unknown_digest(world: World) -> None:
    url = reverse("learning_network:notifications")
    client = _client(world.member_a)
    assert client.post(url, {"digest": "elk-uur"}).status_code == 400
    assert client.post(url, {"digest": "uit", "live_mentions": "on"}).status_code == 302
    settings = world.member_a.network_settings
    assert settings.digest == "uit"
    assert settings.live_mentions
    assert not settings.live_replies


def test_search_finds_posts_and_refuses_an_overlong_query(world: World, thread: Thread) -> None:
    url = reverse("learning_network:search", args=[thread.network.slug])
    client = _client(world.member_a)
    found = client.get(url, {"q": "eerste gesprek"})
    assert found.status_code == 200
    assert "Het eerste gesprek" in found.content.decode()
    assert client.get(url, {"q": "x" * 201}).status_code == 400


def test_start_page_lists_networks_with_unread_threads(world: World, thread: Thread) -> None:
    page = _client(world.coordinator_a).get(reverse("accounts:dashboard")).content.decode()
    assert "Leernetwerk Goede dialoog" in page
    assert "1 gesprek met nieuwe berichten" in page or "1 thread with new posts" in page
    _client(world.coordinator_a).get(_thread_url(thread))
    page = _client(world.coordinator_a).get(reverse("accounts:dashboard")).content.decode()
    assert "nieuwe berichten" not in page
    assert "new posts" not in page


def test_daily_digest_mails_unread_notices_once_and_respects_off(
    world: World, thread: Thread, mailoutbox: list[Any]
) -> None:
    from django.core.management import call_command

    services.post_create(actor=world.coordinator_a, thread=thread, body="Week 26 werkt bij ons.")
    services.post_create(
        actor=world.coordinator_a, thread=thread, body=f"@{world.researcher_a.public_name} ook?"
    )
    services.notification_settings_update(actor=world.researcher_a, data={"digest": "uit"})
    call_command("send_network_digests")
    assert [mail.to for mail in mailoutbox] == [[world.member_a.email]]
    assert "Het eerste gesprek" in mailoutbox[0].body
    assert "/leernetwerken/" in mailoutbox[0].body
    call_command("send_network_digests")
    assert len(mailoutbox) == 1
