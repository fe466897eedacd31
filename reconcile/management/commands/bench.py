"""Time the pipeline against bare spaCy on the same texts, alignment growth, and
one story through real Celery workers with one and with two worker processes."""

import math
import os
import re
import resource
import signal
import subprocess
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from articles.models import Article, Desk, Story
from articles.services import article_add, story_create
from newsroom.celery import PIPELINE_LOADED, app
from newsroom.workers import start_worker
from reconcile.engine.compare import compare
from reconcile.engine.extract import extract_many, load_nlp
from reconcile.engine.types import Extraction
from reconcile.services import DELAYED, article_enqueue, story_reconcile

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "ecbplus"
SIZES = (10, 30, 100, 270)


class Rollback(Exception):
    pass


def _texts(corpus: Path) -> list[str]:
    files = sorted(corpus.glob("cluster_*/*.txt"))
    if not files:
        raise CommandError(f"no articles under {corpus} (expected cluster_*/*.txt)")
    return [f.read_text(encoding="utf-8") for f in files]


def _fit_exponent(points: list[tuple[int, float]]) -> float:
    """Slope of log(time) against log(size): 1 is linear, 2 quadratic."""
    xs = [math.log(n) for n, t in points if n > 0 and t > 0]
    ys = [math.log(t) for n, t in points if n > 0 and t > 0]
    if len(xs) < 2:
        return float("nan")
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    var = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / var


class Command(BaseCommand):
    help = (
        "Benchmark: bare spaCy vs the whole pipeline, alignment growth, and a story "
        "through one and two Celery worker processes."
    )

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")
        parser.add_argument(
            "--worker-articles",
            type=int,
            default=60,
            help="articles in the story sent through real Celery workers (default 60)",
        )
        parser.add_argument(
            "--worker-runs",
            type=int,
            default=3,
            help="runs with each number of worker processes; the best one counts (default 3)",
        )
        parser.add_argument(
            "--no-workers", action="store_true", help="skip the run through Celery workers"
        )
        parser.add_argument(
            "--repeat",
            type=int,
            default=2,
            help="runs of (a) and (b), taking turns; the best of each counts (default 2)",
        )

    def handle(self, *args, **options):
        if options["worker_articles"] < 2 or options["worker_runs"] < 1 or options["repeat"] < 1:
            raise CommandError(
                "--worker-articles must be at least 2, --worker-runs and --repeat at least 1"
            )
        if Desk._meta.db_table not in connection.introspection.table_names():
            raise CommandError(
                "the database has no tables yet: run `python manage.py migrate` "
                "(or `make run`) first"
            )
        if not options["no_workers"] and connection.in_atomic_block:
            raise CommandError(
                "worker processes cannot see this transaction's rows: "
                "run outside a transaction, or pass --no-workers"
            )
        corpus = _texts(options["corpus"])
        texts = corpus[: options["limit"]] if options["limit"] else corpus
        words = sum(len(t.split()) for t in texts)
        out = self.stdout.write
        out(f"corpus: {len(texts)} articles, {words:,} words ({options['corpus']})")

        nlp = load_nlp()
        list(nlp.pipe(texts[:5]))  # warm up: the first call pays one-off costs
        # (a) and (b) take turns, and each keeps its best run: on a shared machine
        # the least disturbed run is the closest to what the code costs.
        spacy_runs, pipeline_runs = [], []
        for _ in range(options["repeat"]):
            started = time.perf_counter()
            for _ in nlp.pipe(texts, batch_size=16):
                pass
            spacy_runs.append(time.perf_counter() - started)
            pipeline_runs.append(self._pipeline(texts))
        spacy_seconds, pipeline_seconds = min(spacy_runs), min(pipeline_runs)
        runs = f"best of {options['repeat']}"
        out(
            f"(a) bare spaCy nlp.pipe:   {spacy_seconds:7.2f} s  "
            f"{words / spacy_seconds:8,.0f} words/s  ({runs})"
        )
        out(
            f"(b) whole pipeline + DB:   {pipeline_seconds:7.2f} s  "
            f"{words / pipeline_seconds:8,.0f} words/s  ({runs})"
        )

        extractions = [
            Extraction(i, claims) for i, claims in enumerate(extract_many(texts, batch_size=16))
        ]
        points = []
        out("alignment + comparison against story size:")
        # The last size is the whole corpus when it is a little short of it (269 of 270).
        for size in sorted({min(size, len(extractions)) for size in SIZES}):
            subset = extractions[:size]
            claims = sum(len(e.claims) for e in subset)
            started = time.perf_counter()
            findings = compare(subset)
            seconds = time.perf_counter() - started
            points.append((claims, seconds))
            out(
                f"  {size:4d} articles {claims:6d} claims  {seconds:7.3f} s  "
                f"{len(findings):5d} findings"
            )
        out(f"  fitted growth exponent (time ~ claims^k): k = {_fit_exponent(points):.2f}")

        if options["no_workers"]:
            out("story through Celery workers: skipped (--no-workers)")
        else:
            self._through_workers(corpus[: options["worker_articles"]], options["worker_runs"])

        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        out(f"peak memory (this process): {peak:,.0f} MB")
        out(f"pipeline/spacy ratio {pipeline_seconds / spacy_seconds:.2f}")

    def _pipeline(self, texts: list[str]) -> float:
        """The real services and database writes, rolled back afterwards."""
        started = time.perf_counter()
        try:
            with transaction.atomic():
                desk, _ = Desk.objects.get_or_create(name="Benchmark")
                story = story_create(desk=desk, title="Benchmark story")
                for i, text in enumerate(texts):
                    article_add(story=story, body=text, filename=f"{i}.txt", enqueue=False)
                story_reconcile(story=story)
                seconds = time.perf_counter() - started
                raise Rollback
        except Rollback:
            pass
        return seconds

    def _through_workers(self, texts: list[str], runs: int) -> None:
        """One story, enqueued as the app does, through real worker processes.

        A worker with one pool process and one with two run side by side, each
        on its own private queue, and the runs alternate between them so a
        change in the machine's load falls on both alike. Each run is timed
        from enqueueing the first article until the story's alignment is
        stored; the throwaway story is then deleted.
        """
        out = self.stdout.write
        out(
            f"story through Celery workers: {len(texts)} articles, enqueue to alignment stored, "
            f"best of {runs} ({os.cpu_count()} CPUs, load average before: {_load()})"
        )
        desk, made_desk = Desk.objects.get_or_create(name="Benchmark")
        timings: dict[int, list[float]] = {1: [], 2: []}
        try:
            with ExitStack() as stack:
                workers = [stack.enter_context(_celery_worker(n)) for n in (1, 2)]
                for worker in workers:
                    worker.wait_ready()
                for run in range(runs):
                    for worker in workers if run % 2 == 0 else workers[::-1]:
                        seconds, alignments, busy = self._story_run(desk, texts, worker)
                        timings[worker.concurrency].append(seconds)
                        out(
                            f"  run {run + 1}, {worker.concurrency} worker "
                            f"process{'es' if worker.concurrency > 1 else ''}: {seconds:7.2f} s  "
                            f"(pool in tasks {busy / seconds / worker.concurrency:4.0%} of the "
                            f"time, {alignments} alignment{'s' if alignments > 1 else ''} queued)"
                        )
                for worker in workers:
                    if worker.troubles():
                        out(f"  worker log, retries and errors: {worker.troubles()}")
        finally:
            if made_desk:
                desk.delete()
        for n, runs_seconds in timings.items():
            out(f"  {n} worker process{'es' if n > 1 else ''}: best {min(runs_seconds):7.2f} s")
        out(f"  load average after: {_load()}")
        out(f"  speed-up from 1 to 2 worker processes: {min(timings[1]) / min(timings[2]):.2f}x")

    def _story_run(
        self, desk: Desk, texts: list[str], worker: "_Worker"
    ) -> tuple[float, int, float]:
        """Seconds until aligned, alignments queued, and seconds spent inside tasks."""
        story = story_create(desk=desk, title="Benchmark: throwaway story for the worker run")
        try:
            ids = [
                article_add(story=story, body=text, filename=f"{i}.txt", enqueue=False).pk
                for i, text in enumerate(texts)
            ]
            mark = worker.mark()
            with worker.routing():
                started = time.perf_counter()
                for article_id in ids:
                    article_enqueue(article_id=article_id)
                if Article.objects.filter(story=story, notice=DELAYED).exists():
                    raise CommandError("the broker did not take the articles (is it running?)")
                _wait_until_aligned(story, worker)
                seconds = time.perf_counter() - started
            # Two extractions finishing together can both queue the alignment;
            # let the second one end before the story goes.
            worker.wait_idle()
            return (
                seconds,
                worker.count_since(mark, "story_align_task", "received"),
                worker.task_seconds_since(mark),
            )
        finally:
            Story.objects.filter(pk=story.pk).delete()


WORKER_START_TIMEOUT = 120
STALL_TIMEOUT = 120  # no article changed status for this long: give up
TASK_LINE = re.compile(r"Task (?P<name>[\w.]+)\[(?P<id>[\w-]+)\] (?P<event>\w+)")
TASK_SECONDS = re.compile(r"\] succeeded in ([\d.]+)s")


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


class _Worker:
    """A `celery worker` process on a private queue, and what it logs."""

    def __init__(self, concurrency: int):
        self.concurrency = concurrency
        self.queue = f"reconcile-bench-{os.getpid()}-{concurrency}"
        self.process, self.lines = start_worker(
            queue=self.queue,
            concurrency=concurrency,
            name=self.queue,
            env={"RECONCILE_RESUME_ON_START": "0"},
        )

    def _wait(self, done, what: str, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while not done():
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise CommandError(f"{what}:\n" + "".join(self.lines[-40:]))
            time.sleep(0.05)

    def wait_ready(self) -> None:
        """Until the worker consumes and every pool process has spaCy loaded."""
        self._wait(
            lambda: (
                any(" ready." in line for line in self.lines)
                and sum(PIPELINE_LOADED in line for line in self.lines) >= self.concurrency
            ),
            f"the Celery worker ({self.queue}) did not start",
            WORKER_START_TIMEOUT,
        )

    def mark(self) -> int:
        return len(self.lines)

    def count_since(self, mark: int, task: str, event: str) -> int:
        return sum(
            1
            for m in map(TASK_LINE.search, self.lines[mark:])
            if m and m["name"].endswith(task) and m["event"] == event
        )

    def task_seconds_since(self, mark: int) -> float:
        return sum(float(m[1]) for m in map(TASK_SECONDS.search, self.lines[mark:]) if m)

    def wait_idle(self, timeout: float = 60) -> None:
        def idle() -> bool:
            events: dict[str, set[str]] = {}
            for m in map(TASK_LINE.search, list(self.lines)):
                if m:
                    events.setdefault(m["id"], set()).add(m["event"])
            return all(e & {"succeeded", "raised"} for e in events.values())

        self._wait(idle, f"the worker ({self.queue}) did not finish its tasks", timeout)

    def troubles(self) -> str:
        found = Counter(
            m["event"]
            for m in map(TASK_LINE.search, self.lines)
            if m and m["event"] not in {"received", "succeeded"}
        )
        locked = sum("database is locked" in line for line in self.lines)
        if locked:
            found["'database is locked'"] = locked
        return ", ".join(f"{n} {event}" for event, n in sorted(found.items()))

    @contextmanager
    def routing(self):
        """Send this process's tasks to the worker's private queue."""
        default = app.conf.task_default_queue
        app.conf.task_default_queue = self.queue
        try:
            yield
        finally:
            app.conf.task_default_queue = default

    def stop(self) -> None:
        self.process.terminate()  # warm shutdown: running tasks finish
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        with app.pool.acquire(block=True) as conn:
            # celery-types has app.pool as a ProducerPool, so conn as a Producer; app.pool
            # is kombu's ConnectionPool (celery/app/base.py), and conn a Connection.
            conn.default_channel.queue_delete(self.queue)  # type: ignore[attr-defined]


@contextmanager
def _celery_worker(concurrency: int):
    worker = _Worker(concurrency)
    try:
        yield worker
    finally:
        worker.stop()


def _wait_until_aligned(story: Story, worker: _Worker) -> None:
    status = Article.Status
    busy = {status.QUEUED, status.EXTRACTING, status.EXTRACTED, status.ALIGNING}
    seen: Counter[str] = Counter()
    deadline = time.monotonic() + STALL_TIMEOUT
    while True:
        statuses = Counter(Article.objects.filter(story=story).values_list("status", flat=True))
        if set(statuses) == {status.DONE}:
            return
        if statuses != seen:
            seen, deadline = statuses, time.monotonic() + STALL_TIMEOUT
        stuck = not busy & set(statuses) and status.FAILED in statuses
        if stuck or time.monotonic() > deadline or worker.process.poll() is not None:
            raise CommandError(
                f"the story did not finish ({dict(statuses)}):\n" + "".join(worker.lines[-40:])
            )
        time.sleep(0.02)
