"""Front-door benchmark: a partner system's file of 10,000 concerns, imported and matched.

    .venv/bin/python bench/frontdoor.py [--children 60000] [--concerns 10000]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/everychild_bench_fd \\
        .venv/bin/python bench/frontdoor.py

On the borough (built once, with its three years of front-door history), writes a CSV of
new concerns reported in the last 30 days about children in the index, each naming the child
as the partner recorded them, with the same noise as the borough's history
(demo.frontdoor_history.concern_for: misspellings and transliterations, swapped day and
month, an age for a date of birth, an old address, NHS numbers from health and UPNs from
schools), and about 3% about children the index does not hold. It imports the file through
the bulk path (frontdoor.intake.import_concerns) and times it, then times the alert rules
over the whole history (alerts.rules.evaluate_children), and scores the automatic links
against the truth kept in memory:

    match_precision = correct automatic links / automatic links ("linked")
    match_recall    = correct automatic links / concerns whose child is in the index

Everything runs in one transaction that is rolled back, so the database can be reused. A
breakdown of the misses by kind of noise goes to stderr; the last line is JSON.
"""

import argparse
import csv
import io
import json
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import timedelta

from _borough import ensure_borough, setup_django

NOT_IN_INDEX = 0.03
_GENDER_WORDS = {"M": "male", "F": "female", "U": "unknown", "": "unknown"}


def make_file(n: int, seed: int) -> tuple[str, list[int | None], list[list[str]]]:
    """The CSV, and for each row the child it is really about (None: not in the index) and
    how the partner's record differs from the index."""
    from django.utils import timezone

    from everychild.core.calendar import age_in_years
    from everychild.demo.frontdoor_history import (
        Agencies,
        concern_about_a_new_child,
        concern_for,
        load_children,
    )
    from everychild.demo.namer import Namer
    from everychild.frontdoor.intake import COLUMNS

    rng = random.Random(seed)
    namer = Namer(rng, seed)
    children = sorted(load_children().values(), key=lambda c: c.id)
    agencies = Agencies.from_database()
    now = timezone.now()
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    truth: list[int | None] = []
    noise: list[list[str]] = []
    while len(truth) < n:
        reported = now - timedelta(seconds=rng.randint(60, 30 * 86400))
        on = timezone.localdate(reported)
        if rng.random() < NOT_IN_INDEX:
            draft, child_id = concern_about_a_new_child(namer, on, agencies, rng), None
        else:
            child = rng.choice(children)
            if child.date_of_birth >= on or age_in_years(child.date_of_birth, on) > 17:
                continue
            draft, child_id = (
                concern_for(child, on, agencies, rng, today=timezone.localdate(now)),
                child.id,
            )
        record = draft.record
        writer.writerow(
            {
                "reported_at": reported.isoformat(timespec="seconds"),
                "agency": draft.agency.name,
                "reporter": draft.reporter.name,
                "child_first_name": record.given_name,
                "child_last_name": record.family_name,
                "child_other_names": "",
                "child_dob": record.date_of_birth.isoformat() if record.date_of_birth else "",
                "child_age": "" if record.age is None else str(record.age),
                "child_gender": _GENDER_WORDS[record.gender],
                "address": record.address,
                "postcode": record.postcode,
                "nhs_number": record.nhs_number,
                "upn": record.upn,
                "category": draft.category,
                "details": draft.details,
            }
        )
        truth.append(child_id)
        noise.append(record.noise)
    return out.getvalue(), truth, noise


class _Rollback(Exception):
    pass


def run(content: str) -> dict:
    """Import and evaluate inside a transaction that is rolled back; what happened to each row."""
    from django.db import transaction

    from everychild.alerts.rules import evaluate_children
    from everychild.frontdoor.intake import import_concerns
    from everychild.frontdoor.models import Concern, ImportBatch, MatchCandidate

    result = {}
    try:
        with transaction.atomic():
            started = time.perf_counter()
            report = import_concerns(content, file_name="bench-frontdoor.csv")
            result["import_s"] = time.perf_counter() - started
            started = time.perf_counter()
            evaluated = evaluate_children()
            result["alerts_eval_s"] = time.perf_counter() - started
            result["report"] = report.as_dict()
            result["alerts_raised"] = len(evaluated.raised)
            batch = ImportBatch.objects.order_by("-pk").first()
            result["rows"] = list(
                Concern.objects.filter(batch=batch)
                .order_by("pk")
                .values_list("pk", "match_outcome", "child_id", "match_score")
            )
            offered = defaultdict(list)
            for concern_id, person_id, score in (
                MatchCandidate.objects.filter(concern__batch=batch)
                .order_by("-score")
                .values_list("concern_id", "person_id", "score")
            ):
                offered[concern_id].append((person_id, score))
            result["offered"] = offered
            raise _Rollback
    except _Rollback:
        pass
    return result


def analyse(content: str, truth, noise, result) -> dict:
    """Precision and recall of the automatic links, and what the misses have in common."""
    from everychild.people.models import Person

    rows = result["rows"]
    assert len(rows) == len(truth), (len(rows), len(truth))
    lines = list(csv.DictReader(io.StringIO(content)))
    linked = correct = in_index = 0
    by_noise: dict[str, Counter] = defaultdict(Counter)
    wrong, missed = [], []
    for i, ((concern_id, outcome, child_id, score), true_id) in enumerate(
        zip(rows, truth, strict=True)
    ):
        kinds = noise[i] or ["none"]
        if true_id is not None:
            in_index += 1
        if outcome == "linked":
            linked += 1
            if child_id == true_id:
                correct += 1
                verdict = "linked_right"
            else:
                verdict = "linked_wrong"
                wrong.append((i, child_id, true_id, score))
        elif true_id is None:
            verdict = f"{outcome}_not_in_index"
        else:
            offered = [p for p, _ in result["offered"].get(concern_id, [])]
            verdict = (
                "candidates_truth_offered"
                if outcome == "candidates" and true_id in offered
                else f"{outcome}_missed"
            )
            missed.append((i, outcome, true_id, score, offered[:3]))
        for kind in kinds:
            by_noise[kind][verdict] += 1
        by_noise["ALL"][verdict] += 1
    print("\noutcome by kind of noise (a row counts under each of its kinds):", file=sys.stderr)
    verdicts = sorted({v for c in by_noise.values() for v in c})
    print(f"  {'noise':24}" + "".join(f"{v:>26}" for v in verdicts), file=sys.stderr)
    for kind in sorted(by_noise, key=lambda k: -sum(by_noise[k].values())):
        counts = by_noise[kind]
        print(f"  {kind:24}" + "".join(f"{counts[v]:>26}" for v in verdicts), file=sys.stderr)
    people = Person.objects.in_bulk(
        {p for _, p, t, _ in wrong for p in (p, t)} | {t for _, _, t, _, _ in missed[:15]}
    )

    def index_view(person_id):
        p = people.get(person_id)
        if p is None:
            return "(not in the index)"
        return f"{p.given_name} {p.family_name}, {p.date_of_birth}, {p.gender} [{person_id}]"

    def row_view(i):
        r = lines[i]
        return (
            f"{r['child_first_name']} {r['child_last_name']}, dob {r['child_dob'] or '-'} "
            f"age {r['child_age'] or '-'}, {r['child_gender']}, {r['postcode'] or '-'}, "
            f"nhs {r['nhs_number'] or '-'}, upn {r['upn'] or '-'} ({r['agency']}); "
            f"noise: {' '.join(noise[i]) or 'none'}"
        )

    print(f"\nwrong automatic links ({len(wrong)}), first 15:", file=sys.stderr)
    for i, linked_id, true_id, score in wrong[:15]:
        print(f"  row {i + 2}: {row_view(i)}", file=sys.stderr)
        print(f"      linked to {index_view(linked_id)} (score {score})", file=sys.stderr)
        print(f"      truth     {index_view(true_id)}", file=sys.stderr)
    print(f"\nchildren in the index not linked ({len(missed)}), first 15:", file=sys.stderr)
    for i, outcome, true_id, score, offered in missed[:15]:
        print(f"  row {i + 2}: {row_view(i)}", file=sys.stderr)
        print(
            f"      {outcome} (best score {score}; offered {offered}); truth {index_view(true_id)}",
            file=sys.stderr,
        )
    return {
        "match_precision": round(correct / linked, 4) if linked else 0.0,
        "match_recall": round(correct / in_index, 4) if in_index else 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--children", type=int, default=60_000)
    parser.add_argument("--concerns", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--csv", help="also write the generated file here")
    args = parser.parse_args()
    setup_django(args.children)
    backend = ensure_borough(args.children)

    from everychild.demo.models import TrueIdentity

    if not TrueIdentity.objects.exists():
        sys.exit(
            "The benchmark database holds a borough without the front door's history (built "
            "before it existed): delete it (bench/.data/bench-*.sqlite3, or empty the "
            "PostgreSQL database) and run again to rebuild it."
        )
    started = time.perf_counter()
    content, truth, noise = make_file(args.concerns, args.seed)
    print(f"made the file in {time.perf_counter() - started:.1f}s", file=sys.stderr)
    if args.csv:
        with open(args.csv, "w", encoding="utf-8") as out:
            out.write(content)
    result = run(content)
    print(f"import report: {json.dumps(result['report'])}", file=sys.stderr)
    print(f"alerts raised over the whole history: {result['alerts_raised']}", file=sys.stderr)
    scores = analyse(content, truth, noise, result)
    print(
        json.dumps(
            {
                "concerns": len(truth),
                "backend": backend,
                "import_s": round(result["import_s"], 2),
                "alerts_eval_s": round(result["alerts_eval_s"], 2),
                **scores,
            }
        )
    )


if __name__ == "__main__":
    main()
