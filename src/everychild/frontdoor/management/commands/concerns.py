import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from everychild.frontdoor.intake import COLUMNS, ImportRejected, import_concerns, write_template


class Command(BaseCommand):
    help = (
        "Concerns from partner systems. `concerns import FILE.csv` imports a file all-or-"
        "nothing; `concerns template` prints an empty file with the right columns."
    )

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["import", "template"])
        parser.add_argument("file", nargs="?", help="the CSV file to import")
        parser.add_argument("--json", action="store_true", help="print the report as JSON")

    def handle(self, *args, action, file, **options):
        if action == "template":
            write_template(self.stdout)
            return
        if not file:
            raise CommandError(f"Give the file to import. Its columns: {', '.join(COLUMNS)}")
        path = Path(file)
        try:
            content = path.read_text(encoding="utf-8-sig")
        except FileNotFoundError as error:
            raise CommandError(f"There is no file {file}.") from error
        except UnicodeDecodeError as error:
            raise CommandError(f"{file} is not UTF-8 text: save it as CSV (UTF-8).") from error
        try:
            report = import_concerns(content, file_name=path.name)
        except ImportRejected as rejected:
            if options["json"]:
                self.stdout.write(json.dumps(rejected.report.as_dict()))
            else:
                sys.stderr.write(rejected.report.as_text() + "\n")
            raise CommandError("The file was rejected: nothing was imported.") from rejected
        self.stdout.write(json.dumps(report.as_dict()) if options["json"] else report.as_text())
