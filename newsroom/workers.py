"""A real `celery worker` process, started from Python: for the benchmark and the tests."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from django.conf import settings

from .db import database_url


def start_worker(
    *, queue: str, concurrency: int, name: str, purge: bool = False, env: dict | None = None
) -> tuple[subprocess.Popen, list[str]]:
    """A worker consuming `queue` against this process's database, in a process group of
    its own (so it can be killed whole), and the list its output lines arrive in."""
    command = [
        sys.executable, "-m", "celery", "-A", "newsroom", "worker", "--loglevel=INFO",
        f"--concurrency={concurrency}", *(["--purge"] if purge else []),
        "-Q", queue, "-n", f"{name}@%h",
    ]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=settings.BASE_DIR,
        env={
            **os.environ,
            "DATABASE_URL": database_url(),
            "RECONCILE_QUEUE": queue,
            **(env or {}),
        },
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,
    )
    lines: list[str] = []

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)

    threading.Thread(target=read, daemon=True).start()
    return process, lines
