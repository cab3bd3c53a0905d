"""The Dutch catalogue: complete, faithful to its placeholders, compiled, and covering the code.

The site's msgids are English and its users Dutch, so a missing or stale nl catalogue shows up
as English text on a Dutch site. `make messages` regenerates and compiles the catalogues.
"""

from __future__ import annotations

import gettext
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import translation

REPO = Path(__file__).resolve().parents[1]
LOCALE_DIR = REPO / "site" / "locale"
NL_PO = LOCALE_DIR / "nl" / "LC_MESSAGES" / "django.po"
CATALOGUES = {lang: LOCALE_DIR / lang / "LC_MESSAGES" / "django.po" for lang in ("nl", "en")}

# --- A small .po reader (polib is not a dependency) ------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: str = ""
    msgstr_plural: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)
    references: list[str] = field(default_factory=list)

    @property
    def key(self) -> tuple[str | None, str]:
        return (self.msgctxt, self.msgid)

    @property
    def is_translated(self) -> bool:
        if self.msgid_plural is not None:
            return bool(self.msgstr_plural) and all(self.msgstr_plural.values())
        return bool(self.msgstr)

    def pairs(self) -> list[tuple[str, str]]:
        """(source, translation) pairs; a plural's msgstr[0] renders msgid, the rest msgid_plural."""
        if self.msgid_plural is None:
            return [(self.msgid, self.msgstr)]
        return [
            (self.msgid if index == 0 else self.msgid_plural, text)
            for index, text in sorted(self.msgstr_plural.items())
        ]


_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", '"': '"', "\\": "\\"}
_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+"(.*)"\s*$')


def _unquote(body: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESCAPES.get(m.group(1), m.group(0)), body)


def read_po(path: Path) -> list[Entry]:
    """The active entries of a .po file (obsolete '#~' entries are left out); the header is not."""
    entries: list[Entry] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, str] = {}
        flags: set[str] = set()
        references: list[str] = []
        current: str | None = None
        for line in block.splitlines():
            line = line.strip()
            if line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(",") if flag.strip())
            elif line.startswith("#:"):
                references.extend(line[2:].split())
            elif line.startswith("#") or not line:
                current = None
            elif match := _KEYWORD.match(line):
                current = match.group(1)
                fields[current] = _unquote(match.group(3))
            elif line.startswith('"') and current:
                fields[current] += _unquote(line[1:-1])
        if "msgid" not in fields or (fields["msgid"] == "" and "msgctxt" not in fields):
            continue  # the header, or an obsolete entry
        entries.append(
            Entry(
                msgid=fields["msgid"],
                msgctxt=fields.get("msgctxt"),
                msgid_plural=fields.get("msgid_plural"),
                msgstr=fields.get("msgstr", ""),
                msgstr_plural={
                    int(key[7:-1]): value
                    for key, value in fields.items()
                    if key.startswith("msgstr[")
                },
                flags=flags,
                references=references,
            )
        )
    return entries


def read_header(path: Path) -> tuple[set[str], dict[str, str]]:
    """The header entry's flags and its 'Name: value' fields."""
    text = path.read_text(encoding="utf-8")
    head = text[: text.index('msgid ""')]
    flags = {
        f.strip()
        for line in head.splitlines()
        if line.startswith("#,")
        for f in line[2:].split(",")
    }
    body = text[text.index('msgstr ""') + len('msgstr ""') :].split("\n\n", 1)[0]
    raw = "".join(_unquote(line.strip()[1:-1]) for line in body.splitlines() if line.strip())
    fields = dict(line.split(": ", 1) for line in raw.splitlines() if ": " in line)
    return flags, fields


# Python-format (%(name)s, %s, %d, but not %%) and brace-format ({name}, {0}, {}) placeholders.
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0\- +]*(?:\*|\d+)?(?:\.(?:\*|\d+))?[diouxXeEfFgGcrsa%]")
_BRACE = re.compile(r"(?<!\{)\{[A-Za-z0-9_.\[\]]*(?:![rsa])?(?::[^{}]*)?\}(?!\})")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def placeholders(text: str) -> Counter[str]:
    found = [p for p in _PERCENT.findall(text) if p != "%%"] + _BRACE.findall(text)
    return Counter(found)


def html_tags(text: str) -> Counter[str]:
    return Counter(_TAG.findall(text))


@pytest.fixture(scope="module")
def nl_entries() -> list[Entry]:
    assert NL_PO.is_file(), f"{NL_PO.relative_to(REPO)} is missing: run `make messages`."
    return read_po(NL_PO)


# --- The catalogue itself ---------------------------------------------------------------------


def test_dutch_catalogue_has_no_untranslated_or_fuzzy_entries(nl_entries: list[Entry]) -> None:
    assert len(nl_entries) > 300
    untranslated = [entry.msgid for entry in nl_entries if not entry.is_translated]
    fuzzy = [entry.msgid for entry in nl_entries if "fuzzy" in entry.flags]
    assert untranslated == [], f"Translate these in {NL_PO.relative_to(REPO)}: {untranslated}"
    assert fuzzy == [], f"Check these fuzzy translations and remove the flag: {fuzzy}"


def test_dutch_catalogue_header_declares_dutch_utf8_and_dutch_plural_forms() -> None:
    flags, header = read_header(NL_PO)
    assert "fuzzy" not in flags
    assert header["Language"] == "nl"
    assert header["Content-Type"] == "text/plain; charset=UTF-8"
    assert header["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


def test_dutch_plural_entries_have_both_dutch_forms(nl_entries: list[Entry]) -> None:
    plurals = [entry for entry in nl_entries if entry.msgid_plural is not None]
    assert plurals, "the catalogue should hold the finder's and the consortium list's plurals"
    for entry in plurals:
        assert sorted(entry.msgstr_plural) == [0, 1], entry.msgid


def test_dutch_translations_keep_every_placeholder(nl_entries: list[Entry]) -> None:
    wrong = [
        (source, text)
        for entry in nl_entries
        for source, text in entry.pairs()
        if placeholders(source) != placeholders(text)
    ]
    assert wrong == [], "Placeholders differ between msgid and msgstr:\n" + "\n".join(
        f"  {source!r} -> {text!r}" for source, text in wrong
    )


def test_dutch_translations_keep_every_html_tag(nl_entries: list[Entry]) -> None:
    wrong = [
        (source, text)
        for entry in nl_entries
        for source, text in entry.pairs()
        if html_tags(source) != html_tags(text)
    ]
    assert wrong == [], f"HTML tags differ between msgid and msgstr: {wrong}"


def test_placeholder_check_sees_named_positional_and_brace_placeholders() -> None:
    assert placeholders("%(counter)s found, %s and %d; 100%% {name} {0}") == Counter(
        ["%(counter)s", "%s", "%d", "{name}", "{0}"]
    )
    assert placeholders("Welkom, %(name)s") != placeholders("Welcome, %(naam)s")


# --- The compiled catalogues --------------------------------------------------------------------


@pytest.mark.parametrize("lang", sorted(CATALOGUES))
def test_compiled_catalogue_matches_its_po_file(lang: str, tmp_path: Path) -> None:
    po = CATALOGUES[lang]
    committed_mo = po.with_suffix(".mo")
    assert committed_mo.is_file(), (
        f"{committed_mo.relative_to(REPO)} is missing: run `make messages`."
    )
    msgfmt = shutil.which("msgfmt")
    assert msgfmt, "GNU gettext's msgfmt is needed (Debian: apt-get install gettext)."
    fresh_mo = tmp_path / "django.mo"
    subprocess.run([msgfmt, "--check-format", "-o", str(fresh_mo), str(po)], check=True)

    def catalog(path: Path) -> dict[Any, str]:
        with path.open("rb") as handle:
            return dict(gettext.GNUTranslations(handle)._catalog)  # type: ignore[attr-defined]

    assert catalog(committed_mo) == catalog(fresh_mo), (
        f"{committed_mo.relative_to(REPO)} is stale: run `make messages`."
    )


# --- Coverage of the code: what `make messages` collects ----------------------------------------


def _makemessages_arguments() -> list[str]:
    """The makemessages arguments of the Makefile's `messages` target, as `make messages` runs them."""
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    recipe = re.search(r"^messages:.*\n((?:\t.*\n?)+)", makefile, re.MULTILINE)
    assert recipe, "the Makefile has no `messages` target"
    for line in recipe.group(1).splitlines():
        words = shlex.split(line)
        if "makemessages" in words:
            assert "manage.py" in words, (
                "run makemessages from the repo root: `$(BIN)/python manage.py makemessages`"
            )
            return words[words.index("manage.py") + 1 :]
    raise AssertionError("the `messages` target does not run makemessages")


@pytest.fixture(scope="module")
def fresh_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Run the Makefile's makemessages in a copy of the project, without the committed catalogues."""
    copy = tmp_path_factory.mktemp("repo")
    for source in REPO.iterdir():
        name = source.name
        if name.startswith(".") or name in {"tests", "bench", "node_modules", "var", "htmlcov"}:
            continue
        if source.is_dir():
            shutil.copytree(
                source,
                copy / name,
                ignore=shutil.ignore_patterns("__pycache__", "node_modules", "locale", "*.pyc"),
            )
        elif source.suffix in {".py", ""} or name == "Makefile":
            shutil.copy2(source, copy / name)
    arguments = _only_dutch(_makemessages_arguments())
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("COV_CORE_", "COVERAGE_"))
    }
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    result = subprocess.run(
        [sys.executable, "manage.py", *arguments],
        cwd=copy,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    po = copy / "site" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
    assert po.is_file(), (
        f"makemessages did not write site/locale (LOCALE_PATHS[0]):\n{result.stdout}"
    )
    return po


def _only_dutch(arguments: list[str]) -> list[str]:
    """The same arguments with the locales narrowed to nl: the test only checks Dutch."""
    kept: list[str] = []
    skip_next = False
    for argument in arguments:
        if skip_next:
            skip_next = False
            continue
        if argument in {"-l", "--locale"}:
            skip_next = True
            continue
        if argument.startswith("--locale=") or (argument.startswith("-l") and len(argument) > 2):
            continue
        kept.append(argument)
    return [*kept, "-l", "nl"]


def test_make_messages_collects_strings_from_site_code_and_root_templates(
    fresh_catalogue: Path,
) -> None:
    references = {
        ref.split(":")[0] for entry in read_po(fresh_catalogue) for ref in entry.references
    }
    assert any(ref.startswith("templates/") for ref in references)
    assert any(ref.startswith("site/") and ref.endswith(".py") for ref in references)
    assert not any(
        ref.startswith((".venv/", "tests/")) or "/migrations/" in ref for ref in references
    )


def test_every_string_in_code_and_templates_has_a_dutch_translation(
    fresh_catalogue: Path, nl_entries: list[Entry]
) -> None:
    committed = {entry.key: entry for entry in nl_entries}
    fresh = read_po(fresh_catalogue)
    assert fresh, "makemessages found no strings at all"
    missing = [
        f"{entry.msgid!r} ({', '.join(entry.references[:2])})"
        for entry in fresh
        if entry.key not in committed
        or not committed[entry.key].is_translated
        or (entry.msgid_plural is not None) != (committed[entry.key].msgid_plural is not None)
    ]
    assert missing == [], (
        "Run `make messages` and translate these in site/locale/nl/LC_MESSAGES/django.po:\n  "
        + "\n  ".join(missing)
    )


# --- What Dutch users see -----------------------------------------------------------------------


def test_skip_link_text_is_dutch_under_the_dutch_locale() -> None:
    with translation.override("nl"):
        assert translation.gettext("Skip to main content") == "Direct naar de inhoud"
        assert (
            translation.ngettext("%(counter)s approach found", "%(counter)s approaches found", 2)
            % {"counter": 2}
            == "2 aanpakken gevonden"
        )
    with translation.override("en"):
        assert translation.gettext("Skip to main content") == "Skip to main content"


@pytest.mark.django_db
def test_home_page_shows_dutch_interface_text_to_a_dutch_browser(home_page: Any) -> None:
    html = Client().get("/", HTTP_ACCEPT_LANGUAGE="nl").content.decode()
    assert '<html lang="nl">' in html
    assert "Direct naar de inhoud" in html
    assert "Skip to main content" not in html
    assert "Hoofdmenu" in html  # the main navigation's aria-label


@pytest.mark.django_db
def test_home_page_keeps_english_interface_text_for_an_english_browser(home_page: Any) -> None:
    html = Client().get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Direct naar de inhoud" not in html
