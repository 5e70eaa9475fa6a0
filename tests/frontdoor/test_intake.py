"""intake.import_concerns: a partner system's file of concerns, imported all-or-nothing."""

import csv
import io
import json
import time
from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from everychild.access.models import Involvement, InvolvementKind
from everychild.alerts.models import Alert
from everychild.audit.models import AuditEvent
from everychild.chronology.models import ChronologyEntry, EntryKind
from everychild.frontdoor.intake import COLUMNS, ImportRejected, import_concerns, parse
from everychild.frontdoor.models import (
    Concern,
    Contact,
    ImportBatch,
    MatchCandidate,
    MatchOutcome,
)
from everychild.organisations.models import Organisation, OrganisationKind
from everychild.people.models import Person
from tests.factories import PersonFactory
from tests.frontdoor.helpers import home

YESTERDAY = (timezone.localtime() - timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")


def row(**changes) -> dict:
    """A good row about Ayesha Begum from the police; change any column."""
    values = {
        "reported_at": YESTERDAY,
        "agency": "Metropolitan Police",
        "reporter": "PC 4417 Jones",
        "child_first_name": "Ayesha",
        "child_last_name": "Begum",
        "child_other_names": "",
        "child_dob": "2016-03-07",
        "child_age": "",
        "child_gender": "female",
        "address": "12 Cable Street",
        "postcode": "E1 6AN",
        "nhs_number": "",
        "upn": "",
        "category": "domestic_abuse",
        "details": "Police attended a domestic incident at the home; the child was present.",
    }
    values.update(changes)
    return values


def csv_text(rows, columns=COLUMNS) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Concern,
            Contact,
            Person,
            Organisation,
            AuditEvent,
            ImportBatch,
            MatchCandidate,
            ChronologyEntry,
            Involvement,
            Alert,
        )
    }


@pytest.fixture
def index(db, police, school, mash_team, known_child):
    """The index: Ayesha Begum, and two boys both called Muhammad Ahmed."""
    return {
        "ayesha": known_child,
        "ahmeds": [
            PersonFactory(
                given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2014, 8, 20)
            ),
            PersonFactory(
                given_name="Muhammad", family_name="Ahmed", date_of_birth=date(2011, 1, 9)
            ),
        ],
    }


# ---- a good file ------------------------------------------------------------------------------


def test_a_good_file_imports_with_a_report(index, police, school, mash_team, mash_worker):
    content = csv_text(
        [
            row(),  # Ayesha, exactly: linked
            row(  # a name two boys share: offered to the front door
                child_first_name="Mohammed",
                child_last_name="Ahmed",
                child_dob="",
                child_gender="male",
                address="",
                postcode="",
                agency="bow school",  # an agency already known, in other letters
                reporter="Ms Khan",
                category="neglect",
            ),
            row(  # nobody the index knows: a new, unverified record
                child_first_name="Zephyrine",
                child_last_name="Quattlebaum",
                child_other_names="Zeph; Zee",
                child_dob="2017-10-02",
                address="3 New Road",
                postcode="E1 7QX",
                agency="Tower Hamlets Youth Project",
                reporter="Sam Reid",
                category="emotional_abuse",
            ),
        ]
    )
    before = counts()
    report = import_concerns(content, file_name="met-notifications.csv", imported_by=mash_worker)
    assert report.accepted and report.errors == []
    assert (report.rows, report.linked, report.offered_for_review, report.new_people) == (
        3,
        1,
        1,
        1,
    )
    assert report.new_agencies == ["Tower Hamlets Youth Project"]
    youth = Organisation.objects.get(name="Tower Hamlets Youth Project")
    assert youth.kind == OrganisationKind.OTHER
    assert Organisation.objects.count() == before["Organisation"] + 1

    text = report.as_text()
    assert "met-notifications.csv: imported 3 concerns." in text
    assert "linked to children already known:  1" in text
    assert "offered to the front door to check: 1" in text
    assert "new people (identity not verified): 1" in text
    assert "new agencies (type 'other'): Tower Hamlets Youth Project" in text
    assert report.as_dict()["linked_to_existing_children"] == 1

    batch = ImportBatch.objects.get()
    assert batch.rows == 3 and batch.imported_by == mash_worker
    assert batch.report == report.as_dict()
    linked, offered, new = Concern.objects.filter(batch=batch).order_by("pk")
    assert linked.child == index["ayesha"] and linked.match_outcome == MatchOutcome.LINKED
    assert linked.agency == police and linked.reporter_name == "PC 4417 Jones"
    assert linked.reported_by is None
    assert timezone.localtime(linked.reported_at).strftime("%Y-%m-%dT%H:%M") == YESTERDAY
    assert offered.child is None and offered.match_outcome == MatchOutcome.CANDIDATES
    assert offered.agency == school
    assert {c.person for c in offered.candidates.all()} == set(index["ahmeds"])
    assert all(c.reasons for c in offered.candidates.all())
    assert new.match_outcome == MatchOutcome.NEW_PERSON
    assert new.child.identity_verified is False
    assert new.child.names.filter(kind="alias").count() == 2
    assert new.child.addresses.get().address.postcode == "E1 7QX"
    assert new.child_other_names == "Zeph; Zee"

    # Each concern is a contact on the front door's queue.
    assert {(c.concern_id, c.child_id) for c in Contact.objects.all()} == {
        (linked.pk, index["ayesha"].pk),
        (offered.pk, None),
        (new.pk, new.child_id),
    }
    assert Contact.objects.get(concern=linked).received_at == linked.reported_at
    # Those with a child are on the child's chronology, and the MASH may see them.
    entries = ChronologyEntry.objects.filter(kind=EntryKind.CONCERN)
    assert {e.child_id for e in entries} == {index["ayesha"].pk, new.child_id}
    assert entries.get(child=index["ayesha"]).source_organisation == police
    front_door = Involvement.objects.current().filter(
        team=mash_team, kind=InvolvementKind.FRONT_DOOR
    )
    assert {i.child_id for i in front_door} == {index["ayesha"].pk, new.child_id}
    # Audited: one row per concern, and one for the file.
    assert AuditEvent.objects.filter(verb="concern_imported", actor=mash_worker).count() == 3
    assert AuditEvent.objects.get(verb="concerns_imported").object_id == str(batch.pk)


def test_extra_columns_are_ignored_and_reported(index):
    content = csv_text([row(notes="ring first")], columns=[*COLUMNS, "notes"])
    report = import_concerns(content, file_name="f.csv")
    assert report.accepted and report.ignored_columns == ["notes"]
    assert "columns ignored: notes" in report.as_text()


def test_a_byte_order_mark_and_an_age_instead_of_a_date_of_birth(index):
    content = "\ufeff" + csv_text(
        [row(child_first_name="Zara", child_last_name="Oduya", child_dob="", child_age="7")]
    )
    report = import_concerns(content, file_name="f.csv")
    assert report.new_people == 1
    child = Concern.objects.get().child
    assert child.date_of_birth_estimated and child.age(timezone.localdate()) == 7


def test_two_rows_about_the_same_unknown_child_make_one_new_person(index):
    people = Person.objects.count()
    unknown = {
        "child_first_name": "Tahmid",
        "child_last_name": "Miah",
        "child_dob": "2016-06-06",
        "child_gender": "male",
        "postcode": "E1 7QX",
    }
    content = csv_text(
        [
            row(**unknown),
            row(**unknown, agency="Bow School", category="neglect"),
            row(**{**unknown, "child_first_name": "Tamid"}, category="emotional_abuse"),
        ]
    )
    report = import_concerns(content, file_name="f.csv")
    assert report.new_people == 1 and report.linked == 2
    assert Person.objects.count() == people + 1
    assert len({c.child_id for c in Concern.objects.all()}) == 1


def test_an_import_raises_the_alerts_its_concerns_add_up_to(index, school):
    content = csv_text(
        [
            row(),
            row(agency="Bow School", category="neglect"),
            row(agency="Royal London Hospital", category="neglect"),
        ]
    )
    report = import_concerns(content, file_name="f.csv")
    assert report.alerts_raised == 1
    alert = Alert.objects.get(child=index["ayesha"])
    assert alert.rule.code == "multi-agency" and alert.concerns.count() == 3


# ---- rejected files ---------------------------------------------------------------------------

REJECTIONS = {
    "missing column": (
        csv_text([row()], columns=[c for c in COLUMNS if c != "child_dob"]),
        ["row 1: missing columns: child_dob"],
    ),
    "bad reported_at": (
        csv_text([row(reported_at="20/11/2026 14:30")]),
        [
            "row 2, reported_at: '20/11/2026 14:30' is not an ISO date and time, "
            "like 2026-11-20T14:30"
        ],
    ),
    "impossible reported_at": (
        csv_text([row(reported_at="2026-02-30T10:00")]),
        ["row 2, reported_at"],
    ),
    "future reported_at": (
        csv_text([row(reported_at="2099-01-01T10:00")]),
        ["row 2, reported_at: is in the future"],
    ),
    "bad child_dob": (
        csv_text([row(child_dob="07/03/2016")]),
        ["row 2, child_dob: '07/03/2016' is not an ISO date, like 2014-03-07"],
    ),
    "impossible child_dob": (csv_text([row(child_dob="2016-02-30")]), ["row 2, child_dob"]),
    "future child_dob": (
        csv_text([row(child_dob="2099-01-01")]),
        ["row 2, child_dob: The date of birth cannot be in the future."],
    ),
    "unknown category": (csv_text([row(category="abuse")]), ["row 2, category: 'abuse' is not"]),
    "bad gender": (
        csv_text([row(child_gender="girl")]),
        ["row 2, child_gender: 'girl' is not female, male, other or unknown"],
    ),
    "missing gender": (csv_text([row(child_gender="")]), ["row 2, child_gender"]),
    "bad NHS number": (
        csv_text([row(nhs_number="9434765918")]),
        ["row 2, nhs_number: This NHS number's check digit is wrong"],
    ),
    "short NHS number": (csv_text([row(nhs_number="943476")]), ["row 2, nhs_number"]),
    "bad UPN": (csv_text([row(upn="A801200005001")]), ["row 2, upn"]),
    "bad child_age": (
        csv_text([row(child_dob="", child_age="ten")]),
        ["row 2, child_age: 'ten' is not a whole number of years"],
    ),
    "negative child_age": (csv_text([row(child_dob="", child_age="-3")]), ["row 2, child_age"]),
    "adult child_age": (
        csv_text([row(child_dob="", child_age="19")]),
        ["row 2, child_age: A child's age is between 0 and 17."],
    ),
    "no name": (
        csv_text([row(child_first_name="", child_last_name=" ")]),
        ["row 2, child_last_name: Enter the child's name"],
    ),
    "empty details": (csv_text([row(details="   ")]), ["row 2, details: is empty"]),
    "empty agency": (csv_text([row(agency="")]), ["row 2, agency: is empty"]),
    "empty reporter": (csv_text([row(reporter="")]), ["row 2, reporter: is empty"]),
    "empty file": ("", ["the file: the file is empty (no header row)"]),
    "blank lines only": ("\n\n", ["the file: the file is empty (no header row)"]),
    "header only": (csv_text([]), ["the file: the file has a header but no concerns"]),
    "too many values": (
        csv_text([row()]).rstrip("\n") + ",surplus\n",
        ["row 2: has more values than the header has columns"],
    ),
}


@pytest.mark.parametrize("case", REJECTIONS)
def test_a_bad_file_is_rejected_and_nothing_is_written(index, case):
    content, expected = REJECTIONS[case]
    # A good row about a new child from a new agency first: it must not be written either.
    if case not in {"empty file", "blank lines only", "header only", "missing column"}:
        first, rest = content.split("\n", 1)
        good = csv_text(
            [row(agency="New Agency Ltd", child_first_name="Zed", child_last_name="Unknown")]
        )
        content = first + "\n" + good.split("\n", 1)[1] + rest
        expected = [e.replace("row 2", "row 3") for e in expected]
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_concerns(content, file_name="bad.csv")
    report = rejected.value.report
    assert not report.accepted
    errors = [str(e) for e in report.errors]
    assert len(errors) == len(expected), errors
    for error, start in zip(errors, expected, strict=True):
        assert error.startswith(start), errors
    assert counts() == before
    assert "REJECTED, nothing was imported" in report.as_text()
    assert not Organisation.objects.filter(name="New Agency Ltd").exists()


def test_every_bad_row_is_named(index):
    content = csv_text(
        [
            row(reported_at="yesterday"),  # 2
            row(),  # 3: good
            row(child_dob="2016-13-01", category="abuse"),  # 4: two bad fields
            row(nhs_number="1234567890"),  # 5
            row(details=""),  # 6
        ]
    )
    with pytest.raises(ImportRejected) as rejected:
        import_concerns(content, file_name="bad.csv")
    named = [(e.row, e.column) for e in rejected.value.report.errors]
    assert named == [
        (2, "reported_at"),
        (4, "category"),
        (4, "child_dob"),
        (5, "nhs_number"),
        (6, "details"),
    ]
    text = rejected.value.report.as_text()
    assert text.startswith("bad.csv: REJECTED, nothing was imported. 5 problems:")
    assert not Concern.objects.exists()


def test_every_bad_field_of_a_row_is_named(index):
    content = csv_text([row(category="abuse", nhs_number="1234567890", upn="A801200005001")])
    with pytest.raises(ImportRejected) as rejected:
        import_concerns(content, file_name="bad.csv")
    named = {(e.row, e.column) for e in rejected.value.report.errors}
    assert named == {(2, "category"), (2, "nhs_number"), (2, "upn")}


@pytest.mark.parametrize(
    "changes",
    [
        {"postcode": "E1 6AN LONDON"},  # 13 characters; the column holds 10
        {"child_first_name": "A" * 101},
        {"reporter": "R" * 201},
        {"agency": "Agency " + "x" * 200},
    ],
    ids=["postcode", "first name", "reporter", "agency"],
)
def test_a_value_too_long_for_its_field_is_refused_naming_row_and_column(index, changes):
    before = counts()
    content = csv_text([row(), row(**changes)])
    with pytest.raises(ImportRejected) as rejected:
        import_concerns(content, file_name="long.csv")
    assert [(e.row, e.column) for e in rejected.value.report.errors] == [(3, next(iter(changes)))]
    assert counts() == before


def test_parse_checks_without_writing(index):
    rows, report = parse(csv_text([row(), row(category="x")]), "f.csv")
    assert len(rows) == 1 and len(report.errors) == 1
    assert not Concern.objects.exists()


# ---- ten thousand rows ------------------------------------------------------------------------

GIVEN = [
    "Amelia",
    "Bashir",
    "Chloe",
    "Dawit",
    "Eshal",
    "Farhan",
    "Grace",
    "Hodan",
    "Isaac",
    "Jannat",
    "Kofi",
    "Layla",
    "Mustafa",
    "Nusrat",
    "Oliver",
    "Precious",
    "Rayyan",
    "Sadia",
    "Tariq",
    "Yusuf",
]
FAMILY = [
    "Begum",
    "Rahman",
    "Warsame",
    "Nguyen",
    "Okafor",
    "Kowalski",
    "Smith",
    "Chowdhury",
    "Osei",
    "Fernandes",
]
UNKNOWN_GIVEN = [
    "Aurelio", "Bronagh", "Cosimo", "Dagny", "Eilidh", "Fintan", "Gwenllian", "Hamish",
    "Ignatius", "Jolyon", "Kasimir", "Leocadia", "Mirabel", "Niamh", "Ottoline", "Peregrine",
    "Quentin", "Rosalind", "Saoirse", "Tobias", "Ulrika", "Valentin", "Wilhelmina", "Xanthe",
    "Yevgeny", "Zebedee", "Anselm", "Benedikt", "Clementine", "Dorothea", "Evander", "Florian",
    "Gethin", "Honora", "Isolde", "Jago", "Kerenza", "Lorcan", "Marguerite", "Nikolai",
    "Oisin", "Philippa", "Radomir", "Sebastiano", "Theodora", "Ulysses", "Vesna", "Wolfgang",
    "Ximena", "Zbigniew",
]  # fmt: skip


def _typo(name: str) -> str:
    """Two neighbouring letters swapped: the commonest slip."""
    return name[0] + name[2] + name[1] + name[3:]


def _known_children() -> list[Person]:
    children = []
    for i in range(200):
        child = PersonFactory(
            given_name=GIVEN[i % 20],
            family_name=FAMILY[i // 20],
            date_of_birth=date(2008, 1, 1) + timedelta(days=29 * i),
            gender="F" if i % 2 == 0 else "M",
        )
        children.append(home(child, f"E{i // 10 + 1} {i % 10}AB"))
    return children


def test_ten_thousand_rows_import_in_seconds(db, police, school, mash_team):
    children = _known_children()
    agencies = ["Metropolitan Police", "Bow School", "Royal London Hospital", "Youth Project"]
    categories = ["neglect", "domestic_abuse", "emotional_abuse", "parental_mental_health"]
    now = timezone.localtime()
    rows = []
    for r in range(9700):  # about the 200 children, one in ten with a slip in the name
        child = children[r % 200]
        rows.append(
            row(
                reported_at=(now - timedelta(days=1 + r % 170, minutes=r)).strftime(
                    "%Y-%m-%dT%H:%M"
                ),
                agency=agencies[(r // 200) % 4],
                child_first_name=_typo(child.given_name) if r % 10 == 0 else child.given_name,
                child_last_name=child.family_name,
                child_dob=child.date_of_birth.isoformat(),
                child_gender="female" if child.gender == "F" else "male",
                postcode=child.addresses.get().address.postcode if r < 200 else "",
                category=categories[(r // 800) % 4],
            )
        )
    for r, child in enumerate(children):  # the name alone: for the front door to check
        rows.append(
            row(
                child_first_name=child.given_name,
                child_last_name=child.family_name,
                child_dob="",
                child_gender="unknown",
                postcode="",
                agency=agencies[r % 4],
            )
        )
    for visit in range(2):  # 50 children nobody knows, each in two rows
        for j, given_name in enumerate(UNKNOWN_GIVEN):
            rows.append(
                row(
                    child_first_name=given_name,
                    child_last_name="Pemberton",
                    child_dob=(date(2005, 1, 15) + timedelta(days=41 * j)).isoformat(),
                    child_gender="unknown",
                    postcode=f"N1 {j % 10}Z{'ABCDE'[j // 10]}",
                    agency=agencies[(j + visit) % 4],
                )
            )
    assert len(rows) == 10_000
    content = csv_text(rows)
    people = Person.objects.count()

    started = time.perf_counter()
    report = import_concerns(content, file_name="ten-thousand.csv")
    took = time.perf_counter() - started

    assert report.rows == 10_000
    assert report.linked == 9700 + 50
    assert report.offered_for_review == 200
    assert report.new_people == 50
    assert report.new_agencies == ["Royal London Hospital", "Youth Project"]
    assert Person.objects.count() == people + 50
    assert Concern.objects.count() == Contact.objects.count() == 10_000
    # Every linked concern went to the right child, misspelt or not.
    linked = Concern.objects.filter(match_outcome=MatchOutcome.LINKED).exclude(
        child__identity_verified=False
    )
    assert linked.count() == 9700
    wrong = [
        c
        for c in linked.select_related("child")
        if (c.child.family_name, c.child.date_of_birth)
        != (c.child_family_name, c.child_date_of_birth)
    ]
    assert wrong == []
    assert ChronologyEntry.objects.filter(kind=EntryKind.CONCERN).count() == 9800
    assert AuditEvent.objects.filter(verb="concern_imported").count() == 10_000
    assert report.alerts_raised == 200  # every known child: concerns from several agencies
    assert took < 30, f"the import took {took:.1f}s"


# ---- the command ------------------------------------------------------------------------------


def test_concerns_import_command_prints_the_report(index, tmp_path):
    path = tmp_path / "notifications.csv"
    path.write_text(csv_text([row(), row(agency="Bow School", category="neglect")]))
    out = io.StringIO()
    call_command("concerns", "import", str(path), stdout=out)
    text = out.getvalue()
    assert "notifications.csv: imported 2 concerns." in text
    assert "linked to children already known:  2" in text
    assert Concern.objects.count() == 2


def test_concerns_import_command_json(index, tmp_path):
    path = tmp_path / "notifications.csv"
    path.write_text(csv_text([row()]))
    out = io.StringIO()
    call_command("concerns", "import", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["linked_to_existing_children"] == 1


def test_concerns_import_command_fails_on_a_rejected_file(index, tmp_path, capsys):
    path = tmp_path / "bad.csv"
    path.write_text(csv_text([row(), row(nhs_number="9434765918")]))
    before = counts()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("concerns", "import", str(path), stdout=io.StringIO())
    assert "row 3, nhs_number" in capsys.readouterr().err
    assert counts() == before
    out = io.StringIO()
    with pytest.raises(CommandError):
        call_command("concerns", "import", str(path), "--json", stdout=out)
    assert json.loads(out.getvalue())["errors"][0].startswith("row 3, nhs_number")


def test_concerns_import_command_needs_a_readable_file(db, tmp_path):
    with pytest.raises(CommandError, match="Give the file"):
        call_command("concerns", "import")
    with pytest.raises(CommandError, match="There is no file"):
        call_command("concerns", "import", str(tmp_path / "missing.csv"))
    latin = tmp_path / "latin.csv"
    latin.write_bytes(csv_text([row(child_first_name="Zoë")]).encode("latin-1"))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("concerns", "import", str(latin))


def test_concerns_template_prints_the_header(db):
    out = io.StringIO()
    call_command("concerns", "template", stdout=out)
    assert out.getvalue().strip() == ",".join(COLUMNS)
    _rows, report = parse(out.getvalue(), "template.csv")
    assert report.errors[0].message == "the file has a header but no concerns"


def test_a_ten_thousand_row_file_with_two_bad_rows_is_rejected_whole(index):
    """A large batch from a partner system with mistakes deep inside: nothing of the 9,998
    good rows is written, and the report names just the two bad rows and their columns."""
    rows = [
        row(
            child_first_name=f"Child{r}",
            child_last_name="Pemberton",
            agency="Bethnal Green Youth Hub",
        )
        for r in range(10_000)
    ]
    rows[6_001] = {**rows[6_001], "category": "bullying"}
    rows[9_998] = {**rows[9_998], "child_dob": "2016-02-30"}
    before = counts()
    with pytest.raises(ImportRejected) as rejected:
        import_concerns(csv_text(rows), file_name="big.csv")
    errors = [str(e) for e in rejected.value.report.errors]
    assert len(errors) == 2, errors[:5]
    assert errors[0].startswith("row 6003") and "category" in errors[0]
    assert errors[1].startswith("row 10000") and "child_dob" in errors[1]
    assert counts() == before
    assert not Organisation.objects.filter(name="Bethnal Green Youth Hub").exists()
