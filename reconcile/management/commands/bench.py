"""Time the pipeline against bare spaCy on the same texts, and alignment growth."""

import math
import resource
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from articles.models import Desk
from articles.services import article_add, story_create
from reconcile.engine.compare import compare
from reconcile.engine.extract import extract_many, load_nlp
from reconcile.engine.types import Extraction
from reconcile.services import story_reconcile

DEFAULT_CORPUS = Path(settings.BASE_DIR).parent / "shared" / "corpus" / "ecbplus"
SIZES = (10, 30, 100, 270)


class Rollback(Exception):
    pass


def _texts(corpus: Path) -> list[str]:
    files = sorted(corpus.glob("cluster_*/*.txt"))
    if not files:
        raise CommandError(f"no articles under {corpus} (expected cluster_*/*.txt)")
    return [f.read_text(encoding="utf-8") for f in files]


def _extract_chunk(texts: list[str]) -> int:
    return sum(len(claims) for claims in extract_many(texts))


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
    help = "Benchmark: bare spaCy vs the whole pipeline, alignment growth, parallel extraction."

    def add_arguments(self, parser):
        parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
        parser.add_argument("--limit", type=int, default=0, help="use only the first N articles")

    def handle(self, *args, **options):
        texts = _texts(options["corpus"])
        if options["limit"]:
            texts = texts[: options["limit"]]
        words = sum(len(t.split()) for t in texts)
        out = self.stdout.write
        out(f"corpus: {len(texts)} articles, {words:,} words ({options['corpus']})")

        nlp = load_nlp()
        list(nlp.pipe(texts[:5]))  # warm up: the first call pays one-off costs
        started = time.perf_counter()
        for _ in nlp.pipe(texts, batch_size=16):
            pass
        spacy_seconds = time.perf_counter() - started
        out(
            f"(a) bare spaCy nlp.pipe:   {spacy_seconds:7.2f} s  "
            f"{words / spacy_seconds:8,.0f} words/s"
        )

        pipeline_seconds = self._pipeline(texts)
        out(
            f"(b) whole pipeline + DB:   {pipeline_seconds:7.2f} s  "
            f"{words / pipeline_seconds:8,.0f} words/s"
        )

        extractions = [
            Extraction(i, claims) for i, claims in enumerate(extract_many(texts, batch_size=16))
        ]
        points = []
        out("alignment + comparison against story size:")
        for size in SIZES:
            if size > len(extractions):
                break
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

        out("extraction across worker processes:")
        chunks = [texts[i::8] for i in range(8)]
        timings = {}
        for workers in (1, 2):
            with ProcessPoolExecutor(max_workers=workers) as pool:
                list(pool.map(_extract_chunk, [texts[:2]] * workers))  # load the model in each
                started = time.perf_counter()
                list(pool.map(_extract_chunk, chunks))
                timings[workers] = time.perf_counter() - started
            out(f"  {workers} process{'es' if workers > 1 else ''}: {timings[workers]:7.2f} s")
        out(f"  speed-up from 1 to 2 processes: {timings[1] / timings[2]:.2f}x")

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
