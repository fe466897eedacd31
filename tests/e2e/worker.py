"""Start a real Celery worker process against the test database and broker."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings

from newsroom.db import database_url

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def celery_worker(concurrency: int = 2, ready_timeout: float = 60, purge: bool = True):
    env = {
        **os.environ,
        "DATABASE_URL": database_url(),
        "RECONCILE_QUEUE": settings.CELERY_TASK_DEFAULT_QUEUE,
    }
    command = [
        sys.executable, "-m", "celery", "-A", "newsroom", "worker",
        "--loglevel=INFO", f"--concurrency={concurrency}", *(["--purge"] if purge else []),
        "-Q", settings.CELERY_TASK_DEFAULT_QUEUE,
        "-n", f"e2e-{os.getpid()}@%h",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group, so a test can kill it whole
    )
    log: list[str] = []
    ready = threading.Event()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            log.append(line)
            if " ready." in line:
                ready.set()

    threading.Thread(target=read, daemon=True).start()
    deadline = time.monotonic() + ready_timeout
    while not ready.is_set():
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
