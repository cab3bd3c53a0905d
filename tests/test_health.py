"""The /health/ endpoint reports on the database and the channel layer."""

from __future__ import annotations

from unittest import mock

import pytest
from django.test import Client


@pytest.mark.django_db
def test_health_reports_ok_when_database_and_channel_layer_answer(client: Client) -> None:
    response = client.get("/health/")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": True, "channel_layer": True},
    }
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_answers_503_when_the_channel_layer_is_down(client: Client) -> None:
    with mock.patch("config.views.get_channel_layer", return_value=None):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": True, "channel_layer": False}


@pytest.mark.django_db
def test_health_answers_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("config.views.connection.cursor", side_effect=RuntimeError("down")):
        response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] is False


@pytest.mark.django_db
def test_health_refuses_other_methods(client: Client) -> None:
    assert client.post("/health/").status_code == 405
