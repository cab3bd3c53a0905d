"""Security headers on every public page, and check --deploy under production settings."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

ROOT = Path(__file__).resolve().parents[1]

PUBLIC_PAGES = [
    "/",
    "/over-het-programma/",
    "/privacy/",
    "/toegankelijkheid/",
    "/accounts/login/",
    "/accounts/signup/",
    "/accounts/password/reset/",
    "/uitnodiging/onbekend/",
    "/bestaat-niet/",
    "/health/",
]


def _csp(response: Any) -> dict[str, list[str]]:
    directives: dict[str, list[str]] = {}
    for part in response["Content-Security-Policy"].split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PAGES)
def test_public_page_sends_strict_security_headers(
    client: Client, home_page: Any, path: str
) -> None:
    response = client.get(path)
    assert response.status_code in (200, 404)
    csp = _csp(response)
    assert csp["object-src"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert "'unsafe-inline'" not in csp[directive]
        assert "'unsafe-eval'" not in csp[directive]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.django_db
def test_wagtail_admin_gets_its_own_policy_with_the_same_hard_limits(world: Any) -> None:
    client = Client()
    client.force_login(world.staff)
    response = client.get("/admin/")
    assert response.status_code == 200
    csp = _csp(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert csp["object-src"] == ["'none'"]


@pytest.mark.django_db
def test_pages_reference_no_third_party_hosts(client: Client, home_page: Any) -> None:
    for path in ["/", "/accounts/login/"]:
        html = client.get(path).content.decode()
        for marker in ("https://", "http://", "//fonts.", "//cdn"):
            hits = [line for line in html.splitlines() if marker in line and "href" in line]
            assert hits == [], (path, hits)


def _run_production_check(extra_env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "DJANGO_SECRET_KEY": "x" * 20
        + "-a-long-random-production-secret-for-the-check-"
        + "y" * 20,
        "DJANGO_ALLOWED_HOSTS": "tweedespoor.example.nl",
        **extra_env,
    }
    env.pop("DATABASE_URL", None) if "DATABASE_URL" not in extra_env else None
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_passes_with_production_settings() -> None:
    result = _run_production_check({})
    assert result.returncode == 0, result.stdout + result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.production",
        DJANGO_ALLOWED_HOSTS="tweedespoor.example.nl",
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY" in result.stderr
