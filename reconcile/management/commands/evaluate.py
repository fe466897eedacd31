import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reconcile import evaluation


class Command(BaseCommand):
    help = (
        "Run the engine on a folder of articles and score its discrepancies against a gold "
        "file: recall per tier and kind, precision. No database is used."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", metavar="DIR", help="the folder holding the gold's articles")
        parser.add_argument("gold", metavar="GOLD.json")
        parser.add_argument(
            "--report", metavar="JSON", help="score this reconcile-report/1 file instead"
        )
        parser.add_argument(
            "--details", action="store_true", help="list missed items and unmatched flags"
        )

    def handle(self, *args, **options):
        try:
            gold = evaluation.load_gold(options["gold"])
            if options["report"]:
                report = json.loads(Path(options["report"]).read_text(encoding="utf-8"))
            else:
                articles = evaluation.read_articles(options["folder"], gold["articles"])
                report = evaluation.pipeline_report(articles)
        except (OSError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        result = evaluation.evaluate(report, gold)
        for line in evaluation.summary_lines(result, verbose=options["details"]):
            self.stdout.write(line)
