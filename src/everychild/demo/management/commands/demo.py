from django.core.management.base import BaseCommand, CommandError

from everychild.demo.borough import DEMO_ACCOUNTS, DEMO_PASSWORD, generate
from everychild.organisations.models import Staff
from everychild.people.models import Person


class Command(BaseCommand):
    help = "Generate the synthetic borough into an empty database, and list the demo accounts."

    def add_arguments(self, parser):
        parser.add_argument("--children", type=int, default=60_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--if-empty", action="store_true", help="Do nothing if the database holds people."
        )
        parser.add_argument("--accounts", action="store_true", help="Only list the demo accounts.")

    def handle(self, *args, children, seed, if_empty, accounts, **options):
        if accounts:
            self._print_accounts()
            return
        if Person.objects.exists():
            if if_empty:
                self.stdout.write("The database already holds a borough; not generating.")
                return
            raise CommandError("The database already holds people: use an empty database.")
        if children < 1:
            raise CommandError("--children must be at least 1.")
        self.stdout.write(f"Generating a borough of {children:,} children (seed {seed})...")
        summary = generate(children=children, seed=seed, log=self.stdout.write)
        self.stdout.write(
            self.style.SUCCESS(
                f"Done in {summary.seconds}s: {summary.children:,} children, "
                f"{summary.people:,} people, {summary.organisations} organisations, "
                f"{summary.staff} staff."
            )
        )

    def _print_accounts(self):
        existing = set(
            Staff.objects.filter(username__in=[a.username for a in DEMO_ACCOUNTS]).values_list(
                "username", flat=True
            )
        )
        if not existing:
            self.stdout.write("No demo accounts in this database.")
            return
        self.stdout.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD})\n")
        for account in DEMO_ACCOUNTS:
            if account.username in existing:
                self.stdout.write(f"  {account.username:<18} {account.role.label}")
        self.stdout.write("")
