"""How the synthetic borough's steps put rows in the database.

The generator does not call the services: 60,000 children with years of history are
millions of rows, and a service per row (its permission checks, audit row and chronology
entry, one save at a time) would take hours. Each step works out its rows in memory and
writes them here in bulk, keeping the rules the services keep (tests/demo/test_samples.py
checks a sample of every kind of record against them). See
docs/decisions/0011-demo-writer.md.

- `Ids`: ids handed out before the insert, so that rows can point at each other.
- `Rows`: one step's rows as dicts of field attnames (`put`; `add` gives the row a new id),
  its chronology entries (`entry`, as chronology.services.entry_add writes one), a record
  and its entry together (`record`, as a service saves and adds to the chronology), an
  involvement (`involvement`: who may see the child), written in the order asked by
  `flush`.
- `insert`, `bulk`, `update`: out to the database (executemany for dict rows; bulk_create
  for model instances; executemany UPDATE).
- `content_type_id`: a model's content type, for an entry's or a decision's source.
- `BoroughClock`: moments in the borough's local time (`LONDON`), never after its "now".
- `WorkingDays`: core.calendar's working days over a fixed range, by index (fast).
- `reset_sequences`: PostgreSQL's id sequences moved past the rows written with explicit
  ids, before anything inserts through the ORM again.
- `run_alert_rules`, `record_generation`: the two things the generator does through other
  apps' code (the alert rules, as recording a concern or a missing episode runs them; the
  one audit row saying the borough was generated).

The other apps' names every step shares (the chronology's kinds and visibilities, the
involvement kinds) are imported here once, and the steps import them from here. Alongside:
demo.identities (people's and staff's rows: names, postcodes, NHS numbers, usernames) and
demo.chance (a weighted pick).
"""

import functools
import itertools
import random
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.db import connection, models
from django.utils import timezone

from everychild import audit
from everychild.access.models import (
    SOCIAL_CARE_KINDS,
    Involvement,
    InvolvementKind,
    RecordRestriction,
)
from everychild.alerts.rules import evaluate_children
from everychild.chronology.models import ChronologyEntry, EntryKind, Visibility
from everychild.core import calendar

__all__ = [
    "BATCH",
    "LONDON",
    "SOCIAL_CARE_KINDS",
    "BoroughClock",
    "ChronologyEntry",
    "EntryKind",
    "Ids",
    "Involvement",
    "InvolvementKind",
    "RecordRestriction",
    "Rows",
    "Visibility",
    "WorkingDays",
    "bulk",
    "content_type_id",
    "insert",
    "pk_of",
    "record_generation",
    "reset_sequences",
    "run_alert_rules",
    "update",
]

LONDON = ZoneInfo(settings.TIME_ZONE)
BATCH = 5000


# ---- ids ---------------------------------------------------------------------------------------


class Ids:
    """Ids for rows written with explicit ids: per model, counting on from the largest in the
    table when the model is first asked for (rows inserted without ids before then, by
    bulk_create or the services, are counted past)."""

    def __init__(self) -> None:
        self._counters: dict[type, Iterable[int]] = {}

    def next(self, model: type[models.Model]) -> int:
        if model not in self._counters:
            last = model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            self._counters[model] = itertools.count(last + 1)
        return next(self._counters[model])


def reset_sequences() -> None:
    """Move every everychild table's id sequence past its rows (PostgreSQL; nothing on
    SQLite, whose ids follow the largest). Explicit ids bypass the sequences, so this runs
    before anything inserts through the ORM again (a step's alert rules, the audit row)."""
    if connection.vendor != "postgresql":
        return
    # Every everychild app's tables, so that a step added later needs no change here.
    everychild = [m for m in apps.get_models() if m.__module__.startswith("everychild.")]
    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), everychild):
            cursor.execute(sql)


# ---- time --------------------------------------------------------------------------------------


class BoroughClock:
    """Moments in the borough's local time, never after the borough's "now": the end of
    `today`, or the real now if `today` is the real today."""

    def __init__(self, today: date, rng: random.Random | None = None):
        self.today = today
        self.rng = rng
        end_of_today = datetime.combine(today, time(23, 59), tzinfo=LONDON)
        self.now = min(timezone.now(), end_of_today)
        self.start_of_today = datetime.combine(today, time(0, 0), tzinfo=LONDON)

    def at(self, day: date, hour: int, minute: int) -> datetime:
        moment = datetime.combine(day, time(hour, minute), tzinfo=LONDON)
        if moment <= self.now:
            return moment
        # Today, later than now: squeeze the day so far into the hours already gone.
        fraction = (hour * 60 + minute) / (24 * 60)
        return self.start_of_today + (self.now - self.start_of_today) * fraction

    def on(self, day: date, hour: int, minute: int | None = None) -> datetime:
        """`day` at `hour` (a random minute unless given); from today on, as `at`."""
        minute = self.rng.randrange(60) if minute is None else minute
        if day >= self.today:
            return self.at(day, hour, minute)
        return datetime.combine(day, time(hour, minute), tzinfo=LONDON)

    def not_after_now(self, moment: datetime, floor: datetime) -> datetime:
        if moment <= self.now:
            return moment
        return floor + (self.now - floor) / 2


class WorkingDays:
    """core.calendar's working days over a fixed range, by index (add_working_days in O(1))."""

    def __init__(self, start: date, end: date):
        self.days: list[date] = []
        self._after: dict[date, int] = {}
        day = start
        while day <= end:
            if calendar.is_working_day(day):
                self.days.append(day)
            self._after[day] = len(self.days)  # index of the first working day after `day`
            day += timedelta(days=1)

    def after(self, day: date) -> int:
        return self._after[day]

    def add(self, day: date, n: int) -> date:
        """calendar.add_working_days(day, n)."""
        if n == 0:
            return day
        index = self._after[day] + n - 1
        if n < 0 and not calendar.is_working_day(day):
            index += 1
        return self.days[index]

    def between(self, start: date, end: date) -> int:
        return self._after[end] - self._after[start]


# ---- rows --------------------------------------------------------------------------------------


@functools.cache
def _attnames(model) -> set[str]:
    return {f.attname for f in model._meta.concrete_fields}


def content_type_id(model: type[models.Model]) -> int:
    return ContentType.objects.get_for_model(model).pk


def pk_of(obj) -> int | None:
    return None if obj is None else obj.pk


class Rows:
    """One step's rows, as dicts of field attnames, written in one go by `flush`."""

    def __init__(self, ids: Ids):
        self.ids = ids
        self.lists: dict[type, list[dict]] = defaultdict(list)
        self.written = 0
        self._types: dict[type, int] = {}

    def content_type_id(self, model) -> int:
        if model not in self._types:
            self._types[model] = content_type_id(model)
        return self._types[model]

    def put(self, model, **values) -> None:
        """A row to insert (field attnames to values; other fields take their defaults)."""
        self.lists[model].append(values)

    def add(self, model, **values) -> int:
        """A row with a new id; the id."""
        values["id"] = pk = self.ids.next(model)
        self.lists[model].append(values)
        return pk

    def record(self, model, child_id: int, when, kind, summary, by, /, **values) -> int:
        """A new row of `model` about the child (`values`: its other fields) and the
        chronology entry the service recording it writes; the row's id. `visibility` and
        `organisation` go to the entry."""
        visibility = values.pop("visibility", Visibility.SOCIAL_CARE)
        organisation = values.pop("organisation", None)
        if "child_id" in _attnames(model):
            values["child_id"] = child_id
        values["id"] = pk = self.ids.next(model)
        self.lists[model].append(values)
        self.entry(child_id, when, kind, summary, model, pk, by, visibility, organisation)
        return pk

    def involvement(self, child_id: int, kind: str, started_on, ended_on=None, **who) -> int:
        """Someone's involvement with a child (access follows it): `who` is the staff_id,
        team_id or organisation_id."""
        return self.add(
            Involvement,
            child_id=child_id,
            kind=kind,
            started_on=started_on,
            ended_on=ended_on,
            **who,
        )

    def entry(
        self,
        child_id: int,
        when: datetime,
        kind: str,
        summary: str,
        source=None,
        source_id=None,
        by=None,
        visibility: str = Visibility.SOCIAL_CARE,
        organisation: int | None = None,
    ) -> None:
        """A chronology entry about `source` (a model and its row's pk), recorded by `by`
        when it happened, as chronology.services.entry_add writes one."""
        self.lists[ChronologyEntry].append(
            {
                "id": self.ids.next(ChronologyEntry),
                "child_id": child_id,
                "occurred_at": when,
                "kind": kind,
                "summary": summary,
                "source_type_id": self.content_type_id(source) if source else None,
                "source_organisation_id": organisation,
                "source_id": str(source_id) if source else "",
                "visibility": visibility,
                "recorded_by_id": pk_of(by),
                "recorded_at": when,
            }
        )

    def flush(self, order: list[type]) -> int:
        """Insert the rows of each model in `order` (parents before children)."""
        written = 0
        for model in order:
            written += insert(model, self.lists.pop(model, []))
        self.written += written
        return written


def insert(model, rows: list[dict]) -> int:
    """Insert rows (dicts of attnames) with executemany: bulk_create's per-row work costs
    more than the database does. Fields a row leaves out take their default (timestamps
    that would be "now": the row's own date, set by the caller)."""
    if not rows:
        return 0
    ops = connection.ops
    keys = list(dict.fromkeys(k for row in rows[:1] for k in row))
    for row in rows:
        if len(row) != len(keys):
            keys = list(dict.fromkeys(k for r in rows for k in r))
            break
    fields = {f.attname: f for f in model._meta.concrete_fields}
    for name, f in fields.items():
        if name not in keys and not (f.primary_key and "id" not in keys):
            keys.append(name)
    columns, adapters, defaults = [], [], []
    for name in keys:
        f = fields[name]
        columns.append(ops.quote_name(f.column))
        adapters.append(_adapter(f))
        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
            defaults.append(timezone.now())
        else:
            defaults.append(f.get_default())
    plan = list(zip(keys, adapters, defaults, strict=True))
    table = ops.quote_name(model._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(keys))})"
    with connection.cursor() as cursor:
        for i in range(0, len(rows), BATCH):
            cursor.executemany(
                sql,
                [
                    tuple(
                        (adapt(row.get(k, d)) if adapt else row.get(k, d))
                        if k in row
                        else (adapt(d) if adapt and d is not None else d)
                        for k, adapt, d in plan
                    )
                    for row in rows[i : i + BATCH]
                ],
            )
    return len(rows)


def _adapter(f):
    kind = f.get_internal_type()
    if kind == "DateTimeField":
        return connection.ops.adapt_datetimefield_value
    if kind == "DateField":
        return connection.ops.adapt_datefield_value
    if kind == "JSONField":
        return lambda v, f=f: f.get_db_prep_save(v, connection)
    return None


def bulk(model: type[models.Model], objects: list) -> None:
    """Insert model instances as bulk_create would (their save() and signals are not run;
    rows without an id get the database's next), but by `insert`: a third of the time."""
    fields = [
        (f.attname, getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False))
        for f in model._meta.concrete_fields
    ]
    rows = []
    for obj in objects:
        row = obj.__dict__
        rows.append(
            {
                name: row[name]
                for name, stamped in fields
                if not (row[name] is None and (stamped or name == "id"))
            }
        )
    insert(model, rows)


def update(model, columns: list[str], rows: list[tuple], where: tuple[str, ...] = ("id",)) -> None:
    """UPDATE `columns` (then `where`) from each tuple in `rows`, dates adapted."""
    if not rows:
        return
    fields = {f.column: f for f in model._meta.concrete_fields}
    adapters = [_adapter(fields[c]) if c in fields else None for c in (*columns, *where)]
    table = connection.ops.quote_name(model._meta.db_table)
    assignments = ", ".join(f"{c} = %s" for c in columns)
    conditions = " AND ".join(f"{c} = %s" for c in where)
    with connection.cursor() as cursor:
        cursor.executemany(
            f"UPDATE {table} SET {assignments} WHERE {conditions}",
            [
                tuple(
                    adapt(v) if adapt and v is not None else v
                    for adapt, v in zip(adapters, row, strict=True)
                )
                for row in rows
            ],
        )


# ---- through other apps ------------------------------------------------------------------------


def run_alert_rules(child_ids=None, today: date | None = None) -> int:
    """Run the front door's alert rules, as recording a concern or a missing episode does;
    the number of alerts raised."""
    return len(evaluate_children(child_ids, today=today).raised)


def record_generation(*, children: int, seed: int, today: date) -> None:
    """The one audit row: the borough was generated (no per-row audit)."""
    audit.record(
        actor=None,
        verb="demo_generated",
        payload={"children": children, "seed": seed, "today": today},
    )
