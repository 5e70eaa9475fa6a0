import json

from django.core.management.base import BaseCommand

from everychild.alerts.rules import evaluate_children
from everychild.alerts.selectors import open_alerts_report


class Command(BaseCommand):
    help = "Print the open front-door alerts (evaluating the rules first with --evaluate)."

    def add_arguments(self, parser):
        parser.add_argument("--format", choices=["json", "text"], default="text")
        parser.add_argument(
            "--evaluate", action="store_true", help="evaluate every rule over every child first"
        )

    def handle(self, *args, format, evaluate, **options):
        if evaluate:
            evaluate_children()
        alerts = open_alerts_report()
        if format == "json":
            self.stdout.write(json.dumps(alerts, indent=1))
            return
        if not alerts:
            self.stdout.write("No open alerts.")
        for alert in alerts:
            self.stdout.write(
                f"{alert['raised_at'][:10]}  {alert['child_name']} (#{alert['child_id']}): "
                f"{alert['rule']} [{', '.join(alert['agencies'])}]"
            )
