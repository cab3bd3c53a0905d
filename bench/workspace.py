"""Workspace benchmark: importing a year of trajectories, and the timeline of 200 cycles.

On a fresh database (SQLite under var/bench/, or PostgreSQL database `bench_workspace` on
127.0.0.1) loaded by seed_demo:

1. Issues 20,000 pseudonym codes to the demo consortium Samen Verder Noord and writes an XLSX
   with 20,000 trajectories (about the yearly national volume of 2nd-track trajectories).
2. Imports it in a fresh process through `action_research.services.records_import` (parsing,
   validation of every row, history rows, all in one transaction): wall time and the process's
   peak RSS. Then imports the same file again (idempotent: nothing changes) and times that too.
3. Adds cycles until the workspace has 200, starts uvicorn (one worker, DEBUG off) and requests
   the workspace page (timeline of 200 cycles, with the 20,000 trajectories' follow-ups counted)
   as the coordinator, sequentially over loopback: median, p95 and max latency.

Targets (issue 4): import under 20 s and 500 MB peak; timeline p95 under 100 ms. Prints Markdown
rows for BENCHMARKS.md and exits non-zero when a target is missed.

    .venv/bin/python bench/workspace.py --database sqlite|postgres [--rows 20000] [--requests 200]
"""

from __future__ import annotations

import argparse
import datetime
import http.cookiejar
import json
import os
import random
import resource
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _free_port, _login, _measure, _percentiles, _rss_mb, print_table

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
SLUG = "samen-verder-noord"
IMPORT_SECONDS, IMPORT_MB, TIMELINE_MS, CYCLES = 20, 500, 100, 200
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_workspace"
WORK = ROOT / "var" / "bench"


def _database_url(kind: str) -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    if kind == "sqlite":
        db = WORK / "workspace.sqlite3"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{db}"
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS bench_workspace")
        connection.execute("CREATE DATABASE bench_workspace")
    return PG_URL


# --- Workers: run in their own process, so that memory is measured for the import alone --------


def _django() -> None:
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()


def _coordinator():  # type: ignore[no-untyped-def]
    from accounts.models import Consortium, User

    return (
        User.objects.get(email="coordinator@demo.tweedespoor.nl"),
        Consortium.objects.get(slug=SLUG),
    )


def worker_prepare(path: Path, rows: int) -> None:
    """Issue the codes and write the XLSX file (not timed)."""
    _django()
    from django.utils import timezone
    from openpyxl import Workbook

    from action_research import services
    from action_research.models import add_months

    user, consortium = _coordinator()
    codes: list[str] = []
    while len(codes) < rows:
        codes += services.codes_issue(
            actor=user, consortium=consortium, count=min(5000, rows - len(codes))
        )
    rng = random.Random(2026)  # noqa: S311 - synthetic data, not secrets
    today = timezone.localdate()
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("gegevens")
    sheet.append(
        ["pseudoniem", "inclusiedatum", "ziekteweek_bij_inclusie", "week_start_2e_spoor",
         "aandoening", "omvang_werkgever", "sector", "uitkomst", "uitkomstdatum",
         "soort_plaatsing", "uitkomst_toelichting", "werkzaam_na_6_maanden", "werkzaam_na_12_maanden"]
    )  # fmt: skip
    outcomes = [
        "lopend",
        "plaatsing-2e-spoor",
        "terugkeer-eigen-werkgever",
        "ziek-uit-dienst",
        "wia-instroom",
    ]
    for code in codes:
        included = today - datetime.timedelta(days=rng.randint(400, 720))
        outcome = rng.choices(outcomes, [24, 20, 17, 25, 14])[0]
        done = outcome != "lopend"
        outcome_date = included + datetime.timedelta(days=rng.randint(60, 300)) if done else None
        work = outcome in ("plaatsing-2e-spoor", "terugkeer-eigen-werkgever")
        week = rng.randint(20, 70)
        sheet.append(
            [
                code,
                included,
                week,
                week + rng.randint(0, 8),
                rng.choice(["psychisch", "bewegingsapparaat", "kanker", "neurologisch"]),
                rng.choice(["micro", "klein", "middel", "groot"]),
                rng.choice(["zorg", "bouw", "handel", "logistiek", "onderwijs"]),
                outcome,
                outcome_date,
                rng.choice(["vast", "tijdelijk", "detachering"])
                if outcome == "plaatsing-2e-spoor"
                else None,
                None,
                rng.choice(["ja", "nee"])
                if work and add_months(outcome_date, 6) <= today
                else None,
                None,
            ]
        )
    workbook.save(path)


def worker_import(path: Path) -> None:
    """Import the file once; print the time and this process's peak memory as JSON."""
    _django()
    from action_research import services

    user, consortium = _coordinator()
    content = path.read_bytes()
    start = time.perf_counter()
    result = services.records_import(
        actor=user, consortium=consortium, kind="trajecten", filename=path.name, content=content
    )
    seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    batch = result.batch
    print(json.dumps({"seconds": seconds, "peak_mb": peak_mb, "created": batch.created,
                      "changed": batch.changed, "unchanged": batch.unchanged}))  # fmt: skip


def worker_cycles(total: int) -> None:
    """Add cycles until the workspace has `total`."""
    _django()
    from action_research import services
    from action_research.models import Cycle

    user, consortium = _coordinator()
    start = datetime.date(2021, 1, 4)
    existing = Cycle.objects.filter(project__consortium=consortium).count()
    for number in range(existing + 1, total + 1):
        services.cycle_create(
            actor=user,
            consortium=consortium,
            data={
                "period_start": start + datetime.timedelta(weeks=number),
                "plan_question": f"Werkt stap {number} beter dan de vorige?",
                "plan_change": f"Aanpassing {number} aan de begeleiding van werkgevers.",
                "observe": "Gesprekken met werkgevers en werknemers; logboek van de coach.",
                "reflect_learned": "Korte lijnen helpen; werkgevers willen een vast aanspreekpunt.",
                "reflect_next": f"Aanpassing {number + 1} aan de begeleiding van werkgevers.",
                "constructs": ["dosis", "context"],
                "participant_roles": ["werkgever", "werknemer", "professional"],
            },
        )


def worker_miss(requests: int) -> None:
    """The workspace page right after a cycle changed (the cached timeline must be rendered
    again), in-process through Django's test client: median, p95 and max in ms as JSON."""
    _django()
    from django.test import Client

    from action_research import services
    from action_research.models import Cycle

    user, consortium = _coordinator()
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)
    path = f"/consortia/{SLUG}/werkruimte/"
    cycle = Cycle.objects.filter(project__consortium=consortium).order_by("-number").first()
    if cycle is None:
        raise SystemExit("run worker-cycles first")
    samples = []
    for index in range(requests):
        cycle = services.cycle_update(
            actor=user, cycle=cycle, data={"act": f"Stap {index}."}, version=cycle.version
        )
        start = time.perf_counter()
        client.get(path)
        samples.append((time.perf_counter() - start) * 1000)
    print(json.dumps(_percentiles(samples)))


# --- The run ------------------------------------------------------------------------------------


def _run(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [PYTHON, __file__, *args], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return done.stdout.strip().splitlines()[-1] if done.stdout.strip() else ""


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(args.database),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo", "--force", "--quiet-accounts"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip

    xlsx = WORK / f"trajecten-{args.rows}.xlsx"
    started = time.perf_counter()
    _run(env, "worker-prepare", str(xlsx), str(args.rows))
    print(f"Prepared {args.rows} codes and {xlsx.name} ({xlsx.stat().st_size / 1e6:.1f} MB) "
          f"in {time.perf_counter() - started:.0f} s")  # fmt: skip
    first = json.loads(_run(env, "worker-import", str(xlsx)))
    again = json.loads(_run(env, "worker-import", str(xlsx)))
    print(f"First import: {first}\nSame file again: {again}")
    _run(env, "worker-cycles", str(CYCLES))
    miss = tuple(json.loads(_run(env, "worker-miss", "50")))

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [PYTHON, "-m", "uvicorn", "--app-dir", "site", "config.asgi:application",
         "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health/").read()
                break
            except OSError:
                time.sleep(0.1)
        jar = http.cookiejar.CookieJar()
        member = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _login(member, base, "coordinator@demo.tweedespoor.nl", "Tweede-spoor-demo-2026")
        page = member.open(f"{base}/consortia/{SLUG}/werkruimte/").read().decode()
        shown = page.count('class="timeline__item"')
        timeline = _percentiles(
            _measure(member, f"{base}/consortia/{SLUG}/werkruimte/", args.requests)
        )
        trajectories = _percentiles(
            _measure(member, f"{base}/consortia/{SLUG}/werkruimte/trajecten/", args.requests)
        )
        rss = _rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    print(
        f"\n{args.database}: the timeline shows {shown} cycles; server RSS after the run {rss:.0f} MB\n"
    )
    failed = print_table(
        [
            (
                f"workspace timeline, {shown} cycles, {args.rows + 72:,} trajectories",
                timeline,
                TIMELINE_MS,
            ),
            ("the same, right after a cycle changed (in-process, 50 times)", miss, TIMELINE_MS),
            (f"trajectory list, page 1 of {args.rows + 72:,}", trajectories, 150),
        ]
    )
    ok_first = first["seconds"] <= IMPORT_SECONDS and first["peak_mb"] <= IMPORT_MB
    print(f"\n| import {args.rows:,} trajectories (XLSX) | {first['seconds']:.1f} s | peak {first['peak_mb']:.0f} MB | "
          f"{first['created']} new | target {IMPORT_SECONDS} s, {IMPORT_MB} MB | {'yes' if ok_first else 'NO'} |")  # fmt: skip
    print(f"| same file again | {again['seconds']:.1f} s | peak {again['peak_mb']:.0f} MB | "
          f"{again['created']} new, {again['changed']} changed, {again['unchanged']} unchanged | | |")  # fmt: skip
    failed |= not ok_first or shown != CYCLES or again["created"] or again["changed"]
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1].startswith("worker-"):
        command = sys.argv[1]
        if command == "worker-prepare":
            worker_prepare(Path(sys.argv[2]), int(sys.argv[3]))
        elif command == "worker-import":
            worker_import(Path(sys.argv[2]))
        elif command == "worker-cycles":
            worker_cycles(int(sys.argv[2]))
        elif command == "worker-miss":
            worker_miss(int(sys.argv[2]))
    else:
        main()
