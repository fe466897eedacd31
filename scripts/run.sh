#!/usr/bin/env bash
# The web server and a Celery worker together, in the foreground.
# Ctrl-C (or either process ending) stops both.
set -uo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-.venv}"

"$VENV/bin/celery" -A newsroom worker --loglevel=INFO --concurrency="${WORKERS:-2}" &
worker=$!
"$VENV/bin/python" manage.py runserver "${ADDRESS:-127.0.0.1:8000}" --noreload &
web=$!

stop() {
  trap - INT TERM EXIT
  kill -TERM "$web" "$worker" 2>/dev/null
  wait "$web" "$worker" 2>/dev/null
  exit 0
}
# Background jobs of a script ignore SIGINT, so Ctrl-C reaches only this shell:
# it forwards TERM, which both the worker (warm shutdown) and the server obey.
trap stop INT TERM EXIT
wait -n "$web" "$worker"
stop
