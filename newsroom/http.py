"""The request the views get, as the middleware in settings.py makes it."""

from django.contrib.auth.models import User
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails


class AuthenticatedHttpRequest(HttpRequest):
    """A request past LoginRequiredMiddleware, whose user is logged in, and
    HtmxMiddleware, which adds `htmx`. For annotations: a view that is
    `@login_not_required` takes a plain HttpRequest."""

    user: User
    htmx: HtmxDetails
