"""Shared set-up for benchmarks: a database holding the synthetic borough.

SQLite by default (bench/.data/bench-<children>.sqlite3, built once and reused); set
DATABASE_URL to benchmark PostgreSQL (an empty database is migrated and filled; one that
already holds a borough of the right size is reused).
"""

import os
import sys
from datetime import date
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
TODAY = date(2026, 11, 23)  # fixed, so that every run measures the same borough


def setup_django(children: int) -> None:
    data = BENCH_DIR / ".data"
    data.mkdir(exist_ok=True)
    os.environ.setdefault("DATABASE_URL", f"sqlite:///{data / f'bench-{children}.sqlite3'}")
    os.environ.setdefault("EVERYCHILD_TESTING", "1")  # no secret key needed; fast hashing
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "everychild.settings")
    sys.path.insert(0, str(BENCH_DIR.parent / "src"))
    import django

    django.setup()


def ensure_borough(children: int, seed: int = 1) -> str:
    """Migrate and generate the borough if needed; return the database vendor."""
    from django.core.management import call_command
    from django.db import connection

    from everychild.demo.borough import generate
    from everychild.people.models import Person, PersonKind

    call_command("migrate", verbosity=0, interactive=False)
    existing = Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN]).count()
    if existing == 0:
        print(f"building a {children:,}-child borough (once)...", file=sys.stderr)
        summary = generate(children=children, seed=seed, today=TODAY)
        print(f"built in {summary.seconds}s", file=sys.stderr)
    elif existing != children:
        sys.exit(f"the benchmark database holds {existing} children, not {children}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # boroughs built before the generator analysed, too
    return connection.vendor
