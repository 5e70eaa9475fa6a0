"""Bulk intake: a CSV file of concerns from a partner system (for example, the police's
domestic-abuse notifications), imported all-or-nothing.

Every row is checked before anything is written; one bad row rejects the whole file, with a
report naming every bad row and field. Each concern is matched to the person index exactly
as a single concern is (people.matching), from an in-memory index so that ten thousand rows
take seconds, and becomes a contact on the front-door queue.
"""

import csv
import io
from dataclasses import dataclass, field
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from everychild import audit
from everychild.access import services as access_services
from everychild.access.models import Involvement, InvolvementKind
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.chronology.services import entries_add_many
from everychild.core import hooks
from everychild.frontdoor.models import (
    Concern,
    ConcernCategory,
    Contact,
    ContactSource,
    ImportBatch,
    MatchCandidate,
    MatchOutcome,
)
from everychild.frontdoor.services import (
    _concern,
    clean_identity,
    concern_summary,
    front_door_team,
    identity_problems,
    unverified_child,
)
from everychild.organisations.models import Organisation, OrganisationKind
from everychild.organisations.services import organisation_create
from everychild.people.matching import Identity, IdentityIndex

COLUMNS = [
    "reported_at",
    "agency",
    "reporter",
    "child_first_name",
    "child_last_name",
    "child_other_names",
    "child_dob",
    "child_age",
    "child_gender",
    "address",
    "postcode",
    "nhs_number",
    "upn",
    "category",
    "details",
]
GENDERS = {"female": "F", "male": "M", "other": "U", "unknown": "U"}
# The longest value each column may hold (the database's limits).
MAX_LENGTHS = {
    "agency": 200,
    "reporter": 200,
    "child_first_name": 100,
    "child_last_name": 100,
    "child_other_names": 300,
    "address": 300,
    "postcode": 10,
    "details": 10000,
}
# The identity fields' names in identity_problems, as the file's columns.
_IDENTITY_COLUMNS = {
    "child_family_name": "child_last_name",
    "child_date_of_birth": "child_dob",
    "child_age": "child_age",
    "child_nhs_number": "nhs_number",
    "child_upn": "upn",
}


@dataclass
class RowError:
    row: int  # the line in the file (the header is line 1)
    column: str
    message: str

    def __str__(self) -> str:
        where = f"row {self.row}" if self.row else "the file"
        if self.column:
            return f"{where}, {self.column}: {self.message}"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    file_name: str
    rows: int = 0
    linked: int = 0
    offered_for_review: int = 0
    new_people: int = 0
    new_agencies: list[str] = field(default_factory=list)
    alerts_raised: int = 0
    errors: list[RowError] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)

    @property
    def accepted(self) -> bool:
        return not self.errors

    def as_dict(self) -> dict:
        return {
            "file": self.file_name,
            "accepted": self.accepted,
            "rows": self.rows,
            "linked_to_existing_children": self.linked,
            "offered_for_review": self.offered_for_review,
            "new_people": self.new_people,
            "new_agencies": self.new_agencies,
            "alerts_raised": self.alerts_raised,
            "ignored_columns": self.ignored_columns,
            "errors": [str(e) for e in self.errors],
        }

    def as_text(self) -> str:
        if not self.accepted:
            lines = [
                f"{self.file_name}: REJECTED, nothing was imported. "
                f"{len(self.errors)} problem{'s' if len(self.errors) != 1 else ''}:"
            ]
            lines += [f"  {error}" for error in self.errors]
            return "\n".join(lines)
        lines = [
            f"{self.file_name}: imported {self.rows} concerns.",
            f"  linked to children already known:  {self.linked}",
            f"  offered to the front door to check: {self.offered_for_review}",
            f"  new people (identity not verified): {self.new_people}",
            f"  alerts raised:                      {self.alerts_raised}",
        ]
        if self.new_agencies:
            lines.append(f"  new agencies (type 'other'): {', '.join(self.new_agencies)}")
        if self.ignored_columns:
            lines.append(f"  columns ignored: {', '.join(self.ignored_columns)}")
        return "\n".join(lines)


class ImportRejected(Exception):
    def __init__(self, report: ImportReport):
        super().__init__(report.as_text())
        self.report = report


@dataclass
class _Row:
    line: int
    reported_at: datetime
    agency: str
    reporter: str
    identity: Identity
    address: str
    category: str
    details: str


def _parse_row(line: int, raw: dict, now: datetime, errors: list[RowError]) -> _Row | None:
    before = len(errors)

    def error(column: str, message: str) -> None:
        errors.append(RowError(line, column, message))

    def text(column: str) -> str:
        return (raw.get(column) or "").strip()

    reported_at = None
    value = text("reported_at")
    try:
        reported_at = parse_datetime(value) if value else None
    except ValueError:
        reported_at = None
    if reported_at is None:
        error("reported_at", f"'{value}' is not an ISO date and time, like 2026-11-20T14:30")
    else:
        if timezone.is_naive(reported_at):
            reported_at = timezone.make_aware(reported_at)
        if reported_at > now:
            error("reported_at", "is in the future")
    for column in ("agency", "reporter", "details"):
        if not text(column):
            error(column, "is empty")
    for column, longest in MAX_LENGTHS.items():
        if len(text(column)) > longest:
            error(column, f"is {len(text(column))} characters long; at most {longest} fit")
    category = text("category")
    if category not in ConcernCategory.values:
        error("category", f"'{category}' is not one of: {', '.join(ConcernCategory.values)}")
    gender = text("child_gender").lower()
    if gender not in GENDERS:
        error("child_gender", f"'{gender}' is not female, male, other or unknown")
    born = None
    if text("child_dob"):
        try:
            born = parse_date(text("child_dob"))
        except ValueError:
            born = None
        if born is None:
            error("child_dob", f"'{text('child_dob')}' is not an ISO date, like 2014-03-07")
    age = None
    if text("child_age"):
        if text("child_age").isdigit():
            age = int(text("child_age"))
        else:
            error("child_age", f"'{text('child_age')}' is not a whole number of years")
    identity = Identity(
        given_name=text("child_first_name"),
        family_name=text("child_last_name"),
        other_names=tuple(n.strip() for n in text("child_other_names").split(";") if n.strip()),
        date_of_birth=born,
        age=age,
        gender=GENDERS.get(gender, "U"),
        postcode=text("postcode"),
        nhs_number=text("nhs_number"),
        upn=text("upn"),
        known_on=timezone.localdate(reported_at) if reported_at else None,
    )
    # Judge the child's details as of the report, or of now if the report's date is wrong.
    today = timezone.localdate(min(reported_at, now) if reported_at else now)
    for name, message in identity_problems(identity, today=today):
        error(_IDENTITY_COLUMNS.get(name, name), message)
    if len(errors) > before:
        return None
    identity = clean_identity(identity, today=today)
    return _Row(
        line,
        reported_at,
        text("agency"),
        text("reporter"),
        identity,
        text("address"),
        category,
        text("details"),
    )


def parse(content: str, file_name: str) -> tuple[list[_Row], ImportReport]:
    """Check every row; the report lists every problem (an empty list: all good)."""
    report = ImportReport(file_name=file_name)
    reader = csv.DictReader(io.StringIO(content.lstrip("\ufeff")))
    header = [h.strip() for h in (reader.fieldnames or [])]
    if not header:
        report.errors.append(RowError(0, "", "the file is empty (no header row)"))
        return [], report
    reader.fieldnames = header
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        report.errors.append(RowError(1, "", f"missing columns: {', '.join(missing)}"))
        return [], report
    report.ignored_columns = [h for h in header if h not in COLUMNS]
    now = timezone.now()
    rows = []
    for line, raw in enumerate(reader, start=2):
        if None in raw:  # more values than columns
            report.errors.append(RowError(line, "", "has more values than the header has columns"))
            continue
        row = _parse_row(line, raw, now, report.errors)
        if row:
            rows.append(row)
    if not rows and not report.errors:
        report.errors.append(RowError(0, "", "the file has a header but no concerns"))
    report.rows = len(rows)
    return rows, report


def import_concerns(content: str, *, file_name: str, imported_by=None) -> ImportReport:
    """Import a file of concerns, all or nothing. Raises ImportRejected with the report."""
    rows, report = parse(content, file_name)
    if not report.accepted:
        raise ImportRejected(report)
    with transaction.atomic():
        _write(rows, report, imported_by)
    return report


def _agencies(rows: list[_Row], report: ImportReport) -> dict[str, Organisation]:
    by_name = {o.name.lower(): o for o in Organisation.objects.all()}
    for name in sorted({r.agency for r in rows}, key=str.lower):
        if name.lower() not in by_name:
            by_name[name.lower()] = organisation_create(
                created_by=None, name=name, kind=OrganisationKind.OTHER
            )
            report.new_agencies.append(name)
    return by_name


def _write(rows: list[_Row], report: ImportReport, imported_by) -> None:
    agencies = _agencies(rows, report)
    batch = ImportBatch.objects.create(
        file_name=report.file_name, imported_by=imported_by, rows=len(rows)
    )
    concerns, candidates_of = _matched(rows, agencies, batch, report, imported_by)
    _save(concerns, candidates_of)
    _open_front_door_for(concerns, imported_by)
    _record(concerns, batch, report, imported_by)
    heard = hooks.run(
        "frontdoor.concerns_recorded",
        child_ids={c.child_id for c in concerns if c.child_id},
        by=imported_by,
    )
    report.alerts_raised = sum(figures.get("alerts_raised", 0) for figures in heard)
    batch.report = report.as_dict()
    batch.save(update_fields=["report"])


def _matched(rows, agencies, batch, report: ImportReport, imported_by) -> tuple[list, list]:
    """Each row as a concern, matched to the person index (a child nobody matches becomes a
    new record, which later rows about the same child then find)."""
    index = IdentityIndex()
    concerns, candidates_of = [], []
    for row in rows:
        match = index.match(row.identity)
        concern = _concern(
            agency=agencies[row.agency.lower()],
            reported_by=None,
            reporter_name=row.reporter,
            reported_at=row.reported_at,
            observed_on=None,
            category=row.category,
            details=row.details,
            identity=row.identity,
            address=row.address,
            batch=batch,
        )
        concern.match_score = match.score
        if match.linked is not None:
            concern.child_id, concern.match_outcome = match.linked, MatchOutcome.LINKED
            report.linked += 1
        elif match.candidates:
            concern.match_outcome = MatchOutcome.CANDIDATES
            report.offered_for_review += 1
        else:
            child = unverified_child(row.identity, address=row.address, created_by=imported_by)
            index.add(child.pk, row.identity)  # a later row about the same child finds them
            concern.child, concern.match_outcome = child, MatchOutcome.NEW_PERSON
            report.new_people += 1
        concerns.append(concern)
        candidates_of.append(match.candidates)
    return concerns, candidates_of


def _save(concerns: list[Concern], candidates_of: list) -> None:
    """The concerns, the candidates offered for each uncertain one, and their contacts."""
    Concern.objects.bulk_create(concerns, batch_size=2000)
    MatchCandidate.objects.bulk_create(
        [
            MatchCandidate(
                concern=concern, person_id=c.person_id, score=round(c.score, 2), reasons=c.reasons
            )
            for concern, candidates in zip(concerns, candidates_of, strict=True)
            if concern.match_outcome == MatchOutcome.CANDIDATES
            for c in candidates
        ],
        batch_size=5000,
    )
    Contact.objects.bulk_create(
        [
            Contact(
                child_id=c.child_id,
                concern=c,
                source=ContactSource.CONCERN,
                received_at=c.reported_at,
                summary=c.details,
            )
            for c in concerns
        ],
        batch_size=2000,
    )


def _record(concerns: list[Concern], batch, report: ImportReport, imported_by) -> None:
    """Each linked concern on its child's chronology, and the import in the audit log."""
    entries_add_many(
        [
            ChronologyEntry(
                child_id=c.child_id,
                occurred_at=c.reported_at,
                kind=EntryKind.CONCERN,
                summary=concern_summary(c),
                source=c,
                source_organisation=c.agency,
            )
            for c in concerns
            if c.child_id
        ]
    )
    audit.record_many(
        [
            {
                "actor": imported_by,
                "verb": "concern_imported",
                "obj": c,
                "child": c.child_id,
                "payload": {"batch": batch.pk, "match": c.match_outcome},
            }
            for c in concerns
        ]
        + [
            {
                "actor": imported_by,
                "verb": "concerns_imported",
                "obj": batch,
                "payload": report.as_dict(),
            }
        ]
    )


def _open_front_door_for(concerns, by) -> None:
    team = front_door_team()
    if team is None:
        return
    children: dict[int, object] = {}
    for c in concerns:
        if c.child_id:
            day = timezone.localdate(c.reported_at)
            children[c.child_id] = min(day, children.get(c.child_id, day))
    # As for a single concern: only a running involvement counts (services._open_front_door).
    already = set(
        Involvement.objects.filter(
            child_id__in=children.keys(), team=team, kind=InvolvementKind.FRONT_DOOR, ended_on=None
        ).values_list("child_id", flat=True)
    )
    access_services.involvements_start(
        involvements=[
            Involvement(
                child_id=child_id,
                team=team,
                kind=InvolvementKind.FRONT_DOOR,
                started_on=min(day, timezone.localdate()),
            )
            for child_id, day in children.items()
            if child_id not in already
        ],
        by=by,
    )


def write_template(out) -> None:
    """An empty file with the right header, for partners to fill in."""
    csv.writer(out).writerow(COLUMNS)
