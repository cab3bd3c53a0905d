"""Programme staff manage consortia, organisations, memberships and invitations in the Wagtail admin."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from accounts.models import Invitation
from tests.conftest import World

pytestmark = pytest.mark.django_db(transaction=True)


def _staff_client(world: World) -> Client:
    client = Client()
    client.force_login(world.staff)
    return client


@pytest.mark.parametrize("model", ["consortium", "organisation", "membership", "invitation"])
def test_staff_can_list_and_open_the_add_form(world: World, model: str) -> None:
    client = _staff_client(world)
    assert client.get(f"/admin/snippets/accounts/{model}/").status_code == 200
    assert client.get(f"/admin/snippets/accounts/{model}/add/").status_code == 200


def test_staff_lists_themes(world: World) -> None:
    assert _staff_client(world).get("/admin/snippets/cms_core/theme/").status_code == 200


def test_consortium_member_cannot_reach_the_admin(world: World) -> None:
    client = Client()
    client.force_login(world.coordinator_a)
    response = client.get("/admin/snippets/accounts/invitation/add/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_invitation_created_in_the_admin_goes_through_the_service_and_is_mailed(
    world: World,
) -> None:
    response = _staff_client(world).post(
        "/admin/snippets/accounts/invitation/add/",
        {
            "email": "nieuwe.onderzoeker@voorbeeld.nl",
            "consortium": world.consortium_a.pk,
            "consortium_role": "researcher",
            "programme_role": "",
            "message": "Welkom in ons consortium!",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    invitation = Invitation.objects.get()
    assert invitation.invited_by == world.staff
    assert len(invitation.token_hash) == 64
    assert len(mail.outbox) == 1
    assert "/uitnodiging/" in mail.outbox[0].body
    assert "Welkom in ons consortium!" in mail.outbox[0].body


@pytest.mark.parametrize(
    "data",
    [
        {"email": "", "consortium": "", "consortium_role": "", "programme_role": "", "message": ""},
        {"email": "geen-adres", "consortium": "", "consortium_role": "", "programme_role": "panel"},
        {"email": "a@voorbeeld.nl", "consortium": "", "consortium_role": "", "programme_role": ""},
        {"email": "a@voorbeeld.nl", "consortium": "999999", "consortium_role": "researcher"},
        {
            "email": "a@voorbeeld.nl",
            "consortium": "",
            "consortium_role": "",
            "programme_role": "keizer",
        },
    ],
)
def test_bad_invitation_in_the_admin_shows_errors_and_sends_nothing(
    world: World, data: dict[str, str]
) -> None:
    response = _staff_client(world).post("/admin/snippets/accounts/invitation/add/", data)
    assert response.status_code == 200
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_staff_can_inspect_but_not_edit_an_invitation(world: World) -> None:
    from accounts import services

    invitation, _token = services.invitation_create(
        actor=world.staff, email="x@voorbeeld.nl", programme_role="panel"
    )
    client = _staff_client(world)
    assert (
        client.get(f"/admin/snippets/accounts/invitation/inspect/{invitation.pk}/").status_code
        == 200
    )
    response = client.get(f"/admin/snippets/accounts/invitation/edit/{invitation.pk}/")
    assert response.status_code in (302, 403)
