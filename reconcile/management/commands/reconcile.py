import sys
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from articles.formats import UnreadableFile, read_file
from articles.models import Desk
from articles.services import DuplicateArticle, article_add, story_create
from reconcile import reports
from reconcile.services import story_reconcile


def ensure_database(stderr) -> None:
    """Set up the embedded SQLite on first use; never migrate a configured database."""
    from django.core.management import call_command
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    if not executor.migration_plan(executor.loader.graph.leaf_nodes()):
        return
    if settings.DATABASE_URL_IS_DEFAULT:
        stderr.write("setting up the local database (first run)")
        call_command("migrate", verbosity=0, interactive=False)
        return
    raise CommandError(
        "the database has unapplied migrations: run `python manage.py migrate` first"
    )


class Command(BaseCommand):
    help = "Import files as one new story, reconcile them and write the fact-check report."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument("--title", default="", help="story title (default: first file's)")
        parser.add_argument("--format", default="json", choices=reports.FORMATS)
        parser.add_argument("-o", "--output", help="write the report here instead of stdout")
        parser.add_argument("--desk", default="Command line", help="desk that owns the story")

    def handle(self, *args, **options):
        ensure_database(self.stderr)
        parsed = []
        skipped = 0
        for name in options["files"]:
            path = Path(name)
            try:
                if not path.is_file():
                    raise UnreadableFile("no such file")
                data = path.read_bytes()
                parsed.append(
                    (
                        path.name,
                        read_file(path.name, data, max_bytes=settings.RECONCILE_MAX_UPLOAD_BYTES),
                    )
                )
            except (UnreadableFile, OSError) as exc:
                skipped += 1
                self.stderr.write(f"skipped {name}: {exc}")
        if not parsed:
            raise CommandError("no readable files: nothing to reconcile")
        desk, _ = Desk.objects.get_or_create(name=options["desk"])
        story = story_create(desk=desk, title=options["title"] or parsed[0][1].title)
        for filename, text in parsed:
            try:
                article_add(
                    story=story,
                    body=text.body,
                    title=text.title,
                    outlet=Path(filename).stem,
                    filename=filename,
                    enqueue=False,
                )
            except DuplicateArticle as exc:
                skipped += 1
                self.stderr.write(f"skipped {filename}: {exc}")
        if story.articles.count() < 2:
            self.stderr.write("only one article: there is nothing to compare it with")
        found = story_reconcile(story=story)
        content, _ = reports.render_report(story, options["format"])
        data = content if isinstance(content, bytes) else (content + "\n").encode("utf-8")
        if options["output"]:
            Path(options["output"]).write_bytes(data)
            self.stderr.write(f"wrote {options['output']}: story {story.pk}, {found} discrepancies")
        elif isinstance(content, bytes):
            if sys.stdout.isatty():
                raise CommandError("a PDF is binary: write it to a file with -o report.pdf")
            sys.stdout.buffer.write(content)
        else:
            self.stdout.write(content)
        if skipped:
            sys.exit(1)
