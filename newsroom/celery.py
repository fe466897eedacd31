import logging
import os
import time

from celery import Celery
from celery.signals import worker_process_init, worker_ready
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# The broker of the default setup, without Redis (see settings.py).
TRANSPORT_ALIASES["filesystem-atomic"] = "newsroom.broker:Transport"

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

log = logging.getLogger(__name__)
# Logged once by each pool process; `manage.py bench` waits for it.
PIPELINE_LOADED = "spaCy pipeline loaded"


@worker_process_init.connect
def load_pipeline(**_kwargs) -> None:
    """Load spaCy (and pint) as each pool process starts, so no task pays for it.

    Otherwise the first article each process takes waits a second or more
    for the model, which delays the story by that much and skews timings.
    """
    from reconcile.engine.extract import load_nlp
    from reconcile.engine.numbers import unit_registry

    started = time.perf_counter()
    load_nlp()("Warm up.")
    unit_registry()  # pint's units, for the first count with a unit
    log.info("%s in %.1f s", PIPELINE_LOADED, time.perf_counter() - started)


@worker_ready.connect
def resume_unfinished_work(**_kwargs) -> None:
    """A worker killed mid-task leaves articles 'extracting'; pick them up again.

    Safe with other workers running: extraction and alignment are idempotent.
    """
    from django.conf import settings

    from reconcile.services import work_resume

    if settings.RECONCILE_RESUME_ON_START:
        work_resume()
