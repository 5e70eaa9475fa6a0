"""Person search benchmark: 1,000 searches with realistically misspelt names.

    .venv/bin/python bench/search.py [--children 60000] [--queries 1000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everychild_bench \
        .venv/bin/python bench/search.py

Each query is a real child's name as another agency might type it (a transliteration
variant, a typing slip, or both; given and family name sometimes in the other order) and,
usually, the date of birth as the referrer knew it: 75% exact, 10% with day and month
swapped, 5% with the day or the year wrong, 10% not given (name only). Accuracy is the share
of queries whose true child is ranked first, or in the top five. Times include the audit
row each search writes. The last line is JSON.
"""

import argparse
import json
import random
import statistics
import time

from _borough import ensure_borough, setup_django


def make_queries(n: int, seed: int) -> list:
    """(true child id, SearchQuery) pairs: real children's names as others might type them."""
    from django.utils import timezone

    from everychild.demo.noise import noisy_name, one_part_wrong, swap_day_month
    from everychild.people.models import Person, PersonKind
    from everychild.people.search import SearchQuery

    rng = random.Random(seed)
    ids = list(
        Person.objects.filter(kind=PersonKind.CHILD)
        .exclude(given_name="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    truth = Person.objects.in_bulk(rng.sample(ids, n))
    queries = []
    for child in truth.values():
        given, family = noisy_name(child.given_name, child.family_name, rng)
        text = f"{family} {given}" if rng.random() < 0.1 else f"{given} {family}"
        roll = rng.random()
        if roll < 0.75:
            born = child.date_of_birth
        elif roll < 0.85:
            born = swap_day_month(child.date_of_birth)
        elif roll < 0.9:
            born = one_part_wrong(child.date_of_birth, rng, today=timezone.localdate())
        else:
            born = None
        queries.append((child.pk, SearchQuery(text=text, date_of_birth=born)))
    return queries


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--queries", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    setup_django(args.children)
    backend = ensure_borough(args.children)

    from everychild.access.search import person_search
    from everychild.organisations.models import Staff

    user = Staff.objects.get(username="mash.worker")
    queries = make_queries(args.queries, args.seed)
    person_search(user=user, query=queries[0][1])  # warm caches and connections
    timings, top1, top5 = [], 0, 0
    for child_id, query in queries:
        started = time.perf_counter()
        results = person_search(user=user, query=query, limit=5)
        timings.append((time.perf_counter() - started) * 1000)
        ranked = [r.child.pk for r in results]
        top1 += ranked[:1] == [child_id]
        top5 += child_id in ranked
    timings.sort()
    n = len(queries)
    print(
        json.dumps(
            {
                "children": args.children,
                "backend": backend,
                "p50_ms": round(statistics.median(timings), 2),
                "p95_ms": round(timings[int(0.95 * n) - 1], 2),
                "top1_accuracy": round(top1 / n, 3),
                "top5_accuracy": round(top5 / n, 3),
            }
        )
    )


if __name__ == "__main__":
    main()
