import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reconcile import evaluation


def _numbers(text: str) -> list[int]:
    """'1-15' or '1,3,5-7' -> the cluster numbers."""
    out: list[int] = []
    for part in text.split(","):
        first, _, last = part.partition("-")
        out.extend(range(int(first), int(last or first) + 1))
    return out


class Command(BaseCommand):
    help = (
        "Run the engine on a folder of articles and score its discrepancies against a gold "
        "file: recall per tier and kind, precision. With --perturb, plant conflicts and "
        "harmless controls in real clusters instead. No database is used."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "folder", metavar="DIR", nargs="?", help="the folder holding the gold's articles"
        )
        parser.add_argument("gold", metavar="GOLD.json", nargs="?")
        parser.add_argument(
            "--report", metavar="JSON", help="score this reconcile-report/1 file instead"
        )
        parser.add_argument(
            "--perturb", metavar="CORPUS", help="ECB+ sample folder holding cluster_NNN/"
        )
        parser.add_argument("--clusters", default="16-30", help="cluster numbers, e.g. 1-15")
        parser.add_argument("--per-kind", type=int, default=4, help="perturbations per kind")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument(
            "--details",
            action="store_true",
            help="list each item or perturbation, a miss with its sentence and its partner's",
        )
        parser.add_argument(
            "--kinds",
            help="only these perturbations, e.g. number,quote (all by default; see "
            "docs/quality.md for the kinds)",
        )

    def handle(self, *args, **options):
        if options["perturb"]:
            return self._perturb(options)
        if not options["gold"]:
            raise CommandError("give DIR and GOLD.json, or --perturb CORPUS")
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

    def _perturb(self, options):
        clusters = evaluation.load_clusters(options["perturb"], _numbers(options["clusters"]))
        if not clusters:
            raise CommandError(f"no clusters {options['clusters']} in {options['perturb']}")
        kinds = options["kinds"].split(",") if options["kinds"] else None
        try:
            report = evaluation.run_perturbations(
                clusters, per_kind=options["per_kind"], seed=options["seed"], kinds=kinds
            )
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines(verbose=options["details"]):
            self.stdout.write(line)
