"""Start a real Celery worker process against the test database and broker."""

from __future__ import annotations

import os
import subprocess
import time
from contextlib import contextmanager

from django.conf import settings

from newsroom.workers import start_worker


@contextmanager
def celery_worker(concurrency: int = 2, ready_timeout: float = 60, purge: bool = True):
    process, log = start_worker(
        queue=settings.CELERY_TASK_DEFAULT_QUEUE,
        concurrency=concurrency,
        name=f"e2e-{os.getpid()}",
        purge=purge,
    )
    deadline = time.monotonic() + ready_timeout
    while not any(" ready." in line for line in log):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError("the Celery worker did not start:\n" + "".join(log))
        time.sleep(0.1)
    try:
        yield process, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
