"""Builders shared by the learning-network tests: a network set up through the services, fresh
copies of objects, and WebSocket helpers (the group listener is in tests/group_listener.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from asgiref.sync import sync_to_async
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from accounts.models import User
from config.asgi import application
from learning_network import services
from learning_network.models import (
    Category,
    LearningNetwork,
    NetworkKind,
    NetworkRole,
    Post,
    Thread,
)
from tests.conftest import World
from tests.factories import UserFactory

NETWORK_NAME = "Leernetwerk Rouw en Re-integratie"
ORIGIN = (b"origin", b"http://127.0.0.1:8000")
# Frames that arrive whenever someone connects, views or posts; tests skip them unless they wait
# for one of them on purpose.
NOISE = frozenset({"presence", "thread.created", "thread.updated"})


@dataclass
class Net:
    """A network with member_a added by name, a moderator, and consortium B not in it.

    `general` ('Algemeen') does not allow pseudonyms; `grief` ('Rouwverwerking') does. `thread`
    was started by the moderator in `general`; `first_post` is its opening post.
    """

    world: World
    network: LearningNetwork
    general: Category
    grief: Category
    moderator: User
    thread: Thread
    first_post: Post

    @property
    def member(self) -> User:
        return self.world.member_a

    @property
    def staff(self) -> User:
        return self.world.staff

    @property
    def outsider(self) -> User:
        return self.world.outsider

    @property
    def member_b(self) -> User:
        return self.world.member_b


def build_network(world: World) -> Net:
    staff = world.staff
    network = services.network_create(
        actor=staff,
        data={"name": NETWORK_NAME, "kind": NetworkKind.THEME, "description": "Samen leren."},
        categories=["Algemeen"],
    )
    general = network.categories.get(name="Algemeen")
    grief = services.category_create(
        actor=staff, network=network, name="Rouwverwerking", allows_pseudonyms=True
    )
    moderator = UserFactory(display_name="Moderator Mia", full_name="Mia van Dijk")
    services.network_member_set(
        actor=staff, network=network, user=moderator, role=NetworkRole.MODERATOR
    )
    services.network_member_set(actor=staff, network=network, user=world.member_a)
    thread = services.thread_create(
        actor=moderator,
        network=network,
        category=general,
        title="Welkom in het leernetwerk",
        body="Stel je hier voor.",
    )
    # Setting up must not use up anyone's posting allowance.
    cache.clear()
    return Net(
        world=world,
        network=network,
        general=general,
        grief=grief,
        moderator=moderator,
        thread=thread,
        first_post=thread.posts.get(),
    )


def fresh(obj: Any) -> Any:
    """A new copy from the database (for users: without cached roles)."""
    return type(obj).objects.get(pk=obj.pk)


def reply(actor: User, thread: Thread, body: str = "Goed punt, dank je.", **kwargs: Any) -> Post:
    return services.post_create(actor=fresh(actor), thread=fresh(thread), body=body, **kwargs)


def start_thread(
    net: Net,
    actor: User,
    *,
    category: Category | None = None,
    title: str = "Ervaringen met het eerste gesprek",
    body: str = "Hoe pakken jullie dat aan?",
    pseudonymous: bool = False,
) -> Thread:
    return services.thread_create(
        actor=fresh(actor),
        network=fresh(net.network),
        category=category or net.general,
        title=title,
        body=body,
        pseudonymous=pseudonymous,
    )


start_thread_async = sync_to_async(start_thread)  # for the WebSocket tests, outside the loop


# --- WebSockets ----------------------------------------------------------------------------------


@sync_to_async
def session_cookie(user: User) -> bytes:
    client = Client()
    client.force_login(user)
    value = client.cookies[settings.SESSION_COOKIE_NAME].value
    return f"{settings.SESSION_COOKIE_NAME}={value}".encode()


def socket_path(net: Net) -> str:
    return f"/ws/leernetwerken/{net.network.slug}/"


async def open_socket(
    path: str, user: User | None, origin: tuple[bytes, bytes] = ORIGIN
) -> tuple[WebsocketCommunicator, bool, Any]:
    headers = [origin]
    if user is not None:
        headers.append((b"cookie", await session_cookie(user)))
    communicator = WebsocketCommunicator(application, path, headers=headers)
    connected, code = await communicator.connect()
    return communicator, connected, code


async def join(net: Net, user: User) -> tuple[WebsocketCommunicator, int]:
    """A connected socket for the user and the event number of its hello frame."""
    communicator, connected, code = await open_socket(socket_path(net), user)
    assert connected, f"connection refused with {code}"
    hello = await receive_until(communicator, "hello")
    return communicator, hello["seq"]


async def receive_until(
    communicator: WebsocketCommunicator,
    frame_type: str,
    *,
    skip: Iterable[str] = NOISE,
    wait: float = 10,
) -> dict[str, Any]:
    """The next frame of `frame_type`, skipping presence and thread frames; any other frame
    fails the test (it would otherwise hide what really came back)."""
    skipped = frozenset(skip) - {frame_type}
    while True:
        frame = await communicator.receive_json_from(timeout=wait)
        if frame["type"] == frame_type:
            return frame
        assert frame["type"] in skipped, f"expected {frame_type!r}, got {frame!r}"


async def remaining_frames(
    communicator: WebsocketCommunicator, *, skip: Iterable[str] = NOISE, wait: float = 0.3
) -> list[dict[str, Any]]:
    """Every frame that still arrives within `wait` seconds, without presence/thread noise."""
    skipped = frozenset(skip)
    frames = []
    while not await communicator.receive_nothing(timeout=wait):
        frame = await communicator.receive_json_from()
        if frame["type"] not in skipped:
            frames.append(frame)
    return frames


async def receive_close(communicator: WebsocketCommunicator) -> dict[str, Any]:
    """Frames until the server closes the socket; returns the close message (with its code)."""
    while True:
        output = await communicator.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            return output
