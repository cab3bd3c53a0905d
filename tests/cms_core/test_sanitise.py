"""The one sanitiser keeps a safe subset of HTML and strips everything else."""

from __future__ import annotations

import pytest

from cms_core.sanitise import sanitise_html


def test_basic_formatting_survives() -> None:
    html = "<p><strong>Vet</strong> en <em>schuin</em></p><ul><li>een</li></ul>"
    assert sanitise_html(html) == html


@pytest.mark.parametrize(
    ("dirty", "forbidden"),
    [
        ("<script>alert(1)</script>", "<script"),
        ('<img src=x onerror="alert(1)">', "onerror"),
        ('<a href="javascript:alert(1)">x</a>', "javascript:"),
        ('<p style="position:fixed">x</p>', "style"),
        ("<iframe src='https://x'></iframe>", "<iframe"),
        ("<!-- comment --><p>x</p>", "<!--"),
        ('<p onclick="x()">x</p>', "onclick"),
    ],
)
def test_dangerous_markup_is_removed(dirty: str, forbidden: str) -> None:
    assert forbidden not in sanitise_html(dirty)


def test_external_links_get_safe_rel() -> None:
    result = sanitise_html('<a href="https://www.zonmw.nl">ZonMw</a>')
    assert 'rel="nofollow noopener noreferrer"' in result


def test_plain_urls_become_links() -> None:
    assert '<a href="https://www.zonmw.nl"' in sanitise_html("Zie https://www.zonmw.nl")
