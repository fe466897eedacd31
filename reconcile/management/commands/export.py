from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from articles.models import Story
from reconcile import reports


class Command(BaseCommand):
    help = "Write a stored story's fact-check report in one format."

    def add_arguments(self, parser):
        parser.add_argument("story_id", type=int, metavar="STORY_ID")
        parser.add_argument("--format", default="json", choices=reports.FORMATS)
        parser.add_argument("-o", "--output", help="write the report here instead of stdout")
        parser.add_argument(
            "--base-url",
            default=None,
            help="the site's root, e.g. https://reconcile.example.org/, for absolute links",
        )

    def handle(self, *args, **options):
        story = Story.objects.filter(pk=options["story_id"]).first()
        if story is None:
            raise CommandError(f"no story with id {options['story_id']}")
        fmt = options["format"]
        content, _ = reports.render_report(story, fmt, base_url=options["base_url"])
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stderr.write(f"wrote {options['output']}: story {story.pk}, {fmt}")
            return
        if isinstance(content, str):
            self.stdout.write(content, ending="" if content.endswith("\n") else "\n")
            return
        out = getattr(self.stdout, "buffer", None)
        if out is None:
            raise CommandError(f"{fmt} is binary: write it to a file with -o")
        if self.stdout.isatty():
            raise CommandError(f"not writing {fmt} to a terminal: use -o FILE or a redirect")
        self.stdout.flush()
        out.write(data)
        out.flush()
