"""Demo workspaces for five consortia (idempotent): cycles, process evaluation, trajectories,
costs and experience-expert involvement.

Dates are relative to today, so the demo stays current. Process evaluation, trajectories and
costs come in through the real import path (CSV files built here), so the demo also shows import
batches in the history; numbers are drawn with a fixed seed per consortium.
"""

from __future__ import annotations

import csv
import datetime
import io
import random
import zlib
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

from accounts.models import Consortium, User
from action_research import services
from action_research.demo.texts import CYCLES, EXPERTS, INPUTS, PROJECT_TEXTS
from action_research.models import Cycle, Expert, Project, add_months


@dataclass(frozen=True)
class Profile:
    trajectories: int
    started_weeks_ago: int
    placed: float  # share placed at a new employer among finished trajectories
    sectors: tuple[str, ...]


PROFILES = {
    "samen-verder-noord": Profile(
        72, 80, 0.36, ("zorg", "handel", "bouw", "logistiek", "zakelijk", "horeca")
    ),
    "het-goede-gesprek": Profile(
        58, 70, 0.28, ("zakelijk", "onderwijs", "overheid", "financieel", "zorg")
    ),
    "regie-in-eigen-hand": Profile(
        64, 84, 0.33, ("industrie", "logistiek", "zorg", "overheid", "ict")
    ),
    "zorg-voor-elkaar": Profile(45, 66, 0.40, ("zorg",)),
    "afscheid-en-nieuw-begin": Profile(
        31, 44, 0.22, ("onderwijs", "zorg", "zakelijk", "industrie")
    ),
}
CONDITIONS = (
    ("psychisch", 38),
    ("bewegingsapparaat", 22),
    ("kanker", 11),
    ("hart-en-vaatziekten", 6),
    ("neurologisch", 7),
    ("vermoeidheid", 8),
    ("overig-lichamelijk", 5),
    ("meervoudig", 3),
)
SIZES = (("micro", 12), ("klein", 30), ("middel", 33), ("groot", 25))
PLACEMENTS = (("tijdelijk", 45), ("vast", 20), ("detachering", 20), ("werkervaringsplaats", 15))


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    return rng.choices([value for value, _w in weighted], [w for _v, w in weighted])[0]


def _weeks_ago(today: datetime.date, weeks: int) -> datetime.date:
    return today - datetime.timedelta(weeks=weeks)


def _csv(rows: list[dict[str, Any]]) -> bytes:
    fieldnames = list(dict.fromkeys(name for row in rows for name in row))
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fieldnames, restval="")
    writer.writeheader()
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8")


def record_keeper(consortium: Consortium) -> User | None:
    """The consortium's coordinator (else its researcher): who keeps its demo records."""
    for role in ("coordinator", "researcher"):
        user = (
            User.objects.filter(
                memberships__consortium=consortium,
                memberships__is_active=True,
                memberships__role=role,
            )
            .order_by("pk")
            .first()
        )
        if user is not None:
            return user
    return None


def _seed_cycles(author: User, consortium: Consortium, today: datetime.date) -> dict[int, Cycle]:
    cycles: dict[int, Cycle] = {}
    for start, end, question, change, act, observe, constructs, learned, nxt, roles in CYCLES[
        consortium.slug
    ]:
        cycle = services.cycle_create(
            actor=author,
            consortium=consortium,
            data={
                "period_start": _weeks_ago(today, start),
                "period_end": _weeks_ago(today, end) if end is not None else None,
                "plan_question": question,
                "plan_change": change,
                "act": act,
                "observe": observe,
                "constructs": constructs,
                "reflect_learned": learned,
                "reflect_next": nxt,
                "participant_roles": roles,
            },
        )
        if end is not None:  # a finished period: the cycle is closed
            cycle = services.cycle_close(actor=author, cycle=cycle)
        cycles[cycle.number] = cycle
    return cycles


def _seed_experts(
    author: User, consortium: Consortium, cycles: dict[int, Cycle], today: datetime.date
) -> None:
    experts: dict[str, Expert] = {}
    for label, background, levels, email in EXPERTS.get(consortium.slug, []):
        experts[label] = services.expert_create(
            actor=author,
            consortium=consortium,
            data={
                "label": label,
                "background": background,
                "levels": levels,
                "user": User.objects.filter(email=email).first() if email else None,
            },
        )
    for weeks, phase, channel, label, brought_in, done, response, cycle in INPUTS.get(
        consortium.slug, []
    ):
        services.expert_input_create(
            actor=author,
            consortium=consortium,
            data={
                "date": _weeks_ago(today, weeks),
                "phase": phase,
                "channel": channel,
                "expert": experts.get(label) if label else None,
                "brought_in": brought_in,
                "done_with_it": done,
                "response": response,
                "cycle": cycles.get(cycle) if cycle else None,
            },
        )


def _quarters(first: datetime.date, today: datetime.date) -> list[str]:
    """Every quarter from the one holding `first` up to the last one that has ended."""
    year, quarter = first.year, (first.month - 1) // 3 + 1
    current = (today.year, (today.month - 1) // 3 + 1)
    codes = []
    while (year, quarter) < current:
        codes.append(f"{year}-Q{quarter}")
        year, quarter = (year + 1, 1) if quarter == 4 else (year, quarter + 1)
    return codes


def _process_rows(rng: random.Random, quarters: list[str]) -> list[dict[str, Any]]:
    rows = []
    for index, quarter in enumerate(quarters):
        eligible = rng.randint(18, 42)
        invited = round(eligible * rng.uniform(0.65, 0.9))
        included = round(invited * rng.uniform(0.5, 0.8))
        dropouts = rng.randint(0, max(1, included // 6))
        rows.append(
            {
                "periode": quarter,
                "in_aanmerking": eligible,
                "uitgenodigd": invited,
                "geincludeerd": included,
                "dosis_geleverd_pct": f"{min(100, 62 + index * 5 + rng.randint(0, 8))}",
                "dosis_ontvangen_pct": f"{min(100, 55 + index * 4 + rng.randint(0, 10))}",
                "trouw_pct": f"{min(100, 60 + index * 5 + rng.randint(0, 8))}",
                "tevredenheid_gemiddeld": f"{rng.uniform(6.6, 8.2):.1f}".replace(".", ","),
                "tevredenheid_n": max(1, included - dropouts - rng.randint(0, 3)),
                "uitval": dropouts,
                "uitval_redenen": "Terugval in gezondheid; de werknemer koos voor een eigen traject."
                if dropouts
                else "",
                "werving": "Via bedrijfsartsen en casemanagers van de deelnemende werkgevers.",
                "belemmeringen": "Werkgevers twijfelen over de verzekering tijdens een proefplaatsing."
                if index % 2 == 0
                else "Lange wachttijd bij de arbeidsdeskundige.",
                "bevorderende_factoren": "Korte lijnen tussen coach en werkgever.",
            }
        )
    return rows


def _trajectory_rows(
    rng: random.Random, profile: Profile, codes: list[str], today: datetime.date
) -> list[dict[str, Any]]:
    rows = []
    for code in codes:
        included_on = _weeks_ago(today, rng.randint(2, profile.started_weeks_ago))
        week = max(8, min(100, round(rng.gauss(40, 12))))
        row: dict[str, Any] = {
            "pseudoniem": code,
            "inclusiedatum": included_on.isoformat(),
            "ziekteweek_bij_inclusie": week,
            "week_start_2e_spoor": week + rng.randint(0, 6) if rng.random() < 0.85 else "",
            "aandoening": _pick(rng, CONDITIONS),
            "omvang_werkgever": _pick(rng, SIZES),
            "sector": rng.choice(profile.sectors),
            "uitkomst": "lopend",
        }
        weeks_in = (today - included_on).days // 7
        if weeks_in > 14 and rng.random() < min(0.9, weeks_in / 40):
            outcome = rng.choices(
                [
                    "plaatsing-2e-spoor",
                    "terugkeer-eigen-werkgever",
                    "ziek-uit-dienst",
                    "ontslag",
                    "wia-instroom",
                    "anders",
                ],
                [profile.placed, 0.18, 0.16, 0.07, 0.08, 0.04],
            )[0]
            outcome_date = included_on + datetime.timedelta(
                weeks=rng.randint(8, max(9, weeks_in - 1))
            )
            outcome_date = min(outcome_date, today - datetime.timedelta(days=1))
            row.update({"uitkomst": outcome, "uitkomstdatum": outcome_date.isoformat()})
            if outcome == "plaatsing-2e-spoor":
                row["soort_plaatsing"] = _pick(rng, PLACEMENTS)
            if outcome == "anders":
                row["uitkomst_toelichting"] = "Gestart als zelfstandige"
            if outcome in ("plaatsing-2e-spoor", "terugkeer-eigen-werkgever"):
                for months, column in (
                    (6, "werkzaam_na_6_maanden"),
                    (12, "werkzaam_na_12_maanden"),
                ):
                    if add_months(outcome_date, months) <= today and rng.random() < (
                        0.75 if months == 6 else 0.6
                    ):
                        row[column] = "ja" if rng.random() < 0.8 else "nee"
        rows.append(row)
    return rows


def _cost_rows(
    rng: random.Random, quarters: list[str], trajectories: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for quarter in quarters:
        hours = rng.randint(60, 140)
        rows += [
            {
                "periode": quarter,
                "categorie": "coordinatie",
                "betaler": "samenleving",
                "omschrijving": "Projectcoördinatie en netwerkoverleg",
                "bedrag_eur": f"{rng.randint(5, 9) * 1000}",
                "aantal": "",
                "eenheid": "",
                "pseudoniem": "",
            },
            {
                "periode": quarter,
                "categorie": "begeleiding",
                "betaler": "huidige-werkgever",
                "omschrijving": "Re-integratiecoaching",
                "bedrag_eur": f"{hours * 95}",
                "aantal": hours,
                "eenheid": "uren",
                "pseudoniem": "",
            },
            {
                "periode": quarter,
                "categorie": "scholing",
                "betaler": "verzekeraar",
                "omschrijving": "Korte omscholing en certificaten",
                "bedrag_eur": f"{rng.randint(2, 6) * 850}",
                "aantal": "",
                "eenheid": "",
                "pseudoniem": "",
            },
        ]
    for row in trajectories:
        if row["uitkomst"] == "plaatsing-2e-spoor":
            date = datetime.date.fromisoformat(row["uitkomstdatum"])
            quarter = f"{date.year}-Q{(date.month - 1) // 3 + 1}"
            rows.append(
                {
                    "periode": quarter,
                    "categorie": "proefplaatsing",
                    "betaler": "nieuwe-werkgever",
                    "omschrijving": "Inwerken tijdens de proefplaatsing",
                    "bedrag_eur": f"{rng.randint(8, 24) * 100}",
                    "aantal": rng.randint(4, 12),
                    "eenheid": "dagen",
                    "pseudoniem": row["pseudoniem"],
                }
            )
    return rows


def seed_workspaces() -> int:
    """Fill the demo workspaces that are still empty; returns how many were filled."""
    today = timezone.localdate()
    filled = 0
    for slug, profile in PROFILES.items():
        consortium = Consortium.objects.filter(slug=slug).first()
        if consortium is None or Cycle.objects.filter(project__consortium=consortium).exists():
            continue
        author = record_keeper(consortium)
        if author is None:
            continue
        rng = random.Random(zlib.crc32(slug.encode()))  # noqa: S311 - demo numbers, not secrets
        project = services.project_get_or_create(actor=author, consortium=consortium)
        texts = PROJECT_TEXTS.get(slug, {})
        if texts:
            manager = (
                author
                if author.memberships.filter(consortium=consortium, role="coordinator").exists()
                else None
            )
            if manager is not None:
                services.project_update(
                    actor=manager, consortium=consortium, data=texts, version=project.version
                )
        cycles = _seed_cycles(author, consortium, today)
        _seed_experts(author, consortium, cycles, today)
        quarters = _quarters(_weeks_ago(today, profile.started_weeks_ago), today)
        if quarters:
            services.records_import(
                actor=author,
                consortium=consortium,
                kind="procesevaluatie",
                filename="procesevaluatie-per-kwartaal.csv",
                content=_csv(_process_rows(rng, quarters)),
            )
        codes = services.codes_issue(
            actor=author, consortium=consortium, count=profile.trajectories + 10
        )
        trajectories = _trajectory_rows(rng, profile, codes[: profile.trajectories], today)
        services.records_import(
            actor=author,
            consortium=consortium,
            kind="trajecten",
            filename="trajecten.csv",
            content=_csv(trajectories),
        )
        if quarters:
            services.records_import(
                actor=author,
                consortium=consortium,
                kind="kosten",
                filename="kosten.csv",
                content=_csv(_cost_rows(rng, quarters, trajectories)),
            )
        filled += 1
    return filled


__all__ = ["PROFILES", "Project", "record_keeper", "seed_workspaces"]
