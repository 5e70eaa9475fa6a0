import json

from django.core.management.base import BaseCommand, CommandError

from everychild import audit


class Command(BaseCommand):
    help = "Work with the audit log. `audit verify` checks the hash chain end to end."

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["verify"])
        parser.add_argument("--json", action="store_true", help="Print the report as JSON.")

    def handle(self, *args, action, **options):
        report = audit.verify()
        if options["json"]:
            self.stdout.write(json.dumps(report.as_dict()))
        elif report.ok:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Audit chain intact: {report.rows} events. Head hash {report.head_hash}"
                )
            )
        if not report.ok:
            raise CommandError(
                f"Audit chain broken at event {report.first_bad_id}: {report.problem}. "
                f"{report.rows - 1} events before it verified."
            )
