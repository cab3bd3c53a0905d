"""Benchmarks of the running platform: page latency, WebSocket round trip and server memory.

Starts uvicorn (the production server) on a free port with a fresh seeded SQLite database under
var/bench/, measures over loopback only, and prints a Markdown table for BENCHMARKS.md. Bounded:
a fixed number of requests per target, and the server is stopped at the end.

    .venv/bin/python bench/run.py [--requests 200]
"""

from __future__ import annotations

import argparse
import asyncio
import http.cookiejar
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import websockets

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
TARGETS_MS = {
    "/": 100,
    "/over-het-programma/": 100,
    "/accounts/login/": 100,
    "/health/": 50,
    "/mijn/": 150,
    "/consortia/": 150,
}
WS_TARGET_MS = 20
RSS_TARGET_MB = 300


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _env(db: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db}",
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def _percentiles(samples: list[float]) -> tuple[float, float, float]:
    ordered = sorted(samples)
    p95 = ordered[max(0, int(len(ordered) * 0.95) - 1)]
    return statistics.median(ordered), p95, ordered[-1]


def _login(opener: urllib.request.OpenerDirector, base: str, email: str, password: str) -> None:
    page = opener.open(base + "/accounts/login/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)  # type: ignore[union-attr]
    data = urllib.parse.urlencode(
        {"login": email, "password": password, "csrfmiddlewaretoken": token}
    )
    request = urllib.request.Request(
        base + "/accounts/login/",
        data=data.encode(),
        headers={"Referer": base + "/accounts/login/"},
    )
    opener.open(request).read()


def _measure(opener: urllib.request.OpenerDirector, url: str, count: int) -> list[float]:
    for _ in range(5):  # warm-up
        opener.open(url).read()
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        opener.open(url).read()
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def _ws_roundtrips(base: str, cookie: str, count: int) -> list[float]:
    url = base.replace("http://", "ws://") + "/ws/notifications/"
    headers = {"Cookie": cookie, "Origin": base}
    samples = []
    async with websockets.connect(url, additional_headers=headers) as socket_:
        for _ in range(count):
            start = time.perf_counter()
            await socket_.send(json.dumps({"type": "ping"}))
            await socket_.recv()
            samples.append((time.perf_counter() - start) * 1000)
            await asyncio.sleep(0.55)  # stay under the per-connection rate limit (20 per 10 s)
    return samples


def _rss_mb(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024  # type: ignore[union-attr]


def print_table(rows: list[tuple[str, tuple[float, float, float], int]]) -> bool:
    """Print the Markdown table for BENCHMARKS.md; True when a p95 target was missed."""
    print("| measurement | median ms | p95 ms | max ms | target p95 ms | met |")
    print("|---|---:|---:|---:|---:|---|")
    failed = False
    for label, (median, p95, worst), target in rows:
        ok = p95 <= target
        failed |= not ok
        print(
            f"| {label} | {median:.1f} | {p95:.1f} | {worst:.1f} | {target} | {'yes' if ok else 'NO'} |"
        )
    return failed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--ws-messages", type=int, default=20)
    args = parser.parse_args()

    workdir = ROOT / "var" / "bench"
    workdir.mkdir(parents=True, exist_ok=True)
    db = workdir / "bench.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    env = _env(db)
    subprocess.run([PYTHON, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "seed_demo", "--force", "--quiet-accounts"],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )

    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "uvicorn",
            "--app-dir",
            "site",
            "config.asgi:application",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env={**env, "DJANGO_ALLOWED_HOSTS": "127.0.0.1"},
    )
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/health/").read()
                break
            except OSError:
                time.sleep(0.1)
        rows = []
        anonymous = urllib.request.build_opener()
        for path in ["/", "/over-het-programma/", "/accounts/login/", "/health/"]:
            rows.append(
                (
                    f"GET {path} (anonymous)",
                    _percentiles(_measure(anonymous, base + path, args.requests)),
                    TARGETS_MS[path],
                )
            )
        jar = http.cookiejar.CookieJar()
        member = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        _login(member, base, "coordinator@demo.tweedespoor.nl", "Tweede-spoor-demo-2026")
        for path in ["/mijn/", "/consortia/"]:
            rows.append(
                (
                    f"GET {path} (coordinator)",
                    _percentiles(_measure(member, base + path, args.requests)),
                    TARGETS_MS[path],
                )
            )
        cookie = "; ".join(f"{c.name}={c.value}" for c in jar)
        ws = asyncio.run(_ws_roundtrips(base, cookie, args.ws_messages))
        rows.append(("WebSocket ping → pong", _percentiles(ws), WS_TARGET_MS))
        rss = _rss_mb(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=20)

    failed = print_table(rows)
    print(
        f"\nServer RSS after the run: {rss:.0f} MB (target ≤ {RSS_TARGET_MB} MB): {'yes' if rss <= RSS_TARGET_MB else 'NO'}"
    )
    failed |= rss > RSS_TARGET_MB
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
