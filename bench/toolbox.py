"""Toolbox benchmark: 1,000 published approaches, measured through the real ASGI server.

Fills a fresh database (SQLite under var/bench/, or PostgreSQL database `bench_toolbox` on
127.0.0.1) with seed_demo plus `fill_toolbox --total 1000`, starts uvicorn (one worker) and
measures over loopback, sequentially: approach pages (rotating over 50 approaches), the index
with combined filters, a full-text search, the guided finder and a comparison. Prints a Markdown
table for BENCHMARKS.md and exits non-zero when a p95 target is missed.

    .venv/bin/python bench/toolbox.py --database sqlite|postgres [--requests 200]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _free_port, _percentiles, _rss_mb, print_table

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
APPROACH_TARGET_MS = 50
SEARCH_TARGET_MS = 150
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_toolbox"


def _database_url(kind: str, *, reuse: bool = False) -> str:
    if kind == "sqlite":
        db = ROOT / "var" / "bench" / "toolbox.sqlite3"
        db.parent.mkdir(parents=True, exist_ok=True)
        for suffix in ("", "-wal", "-shm") if not reuse else ():
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{db}"
    if reuse:
        return PG_URL
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS bench_toolbox")
        connection.execute("CREATE DATABASE bench_toolbox")
    return PG_URL


def _timed(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url) as response:
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
    return (time.perf_counter() - start) * 1000


def _measure(base: str, paths: list[str], count: int) -> list[float]:
    for path in paths[-5:]:
        _timed(base + path)  # warm-up (from the end: a cold list stays cold)
    return [_timed(base + paths[i % len(paths)]) for i in range(count)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--approaches", type=int, default=1000)
    parser.add_argument(
        "--reuse", action="store_true", help="Measure the database of the previous run again."
    )
    args = parser.parse_args()

    env = {
        **os.environ,
        "DATABASE_URL": _database_url(args.database, reuse=args.reuse),
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    env.pop("REDIS_URL", None)
    started = time.perf_counter()
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [*manage, "seed_demo", "--force", "--quiet-accounts"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    subprocess.run(  # adds only what is missing: quick with --reuse
        [*manage, "fill_toolbox", "--force", "--total", str(args.approaches)],
        cwd=ROOT,
        env=env,
        check=True,
    )
    fill_seconds = time.perf_counter() - started

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            *(PYTHON, "-m", "uvicorn", "--app-dir", "site", "config.asgi:application"),
            *("--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"),
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health/").read()
                break
            except OSError:
                time.sleep(0.1)
        slugs = _approach_slugs(env, count=50)
        approach_paths = [f"/gereedschapskist/{slug}/" for slug in slugs]
        # Check the rotation hits real pages before measuring.
        existing = [p for p in approach_paths if _try(base + p)]
        cases = [
            (f"approach page (rotating over {len(existing)})", existing, APPROACH_TARGET_MS),
            (
                "index, combined filters (theme + employees + week + level)",
                [
                    "/gereedschapskist/?thema=eigen-regie&werknemers=psychische-klachten&week=30&niveau=3",
                    "/gereedschapskist/?thema=verlaging-van-drempels&omvang=klein&niveau=2",
                    "/gereedschapskist/?sector=zorg&werknemers=kanker&kosten=2000",
                ],
                SEARCH_TARGET_MS,
            ),
            (
                "index, full-text search within a filter",
                [
                    "/gereedschapskist/?q=werkgever",
                    "/gereedschapskist/?q=detachering&thema=verlaging-van-drempels",
                    "/gereedschapskist/?q=gesprek+bedrijfsarts",
                ],
                SEARCH_TARGET_MS,
            ),
            (
                "index, full-text search, cold (every request a new search: no cache hit)",
                [
                    f"/gereedschapskist/?q={word}&kosten={1000 + number}"
                    for number, word in enumerate(
                        ["werkgever", "gesprek", "detachering", "bedrijfsarts", "budget"] * 60
                    )
                ],
                SEARCH_TARGET_MS,
            ),
            ("index, unfiltered (page 1 of 50)", ["/gereedschapskist/"], SEARCH_TARGET_MS),
            (
                "guided finder, four answers",
                [
                    "/gereedschapskist/keuzehulp/?rol=werkgever&periode=26-52&klacht=psychische-klachten&omvang=klein",
                    "/gereedschapskist/keuzehulp/?rol=werknemer&periode=52-104&klacht=kanker",
                ],
                SEARCH_TARGET_MS,
            ),
            (
                "compare three approaches",
                [
                    "/gereedschapskist/vergelijk/?"
                    + "&".join(f"aanpak={slug}" for slug in slugs[i : i + 3])
                    for i in range(0, 30, 3)
                ],
                SEARCH_TARGET_MS,
            ),
        ]
        rows = []
        for label, paths, target in cases:
            rows.append((label, _percentiles(_measure(base, paths, args.requests)), target))
        rss = _rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    print(
        f"Database: {args.database}; {args.approaches} approaches; filled in {fill_seconds:.0f} s"
    )
    failed = print_table(rows)
    print(f"\nServer RSS after the run: {rss:.0f} MB")
    sys.exit(1 if failed else 0)


def _approach_slugs(env: dict[str, str], count: int) -> list[str]:
    """Slugs of generated approaches spread over the toolbox (not only the demo's 14)."""
    code = (
        "from toolbox.models import ApproachPage;"
        "qs = ApproachPage.objects.live().order_by('pk').values_list('slug', flat=True);"
        f"print('\\n'.join(list(qs)[20::19][:{count}]))"
    )
    output = subprocess.run(
        [PYTHON, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line for line in output.splitlines() if re.fullmatch(r"[a-z0-9-]+", line)]


def _try(url: str) -> bool:
    try:
        _timed(url)
    except OSError:
        return False
    return True


if __name__ == "__main__":
    main()
