"""Home and standard pages: page-tree rules, rendering, and the language switch."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase

from home.models import HomePage, StandardPage


class TestPageTree(WagtailPageTestCase):
    def test_home_page_sits_at_the_root_only(self) -> None:
        self.assertAllowedParentPageTypes(HomePage, {Page})

    def test_standard_pages_sit_under_home_or_other_standard_pages(self) -> None:
        self.assertAllowedParentPageTypes(StandardPage, {HomePage, StandardPage})


@pytest.mark.django_db
def test_home_page_explains_the_programme_with_the_2016_figures(home_page: Any) -> None:
    html = Client().get("/").content.decode()
    assert "tweede spoor" in html
    for figure in ("20%", "17%", "24%", "39%"):
        assert figure in html
    assert "n = 408" in html


@pytest.mark.django_db
def test_page_has_landmarks_skip_link_and_language(home_page: Any) -> None:
    html = Client().get("/over-het-programma/").content.decode()
    assert '<html lang="nl">' in html
    assert 'href="#main-content"' in html
    assert '<main id="main-content"' in html
    assert "<header" in html
    assert "<nav" in html
    assert "<footer" in html
    assert 'aria-label="' in html


@pytest.mark.django_db
def test_language_switch_sets_english_and_back(home_page: Any) -> None:
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/privacy/"})
    assert response.status_code == 302
    assert response["Location"] == "/privacy/"
    assert '<html lang="en">' in client.get("/privacy/").content.decode()
    client.post("/i18n/setlang/", {"language": "nl", "next": "/"})
    assert '<html lang="nl">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_language_switch_ignores_unknown_language_and_foreign_next(home_page: Any) -> None:
    client = Client()
    response = client.post(
        "/i18n/setlang/", {"language": "xx", "next": "https://evil.example.com/"}
    )
    assert response.status_code == 302
    assert "evil.example.com" not in response["Location"]
    assert '<html lang="nl">' in client.get("/").content.decode()


@pytest.mark.django_db
def test_unknown_page_gives_a_friendly_404(home_page: Any) -> None:
    response = Client().get("/bestaat-niet/")
    assert response.status_code == 404
    assert "<main" in response.content.decode()
