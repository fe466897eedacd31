"""Resolve conflicts through gunicorn with concurrent editors, and time it.

Builds throwaway stories through the ORM, starts gunicorn on 127.0.0.1 against the
same database, logs in one editor per client through the login form, then sends
a bounded number of the resolve POSTs the browser sends, each to a different
conflict so none is refused as a stale edit. Everything it made is deleted at
the end, whatever happens.
"""

from __future__ import annotations

import http.client
import math
import os
import random
import re
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.sessions.models import Session
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from articles.models import Desk, Membership, Story
from newsroom.db import database_url
from reconcile.models import Discrepancy, Version
from reconcile.synthetic import story_build

PER_STORY = 100  # conflicts per throwaway story: ten articles, a hundred conflicts
PAGE_ARTICLES, PAGE_CONFLICTS = 10, 100
ACCESS_FORMAT = "%(m)s %(U)s %(s)s %(D)s"  # method, path, status, microseconds


def percentile(sorted_values: list[float], p: float) -> float:
    """Nearest-rank percentile of an already sorted list."""
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[rank - 1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Target:
    story_id: int
    discrepancy_id: int
    revision: int
    value: str


@dataclass
class Editor:
    """One client: an editor's own connection, cookies and CSRF token."""

    port: int
    username: str
    password: str
    cookies: dict[str, str] = field(default_factory=dict)
    latencies: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def __post_init__(self):
        self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def request(self, method: str, path: str, form: dict | None = None, **headers):
        body = urlencode(form) if form is not None else None
        headers = {"Host": f"127.0.0.1:{self.port}", **headers}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        # http.client reconnects by itself when gunicorn's sync worker closed the socket.
        self.conn.request(method, path, body=body, headers=headers)
        response = self.conn.getresponse()
        content = response.read()
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        return response.status, content

    def log_in(self, story_path: str) -> None:
        status, _ = self.request("GET", "/login/")
        if status != 200 or "csrftoken" not in self.cookies:
            raise RuntimeError(f"GET /login/ answered {status}")
        form = {
            "csrfmiddlewaretoken": self.cookies["csrftoken"],
            "username": self.username,
            "password": self.password,
        }
        status, _ = self.request("POST", "/login/", form)
        if status != 302 or "sessionid" not in self.cookies:
            raise RuntimeError(f"logging in {self.username} answered {status}")
        # The story page, as an editor opens it before resolving anything.
        status, _ = self.request("GET", story_path)
        if status != 200:
            raise RuntimeError(f"GET {story_path} answered {status}")

    def resolve(self, target: Target, n: int) -> None:
        path = reverse("discrepancy-resolve", args=[target.story_id, target.discrepancy_id])
        form = {
            "csrfmiddlewaretoken": self.cookies["csrftoken"],
            "choice": target.value,
            "custom_value": "",
            "verdict": Discrepancy.Verdict.VERIFIED,
            "note": f"Load test {n}: checked against the source.",
            "evidence": "https://example.org/source",
            "revision": str(target.revision),
        }
        page = f"http://127.0.0.1:{self.port}" + reverse("story-detail", args=[target.story_id])
        started = time.perf_counter()
        try:
            status, content = self.request(
                "POST",
                path,
                form,
                **{"HX-Request": "true", "HX-Target": "panel", "HX-Current-URL": page},
            )
        except (OSError, http.client.HTTPException) as exc:
            self.failures.append(f"{path}: {type(exc).__name__}: {exc}")
            return
        self.latencies.append((time.perf_counter() - started) * 1000)
        # A refused stale edit or a form error is a 200 too: only "Saved." is success.
        if not 200 <= status < 300:
            self.failures.append(f"{path}: HTTP {status}")
        elif b'class="saved"' not in content:
            self.failures.append(
                f"{path}: HTTP {status} but not saved (a stale edit or a bad form)"
            )


class Command(BaseCommand):
    help = (
        "Load test: concurrent editors resolving conflicts through gunicorn; prints "
        "p50/p95/p99 latency, requests/s and the story page's render time and queries."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=20, help="concurrent editors")
        parser.add_argument(
            "--per-client", type=int, default=150, help="resolve POSTs each client sends"
        )
        parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
        parser.add_argument(
            "--think-ms",
            type=float,
            default=0,
            help="each client's pause between its requests, on average (default 0: a closed "
            "loop, the next request as soon as the last is answered, as wrk does)",
        )
        parser.add_argument(
            "--page-gets", type=int, default=9, help="GETs of the story page to time"
        )
        parser.add_argument(
            "--allow-sqlite",
            action="store_true",
            help="run against SQLite anyway (the figures are about PostgreSQL)",
        )

    def handle(self, *args, **options):
        clients, per_client = options["clients"], options["per_client"]
        if clients < 1 or per_client < 1 or options["workers"] < 1 or options["page_gets"] < 1:
            raise CommandError("--clients, --per-client, --workers and --page-gets must be >= 1")
        vendor = connection.vendor
        if vendor == "sqlite" and not options["allow_sqlite"]:
            raise CommandError(
                "DATABASE_URL points at SQLite, but the target is about PostgreSQL: set "
                "DATABASE_URL=postgres://USER@HOST:5432/DB (migrated), or pass --allow-sqlite."
            )
        tag = f"loadtest-{secrets.token_hex(4)}"
        password = secrets.token_urlsafe(16)
        made: dict = {"desk": None, "users": [], "clients": []}
        server = None
        log_dir = tempfile.TemporaryDirectory(prefix="reconcile-loadtest-")
        try:
            self.stderr.write(f"building throwaway stories ({tag})...")
            made["desk"] = desk = Desk.objects.create(name=tag)
            editors = self._editors(tag, password, desk, clients)
            made["users"] = [u.pk for u in editors]
            page_story = story_build(
                desk=desk,
                title=f"{tag} page",
                articles=PAGE_ARTICLES,
                discrepancies=PAGE_CONFLICTS,
                user=editors[0],
            )
            targets = self._targets(desk, tag, clients * per_client)
            port = free_port()
            access_log = Path(log_dir.name) / "access.log"
            server_log = Path(log_dir.name) / "server.log"
            self.stderr.write(f"starting gunicorn ({options['workers']} workers) on :{port}...")
            server = self._gunicorn(port, options["workers"], access_log, server_log)
            self._wait_until_up(server, port, server_log)
            page_path = reverse("story-detail", args=[page_story.pk])
            made["clients"] = clients_ = [Editor(port, u.get_username(), password) for u in editors]
            self.stderr.write(f"logging in {clients} editors...")
            self._together(clients_, lambda c, i: c.log_in(page_path))
            before = access_log.stat().st_size if access_log.exists() else 0
            self.stderr.write(f"sending {clients * per_client} resolve POSTs...")
            meter = CpuMeter(server.pid)
            meter.start()
            elapsed = self._run(clients_, targets, per_client, options["think_ms"])
            cpu = {name: ms / (clients * per_client) for name, ms in meter.stop().items()}
            page_ms = self._page_times(clients_[0], page_path, options["page_gets"])
            self._report(
                clients_,
                targets,
                elapsed,
                options,
                vendor,
                port,
                page_ms,
                self._server_times(access_log, before),
                self._query_counts(page_story, editors[0]),
                server_log,
                cpu,
            )
        finally:
            if server is not None:
                self._stop(server)
            self._clean(made)
            log_dir.cleanup()

    # --- setting up -----------------------------------------------------------------

    def _editors(self, tag: str, password: str, desk: Desk, n: int) -> list:
        User = get_user_model()
        hashed = make_password(password)  # once: hashing is slow on purpose
        users = User.objects.bulk_create(
            [User(username=f"{tag}-{i}", password=hashed) for i in range(n)]
        )
        Membership.objects.bulk_create(
            [Membership(user=u, desk=desk, role=Membership.Role.EDITOR) for u in users]
        )
        return users

    def _targets(self, desk: Desk, tag: str, total: int) -> list[Target]:
        """`total` open conflicts in stories of ten articles; one value each to pick."""
        stories = [
            story_build(
                desk=desk,
                title=f"{tag} resolve {s}",
                discrepancies=min(PER_STORY, total - s * PER_STORY),
            )
            for s in range(math.ceil(total / PER_STORY))
        ]
        value_of: dict[int, str] = {}
        for d, value in Version.objects.filter(discrepancy__story__in=stories).values_list(
            "discrepancy_id", "value"
        ):
            value_of.setdefault(d, value)
        rows = (
            Discrepancy.objects.filter(story__in=stories)
            .order_by("story_id", "id")
            .values_list("story_id", "id", "revision")
        )
        return [Target(s, d, r, value_of[d]) for s, d, r in rows]

    def _gunicorn(self, port: int, workers: int, access_log: Path, server_log: Path):
        env = {k: v for k, v in os.environ.items() if k != "PYTEST_VERSION"}
        env.update(
            DATABASE_URL=database_url(),
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(40),
            ALLOWED_HOSTS="127.0.0.1",
            # Plain HTTP on the loopback: no TLS proxy in front to redirect to.
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="WARNING",
        )
        command = [
            sys.executable, "-m", "gunicorn", "newsroom.wsgi:application",
            "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
            "--access-logfile", str(access_log), "--access-logformat", ACCESS_FORMAT,
        ]  # fmt: skip
        with server_log.open("ab") as log:  # gunicorn's and Django's errors, for a failure
            return subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: stopped whole at the end
            )

    def _wait_until_up(self, server, port: int, server_log: Path, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if server.poll() is not None:
                break
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                conn.request("GET", "/login/", headers={"Host": f"127.0.0.1:{port}"})
                if conn.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        log = server_log.read_text(errors="replace") if server_log.exists() else ""
        raise CommandError(f"gunicorn did not answer on 127.0.0.1:{port}:\n{log[-3000:]}")

    # --- running --------------------------------------------------------------------

    def _together(self, clients: list[Editor], work) -> None:
        """Run work(client, index) in one thread per client; re-raise the first error."""
        errors: list[BaseException] = []

        def run(client, i):
            try:
                work(client, i)
            except Exception as exc:  # reported below, with the others' results
                errors.append(exc)

        threads = [threading.Thread(target=run, args=(c, i)) for i, c in enumerate(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        if errors:
            raise CommandError(f"{len(errors)} client(s) failed: {errors[0]}")

    def _run(
        self, clients: list[Editor], targets: list[Target], per_client: int, think_ms: float
    ) -> float:
        start = threading.Barrier(len(clients) + 1)

        def work(client: Editor, i: int) -> None:
            mine = targets[i * per_client : (i + 1) * per_client]
            pauses = random.Random(i)  # jittered, so the clients do not march in step
            start.wait()
            for n, target in enumerate(mine):
                client.resolve(target, n)
                if think_ms and n + 1 < len(mine):
                    time.sleep(think_ms * pauses.uniform(0.5, 1.5) / 1000)

        runner = threading.Thread(target=self._together, args=(clients, work))
        runner.start()
        start.wait()
        began = time.perf_counter()
        runner.join()
        return time.perf_counter() - began

    def _page_times(self, client: Editor, path: str, gets: int) -> list[float]:
        times = []
        for _ in range(gets + 1):
            started = time.perf_counter()
            status, _ = client.request("GET", path)
            times.append((time.perf_counter() - started) * 1000)
            if status != 200:
                raise CommandError(f"GET {path} answered {status}")
        return times[1:]  # the first warms the worker's caches

    def _server_times(self, access_log: Path, offset: int) -> dict[str, list[float]]:
        """Milliseconds each request spent inside gunicorn, from its access log."""
        times: dict[str, list[float]] = {"resolve": [], "page": []}
        with access_log.open() as f:
            f.seek(offset)
            for line in f:
                parts = line.split()
                if len(parts) != 4 or not parts[3].isdigit():
                    continue
                method, path, _status, micros = parts
                if method == "POST" and path.endswith("/resolve/"):
                    times["resolve"].append(int(micros) / 1000)
                elif method == "GET" and re.fullmatch(r"/stories/\d+/", path):
                    times["page"].append(int(micros) / 1000)
        times["page"] = times["page"][1:]
        return times

    def _query_counts(self, story: Story, user) -> dict[str, int]:
        """SQL queries of the page, the panel and a resolve, counted in this process."""
        # The page story was built with open conflicts, each stated by several articles.
        d = Discrepancy.objects.filter(story=story, status=Discrepancy.Status.OPEN)[0]
        value = d.versions.all()[0].value
        client = Client()
        counts = {}
        requests = {
            "page": lambda: client.get(reverse("story-detail", args=[story.pk])),
            "panel": lambda: client.get(
                reverse("discrepancy-panel", args=[story.pk, d.pk]), HTTP_HX_REQUEST="true"
            ),
            "resolve": lambda: client.post(
                reverse("discrepancy-resolve", args=[story.pk, d.pk]),
                {"choice": value, "verdict": "verified", "revision": d.revision},
                HTTP_HX_REQUEST="true",
            ),
        }
        with override_settings(ALLOWED_HOSTS=["testserver"], SECURE_SSL_REDIRECT=False):
            client.force_login(user)
            try:
                for name, send in requests.items():
                    with CaptureQueriesContext(connection) as queries:
                        response = send()
                    if response.status_code != 200:
                        raise CommandError(f"{name} answered {response.status_code} in process")
                    counts[name] = len(queries)
            finally:
                client.logout()
        return counts

    # --- reporting and cleaning up --------------------------------------------------

    def _report(
        self, clients, targets, elapsed, options, vendor, port, page_ms, server, queries, log, cpu
    ) -> None:
        latencies = sorted(ms for c in clients for ms in c.latencies)
        failures = [f for c in clients for f in c.failures]
        sent = options["clients"] * options["per_client"]
        resolved = Discrepancy.objects.filter(
            pk__in=[t.discrepancy_id for t in targets], status=Discrepancy.Status.RESOLVED
        ).count()
        out = self.stdout.write
        out(
            f"load test: resolve a conflict, {options['clients']} client(s) x "
            f"{options['per_client']} requests, gunicorn {options['workers']} sync workers "
            f"on 127.0.0.1:{port}, database {vendor}"
        )
        out(
            "client: Python, one thread and one http.client connection per client "
            "(gunicorn's sync workers close it after each response, so each request connects)"
        )
        if options["think_ms"]:
            think = options["think_ms"]
            out(f"pacing: each client pauses {think:g} ms on average between its requests")
        else:
            out("pacing: closed loop, each client sends its next request when the last is answered")
        out(f"machine: {os.cpu_count()} CPUs, load average {_loadavg()}")
        out(f"requests {sent}, succeeded {sent - len(failures)}, failed {len(failures)}")
        out(f"resolved in the database: {resolved} of {len(targets)}")
        if latencies:
            out(
                f"resolve latency ms: p50 {percentile(latencies, 50):.1f} "
                f"p95 {percentile(latencies, 95):.1f} p99 {percentile(latencies, 99):.1f} "
                f"max {latencies[-1]:.1f}"
            )
        out(f"throughput {len(latencies) / elapsed:.1f} requests/s over {elapsed:.2f} s")
        if server["resolve"]:
            inside = sorted(server["resolve"])
            out(
                f"resolve time inside gunicorn ms: p50 {percentile(inside, 50):.1f} "
                f"p95 {percentile(inside, 95):.1f}"
            )
        if cpu:
            each = ", ".join(
                f"{name} {cpu[name]:.1f} ms"
                for name in ("gunicorn", "PostgreSQL", "client")
                if name in cpu
            )
            out(f"CPU per resolve (user+system, from /proc): {each}")
        page_server = statistics.median(server["page"]) if server["page"] else float("nan")
        out(
            f"story page {PAGE_ARTICLES} articles/{PAGE_CONFLICTS} conflicts: median "
            f"{statistics.median(page_ms):.1f} ms over {len(page_ms)} GETs "
            f"({page_server:.1f} ms inside gunicorn), {queries['page']} SQL queries"
        )
        out(f"SQL queries: conflict panel {queries['panel']}, resolve {queries['resolve']}")
        if latencies:
            met = "met" if percentile(latencies, 95) < 50 else "missed"
            out(f"target p95 < 50 ms: {met}")
        if failures or resolved != len(targets):
            for failure in failures[:10]:
                self.stderr.write(f"failed: {failure}")
            self.stderr.write("the server's log ends:\n" + log.read_text(errors="replace")[-3000:])
            raise CommandError(
                f"{len(failures)} of {sent} requests failed; "
                f"{resolved} of {len(targets)} conflicts resolved"
            )

    def _stop(self, server) -> None:
        try:
            os.killpg(server.pid, signal.SIGTERM)  # the master and its workers
        except ProcessLookupError:
            return
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()

    def _clean(self, made: dict) -> None:
        sessions = [c.cookies["sessionid"] for c in made["clients"] if "sessionid" in c.cookies]
        if sessions:
            Session.objects.filter(session_key__in=sessions).delete()
        if made["desk"] is not None:
            Story.objects.filter(desk=made["desk"]).delete()
            made["desk"].delete()
        if made["users"]:
            get_user_model().objects.filter(pk__in=made["users"]).delete()


class CpuMeter(threading.Thread):
    """CPU time of gunicorn, this database's PostgreSQL backends and the client, from /proc.

    Sampled every half second, so that processes that come and go are counted:
    Django reopens a connection, and so gets a new backend, once it is
    CONN_MAX_AGE old. Linux only; elsewhere it measures nothing.
    """

    def __init__(self, gunicorn_pid: int):
        super().__init__(daemon=True)
        self.gunicorn_pid = gunicorn_pid
        db = connection.settings_dict
        # A backend's title: "postgres: [cluster: ]USER DATABASE HOST(PORT) STATE".
        self.backend = (
            re.compile(rf"^postgres: .*\b{re.escape(db['USER'] or '')} {re.escape(db['NAME'])} ")
            if connection.vendor == "postgresql"
            else None
        )
        self.first: dict[tuple[str, int], int] = {}
        self.last: dict[tuple[str, int], int] = {}
        self.done = threading.Event()
        self.sample()

    def sample(self) -> None:
        for entry in Path("/proc").glob("[0-9]*"):
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                pid, ppid = int(entry.name), int(fields[1])
                if pid == self.gunicorn_pid or ppid == self.gunicorn_pid:
                    name = "gunicorn"
                elif pid == os.getpid():
                    name = "client"  # this process: the editors' threads, and this meter
                elif self.backend and self.backend.match(
                    (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
                ):
                    name = "PostgreSQL"
                else:
                    continue
            except (OSError, IndexError, ValueError):
                continue
            ticks = int(fields[11]) + int(fields[12])  # utime, stime
            self.first.setdefault((name, pid), ticks)
            self.last[(name, pid)] = ticks

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.sample()

    def stop(self) -> dict[str, float]:
        """CPU milliseconds each kind of process spent since the meter was made."""
        self.done.set()
        self.join()
        self.sample()
        spent: dict[str, float] = {}
        for (name, _pid), ticks in self.last.items():
            spent[name] = spent.get(name, 0) + ticks
        for (name, _pid), ticks in self.first.items():
            spent[name] -= ticks
        return {name: ticks * 1000 / os.sysconf("SC_CLK_TCK") for name, ticks in spent.items()}


def _loadavg() -> str:
    try:
        return " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "unknown"
