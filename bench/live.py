"""Live discussion benchmark: N WebSocket clients in one learning network, and the saturation point.

The system under test is the real ASGI stack: uvicorn (one process, or `--workers 2`) running
`config.asgi:application` with DEBUG off and without per-message compression (as in production),
the Redis channel layer and Redis cache (`REDIS_URL`, a Redis database of its own, emptied first)
and PostgreSQL (a fresh database `bench_live` loaded by `seed_demo`). The setup adds benchmark
accounts (500) as members of the demo network "Leernetwerk Goede dialoog", starts one thread per
8 of them, and gives each account a session (Django's `force_login`: allauth allows only 30
logins per minute from one address; the first account logs in through allauth over HTTP, as
bench/run.py does).

The clients run in a few separate processes (`--client-processes`; their CPU is reported so a
busy client shows). Connection i belongs to account i mod `--accounts`. Each client connects
with the session cookie and an Origin header, waits for `hello`, tells the server which thread it
views (its account's thread), and sends a heartbeat every 30 s as the site's script does. The
first S connections also post: `post.create` with a text carrying a token with the send time
(CLOCK_MONOTONIC, the same in every process of the machine). Every client, senders included,
takes the receive time of each `post.created` and subtracts the send time. A post is expected at
every connected client; a delivery that never arrives counts as infinitely late, so the share
delivered and the percentiles tell the same story. Posts go out on a fixed schedule (open loop:
a slow server does not slow the senders down) spread over S = rate / 0.25 senders, each posting
every 4 s or slower, well inside the application's limits (5 posts per 10 s per member, 20
messages per 10 s per connection), which stay as they are. So at N clients the posts are capped
at N / 4 per second: a sweep that reaches the cap before p99 passes 1 s gives a lower bound.

For each server, with clients connected in steps (50, 200, 500 by default):
1. at each N: a 3 s warm-up, then `--duration` seconds at `--rate` posts per second (a busy
   discussion): p50/p95/p99 from send to receipt and the share delivered;
2. at each N of `--sweep-clients` (200 and 500): the rate raised by half each step
   (`--sweep-duration` seconds each, waiting for quiet in between) until p99 passes 1 s, then
   two steps of bisection. The saturation point is the most deliveries per second (posts per
   second x clients) with p99 under 1 s and everything delivered.

References, in the same run, driven by the same client code and the same sweeps:
- the floor: a minimal broadcast server written with `websockets` (`worker-floor`: every message
  it receives goes to every connected client), without compression like the application;
- the ASGI floor: the same relay as a bare ASGI application on uvicorn (`worker-asgi-floor`),
  which shows what the ASGI server's own path costs;
- the fan-out alone: the application on one process, with post events sent straight into the
  network's group by a publisher process (`worker-publish`), so nothing is stored: channel
  layer, consumers and server only. The publisher starts Django and connects to Redis before the
  step begins, so its schedule holds and its start-up is not in the step's CPU figures.

Targets (issue 5): 100 % delivered at 2 posts/s; p99 under 100 ms at 200 clients; saturation
throughput at least a third of the floor's. Prints Markdown tables for BENCHMARKS.md and exits
non-zero when a target is missed. Wait until no test suite runs (the machine has 2 cores); each
row says whether pytest was running during it.

    .venv/bin/python bench/live.py [--clients 50,200,500] [--rate 2] [--duration 20]
        [--processes 1,2] [--sweep-clients 200,500] [--no-floor] [--no-fanout] [--quick]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import multiprocessing
import os
import random
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from run import _free_port, _login, _rss_mb

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
PASSWORD = "Tweede-spoor-demo-2026"  # noqa: S105 - the demo accounts' published password
PG_ADMIN_URL = "postgres://postgres@127.0.0.1:5432/postgres"
PG_URL = "postgres://postgres@127.0.0.1:5432/bench_live"
REDIS_URL = "redis://127.0.0.1:6379/4"  # not 3: the browser tests' server uses that one
SENDER_RATE = 0.25  # posts per second per sender: one every 4 s (the application allows 0.5)
PER_THREAD = 8  # senders per thread: a busy network has several conversations going at once
TARGET_SHARE, TARGET_P99_MS, TARGET_P99_AT, FLOOR_SHARE = 1.0, 100.0, 200, 1 / 3
SATURATED_MS = 1000.0
FLOOR = "websockets floor"
ASGI_FLOOR = "ASGI floor (uvicorn)"
FANOUT = "Channels, 1 process, fan-out alone"
REFERENCES = (FLOOR, ASGI_FLOOR, FANOUT)
QUICK = {"clients": "10,30", "duration": 4.0, "processes": "1", "sweep_clients": "30",
         "sweep_duration": 3.0, "max_steps": 3, "accounts": 40}  # fmt: skip
TOKEN = re.compile(r"\[bench (\d+) (\d+) (\d+)\]")
# The app's post.created (encoded once per broadcast, compact), and the floor's relayed post.create.
POST_FRAMES = ('{"type":"post.created"', '{"type": "post.create"')
HEARTBEAT = '{"type": "heartbeat"}'  # what the client sends, and what the server answers
CLK_TCK = os.sysconf("SC_CLK_TCK")


# --- Setup: runs in its own Django process ------------------------------------------------------


def worker_setup(accounts: int) -> None:
    """Benchmark accounts as members of the first demo network, threads, sessions (as JSON)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from allauth.account.models import EmailAddress
    from django.conf import settings
    from django.contrib.auth.hashers import make_password
    from django.test import Client

    from accounts.models import User
    from learning_network import services
    from learning_network.demo import NETWORKS
    from learning_network.models import Category, LearningNetwork

    staff = User.objects.get(email="programmastaf@demo.tweedespoor.nl")
    network = LearningNetwork.objects.get(name=NETWORKS[0]["name"])
    category = Category.objects.get(network=network, name="Algemeen")
    password = make_password(PASSWORD)  # hashed once: the accounts share it
    users = []
    for index in range(accounts):
        email = f"deelnemer{index:03d}@bench.tweedespoor.nl"
        user, _created = User.objects.update_or_create(
            email=email,
            defaults={"display_name": f"Deelnemer {index}", "full_name": f"Deelnemer {index}",
                      "password": password},
        )  # fmt: skip
        EmailAddress.objects.update_or_create(
            user=user, email=email, defaults={"verified": True, "primary": True}
        )
        services.network_member_set(actor=staff, network=network, user=user)
        users.append(user)
    threads = [
        services.thread_create(
            actor=users[start],
            network=network,
            category=category,
            title=f"Werkplekken vinden bij andere werkgevers ({start // PER_THREAD + 1})",
            body="Welke werkgevers in de regio staan open voor een tweede-spoortraject?",
        ).pk
        for start in range(0, accounts, PER_THREAD)
    ]
    sessions = []
    for user in users:
        client = Client()
        client.force_login(user)
        sessions.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    print(json.dumps({"slug": network.slug, "threads": threads, "sessions": sessions,
                      "cookie": settings.SESSION_COOKIE_NAME}))  # fmt: skip


# --- The floor: a minimal broadcast server ------------------------------------------------------


def worker_floor(port: int) -> None:
    """Relay every message received to every connected client (websockets' own broadcast)."""
    from websockets.asyncio.server import broadcast, serve

    clients: set[Any] = set()

    async def relay(websocket: Any) -> None:
        clients.add(websocket)
        try:
            async for message in websocket:
                broadcast(clients, message)
        finally:
            clients.discard(websocket)

    async def main() -> None:
        # Without per-message compression, like the application's server (see _start).
        async with serve(relay, "127.0.0.1", port, ping_interval=None, compression=None) as server:
            await server.serve_forever()

    _run_loop(main())


def worker_asgi_floor(port: int) -> None:
    """The same relay as a bare ASGI application on uvicorn, as the platform is served: what the
    ASGI server's own path costs, without Django, Channels or a database."""
    import uvicorn

    clients: set[Any] = set()

    async def relay(scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "websocket":
            return
        await receive()  # websocket.connect
        await send({"type": "websocket.accept"})
        clients.add(send)
        try:
            while (message := await receive())["type"] == "websocket.receive":
                for other in list(clients):
                    await other({"type": "websocket.send", "text": message["text"]})
        finally:
            clients.discard(send)

    uvicorn.run(relay, host="127.0.0.1", port=port, log_level="warning", lifespan="off",
                ws_per_message_deflate=False)  # fmt: skip


def worker_publish(slug: str, step: int, rate: float, total: int) -> None:
    """Send `total` post events straight into the network's group, on schedule from a start time
    read from stdin: the fan-out alone (channel layer, consumers, ASGI server), with nothing
    stored. Each event is built the way a reply's is (`events.discussion_event`), from the first
    bench thread's post. The process says `ready` once Django has started and its Redis
    connection is open, so the schedule starts when it can be kept (a late start would send the
    overdue events in one burst)."""
    sys.path[:0] = [str(ROOT), str(ROOT / "site")]
    import django

    django.setup()
    from channels.layers import get_channel_layer

    from learning_network import selectors
    from learning_network.events import discussion_event, network_group
    from learning_network.models import Post

    post = Post.objects.filter(thread__network__slug=slug).select_related("thread").last()
    if post is None:
        raise SystemExit(f"no post in network {slug} to build events from")
    payload, thread = selectors.post_payload(post), selectors.thread_payload(post.thread)

    async def publish() -> None:
        layer = get_channel_layer()
        await layer.group_send("bench.warm-up", {"type": "bench.warm_up"})  # opens the connection
        print("ready", flush=True)
        t0 = int(await asyncio.get_running_loop().run_in_executor(None, sys.stdin.readline))
        for k in range(total):
            delay = (t0 + int(k * 1e9 / rate) - time.monotonic_ns()) / 1e9
            if delay > 0:
                await asyncio.sleep(delay)
            body = f"<p>Uit de bench. [bench {step} {k} {time.monotonic_ns()}]</p>"
            event = discussion_event("post.created", post={**payload, "body": body}, thread=thread)
            await layer.group_send(network_group(post.thread.network_id), event)

    asyncio.run(publish())


def _run_loop(coroutine: Any) -> Any:
    """uvloop when installed, as uvicorn uses it."""
    try:
        import uvloop
    except ImportError:  # pragma: no cover
        return asyncio.run(coroutine)
    return uvloop.run(coroutine)


# --- Clients: each client process runs a share of the connections -------------------------------


@dataclass
class ClientProcess:
    """The connections of one client process, driven by commands from the main process."""

    me: int
    procs: int
    sockets: dict[int, Any] = field(default_factory=dict)
    tasks: set[asyncio.Task[None]] = field(default_factory=set)
    step: int = -1
    latencies: list[int] = field(default_factory=list)
    refused: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    closed: Counter[str] = field(default_factory=Counter)
    last_frame: int = 0
    last_post: int = 0

    async def connect(
        self, url: str, specs: list[tuple[int, dict[str, str], int | None]]
    ) -> dict[str, Any]:
        from websockets.asyncio.client import connect

        started, failed = time.perf_counter(), Counter[str]()
        gate = asyncio.Semaphore(20)

        async def one(index: int, headers: dict[str, str], thread: int | None) -> None:
            async with gate:
                try:
                    websocket = await connect(url, additional_headers=headers, open_timeout=120,
                                              ping_interval=None, max_queue=1024)  # fmt: skip
                    if thread is not None:  # the application: hello first, then say what we view
                        hello = json.loads(await asyncio.wait_for(websocket.recv(), 120))
                        if hello.get("type") != "hello":
                            raise RuntimeError(f"expected hello, got {hello}")
                        await websocket.send(json.dumps({"type": "view", "thread": thread}))
                except Exception as error:  # counted and reported
                    failed[type(error).__name__ + ": " + str(error)[:80]] += 1
                    return
                self.sockets[index] = websocket
                self.tasks.add(asyncio.create_task(self.read(websocket)))
                if thread is not None:
                    self.tasks.add(asyncio.create_task(self.heartbeat(websocket)))

        await asyncio.gather(*(one(*spec) for spec in specs))
        return {"seconds": time.perf_counter() - started, "failed": dict(failed)}

    async def read(self, websocket: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        try:
            async for frame in websocket:
                now = time.monotonic_ns()
                if frame != HEARTBEAT:  # heartbeat answers never stop, so they do not count
                    self.last_frame = now
                if frame.startswith(POST_FRAMES):
                    token = TOKEN.search(frame)
                    if token and int(token[1]) == self.step:
                        self.latencies.append(now - int(token[3]))
                        self.last_post = now
                elif frame.startswith('{"type": "error"'):
                    code = re.search(r'"code": "([^"]+)"', frame)
                    self.errors[code[1] if code else "?"] += 1
                    self.refused += '"client_id"' in frame
        except ConnectionClosed as closed:
            self.closed[str(closed.rcvd.code if closed.rcvd else "no close frame")] += 1

    async def heartbeat(self, websocket: Any) -> None:
        from websockets.exceptions import ConnectionClosed

        await asyncio.sleep(random.uniform(0, 30))  # noqa: S311 - spread, not secret
        while True:
            try:
                await websocket.send(HEARTBEAT)
            except ConnectionClosed:
                return
            await asyncio.sleep(30)

    async def quiet(self, idle: float, limit: float) -> float:
        """Wait until no frame arrived for `idle` seconds (presence storms, backlogs)."""
        started = time.monotonic_ns()
        while (time.monotonic_ns() - max(self.last_frame, started)) / 1e9 < idle:
            if (time.monotonic_ns() - started) / 1e9 > limit:
                break
            await asyncio.sleep(0.1)
        return (time.monotonic_ns() - started) / 1e9

    async def run_step(self, step: int, t0: int, rate: float, total: int, senders: int,
                       threads: list[int], drain: float) -> dict[str, Any]:  # fmt: skip
        from websockets.exceptions import ConnectionClosed

        self.step, self.latencies, self.refused, self.errors = step, [], 0, Counter()
        sent, last_send = 0, t0
        for k in range(total if senders else 0):  # no senders: a publisher sends (fan-out)
            sender = k % senders
            if sender % self.procs != self.me:
                continue
            delay = (t0 + int(k * 1e9 / rate) - time.monotonic_ns()) / 1e9
            if delay > 0:
                await asyncio.sleep(delay)
            websocket = self.sockets.get(sender)
            if websocket is None:
                continue
            thread = threads[sender // PER_THREAD] if threads else 0  # sender s is account s
            body = (
                "Bij ons helpt een vast aanspreekpunt bij de werkgever; dan durven mensen "
                f"vragen te stellen. [bench {step} {k} {time.monotonic_ns()}]"
            )
            try:
                await websocket.send(json.dumps({"type": "post.create", "thread": thread,
                                                 "body": body, "client_id": f"{step}-{k}"}))  # fmt: skip
                sent += 1
                last_send = time.monotonic_ns()
            except ConnectionClosed:
                pass
        end = max(time.monotonic_ns(), t0 + int(total * 1e9 / rate))
        expected = total * len(self.sockets)
        while len(self.latencies) < expected:
            now = time.monotonic_ns()
            if (now - max(self.last_post, end)) / 1e9 > 3 or (now - end) / 1e9 > drain:
                break
            await asyncio.sleep(0.05)
        open_sockets = sum(1 for ws in self.sockets.values() if ws.state.name == "OPEN")
        return {
            "latencies": self.latencies,
            "sent": sent,
            "last_send": last_send,
            "refused": self.refused,
            "errors": dict(self.errors),
            "open": open_sockets,
            "closed": dict(self.closed),
        }

    async def close(self) -> None:
        await asyncio.gather(*(ws.close() for ws in self.sockets.values()), return_exceptions=True)


def _client_main(pipe: Any, me: int, procs: int) -> None:
    async def serve() -> None:
        client = ClientProcess(me, procs)
        loop = asyncio.get_running_loop()
        while True:
            command, *args = await loop.run_in_executor(None, pipe.recv)
            if command == "connect":
                reply: Any = await client.connect(args[0], args[1])
            elif command == "quiet":
                reply = await client.quiet(*args)
            elif command == "step":
                reply = await client.run_step(*args)
            else:
                await asyncio.wait_for(client.close(), 20)
                pipe.send(None)
                return
            pipe.send(reply)

    _run_loop(serve())


class Swarm:
    """The client processes, seen from the main process."""

    def __init__(self, procs: int) -> None:
        context = multiprocessing.get_context("spawn")
        self.pipes, self.processes = [], []
        for me in range(procs):
            ours, theirs = context.Pipe()
            process = context.Process(target=_client_main, args=(theirs, me, procs), daemon=True)
            process.start()
            self.pipes.append(ours)
            self.processes.append(process)

    def call(self, *commands: tuple[Any, ...]) -> list[Any]:
        """Send one command to each process (one for all, or one each) and collect the replies."""
        for index, pipe in enumerate(self.pipes):
            pipe.send(commands[index] if len(commands) > 1 else commands[0])
        return [pipe.recv() for pipe in self.pipes]

    def close(self) -> None:
        with contextlib.suppress(OSError, EOFError):
            self.call(("close",))
        for process in self.processes:
            process.join(timeout=10)
            if process.is_alive():
                process.kill()


# --- Measuring ----------------------------------------------------------------------------------


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / CLK_TCK


def _processes() -> list[tuple[int, int, str]]:
    """(pid, parent pid, name) of every process."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                text = (entry / "stat").read_text()
            except OSError:
                continue
            name = text[text.index("(") + 1 : text.rindex(")")]
            found.append((int(entry.name), int(text.rsplit(")", 1)[1].split()[1]), name))
    return found


def _tree(root: int, table: list[tuple[int, int, str]]) -> list[int]:
    pids, added = [root], True
    while added:
        added = False
        for pid, parent, _name in table:
            if parent in pids and pid not in pids:
                pids.append(pid)
                added = True
    return pids


def _cpu_snapshot(server: int, clients: list[int]) -> dict[str, float]:
    import redis

    table = _processes()
    info = redis.Redis.from_url(REDIS_URL).info("cpu")
    stat = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    return {
        "server": sum(_cpu_seconds(pid) for pid in _tree(server, table)),
        "clients": sum(_cpu_seconds(pid) for pid in clients),
        "redis": float(info["used_cpu_sys"]) + float(info["used_cpu_user"]),
        "postgres": sum(_cpu_seconds(pid) for pid, _p, name in table if name == "postgres"),
        "machine": (sum(stat) - stat[3] - stat[4]) / CLK_TCK,
        "wall": time.monotonic(),
    }


def _pytest_running() -> bool:
    return subprocess.run(["/usr/bin/pgrep", "-f", "pytest"], capture_output=True).returncode == 0


def _percentile(ordered: list[float], expected: int, share: float) -> float:
    """The latency below which `share` of the expected deliveries arrived (lost = infinite)."""
    index = max(0, math.ceil(share * expected) - 1)
    return ordered[index] if index < len(ordered) else math.inf


@dataclass
class Row:
    server: str
    clients: int
    rate: float  # posts per second asked
    accepted: float  # posts per second accepted
    p50: float
    p95: float
    p99: float
    share: float
    refused: int
    cpu: dict[str, float]
    disturbed: bool
    note: str = ""

    @property
    def deliveries(self) -> float:
        return self.accepted * self.clients

    @property
    def ok(self) -> bool:
        return self.p99 <= SATURATED_MS and self.share >= TARGET_SHARE


class Bench:
    """One server under test: connect clients, run steps, keep the rows."""

    def __init__(self, args: argparse.Namespace, name: str, app: bool, server: subprocess.Popen[bytes],
                 swarm: Swarm, url: str, setup: dict[str, Any], base: str) -> None:  # fmt: skip
        self.args, self.name, self.app, self.server, self.swarm = args, name, app, server, swarm
        self.url, self.setup, self.base = url, setup, base
        self.env: dict[str, str] = {}
        self.fanout = False  # True: events are published into the group, nobody posts
        self.port = int(base.rsplit(":", 1)[1])
        self.connected, self.step_id = 0, 0
        self.connects: list[str] = []

    def connect(self, n: int, first_cookie: str | None) -> None:
        accounts = self.args.accounts
        specs: list[list[tuple[int, dict[str, str], int | None]]] = [[] for _ in self.swarm.pipes]
        for index in range(self.connected, n):
            headers: dict[str, str] = {}
            thread = None
            if self.app:
                account = index % accounts
                session = (
                    first_cookie
                    if account == 0 and first_cookie
                    else self.setup["sessions"][account]
                )
                headers = {"Cookie": f"{self.setup['cookie']}={session}", "Origin": self.base}
                thread = self.setup["threads"][account // PER_THREAD]
            specs[index % len(specs)].append((index, headers, thread))
        started = time.perf_counter()
        replies = self.swarm.call(*[("connect", self.url, s) for s in specs])
        connected = time.perf_counter() - started
        quiet = max(self.swarm.call(("quiet", 2.0, 180.0)))
        failed = Counter[str]()
        for reply in replies:
            failed.update(reply["failed"])
        if failed:
            raise SystemExit(
                f"{self.name}: {sum(failed.values())} connections failed: {dict(failed)}"
            )
        spread = _spread(self.port) if self.app else ""
        self.connects.append(
            f"| {self.name} | {self.connected} → {n} | {connected:.1f} | {quiet:.1f} | {spread} |"
        )
        self.connected = n
        _log(f"{self.name}: {n} connected in {connected:.1f} s, quiet after {quiet:.1f} s {spread}")

    def step(self, rate: float, duration: float, note: str = "") -> Row | None:
        n = self.connected
        senders = 0 if self.fanout else math.ceil(rate / SENDER_RATE - 1e-9)
        if senders > min(n, self.args.accounts):
            if self.app:  # more would need a member to post faster than the application allows
                return None
            senders = min(n, self.args.accounts)
        total = max(1, round(rate * duration))
        self.step_id += 1
        disturbed = _pytest_running()
        publisher = None
        if self.fanout:  # the events go straight into the group, once the publisher is ready
            publisher = subprocess.Popen(
                [PYTHON, __file__, "worker-publish", self.setup["slug"], str(self.step_id),
                 str(rate), str(total)], cwd=ROOT, env=self.env, stdin=subprocess.PIPE,
                stdout=subprocess.PIPE, text=True)  # fmt: skip
            if publisher.stdout is None or publisher.stdout.readline().strip() != "ready":
                raise SystemExit("the publisher did not start")
        before = _cpu_snapshot(self.server.pid, [p.pid for p in self.swarm.processes])
        t0 = time.monotonic_ns() + 300_000_000
        if publisher is not None and publisher.stdin is not None:
            publisher.stdin.write(f"{t0}\n")
            publisher.stdin.flush()
        replies = self.swarm.call(
            (
                "step",
                self.step_id,
                t0,
                rate,
                total,
                senders,
                self.setup["threads"] if self.app else [],
                30.0,
            )
        )
        after = _cpu_snapshot(self.server.pid, [p.pid for p in self.swarm.processes])
        disturbed |= _pytest_running()
        if publisher is not None:
            publisher.wait(timeout=60)
            for reply in replies:
                reply["sent"] = total if reply is replies[0] else 0
                reply["last_send"] = t0 + int((total - 1) * 1e9 / rate)
        wall = after["wall"] - before["wall"]
        cpu = {key: 100 * (after[key] - before[key]) / wall for key in before if key != "wall"}
        latencies = sorted(ms / 1e6 for reply in replies for ms in reply["latencies"])
        sent = sum(reply["sent"] for reply in replies)
        refused = sum(reply["refused"] for reply in replies)
        open_sockets = sum(reply["open"] for reply in replies)
        errors = Counter[str]()
        for reply in replies:
            errors.update(reply["errors"])
        accepted = sent - refused
        # Posts per second as sent: a client that fell behind its schedule stretched the step.
        span = max(duration, (max(r["last_send"] for r in replies) - t0) / 1e9 + 1 / rate)
        expected = accepted * open_sockets
        if open_sockets != n:
            note += f" {n - open_sockets} connections closed {dict(replies[0]['closed'])};"
        if errors:
            note += f" errors {dict(errors)};"
        row = Row(self.name, open_sockets, rate, accepted / span,
                  *(_percentile(latencies, expected, s) for s in (0.50, 0.95, 0.99)),
                  share=min(len(latencies), expected) / expected if expected else 0.0,
                  refused=refused, cpu=cpu, disturbed=disturbed, note=note.strip())  # fmt: skip
        _log(f"{self.name}: N={n} rate={rate:.2f}/s senders={senders} p50={row.p50:.1f} p99={row.p99:.1f} "
             f"share={row.share:.4f} refused={refused} cpu={ {k: round(v) for k, v in cpu.items()} }")  # fmt: skip
        self.swarm.call(("quiet", 2.0, 120.0))
        return row

    def sweep(self) -> Sweep:
        """Raise the rate until p99 passes 1 s; bisect twice."""
        rows: list[Row] = []
        rate, good, bad, capped = self.args.rate, None, None, False
        for _ in range(self.args.max_steps):
            row = self.step(rate, self.args.sweep_duration)
            if row is None:
                capped = True
                break
            rows.append(row)
            if not row.ok:
                bad = rate
                break
            good = rate
            rate *= 1.5
        if good is not None and bad is not None:
            for _ in range(2):
                middle = math.sqrt(good * bad)
                row = self.step(middle, self.args.sweep_duration, "bisection")
                if row is None:
                    break
                rows.append(row)
                good, bad = (middle, bad) if row.ok else (good, middle)
        best = max((r.deliveries for r in rows if r.ok), default=None)
        first_bad = min((r.deliveries for r in rows if not r.ok), default=None)
        return Sweep(rows, best, first_bad, capped)


@dataclass
class Sweep:
    """The steps of one sweep, the most deliveries/s with p99 under 1 s, the first step over,
    and whether the sweep stopped because a higher rate needs members posting faster than the
    application allows (so `best` is a lower bound)."""

    rows: list[Row]
    best: float | None
    first_bad: float | None
    capped: bool


def _spread(port: int) -> str:
    """Open connections per server process (from `ss`: which process holds each socket)."""
    listing = subprocess.run(
        ["/usr/bin/ss", "-Htnp", "state", "established", f"( sport = :{port} )"],
        capture_output=True, text=True, check=False,
    ).stdout  # fmt: skip
    counts = Counter(re.findall(r"pid=(\d+)", listing))
    return "per process " + "/".join(str(n) for _pid, n in counts.most_common())


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- The run ------------------------------------------------------------------------------------


def _prepare(accounts: int) -> tuple[dict[str, str], dict[str, Any]]:
    import psycopg
    import redis

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as connection:
        connection.execute("DROP DATABASE IF EXISTS bench_live")
        connection.execute("CREATE DATABASE bench_live")
    redis.Redis.from_url(REDIS_URL).flushdb()
    env = {
        **os.environ,
        "DATABASE_URL": PG_URL,
        "REDIS_URL": REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DJANGO_DEBUG": "false",
        "DJANGO_LOG_LEVEL": "ERROR",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
    }
    manage = [PYTHON, "manage.py"]
    subprocess.run([*manage, "migrate", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([*manage, "seed_demo", "--force", "--quiet-accounts"], cwd=ROOT, env=env,
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    done = subprocess.run([PYTHON, __file__, "worker-setup", str(accounts)], cwd=ROOT, env=env,
                          check=True, capture_output=True, text=True)  # fmt: skip
    return env, json.loads(done.stdout.strip().splitlines()[-1])


def _reset_between_servers() -> None:
    """Nobody is connected: forget presence rows and everything in the Redis database."""
    import psycopg
    import redis

    with psycopg.connect(PG_URL, autocommit=True) as connection:
        connection.execute("DELETE FROM learning_network_presence")
    redis.Redis.from_url(REDIS_URL).flushdb()


def _start(workers: int, env: dict[str, str], port: int) -> subprocess.Popen[bytes]:
    """uvicorn with `workers` processes; the websockets floor for 0, the ASGI floor for -1."""
    if workers <= 0:
        command = [PYTHON, __file__, "worker-floor" if workers == 0 else "worker-asgi-floor",
                   str(port)]  # fmt: skip
    else:
        # As in production (README): no per-message compression on the sockets.
        command = [PYTHON, "-m", "uvicorn", "--app-dir", "site", "config.asgi:application",
                   "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning",
                   "--ws-per-message-deflate", "false", "--workers", str(workers)]  # fmt: skip
    # A session of its own, so that the server and its worker processes can be stopped together.
    server = subprocess.Popen(command, cwd=ROOT, env=env, start_new_session=True)
    for _ in range(300):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.1)
    if workers > 0:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/health/").read()
                break
            except OSError:
                time.sleep(0.2)
        time.sleep(2)  # the second worker, if any
    return server


def _stop(server: subprocess.Popen[bytes]) -> None:
    os.killpg(server.pid, signal.SIGTERM)
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)
        server.wait(timeout=10)


def _ms(value: float) -> str:
    return "lost" if math.isinf(value) else f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def _cpu(row: Row) -> str:
    c = row.cpu
    return (f"{c['server']:.0f} | {c['clients']:.0f} | {c['redis']:.0f} | {c['postgres']:.0f} | "
            f"{c['machine']:.0f}")  # fmt: skip


CPU_HEAD = "server | clients | Redis | PostgreSQL | machine"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", default="50,200,500")
    parser.add_argument("--rate", type=float, default=2.0, help="posts per second")
    parser.add_argument("--duration", type=float, default=20.0)
    parser.add_argument("--processes", default="1,2", help="uvicorn worker processes to measure")
    parser.add_argument("--sweep-clients", default="200,500")
    parser.add_argument("--sweep-duration", type=float, default=10.0)
    parser.add_argument("--max-steps", type=int, default=18)
    parser.add_argument("--accounts", type=int, default=500)
    parser.add_argument("--client-processes", type=int, default=2)
    parser.add_argument("--no-floor", action="store_true")
    parser.add_argument("--no-fanout", action="store_true", help="skip the fan-out-alone sweep")
    parser.add_argument("--quick", action="store_true", help="smoke run: few clients, short steps")
    args = parser.parse_args()
    if args.quick:  # smaller defaults; options given on the command line still win
        parser.set_defaults(**QUICK)
        args = parser.parse_args()
    clients = sorted({int(n) for n in args.clients.split(",")})
    sweep_points = sorted({int(n) for n in args.sweep_clients.split(",")})
    points = sorted(set(clients) | set(sweep_points))
    servers = [(f"Channels, {p} process{'es' if p > 1 else ''}", p)
               for p in sorted({int(p) for p in args.processes.split(",") if p.strip()})]  # fmt: skip
    if not args.no_floor:
        servers += [(ASGI_FLOOR, -1), (FLOOR, 0)]

    # Stopped from outside: still run the `finally` that stops the server.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = time.monotonic()
    env, setup = _prepare(args.accounts)
    _log(f"prepared in {time.monotonic() - started:.0f} s: network {setup['slug']}, "
         f"{args.accounts} accounts, {len(setup['threads'])} threads")  # fmt: skip

    rows: list[Row] = []
    sweeps: dict[tuple[str, int], Sweep] = {}
    connects: list[str] = []
    rss: dict[str, str] = {}
    for label, workers in servers:
        app = workers > 0
        _reset_between_servers()
        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server = _start(workers, env, port)
        swarm = Swarm(args.client_processes)
        try:
            first_cookie = None
            if app:  # one real login through allauth, for the first account
                import http.cookiejar

                jar = http.cookiejar.CookieJar()
                opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
                _login(opener, base, "deelnemer000@bench.tweedespoor.nl", PASSWORD)
                first_cookie = next(c.value for c in jar if c.name == setup["cookie"])
            url = (f"ws://127.0.0.1:{port}/ws/leernetwerken/{setup['slug']}/" if app
                   else f"ws://127.0.0.1:{port}/")  # fmt: skip
            bench = Bench(args, label, app, server, swarm, url, setup, base)
            for n in points:
                bench.connect(n, first_cookie)
                if n in clients:
                    bench.step(args.rate, 3.0)  # warm-up, not reported
                    row = bench.step(args.rate, args.duration)
                    if row is None:
                        raise SystemExit(f"{args.rate} posts/s needs more than {n} senders")
                    rows.append(row)
                if n in sweep_points:
                    sweeps[label, n] = bench.sweep()
                if app and workers == 1 and n == max(sweep_points) and not args.no_fanout:
                    bench.fanout, bench.env, bench.name = True, env, FANOUT
                    sweeps[FANOUT, n] = bench.sweep()
                    bench.fanout, bench.name = False, label
            pids = _tree(server.pid, _processes())
            rss[label] = "+".join(
                f"{_rss_mb(pid):.0f}" for pid in pids if pid != server.pid or len(pids) == 1
            )
            connects += bench.connects
        finally:
            _stop(server)
            swarm.close()

    print(f"\nRun took {(time.monotonic() - started) / 60:.1f} minutes.\n")
    print(
        "Connecting (seconds until every client had its hello, then until no frame came for 2 s):\n"
    )
    print("| server | clients | connect s | quiet after s | note |\n|---|---|---:|---:|---|")
    print("\n".join(connects))

    print(f"\n{args.rate:g} posts/s for {args.duration:g} s (milliseconds from send to receipt; "
          "CPU in % of one core, the machine has 200):\n")  # fmt: skip
    print(f"| server | clients | deliveries/s | p50 | p95 | p99 | delivered | {CPU_HEAD} | note |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for r in rows:
        note = r.note + (" pytest was running" if r.disturbed else "")
        print(f"| {r.server} | {r.clients} | {r.deliveries:.0f} | {_ms(r.p50)} | {_ms(r.p95)} | "
              f"{_ms(r.p99)} | {100 * r.share:.2f} % | {_cpu(r)} | {note} |")  # fmt: skip

    print(f"\nSweeps, {args.sweep_duration:g} s per step:\n")
    print(f"| server | clients | posts/s | deliveries/s | p50 | p95 | p99 | delivered | refused | "
          f"{CPU_HEAD} | note |")  # fmt: skip
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
    for (label, n), sweep in sweeps.items():
        for r in sweep.rows:
            note = r.note + (" pytest was running" if r.disturbed else "")
            print(f"| {label} | {n} | {r.accepted:.1f} | {r.deliveries:.0f} | {_ms(r.p50)} | "
                  f"{_ms(r.p95)} | {_ms(r.p99)} | {100 * r.share:.2f} % | {r.refused} | "
                  f"{_cpu(r)} | {note} |")  # fmt: skip

    failed = False
    print("\n| server | clients | saturation: most deliveries/s with p99 ≤ 1 s | first step over | "
          "share of the floor at as many clients | target | met |\n"
          "|---|---:|---:|---:|---:|---|---|")  # fmt: skip
    for (label, n), sweep in sweeps.items():
        best = sweep.best or 0
        over = (f"{sweep.first_bad:.0f}" if sweep.first_bad
                else "none: posting limit reached" if sweep.capped else "not reached")  # fmt: skip
        floor = sweeps.get((FLOOR, n))
        if label == FLOOR:
            print(f"| {label} | {n} | {best:.0f} | {over} | | | |")
            continue
        if label in (ASGI_FLOOR, FANOUT) and floor and floor.best:
            print(f"| {label} | {n} | {best:.0f} | {over} | {100 * best / floor.best:.0f} % | "
                  "(reference) | |")  # fmt: skip
            continue
        if floor is None or not floor.best:
            target = "(reference)" if label in REFERENCES else "≥ 33 %"
            print(f"| {label} | {n} | {best:.0f} | {over} | no floor measured | {target} | |")
            continue
        ratio = best / floor.best
        # A sweep that ended before p99 passed 1 s only gives a lower bound (and the floor's an
        # upper bound of the share).
        bound = {(True, True): "", (False, True): "at least ", (True, False): "at most "}.get(
            (bool(sweep.first_bad), bool(floor.first_bad)), "neither saturated: "
        )
        exact, lower = sweep.first_bad and floor.first_bad, not sweep.first_bad
        met = {
            (True, False): "yes" if ratio >= FLOOR_SHARE else "NO",
            (False, True): "yes" if ratio >= FLOOR_SHARE and floor.first_bad else "not saturated",
            (False, False): "NO" if ratio < FLOOR_SHARE else "floor not saturated",
        }[(bool(exact), lower)]
        failed |= met == "NO"
        print(f"| {label} | {n} | {best:.0f} | {over} | {bound}{100 * ratio:.0f} % | ≥ 33 % | "
              f"{met} |")  # fmt: skip

    print("\n| target | server | measured | met |\n|---|---|---|---|")
    for r in rows:
        if r.server in REFERENCES:
            continue
        ok = r.share >= TARGET_SHARE
        failed |= not ok
        print(f"| 100 % delivered at {r.rate:g} posts/s, {r.clients} clients | {r.server} | "
              f"{100 * r.share:.2f} % | {'yes' if ok else 'NO'} |")  # fmt: skip
        if r.clients == TARGET_P99_AT:
            ok = r.p99 < TARGET_P99_MS
            failed |= not ok
            print(f"| p99 under {TARGET_P99_MS:.0f} ms at {r.clients} clients | {r.server} | "
                  f"{_ms(r.p99)} ms | {'yes' if ok else 'NO'} |")  # fmt: skip
    print(f"\nServer RSS at the end (MB, per worker process): {rss}")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "worker-setup":
        worker_setup(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "worker-floor":
        worker_floor(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "worker-asgi-floor":
        worker_asgi_floor(int(sys.argv[2]))
    elif len(sys.argv) > 1 and sys.argv[1] == "worker-publish":
        worker_publish(sys.argv[2], int(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]))
    else:
        main()
