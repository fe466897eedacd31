"""Create the demo desk, editor and story so `make run` shows something real."""

import secrets
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction

from articles.formats import read_file
from articles.models import Desk, Membership, Story
from articles.services import article_add, story_create
from reconcile.services import story_reconcile

DEMO_DIR = Path(__file__).resolve().parents[2] / "demo"
DEMO_TITLE = "Port Elinor ferry fire"
OUTLETS = {
    "coastline-wire.txt": "Coastline Wire",
    "harbour-herald.txt": "Harbour Herald",
    "northern-post.txt": "Northern Post",
    "elinor-radio.txt": "Elinor Radio",
}


class Command(BaseCommand):
    help = "Create the demo editor (printing a fresh password) and load the demo story."

    def add_arguments(self, parser):
        parser.add_argument("--username", default="editor")

    def handle(self, *args, **options):
        password = secrets.token_urlsafe(9)
        with transaction.atomic():
            desk, _ = Desk.objects.get_or_create(name="Demo desk")
            user, _ = get_user_model().objects.get_or_create(username=options["username"])
            user.set_password(password)
            user.is_staff = user.is_superuser = True
            user.save()
            Membership.objects.update_or_create(
                user=user, defaults={"desk": desk, "role": Membership.Role.ADMIN}
            )
            story = Story.objects.filter(desk=desk, title=DEMO_TITLE).first()
            created = story is None
            if story is None:
                story = story_create(desk=desk, title=DEMO_TITLE, user=user)
                for path in sorted(DEMO_DIR.glob("*.txt")):
                    text = read_file(path.name, path.read_bytes(), max_bytes=1_000_000)
                    article_add(
                        story=story,
                        body=text.body,
                        title=text.title,
                        outlet=OUTLETS.get(path.name, ""),
                        filename=path.name,
                        enqueue=False,
                    )
        if created:
            found = story_reconcile(story=story)
            self.stdout.write(f"Loaded the demo story '{DEMO_TITLE}': {found} conflicts.")
        self.stdout.write(
            self.style.SUCCESS(
                f"\n  Demo login: username {options['username']}  password {password}\n"
            )
        )
