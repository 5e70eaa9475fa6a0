"""Casework pages benchmark: the child's page, "My work", "Team", the looked-after child's
page and the corporate parenting page, rendered for real.

    .venv/bin/python bench/casework.py [--children 60000] [--child-pages 200]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everychild_bench_cw \\
        .venv/bin/python bench/casework.py

On the borough (built once, with its front-door and casework histories; a cached SQLite
borough built before the casework step is rebuilt), renders with Django's test client:

- the child's page (/children/<id>/) of the 200 children with the longest chronologies, each
  as their allocated social worker;
- "My work" (/my-work/) for every social worker holding cases;
- "Team" (/team/) for the manager of every team holding cases;
- the looked-after child's page (/children/<id>/care/) of the 100 children in care today with
  the largest care histories (episodes, reviews, visits and missing episodes), each as their
  allocated social worker;
- the corporate parenting page (/care/corporate-parenting/) 10 times, as the director;

timing each response and counting its queries (CaptureQueriesContext). Pages write audit
events; everything runs in one transaction that is rolled back, so the database can be
reused. Targets: 150 ms at the 95th percentile (500 ms for corporate parenting) and 30
queries a page. For any page over 30 queries, or a kind of page that misses its time, the
queries that dominate (normalised SQL, how often, total time) go to stderr; the last line is
JSON.
"""

import argparse
import json
import math
import os
import re
import sqlite3
import sys
import time
from collections import defaultdict

from _borough import BENCH_DIR, ensure_borough, setup_django

TARGET_MS, TARGET_QUERIES = 150, 30
TARGET_MS_BY_KIND = {"corporate_parenting": 500}


def drop_stale_sqlite(children: int) -> None:
    """A cached SQLite borough made before the casework step has no casework: rebuild it."""
    if os.environ.get("DATABASE_URL", "").startswith(("postgres", "postgresql")):
        return
    path = BENCH_DIR / ".data" / f"bench-{children}.sqlite3"
    if not path.exists() or "DATABASE_URL" in os.environ:
        return
    with sqlite3.connect(path) as db:
        try:
            people = db.execute("SELECT COUNT(*) FROM people_person").fetchone()[0]
            casework = db.execute("SELECT COUNT(*) FROM casework_assessment").fetchone()[0]
            casework = (
                casework and db.execute("SELECT COUNT(*) FROM care_periodofcare").fetchone()[0]
            )
        except sqlite3.OperationalError:  # tables missing: an older schema
            people, casework = 1, 0
    if people and not casework:
        print(f"{path.name} predates the casework or care history: rebuilding it", file=sys.stderr)
        for suffix in ("", "-wal", "-shm"):
            (path.parent / (path.name + suffix)).unlink(missing_ok=True)


def ensure_casework() -> None:
    from everychild.casework.models import Assessment

    if not Assessment.objects.exists():
        sys.exit(
            "the benchmark database holds a borough without casework: "
            "use an empty database (it is built with the casework history)"
        )


def p95(values: list[float]) -> float:
    """The nearest-rank 95th percentile."""
    ordered = sorted(values)
    return round(ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)], 1)


_COLUMNS = re.compile(r"^SELECT (?:DISTINCT )?.*? FROM", re.S)
_LITERALS = re.compile(r"('(?:[^']|'')*'|\b\d+\b)")
_LISTS = re.compile(r"\((?:%s|\?|\d+)(?:,\s*(?:%s|\?|\d+))+\)")


def normalise(sql: str) -> str:
    """The query's shape: no column list, literals or id lists."""
    sql = _COLUMNS.sub("SELECT ... FROM", sql, count=1)
    return _LISTS.sub("(...)", _LITERALS.sub("?", sql))[:220]


class Pages:
    """Renders pages and keeps their timings and queries."""

    def __init__(self):
        from django.test import Client

        self.client = Client(SERVER_NAME="localhost")
        self.timings: dict[str, list[float]] = defaultdict(list)
        self.max_queries: dict[str, int] = defaultdict(int)
        self.queries: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
        self.heavy: list[tuple[str, int]] = []

    def get(self, kind: str, url: str, user) -> None:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.client.force_login(user)
        connection.queries_log.clear()  # the log keeps 9,000 queries: the count needs room
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = self.client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
        if response.status_code != 200:
            sys.exit(f"{url} as {user.username}: {response.status_code}")
        self.timings[kind].append(elapsed)
        n = len(captured.captured_queries)
        self.max_queries[kind] = max(self.max_queries[kind], n)
        if n > TARGET_QUERIES:
            self.heavy.append((f"{url} as {user.username}", n))
        for query in captured.captured_queries:
            self.queries[kind][normalise(query["sql"])].append(float(query["time"]))

    def report(self) -> None:
        """What dominates the pages that miss a target, for their owner."""
        for url, n in sorted(set(self.heavy), key=lambda h: -h[1])[:5]:
            print(f"over {TARGET_QUERIES} queries: {url}: {n}", file=sys.stderr)
        for kind, timings in self.timings.items():
            target = TARGET_MS_BY_KIND.get(kind, TARGET_MS)
            missed = p95(timings) > target or self.max_queries[kind] > TARGET_QUERIES
            middle = sorted(timings)[len(timings) // 2]
            print(
                f"{kind}: {len(timings)} pages, p50 {middle:.1f} ms, p95 {p95(timings)} ms, "
                f"at most {self.max_queries[kind]} queries"
                + ("  <- misses a target" if missed else ""),
                file=sys.stderr,
            )
            if not missed:
                continue
            # The most frequent and the slowest query shapes, per page.
            shapes = self.queries[kind].items()
            top = sorted(shapes, key=lambda kv: (-len(kv[1]), -sum(kv[1])))[:8]
            top += [kv for kv in sorted(shapes, key=lambda kv: -sum(kv[1]))[:4] if kv not in top]
            for sql, times in top:
                per_page = len(times) / len(timings)
                ms = sum(times) * 1000 / len(timings)
                print(f"    {per_page:5.1f}/page {ms:6.1f} ms/page  {sql}", file=sys.stderr)


def largest_care_histories(allocated: set[int], n: int) -> list[int]:
    """The children in care today (and allocated) with the most care records."""
    from collections import Counter

    from everychild.care.models import (
        CareEpisode,
        LookedAfterReview,
        MissingEpisode,
        PeriodOfCare,
    )
    from everychild.casework.models import CaseNote, NoteKind

    in_care = (
        set(PeriodOfCare.objects.filter(ended_on__isnull=True).values_list("child_id", flat=True))
        & allocated
    )
    size: Counter = Counter()
    for rows in (
        CareEpisode.objects.filter(child_id__in=in_care),
        LookedAfterReview.objects.filter(child_id__in=in_care),
        MissingEpisode.objects.filter(child_id__in=in_care),
        CaseNote.objects.filter(child_id__in=in_care, kind=NoteKind.VISIT),
    ):
        size.update(rows.values_list("child_id", flat=True))
    return [child for child, _ in sorted(size.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--child-pages", type=int, default=200)
    parser.add_argument("--cla-pages", type=int, default=100)
    args = parser.parse_args()
    drop_stale_sqlite(args.children)
    setup_django(args.children)
    backend = ensure_borough(args.children)
    ensure_casework()

    from django.db import transaction
    from django.db.models import Count

    from everychild.chronology.models import ChronologyEntry
    from everychild.organisations.models import Staff, TeamMembership
    from everychild.organisations.roles import Role
    from everychild.workforce.models import Allocation

    current = {
        a.child_id: a.worker
        for a in Allocation.objects.filter(ended_on__isnull=True, worker__isnull=False)
        .select_related("worker")
        .order_by("pk")
    }
    longest = list(
        ChronologyEntry.objects.filter(child_id__in=list(current))
        .values("child_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "child_id")[: args.child_pages]
        .values_list("child_id", "n")
    )
    workers = list(
        Staff.objects.filter(role=Role.SOCIAL_WORKER, allocations__ended_on__isnull=True)
        .distinct()
        .order_by("pk")
    )
    holding = set(
        Allocation.objects.filter(ended_on__isnull=True).values_list("team_id", flat=True)
    )
    managers = list(
        Staff.objects.filter(
            memberships__is_manager=True,
            memberships__ended_on__isnull=True,
            memberships__team_id__in=holding,
        )
        .distinct()
        .order_by("pk")
    )
    assert TeamMembership.objects.exists()
    looked_after = largest_care_histories(set(current), args.cla_pages)
    director = Staff.objects.filter(role=Role.DIRECTOR).order_by("pk").first()
    print(
        f"{len(longest)} child pages ({longest[0][1]} to {longest[-1][1]} chronology entries), "
        f"{len(workers)} workers' My work, {len(managers)} managers' Team pages, "
        f"{len(looked_after)} looked-after children's pages",
        file=sys.stderr,
    )

    class Rollback(Exception):
        pass

    pages = Pages()
    try:
        with transaction.atomic():
            child_id, _ = longest[0]
            pages.get("warm-up", f"/children/{child_id}/", current[child_id])
            pages.get("warm-up", "/my-work/", workers[0])
            # Each kind of page once before timing (templates compiled, code paths warm).
            pages.get("warm-up", "/team/", managers[-1])
            pages.get("warm-up", f"/children/{looked_after[-1]}/care/", current[looked_after[-1]])
            pages.get("warm-up", "/care/corporate-parenting/", director)
            for child_id, _ in longest:
                pages.get("child_page", f"/children/{child_id}/", current[child_id])
            for worker in workers:
                pages.get("my_work", "/my-work/", worker)
            for manager in managers:
                pages.get("team_page", "/team/", manager)
            for child_id in looked_after:
                pages.get("cla_page", f"/children/{child_id}/care/", current[child_id])
            for _ in range(10):
                pages.get("corporate_parenting", "/care/corporate-parenting/", director)
            raise Rollback
    except Rollback:
        pass
    del pages.timings["warm-up"], pages.max_queries["warm-up"]
    pages.report()
    print(
        json.dumps(
            {
                "children": args.children,
                "backend": backend,
                "child_page_p95_ms": p95(pages.timings["child_page"]),
                "my_work_p95_ms": p95(pages.timings["my_work"]),
                "team_page_p95_ms": p95(pages.timings["team_page"]),
                "cla_page_p95_ms": p95(pages.timings["cla_page"]),
                "corporate_parenting_ms": p95(pages.timings["corporate_parenting"]),
                "max_queries_per_page": max(pages.max_queries.values()),
            }
        )
    )


if __name__ == "__main__":
    main()
