import os

from celery import Celery
from celery.signals import worker_ready
from kombu.transport import TRANSPORT_ALIASES

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
# The broker of the default setup, without Redis (see settings.py).
TRANSPORT_ALIASES["filesystem-atomic"] = "newsroom.broker:Transport"

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


@worker_ready.connect
def resume_unfinished_work(**_kwargs) -> None:
    """A worker killed mid-task leaves articles 'extracting'; pick them up again.

    Safe with other workers running: extraction and alignment are idempotent.
    """
    from reconcile.services import work_resume

    work_resume()
