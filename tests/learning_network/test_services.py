"""Writes in the learning networks: threads, posts, edits, mentions, notices, limits, moderation,
pseudonyms, and the event numbers that live clients catch up with."""

from __future__ import annotations

import datetime
import json
from collections.abc import Callable
from functools import partial
from html.parser import HTMLParser
from typing import Any

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone

from accounts.events import user_group
from accounts.models import ConsortiumRole
from learning_network import permissions, selectors, services
from learning_network.events import network_group
from learning_network.models import (
    Flag,
    FlagStatus,
    LearningNetwork,
    Mention,
    ModerationAction,
    ModerationKind,
    Mute,
    NetworkKind,
    NetworkRole,
    NoticeKind,
    Notification,
    NotificationSettings,
    Post,
    PostRevision,
    Pseudonym,
    ReadState,
    Thread,
    ThreadFollow,
)
from learning_network.services import Refused
from tests.factories import MembershipFactory, UserFactory
from tests.group_listener import GroupListener
from tests.learning_network.helpers import Net, fresh, reply, start_thread

pytestmark = pytest.mark.django_db

SAFE_TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code", "pre",
    "a", "h3", "h4",
}  # fmt: skip
SAFE_ATTRIBUTES = {"href", "title", "rel"}
VALID_BSN = "111222333"  # passes the 11-proef
ANOTHER_VALID_BSN = "123456782"


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes += attrs


def assert_safe_html(body: str) -> None:
    markup = _Markup()
    markup.feed(body)
    assert set(markup.tags) <= SAFE_TAGS, markup.tags
    for name, value in markup.attributes:
        assert name in SAFE_ATTRIBUTES, name
        if name == "href":
            assert (value or "").startswith(("http://", "https://", "mailto:")), value


def post_count() -> int:
    return Post.objects.count()


def refusal_code(call: Callable[[], Any]) -> str:
    with pytest.raises(Refused) as refused:
        call()
    return refused.value.code


# --- starting threads and replying -----------------------------------------------------------


def test_member_starts_a_thread_with_its_first_post_and_follows_it(net: Net) -> None:
    thread = start_thread(net, net.member, title="  Het eerste   gesprek ", body="Hoe begin je?")

    assert thread.title == "Het eerste gesprek"
    assert thread.author == net.member
    assert thread.post_count == 1
    post = thread.posts.get()
    assert post.body == "<p>Hoe begin je?</p>"
    assert post.body_text == "Hoe begin je?"
    assert post.seq == thread.seq == fresh(net.network).event_seq
    assert ThreadFollow.objects.filter(thread=thread, user=net.member).exists()
    assert ReadState.objects.get(thread=thread, user=net.member).last_read_at == post.created_at


def test_reply_counts_in_the_thread_and_moves_its_last_activity(net: Net) -> None:
    before = fresh(net.thread)

    post = reply(net.member, net.thread, "Dank voor de uitnodiging.")

    thread = fresh(net.thread)
    assert thread.post_count == before.post_count + 1
    assert thread.last_post_at == post.created_at
    assert thread.seq == post.seq > before.seq


@pytest.mark.parametrize(
    ("raw", "forbidden"),
    [
        ("<p>Hallo</p><script>alert(document.cookie)</script>", ["<script"]),
        ('<img src="x" onerror="alert(1)"><p>Hallo</p>', ["<img", "onerror"]),
        ('<a href="javascript:alert(1)">Hallo</a>', ["javascript"]),
        ('<a href="JaVaScRiPt:alert(1)">Hallo</a>', ["javascript"]),
        ('<a href="data:text/html;base64,PHNjcmlwdD4=">Hallo</a>', ["data:"]),
        ('<svg onload="alert(1)"><circle r="4"></circle></svg><p>Hallo</p>', ["<svg", "onload"]),
        ("<svg><script>alert(1)</script></svg><p>Hallo</p>", ["<svg", "<script"]),
        ('<p style="position:fixed">Hallo</p><style>p{display:none}</style>', ["style"]),
        ('<iframe src="https://evil.example.com"></iframe><p>Hallo</p>', ["<iframe"]),
        ('<p onclick="steal()">Hallo</p>', ["onclick"]),
        (
            '<form action="https://evil.example.com"><input name="x"></form>Hallo',
            ["<form", "<input"],
        ),
    ],
)
def test_post_body_is_sanitised(net: Net, raw: str, forbidden: list[str]) -> None:
    post = reply(net.member, net.thread, raw)

    stored = fresh(post)
    assert_safe_html(stored.body)
    for fragment in forbidden:
        assert fragment not in stored.body.lower()
    assert "Hallo" in stored.body_text


def test_thread_opening_post_and_edits_are_sanitised_too(net: Net) -> None:
    thread = start_thread(net, net.member, body='<p onclick="x()">Start</p><script>x()</script>')
    opening = thread.posts.get()
    assert_safe_html(opening.body)
    assert "<script" not in opening.body

    edited = services.post_edit(
        actor=fresh(net.member), post=opening, body='<img src=x onerror="x()"><b>Nieuw</b>'
    )
    assert_safe_html(edited.body)
    assert "onerror" not in edited.body
    assert "<b>Nieuw</b>" in edited.body


def test_safe_formatting_and_links_survive(net: Net) -> None:
    post = reply(
        net.member,
        net.thread,
        '<p><strong>Let op</strong>: zie <a href="https://www.zonmw.nl/">ZonMw</a></p>'
        "<ul><li>een</li><li>twee</li></ul>",
    )
    assert "<strong>Let op</strong>" in post.body
    assert 'href="https://www.zonmw.nl/"' in post.body
    assert 'rel="nofollow noopener noreferrer"' in post.body
    assert "<li>twee</li>" in post.body


@pytest.mark.parametrize(
    ("raw", "body"),
    [
        (
            "Eerste regel\nTweede regel\n\nNieuwe alinea",
            "<p>Eerste regel<br>Tweede regel</p><p>Nieuwe alinea</p>",
        ),
        ("  Alleen dit  ", "<p>Alleen dit</p>"),
        ("Regel\r\n\r\nWindows", "<p>Regel</p><p>Windows</p>"),
        # A '<' that opens no tag is text, and the text keeps its paragraphs.
        (
            "Verzuim < zes weken & daarna\n\nTweede alinea",
            "<p>Verzuim &lt; zes weken &amp; daarna</p><p>Tweede alinea</p>",
        ),
        ("Groep a < b en c\n\nTweede", "<p>Groep a &lt; b en c</p><p>Tweede</p>"),
        ("Score <5, a<b.\nklaar", "<p>Score &lt;5, a&lt;b.<br>klaar</p>"),
    ],
)
def test_plain_text_becomes_escaped_paragraphs(net: Net, raw: str, body: str) -> None:
    post = reply(net.member, net.thread, raw)
    assert post.body == body


@pytest.mark.parametrize(
    "raw", ["Kosten < b en c\n\nTweede alinea", "Zie https://www.zonmw.nl\nen <5 weken"]
)
def test_plain_text_post_opened_for_editing_and_saved_unchanged_stays_the_same(
    net: Net, raw: str
) -> None:
    post = reply(net.member, net.thread, raw)
    again = services.post_edit(
        actor=fresh(net.member), post=post, body=services.editable_text(post.body)
    )
    assert again.body == post.body
    assert not PostRevision.objects.exists()


@pytest.mark.parametrize("body", ["", "   \n\t ", "<p> </p>", '<img src="x">', "<script></script>"])
def test_empty_body_is_refused_and_nothing_is_stored(net: Net, body: str) -> None:
    before = post_count()
    with pytest.raises(ValidationError) as error:
        reply(net.member, net.thread, body)
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError):
        start_thread(net, net.member, body=body)
    assert post_count() == before
    assert Thread.objects.count() == 1


@pytest.mark.parametrize("title", ["", "    ", "x" * 161])
def test_missing_or_overlong_title_is_refused(net: Net, title: str) -> None:
    with pytest.raises(ValidationError) as error:
        start_thread(net, net.member, title=title)
    assert "title" in error.value.message_dict
    assert Thread.objects.count() == 1


def test_title_and_body_errors_are_reported_together(net: Net) -> None:
    with pytest.raises(ValidationError) as error:
        start_thread(net, net.member, title="", body="")
    assert set(error.value.message_dict) == {"title", "body"}


def test_title_of_160_characters_is_accepted(net: Net) -> None:
    assert len(start_thread(net, net.member, title="t" * 160).title) == 160


def test_body_over_ten_thousand_characters_is_refused(net: Net) -> None:
    before = post_count()
    with pytest.raises(ValidationError) as error:
        reply(net.member, net.thread, "a" * (services.MAX_BODY_CHARS + 1))
    assert "body" in error.value.message_dict
    assert post_count() == before
    assert len(reply(net.member, net.thread, "a" * services.MAX_BODY_CHARS).body_text) == 10_000


@pytest.mark.parametrize(
    "body",
    [
        f"Mijn BSN is {VALID_BSN}, kun je meekijken?",
        "BSN 1234.56.782 staat in het dossier.",
        "Nummer: 123 456 782",
        f"<p>Zie <a href='https://dossier.example.nl/?bsn={ANOTHER_VALID_BSN}'>mijn dossier</a></p>",
    ],
)
def test_citizen_service_number_is_refused_and_nothing_is_stored(net: Net, body: str) -> None:
    before, seq = post_count(), fresh(net.network).event_seq

    with pytest.raises(ValidationError) as error:
        reply(net.member, net.thread, body)
    assert "body" in error.value.message_dict
    with pytest.raises(ValidationError):
        start_thread(net, net.member, body=body)

    assert post_count() == before
    assert fresh(net.network).event_seq == seq
    assert not Post.objects.filter(body__contains="782").exists()
    assert not Post.objects.filter(body__contains=VALID_BSN).exists()


def test_citizen_service_number_in_a_thread_title_is_refused(net: Net) -> None:
    with pytest.raises(ValidationError) as error:
        start_thread(net, net.member, title=f"Vraag over {VALID_BSN}")
    assert "title" in error.value.message_dict
    assert not Thread.objects.filter(title__contains=VALID_BSN).exists()


def test_nine_digits_that_fail_the_eleven_test_are_not_a_bsn(net: Net) -> None:
    assert "123456789" in reply(net.member, net.thread, "Dossiernummer 123456789").body_text


def test_edit_with_a_citizen_service_number_keeps_the_old_text(net: Net) -> None:
    post = reply(net.member, net.thread, "Oorspronkelijk.")
    with pytest.raises(ValidationError):
        services.post_edit(actor=fresh(net.member), post=post, body=f"BSN {VALID_BSN}")
    assert fresh(post).body == "<p>Oorspronkelijk.</p>"
    assert not PostRevision.objects.exists()


def test_thread_in_a_category_of_another_network_is_refused(net: Net) -> None:
    other = services.network_create(
        actor=net.staff, data={"name": "Ander netwerk", "kind": NetworkKind.REGION}
    )
    with pytest.raises(ValidationError) as error:
        start_thread(net, net.member, category=other.categories.first())
    assert "category" in error.value.message_dict


@pytest.mark.parametrize("persona", ["outsider", "member_b", "panel", "observer", "committee"])
def test_people_outside_the_network_cannot_post_anything(net: Net, persona: str) -> None:
    user = getattr(net.world, persona)
    before = post_count()

    assert refusal_code(lambda: reply(user, net.thread)) == "not_member"
    assert refusal_code(lambda: start_thread(net, user)) == "not_member"
    flag = partial(services.post_flag, actor=user, post=net.first_post, reason="Onjuist.")
    assert refusal_code(flag) == "not_member"
    assert refusal_code(partial(services.thread_follow, actor=user, thread=net.thread)) == (
        "not_member"
    )
    assert post_count() == before
    assert not Flag.objects.exists()


# --- quoting ---------------------------------------------------------------------------------


def test_quote_of_a_visible_post_in_the_same_thread(net: Net) -> None:
    post = reply(net.member, net.thread, "Ik sluit me aan.", quote_of=net.first_post)

    assert post.quote_of == net.first_post
    assert selectors.post_payload(post)["quote"] == {
        "id": net.first_post.pk,
        "author": "Moderator Mia",
        "excerpt": "Stel je hier voor.",
    }


def test_quote_from_another_thread_is_refused(net: Net) -> None:
    other = start_thread(net, net.moderator)
    before = post_count()
    with pytest.raises(ValidationError) as error:
        reply(net.member, net.thread, "Citaat", quote_of=other.posts.get())
    assert "quote" in error.value.message_dict
    assert post_count() == before


def test_quote_of_a_hidden_post_is_refused_and_a_later_hide_removes_the_quote(net: Net) -> None:
    quoted = reply(net.moderator, net.thread, "Dit wordt straks verborgen.")
    quoting = reply(net.member, net.thread, "Mee eens", quote_of=quoted)
    services.post_hide(actor=fresh(net.moderator), post=quoted, reason="Buiten het onderwerp.")

    with pytest.raises(ValidationError):
        reply(net.member, net.thread, "Nog een citaat", quote_of=fresh(quoted))
    assert selectors.post_payload(fresh(quoting))["quote"] is None


# --- editing ---------------------------------------------------------------------------------


def test_author_edit_keeps_the_previous_text_as_a_revision(net: Net) -> None:
    post = reply(net.member, net.thread, "Eerste versie.")
    services.post_edit(actor=fresh(net.member), post=post, body="Tweede versie.")
    edited = services.post_edit(actor=fresh(net.member), post=post, body="Derde versie.")

    assert edited.body == "<p>Derde versie.</p>"
    assert edited.body_text == "Derde versie."
    assert edited.edited_at is not None
    assert edited.seq > post.seq
    assert list(post.revisions.values_list("body", flat=True)) == [
        "<p>Eerste versie.</p>",
        "<p>Tweede versie.</p>",
    ]


def test_unchanged_edit_changes_nothing(net: Net) -> None:
    post = reply(net.member, net.thread, "Zelfde tekst.")
    again = services.post_edit(actor=fresh(net.member), post=post, body="  Zelfde tekst.  ")
    assert again.seq == post.seq
    assert again.edited_at is None
    assert not PostRevision.objects.exists()


@pytest.mark.parametrize(
    ("persona", "code"),
    [
        ("other_member", "not_editable"),
        ("moderator", "not_editable"),
        ("staff", "not_editable"),
        ("outsider", "not_member"),
        ("member_b", "not_member"),
    ],
)
def test_only_the_author_may_edit(net: Net, persona: str, code: str) -> None:
    post = reply(net.member, net.thread, "Van mij.")
    other_member = UserFactory()
    services.network_member_set(actor=net.staff, network=net.network, user=other_member)
    users = {
        "other_member": other_member,
        "moderator": net.moderator,
        "staff": net.staff,
        "outsider": net.outsider,
        "member_b": net.member_b,
    }

    assert (
        refusal_code(
            lambda: services.post_edit(actor=fresh(users[persona]), post=post, body="Overgenomen")
        )
        == code
    )
    assert fresh(post).body == "<p>Van mij.</p>"
    assert not PostRevision.objects.exists()


def test_hidden_post_cannot_be_edited_by_its_author(net: Net) -> None:
    post = reply(net.member, net.thread, "Te fel.")
    services.post_hide(actor=fresh(net.moderator), post=post, reason="Toon.")
    code = refusal_code(
        lambda: services.post_edit(actor=fresh(net.member), post=post, body="Rustiger.")
    )
    assert code == "not_editable"
    assert fresh(post).body == "<p>Te fel.</p>"


def test_posts_in_a_closed_thread_cannot_be_edited(net: Net) -> None:
    post = reply(net.member, net.thread, "Voor het sluiten.")
    services.thread_moderate(
        actor=fresh(net.moderator), thread=net.thread, kind=ModerationKind.CLOSE, reason="Klaar."
    )
    code = refusal_code(lambda: services.post_edit(actor=fresh(net.member), post=post, body="Na"))
    assert code == "not_editable"


# --- mentions and notices --------------------------------------------------------------------


class _RecordingLayer:
    """Stands in for the channel layer: keeps what is sent to which group, in order."""

    def __init__(self) -> None:
        self.sent: list[tuple[str, str]] = []

    async def group_send(self, group: str, message: dict[str, Any]) -> None:
        self.sent.append((group, message["type"]))


def test_a_reply_reaches_the_network_before_the_notices_about_it(
    net: Net, django_capture_on_commit_callbacks: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    services.thread_follow(actor=fresh(net.member), thread=net.thread)
    layer = _RecordingLayer()
    monkeypatch.setattr("accounts.events.get_channel_layer", lambda: layer)

    with django_capture_on_commit_callbacks(execute=True):
        reply(net.world.staff, net.thread, "Vraag voor @Moderator Mia: hoe zit dat?")

    first, *notices = layer.sent
    assert first == (network_group(net.network.pk), "post.created")
    assert sorted(notices) == sorted(
        [
            (user_group(net.moderator.pk), "notice.created"),  # mentioned, and follows
            (user_group(net.member.pk), "notice.created"),  # follows
        ]
    )


def test_mention_creates_a_mention_a_notification_and_a_live_notice(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    inbox = GroupListener(user_group(net.moderator.pk))
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(net.member, net.thread, "Vraag voor @Moderator Mia: hoe zit dat?")

    assert Mention.objects.filter(post=post, user=net.moderator).exists()
    notice = Notification.objects.get(user=net.moderator, post=post)
    assert notice.kind == NoticeKind.MENTION
    [live] = [m for m in inbox.messages() if m["type"] == "notice.created"]
    assert net.member.public_name in live["text"]
    assert "Welkom in het leernetwerk" in live["text"]
    assert live["url"].endswith(f"#bericht-{post.pk}")


def test_mention_is_matched_without_regard_to_case_and_punctuation(net: Net) -> None:
    post = reply(net.member, net.thread, "Dank je, @moderator mia!")
    assert list(post.mentions.values_list("user", flat=True)) == [net.moderator.pk]


def test_mention_of_someone_outside_the_network_is_ignored(net: Net) -> None:
    post = reply(net.member, net.thread, f"Ken jij @{net.outsider.public_name}?")
    assert not post.mentions.exists()
    assert not Notification.objects.filter(user=net.outsider).exists()


def test_mention_of_a_longer_name_does_not_also_mention_the_shorter_one(net: Net) -> None:
    anna = UserFactory(display_name="Anna")
    anna_de_vries = UserFactory(display_name="Anna de Vries")
    for user in (anna, anna_de_vries):
        services.network_member_set(actor=net.staff, network=net.network, user=user)

    post = reply(net.member, net.thread, "Goed idee van @Anna de Vries.")
    assert list(post.mentions.values_list("user", flat=True)) == [anna_de_vries.pk]

    both = reply(net.member, net.thread, "@Anna en @Anna de Vries, komen jullie?")
    assert set(both.mentions.values_list("user", flat=True)) == {anna.pk, anna_de_vries.pk}


def test_author_mentioning_themself_gets_nothing(net: Net) -> None:
    post = reply(net.member, net.thread, f"Ik (@{net.member.public_name}) doe mee.")
    assert not post.mentions.exists()
    assert not Notification.objects.filter(user=net.member).exists()


def test_member_through_a_consortium_can_be_mentioned(net: Net) -> None:
    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    coordinator = net.world.coordinator_a
    post = reply(net.member, net.thread, f"@{coordinator.public_name} weet dit vast.")
    assert Notification.objects.get(user=coordinator, post=post).kind == NoticeKind.MENTION


def test_followers_get_reply_notices_and_the_author_gets_none(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    services.thread_follow(actor=fresh(net.member), thread=net.thread)
    member_inbox = GroupListener(user_group(net.member.pk))
    moderator_inbox = GroupListener(user_group(net.moderator.pk))

    with django_capture_on_commit_callbacks(execute=True):
        post = reply(net.moderator, net.thread, "Een nieuwe vraag voor iedereen.")

    assert Notification.objects.get(user=net.member, post=post).kind == NoticeKind.REPLY
    assert not Notification.objects.filter(user=net.moderator).exists()  # follows, but wrote it
    assert [m["type"] for m in member_inbox.messages()] == ["notice.created"]
    assert moderator_inbox.messages() == []


def test_unfollowed_thread_brings_no_notices(net: Net) -> None:
    services.thread_follow(actor=fresh(net.member), thread=net.thread)
    services.thread_follow(actor=fresh(net.member), thread=net.thread, follow=False)
    reply(net.moderator, net.thread, "Iemand?")
    assert not Notification.objects.filter(user=net.member).exists()


def test_a_follower_who_is_mentioned_gets_one_mention_notice(net: Net) -> None:
    services.thread_follow(actor=fresh(net.member), thread=net.thread)
    post = reply(net.moderator, net.thread, f"@{net.member.public_name}, wat vind jij?")
    assert list(Notification.objects.filter(user=net.member).values_list("kind", "post")) == [
        (NoticeKind.MENTION, post.pk)
    ]


def test_member_removed_from_the_network_gets_no_more_notices(net: Net) -> None:
    services.thread_follow(actor=fresh(net.member), thread=net.thread)
    services.network_member_remove(actor=net.staff, network=net.network, user=net.member)

    reply(net.moderator, net.thread, "Nieuw bericht na het vertrek.")
    assert not Notification.objects.filter(user=net.member).exists()


def test_live_notices_can_be_switched_off_but_are_still_listed(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    NotificationSettings.objects.create(user=net.moderator, live_mentions=False)
    inbox = GroupListener(user_group(net.moderator.pk))
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(net.member, net.thread, "@Moderator Mia, even kijken?")
    assert Notification.objects.filter(user=net.moderator, post=post).exists()
    assert inbox.messages() == []


# --- rate limit ------------------------------------------------------------------------------


def test_sixth_post_within_the_window_is_refused_and_not_stored(net: Net) -> None:
    count, _seconds = settings.LEARNING_NETWORK_POST_RATE
    assert count == 5
    for n in range(count):
        reply(net.member, net.thread, f"Bericht {n}")
    before, seq = post_count(), fresh(net.network).event_seq

    assert refusal_code(lambda: reply(net.member, net.thread, "Nog eentje")) == "rate_limited"
    assert refusal_code(lambda: start_thread(net, net.member)) == "rate_limited"
    assert post_count() == before
    assert fresh(net.network).event_seq == seq
    # Someone else is not slowed down by it.
    reply(net.moderator, net.thread, "Ik mag nog wel.")


def test_starting_threads_counts_towards_the_same_limit(net: Net) -> None:
    for n in range(3):
        start_thread(net, net.member, title=f"Onderwerp {n}")
    reply(net.member, net.thread, "vier")
    reply(net.member, net.thread, "vijf")
    assert refusal_code(lambda: start_thread(net, net.member, title="zes")) == "rate_limited"


def test_rate_limit_holds_across_a_window_boundary(
    net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five posts just before a multiple of the window and a sixth just after it are still six
    posts within one window length: the sixth is refused."""
    _count, seconds = settings.LEARNING_NETWORK_POST_RATE
    real_now = timezone.now
    start = real_now().timestamp()
    boundary = (int(start) // seconds + 1) * seconds
    shift = {"seconds": boundary - 2 - start}
    monkeypatch.setattr(
        timezone, "now", lambda: real_now() + datetime.timedelta(seconds=shift["seconds"])
    )
    for n in range(5):
        reply(net.member, net.thread, f"Bericht {n}")
    shift["seconds"] += 3  # one second past the boundary, three after the first post

    assert refusal_code(lambda: reply(net.member, net.thread, "zes")) == "rate_limited"


# --- mutes -----------------------------------------------------------------------------------


def mute(net: Net, user: Any, days: int = 3, reason: str = "Herhaaldelijk persoonlijk.") -> Mute:
    return services.member_mute(
        actor=fresh(net.moderator), network=net.network, user=fresh(user), days=days, reason=reason
    )


def test_muted_member_cannot_post_start_or_edit_but_still_reads(net: Net) -> None:
    own = reply(net.member, net.thread, "Voor het dempen.")
    mute(net, net.member)
    before = post_count()

    assert refusal_code(lambda: reply(net.member, net.thread)) == "muted"
    assert refusal_code(lambda: start_thread(net, net.member)) == "muted"
    assert (
        refusal_code(lambda: services.post_edit(actor=fresh(net.member), post=own, body="Anders"))
        == "muted"
    )
    assert post_count() == before
    member = fresh(net.member)
    assert permissions.can_view_network(member, net.network)
    assert selectors.network_get_for(viewer=member, slug=net.network.slug) == net.network
    assert selectors.viewer_mute(viewer=member, network=net.network) is not None


def test_mute_refusal_says_until_when_and_why(net: Net) -> None:
    mute(net, net.member, reason="Toon in gesprek X.")
    with pytest.raises(Refused) as refused:
        reply(net.member, net.thread)
    assert "Toon in gesprek X." in refused.value.message


@pytest.mark.parametrize("days", [1, 90])
def test_mute_lasts_the_chosen_number_of_days(net: Net, days: int) -> None:
    muted = mute(net, net.member, days=days)
    expected = timezone.now() + datetime.timedelta(days=days)
    assert abs((muted.until - expected).total_seconds()) < 60


@pytest.mark.parametrize("days", [0, -1, 91, 365])
def test_mute_outside_one_to_ninety_days_is_refused(net: Net, days: int) -> None:
    with pytest.raises(ValidationError) as error:
        mute(net, net.member, days=days)
    assert "days" in error.value.message_dict
    assert not Mute.objects.exists()


@pytest.mark.parametrize("persona", ["moderator", "staff"])
def test_moderators_and_staff_cannot_be_muted(net: Net, persona: str) -> None:
    target = net.moderator if persona == "moderator" else net.staff
    with pytest.raises(ValidationError) as error:
        services.member_mute(
            actor=fresh(net.staff), network=net.network, user=fresh(target), days=2, reason="Nee."
        )
    assert "user" in error.value.message_dict
    assert not Mute.objects.exists()


def test_someone_outside_the_network_cannot_be_muted(net: Net) -> None:
    with pytest.raises(ValidationError):
        mute(net, net.outsider)


def test_expired_or_lifted_mute_no_longer_blocks(net: Net) -> None:
    Mute.objects.create(
        network=net.network,
        user=net.member,
        until=timezone.now() - datetime.timedelta(minutes=1),
        reason="Verlopen.",
    )
    reply(net.member, net.thread, "Verlopen demping houdt me niet tegen.")

    mute(net, net.member)
    services.mute_lift(
        actor=fresh(net.moderator), network=net.network, user=net.member, reason="Gesprek gehad."
    )
    reply(net.member, net.thread, "Weer welkom.")


def test_lifting_a_mute_that_is_not_there_is_refused(net: Net) -> None:
    code = refusal_code(
        lambda: services.mute_lift(
            actor=fresh(net.moderator), network=net.network, user=net.member, reason="x"
        )
    )
    assert code == "not_muted"


# --- locked, closed, archived ----------------------------------------------------------------


def moderate(net: Net, kind: str, thread: Thread | None = None, actor: Any = None) -> Thread:
    return services.thread_moderate(
        actor=fresh(actor or net.moderator),
        thread=thread or net.thread,
        kind=kind,
        reason="Zo houden we het gesprek goed.",
    )


def test_locked_thread_takes_replies_from_moderators_only(net: Net) -> None:
    moderate(net, ModerationKind.LOCK)
    before = post_count()

    assert refusal_code(lambda: reply(net.member, net.thread)) == "locked"
    assert post_count() == before
    reply(net.moderator, net.thread, "Moderator mag nog.")
    reply(net.staff, net.thread, "Programmabureau ook.")

    moderate(net, ModerationKind.UNLOCK)
    reply(net.member, net.thread, "Weer open.")


def test_closed_thread_takes_replies_from_nobody(net: Net) -> None:
    moderate(net, ModerationKind.CLOSE)
    before = post_count()

    for user in (net.member, net.moderator, net.staff):
        assert refusal_code(lambda user=user: reply(user, net.thread)) == "closed"
    assert post_count() == before

    moderate(net, ModerationKind.REOPEN)
    reply(net.member, net.thread, "Heropend.")


def test_archived_network_refuses_posts_and_threads_but_can_be_read(net: Net) -> None:
    services.network_update(actor=net.staff, network=net.network, data={"is_archived": True})
    before = post_count()

    for user in (net.member, net.moderator, net.staff):
        assert refusal_code(lambda user=user: reply(user, net.thread)) == "archived"
        assert refusal_code(lambda user=user: start_thread(net, user)) == "archived"
    assert post_count() == before
    assert permissions.can_view_network(fresh(net.member), fresh(net.network))


def test_archived_refusal_does_not_depend_on_a_stale_network_object(net: Net) -> None:
    thread = Thread.objects.select_related("network").get(pk=net.thread.pk)
    LearningNetwork.objects.filter(pk=net.network.pk).update(is_archived=True)

    with pytest.raises(Refused) as refused:
        services.post_create(actor=fresh(net.member), thread=thread, body="Nog snel iets.")
    assert refused.value.code == "archived"


# --- taking part through a consortium --------------------------------------------------------


def test_consortium_members_take_part_and_lose_access_when_the_link_is_removed(net: Net) -> None:
    coordinator = net.world.coordinator_a
    assert refusal_code(lambda: reply(coordinator, net.thread)) == "not_member"

    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    thread = start_thread(net, coordinator, title="Vanuit ons consortium")
    reply(coordinator, net.thread, "Wij doen mee.")

    services.network_consortium_remove(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    assert refusal_code(lambda: reply(coordinator, thread)) == "not_member"
    assert not permissions.can_view_network(fresh(coordinator), net.network)
    # member_a is in consortium A as well, but was also added by name: stays a member.
    reply(net.member, net.thread, "Ik ben er nog.")


def test_inactive_consortium_membership_gives_no_part(net: Net) -> None:
    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    former = MembershipFactory(
        consortium=net.world.consortium_a, role=ConsortiumRole.PRACTITIONER, is_active=False
    ).user
    assert refusal_code(lambda: reply(former, net.thread)) == "not_member"


def test_member_of_consortium_b_stays_out_when_consortium_a_is_linked(net: Net) -> None:
    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    assert refusal_code(lambda: reply(net.member_b, net.thread)) == "not_member"


def test_removing_people_tells_their_open_sockets(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    services.network_consortium_add(
        actor=net.staff, network=net.network, consortium=net.world.consortium_a
    )
    listener = GroupListener(network_group(net.network.pk))
    with django_capture_on_commit_callbacks(execute=True):
        services.network_member_remove(actor=net.staff, network=net.network, user=net.member)
        services.network_consortium_remove(
            actor=net.staff, network=net.network, consortium=net.world.consortium_a
        )
    changed = [m for m in listener.messages() if m["type"] == "access.changed"]
    assert changed[0]["user_ids"] == [net.member.pk]
    assert set(changed[1]["user_ids"]) >= {net.world.coordinator_a.pk, net.member.pk}


def test_only_programme_staff_set_networks_up(net: Net) -> None:
    for user in (net.moderator, net.member, net.outsider):
        assert (
            refusal_code(
                lambda user=user: services.network_member_set(
                    actor=user, network=net.network, user=net.outsider
                )
            )
            == "not_staff"
        )
    assert not permissions.can_view_network(fresh(net.outsider), net.network)


# --- moderation ------------------------------------------------------------------------------

REASON = "Niet respectvol naar een andere deelnemer."


def test_hiding_a_post_logs_it_blanks_it_for_members_and_broadcasts(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    post = reply(net.member, net.thread, "Te fel geformuleerd.")
    count = fresh(net.thread).post_count
    listener = GroupListener(network_group(net.network.pk))

    with django_capture_on_commit_callbacks(execute=True):
        hidden = services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON)

    assert hidden.is_hidden
    assert hidden.seq > post.seq
    assert fresh(net.thread).post_count == count - 1
    payload = selectors.post_payload(hidden)
    assert payload["body"] == ""
    assert payload["hidden"] is True
    assert payload["hidden_reason"] == REASON
    action = ModerationAction.objects.get(kind=ModerationKind.HIDE)
    assert (action.post, action.thread, action.subject, action.actor, action.reason) == (
        post,
        net.thread,
        net.member,
        net.moderator,
        REASON,
    )
    [event] = [frame for frame in listener.frames() if frame["type"] == "post.hidden"]
    assert event["post"]["id"] == post.pk
    assert event["post"]["body"] == ""


def test_hiding_twice_logs_once(net: Net) -> None:
    post = reply(net.member, net.thread, "Eén keer.")
    services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON)
    services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON)
    assert ModerationAction.objects.filter(kind=ModerationKind.HIDE).count() == 1


def test_restoring_a_post_shows_it_again_and_logs_it(net: Net) -> None:
    post = reply(net.member, net.thread, "Toch in orde.")
    count = fresh(net.thread).post_count
    services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON)

    restored = services.post_restore(actor=fresh(net.staff), post=post, reason="Bij nader inzien.")

    assert not restored.is_hidden
    assert restored.hidden_reason == ""
    assert selectors.post_payload(restored)["body"] == "<p>Toch in orde.</p>"
    assert fresh(net.thread).post_count == count
    action = ModerationAction.objects.get(kind=ModerationKind.RESTORE)
    assert (action.reason, action.actor, action.post) == ("Bij nader inzien.", net.staff, post)


@pytest.mark.parametrize(
    ("kinds", "field", "value"),
    [
        ([ModerationKind.LOCK], "is_locked", True),
        ([ModerationKind.LOCK, ModerationKind.UNLOCK], "is_locked", False),
        ([ModerationKind.PIN], "is_pinned", True),
        ([ModerationKind.PIN, ModerationKind.UNPIN], "is_pinned", False),
        ([ModerationKind.CLOSE], "is_closed", True),
        ([ModerationKind.CLOSE, ModerationKind.REOPEN], "is_closed", False),
    ],
)
def test_every_thread_action_changes_the_thread_and_is_logged_with_its_reason(
    net: Net, kinds: list[str], field: str, value: bool
) -> None:
    seq = fresh(net.thread).seq
    for kind in kinds:
        moderate(net, kind)

    thread = fresh(net.thread)
    assert getattr(thread, field) is value
    assert thread.seq > seq
    logged = list(
        ModerationAction.objects.order_by("pk").values_list("kind", "reason", "actor", "thread")
    )
    assert logged == [
        (kind, "Zo houden we het gesprek goed.", net.moderator.pk, net.thread.pk) for kind in kinds
    ]


def test_asking_for_the_state_a_thread_already_has_logs_nothing(net: Net) -> None:
    moderate(net, ModerationKind.LOCK)
    moderate(net, ModerationKind.LOCK)
    moderate(net, ModerationKind.UNPIN)
    assert list(ModerationAction.objects.values_list("kind", flat=True)) == [ModerationKind.LOCK]


def test_unknown_thread_action_is_refused(net: Net) -> None:
    with pytest.raises(ValidationError):
        moderate(net, "opblazen")
    with pytest.raises(ValidationError):
        moderate(net, ModerationKind.HIDE)
    assert not ModerationAction.objects.exists()


def test_moving_a_thread_within_the_network_is_logged(net: Net) -> None:
    work = services.category_create(actor=net.staff, network=net.network, name="Werk")
    moved = services.thread_move(
        actor=fresh(net.moderator), thread=net.thread, category=work, reason="Past hier beter."
    )
    assert moved.category == work
    action = ModerationAction.objects.get(kind=ModerationKind.MOVE)
    assert action.reason == "Past hier beter."
    assert action.detail == "Algemeen → Werk"


def test_thread_cannot_move_to_a_category_of_another_network(net: Net) -> None:
    other = services.network_create(
        actor=net.staff, data={"name": "Regio Oost", "kind": NetworkKind.REGION}
    )
    with pytest.raises(ValidationError) as error:
        services.thread_move(
            actor=fresh(net.moderator),
            thread=net.thread,
            category=other.categories.get(),
            reason="Verkeerd netwerk.",
        )
    assert "category" in error.value.message_dict
    assert fresh(net.thread).category == net.general
    assert not ModerationAction.objects.exists()


def test_thread_with_pseudonymous_posts_cannot_move(net: Net) -> None:
    thread = start_thread(net, net.member, category=net.grief, pseudonymous=True)
    with pytest.raises(ValidationError):
        services.thread_move(
            actor=fresh(net.moderator), thread=thread, category=net.general, reason="Algemeen."
        )
    assert fresh(thread).category == net.grief


def test_mute_and_its_lifting_are_logged_with_their_reasons(net: Net) -> None:
    mute(net, net.member, reason="Scheldwoorden.")
    services.mute_lift(
        actor=fresh(net.moderator), network=net.network, user=net.member, reason="Excuses gemaakt."
    )
    assert list(
        ModerationAction.objects.order_by("pk").values_list("kind", "reason", "subject")
    ) == [
        (ModerationKind.MUTE, "Scheldwoorden.", net.member.pk),
        (ModerationKind.UNMUTE, "Excuses gemaakt.", net.member.pk),
    ]
    assert Mute.objects.get().lifted_at is not None


def _hide(net: Net, reason: str) -> Any:
    return services.post_hide(actor=fresh(net.moderator), post=net.first_post, reason=reason)


def _restore(net: Net, reason: str) -> Any:
    Post.objects.filter(pk=net.first_post.pk).update(is_hidden=True, hidden_reason="eerder")
    return services.post_restore(actor=fresh(net.moderator), post=net.first_post, reason=reason)


def _lock(net: Net, reason: str) -> Any:
    return services.thread_moderate(
        actor=fresh(net.moderator), thread=net.thread, kind=ModerationKind.LOCK, reason=reason
    )


def _move(net: Net, reason: str) -> Any:
    return services.thread_move(
        actor=fresh(net.moderator), thread=net.thread, category=net.grief, reason=reason
    )


def _mute(net: Net, reason: str) -> Any:
    return mute(net, net.member, reason=reason)


def _lift(net: Net, reason: str) -> Any:
    Mute.objects.create(
        network=net.network,
        user=net.member,
        until=timezone.now() + datetime.timedelta(days=1),
        reason="eerder",
    )
    return services.mute_lift(
        actor=fresh(net.moderator), network=net.network, user=net.member, reason=reason
    )


def _dismiss(net: Net, reason: str) -> Any:
    flag = Flag.objects.create(post=net.first_post, reporter=net.member, reason="Klopt niet.")
    return services.flag_dismiss(actor=fresh(net.moderator), flag=flag, reason=reason)


MODERATION_CALLS = [_hide, _restore, _lock, _move, _mute, _lift, _dismiss]


@pytest.mark.parametrize("action", MODERATION_CALLS)
@pytest.mark.parametrize("reason", ["", "   ", "x" * 501])
def test_every_moderation_action_needs_a_reason(
    net: Net, action: Callable[[Net, str], Any], reason: str
) -> None:
    with pytest.raises(ValidationError) as error:
        action(net, reason)
    assert "reason" in error.value.message_dict
    assert not ModerationAction.objects.exists()


@pytest.mark.parametrize("action", MODERATION_CALLS)
def test_every_moderation_action_writes_one_log_entry_with_its_reason(
    net: Net, action: Callable[[Net, str], Any]
) -> None:
    action(net, "  Met   een reden. ")
    entry = ModerationAction.objects.get()
    assert entry.reason == "Met een reden."
    assert entry.actor == net.moderator
    assert entry.network == net.network


@pytest.mark.parametrize(
    "call",
    [
        lambda net, user: services.post_hide(actor=user, post=net.first_post, reason=REASON),
        lambda net, user: services.post_restore(actor=user, post=net.first_post, reason=REASON),
        lambda net, user: services.thread_moderate(
            actor=user, thread=net.thread, kind=ModerationKind.LOCK, reason=REASON
        ),
        lambda net, user: services.thread_move(
            actor=user, thread=net.thread, category=net.grief, reason=REASON
        ),
        lambda net, user: services.member_mute(
            actor=user, network=net.network, user=net.member, days=1, reason=REASON
        ),
        lambda net, user: services.mute_lift(
            actor=user, network=net.network, user=net.member, reason=REASON
        ),
    ],
)
@pytest.mark.parametrize("persona", ["member_a", "outsider", "member_b"])
def test_only_moderators_moderate(net: Net, call: Callable[..., Any], persona: str) -> None:
    user = getattr(net.world, persona)
    assert refusal_code(lambda: call(net, fresh(user))) == "not_moderator"
    assert not ModerationAction.objects.exists()
    assert not fresh(net.thread).is_locked
    assert not fresh(net.first_post).is_hidden


def test_member_cannot_dismiss_a_flag(net: Net) -> None:
    flag = services.post_flag(actor=fresh(net.member), post=net.first_post, reason="Onjuist.")
    code = refusal_code(
        lambda: services.flag_dismiss(actor=fresh(net.member), flag=flag, reason="x")
    )
    assert code == "not_moderator"
    assert fresh(flag).status == FlagStatus.OPEN


# --- flags -----------------------------------------------------------------------------------


def test_one_open_flag_per_member_per_post(net: Net) -> None:
    first = services.post_flag(actor=fresh(net.member), post=net.first_post, reason="Onjuist.")
    again = services.post_flag(actor=fresh(net.member), post=net.first_post, reason="Nog steeds.")
    assert again.pk == first.pk
    assert again.reason == "Onjuist."
    other = UserFactory()
    services.network_member_set(actor=net.staff, network=net.network, user=other)
    services.post_flag(actor=other, post=net.first_post, reason="Ook onjuist.")
    assert Flag.objects.filter(status=FlagStatus.OPEN).count() == 2


def test_flag_needs_a_reason(net: Net) -> None:
    with pytest.raises(ValidationError):
        services.post_flag(actor=fresh(net.member), post=net.first_post, reason="  ")
    assert not Flag.objects.exists()


def test_dismissing_closes_every_open_flag_and_a_member_may_flag_again(net: Net) -> None:
    flag = services.post_flag(actor=fresh(net.member), post=net.first_post, reason="Onjuist.")
    dismissed = services.flag_dismiss(actor=fresh(net.moderator), flag=flag, reason="Klopt wel.")
    assert dismissed.status == FlagStatus.DISMISSED
    assert dismissed.resolved_by == net.moderator
    assert dismissed.resolved_at is not None

    again = services.post_flag(actor=fresh(net.member), post=net.first_post, reason="Toch niet.")
    assert again.pk != flag.pk
    assert again.status == FlagStatus.OPEN


def test_hiding_a_post_handles_its_open_flags(net: Net) -> None:
    post = reply(net.member, net.thread, "Twijfelachtig.")
    services.post_flag(actor=fresh(net.moderator), post=post, reason="Kijk even.")
    services.post_flag(actor=fresh(net.staff), post=post, reason="Mee eens.")
    services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON)

    flags = list(Flag.objects.filter(post=post))
    assert [f.status for f in flags] == [FlagStatus.HANDLED, FlagStatus.HANDLED]
    assert {f.resolved_by for f in flags} == {net.moderator}
    assert selectors.open_flag_count(network=net.network) == 0


# --- pseudonyms ------------------------------------------------------------------------------


def test_pseudonym_is_one_per_member_per_category_and_never_their_name(net: Net) -> None:
    member = fresh(net.member)
    first = services.pseudonym_for(user=member, category=net.grief)
    again = services.pseudonym_for(user=member, category=net.grief)
    other_category = services.category_create(
        actor=net.staff, network=net.network, name="Verlies", allows_pseudonyms=True
    )
    elsewhere = services.pseudonym_for(user=member, category=other_category)
    moderators = services.pseudonym_for(user=fresh(net.moderator), category=net.grief)

    assert again.pk == first.pk
    assert elsewhere.pk != first.pk
    assert moderators.name != first.name
    for value in (member.display_name, member.full_name, member.email, member.email.split("@")[0]):
        assert value.lower() not in first.name.lower()


def test_pseudonymous_thread_shows_only_the_pseudonym(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    member = fresh(net.member)
    listener = GroupListener(network_group(net.network.pk))
    with django_capture_on_commit_callbacks(execute=True):
        thread = start_thread(
            net, member, category=net.grief, title="Na het overlijden", pseudonymous=True
        )
    pseudonym = Pseudonym.objects.get(user=member, category=net.grief)
    post = thread.posts.get()

    assert thread.pseudonym == post.pseudonym == pseudonym
    post_data = selectors.post_payload(post)
    assert post_data["author"] == pseudonym.name
    assert post_data["pseudonymous"] is True
    assert selectors.thread_payload(thread)["author"] == pseudonym.name
    broadcast = json.dumps(
        [frame for frame in listener.frames() if frame["type"] != "presence"], ensure_ascii=False
    )
    assert pseudonym.name in broadcast
    for secret in (member.display_name, member.full_name, member.email):
        assert secret not in json.dumps({k: v for k, v in post_data.items() if k != "author_id"})
        assert secret not in json.dumps(selectors.thread_payload(thread))
        assert secret not in broadcast


def test_notice_about_a_pseudonymous_post_names_the_pseudonym(
    net: Net, django_capture_on_commit_callbacks: Any
) -> None:
    thread = start_thread(net, net.moderator, category=net.grief, title="Verlies delen")
    inbox = GroupListener(user_group(net.moderator.pk))
    with django_capture_on_commit_callbacks(execute=True):
        post = reply(net.member, thread, "Ik herken dit.", pseudonymous=True)
    [notice] = [m for m in inbox.messages() if m["type"] == "notice.created"]
    assert post.pseudonym.name in notice["text"]
    assert net.member.public_name not in notice["text"]


def test_pseudonym_refused_where_the_category_does_not_allow_it(net: Net) -> None:
    before = post_count()
    with pytest.raises(ValidationError) as error:
        reply(net.member, net.thread, "Anoniem?", pseudonymous=True)
    assert "pseudonymous" in error.value.message_dict
    with pytest.raises(ValidationError):
        start_thread(net, net.member, pseudonymous=True)
    assert post_count() == before
    assert not Pseudonym.objects.exists()


def test_network_that_allows_pseudonyms_allows_them_in_every_category(net: Net) -> None:
    services.network_update(actor=net.staff, network=net.network, data={"allows_pseudonyms": True})
    post = reply(net.member, net.thread, "Nu mag het.", pseudonymous=True)
    assert post.pseudonym is not None
    assert post.pseudonym.category == net.general


# --- event numbers and catching up -----------------------------------------------------------


def test_every_change_takes_the_next_event_number(net: Net) -> None:
    seqs = [fresh(net.network).event_seq]
    work = services.category_create(actor=net.staff, network=net.network, name="Werk")
    thread = start_thread(net, net.member)
    seqs.append(thread.seq)
    post = reply(net.member, thread, "Een")
    seqs.append(post.seq)
    seqs.append(services.post_edit(actor=fresh(net.member), post=post, body="Twee").seq)
    seqs.append(services.post_hide(actor=fresh(net.moderator), post=post, reason=REASON).seq)
    seqs.append(services.post_restore(actor=fresh(net.moderator), post=post, reason=REASON).seq)
    seqs.append(moderate(net, ModerationKind.PIN, thread=thread).seq)
    seqs.append(
        services.thread_move(
            actor=fresh(net.moderator), thread=thread, category=work, reason=REASON
        ).seq
    )

    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))
    assert fresh(net.network).event_seq == seqs[-1]


def test_refused_and_unchanged_writes_take_no_event_number(net: Net) -> None:
    seq = fresh(net.network).event_seq
    with pytest.raises(ValidationError):
        reply(net.member, net.thread, "")
    with pytest.raises(Refused):
        reply(net.outsider, net.thread)
    services.post_edit(actor=fresh(net.moderator), post=net.first_post, body="Stel je hier voor.")
    assert fresh(net.network).event_seq == seq


def test_event_numbers_are_per_network(net: Net) -> None:
    other = services.network_create(
        actor=net.staff, data={"name": "Regio West", "kind": NetworkKind.REGION}
    )
    services.thread_create(
        actor=fresh(net.staff),
        network=other,
        category=other.categories.get(),
        title="Start",
        body="Eerste bericht.",
    )
    assert fresh(other).event_seq == 1
    assert fresh(net.network).event_seq == net.thread.seq


def test_catch_up_returns_exactly_the_changes_after_a_number_once_each_in_order(
    net: Net,
) -> None:
    older = reply(net.member, net.thread, "Oud bericht dat later verandert.")
    untouched = reply(net.member, net.thread, "Oud bericht dat blijft.")
    to_hide = reply(net.moderator, net.thread, "Oud bericht dat verborgen wordt.")
    seen = fresh(net.network).event_seq

    new = [reply(net.moderator, net.thread, f"Nieuw {n}") for n in range(3)]
    services.post_edit(actor=fresh(net.member), post=older, body="Eerste bewerking.")
    services.post_edit(actor=fresh(net.member), post=older, body="Tweede bewerking.")
    services.post_hide(actor=fresh(net.staff), post=to_hide, reason=REASON)

    missed = selectors.catch_up(network=net.network, after_seq=seen)

    ids = [post["id"] for post in missed["posts"]]
    assert ids == [*(p.pk for p in new), older.pk, to_hide.pk]
    assert untouched.pk not in ids
    seqs = [post["seq"] for post in missed["posts"]]
    assert seqs == sorted(seqs)
    assert all(seq > seen for seq in seqs)
    by_id = {post["id"]: post for post in missed["posts"]}
    assert by_id[older.pk]["body"] == "<p>Tweede bewerking.</p>"
    assert by_id[to_hide.pk]["hidden"] is True
    assert by_id[to_hide.pk]["body"] == ""
    assert [thread["id"] for thread in missed["threads"]] == [net.thread.pk]
    assert missed["seq"] == fresh(net.network).event_seq
    assert missed["complete"] is True

    nothing = selectors.catch_up(network=net.network, after_seq=missed["seq"])
    assert nothing["posts"] == []
    assert nothing["threads"] == []
    assert nothing["seq"] == missed["seq"]


def test_catch_up_for_one_thread_leaves_other_threads_out(net: Net) -> None:
    seen = fresh(net.network).event_seq
    other = start_thread(net, net.member, title="Ander gesprek")
    here = reply(net.moderator, net.thread, "Hier.")

    missed = selectors.catch_up(network=net.network, after_seq=seen, thread_id=net.thread.pk)
    assert [post["id"] for post in missed["posts"]] == [here.pk]
    assert other.pk not in {thread["id"] for thread in missed["threads"]}
    assert [thread["id"] for thread in missed["threads"]] == [net.thread.pk]


def test_catch_up_never_shows_another_networks_posts(net: Net) -> None:
    other = services.network_create(
        actor=net.staff, data={"name": "Regio Zuid", "kind": NetworkKind.REGION}
    )
    services.thread_create(
        actor=fresh(net.staff),
        network=other,
        category=other.categories.get(),
        title="Elders",
        body="Niet voor jullie.",
    )
    missed = selectors.catch_up(network=net.network, after_seq=0)
    assert [post["id"] for post in missed["posts"]] == [net.first_post.pk]


def test_catch_up_with_too_much_waiting_asks_for_a_reload(
    net: Net, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("learning_network.selectors.live.CATCH_UP_LIMIT", 2)
    seen = fresh(net.network).event_seq
    for n in range(3):
        reply(net.moderator, net.thread, f"Bericht {n}")

    missed = selectors.catch_up(network=net.network, after_seq=seen)
    assert missed["complete"] is False
    assert missed["seq"] == seen
    assert len(missed["posts"]) == 2


# --- reading and following -------------------------------------------------------------------


def test_marking_a_thread_read_records_its_newest_post(net: Net) -> None:
    reply(net.moderator, net.thread, "Nieuw.")
    member = fresh(net.member)
    assert selectors.unread_threads_count(viewer=member, network=net.network) == 1

    services.thread_mark_read(actor=member, thread=fresh(net.thread))

    assert ReadState.objects.get(user=member).last_read_at == fresh(net.thread).last_post_at
    assert selectors.unread_threads_count(viewer=member, network=net.network) == 0


def test_marking_read_by_someone_outside_the_network_stores_nothing(net: Net) -> None:
    services.thread_mark_read(actor=fresh(net.outsider), thread=net.thread)
    assert not ReadState.objects.filter(user=net.outsider).exists()


def test_moderator_role_can_be_given_and_taken_back(net: Net) -> None:
    services.network_member_set(
        actor=net.staff, network=net.network, user=net.member, role=NetworkRole.MODERATOR
    )
    assert permissions.can_moderate(fresh(net.member), net.network)
    services.network_member_set(
        actor=net.staff, network=net.network, user=net.member, role=NetworkRole.MEMBER
    )
    assert not permissions.can_moderate(fresh(net.member), net.network)
    with pytest.raises(ValidationError):
        services.network_member_set(
            actor=net.staff, network=net.network, user=net.member, role="beheerder"
        )
