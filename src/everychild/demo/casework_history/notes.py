"""Case notes: visits, calls, meetings and direct work with the child (some in the child's
own words), management decisions, and supervision with its actions. `note_row` is the one
way a demo step writes a case note and its chronology entry."""

from datetime import date, timedelta
from typing import TYPE_CHECKING

from everychild.casework.models import CaseNote, NoteKind, Supervision, SupervisionAction
from everychild.demo.casework_history.cases import CP_VISIT_LATE, Case, age_band
from everychild.demo.casework_history.text import ACTIONS, HOME, NOTE_WORDS, NOTES, SUPERVISION
from everychild.demo.writer import BoroughClock, EntryKind, Rows, pk_of

if TYPE_CHECKING:
    from everychild.demo.casework_history.rows import CaseRows


def note_row(
    rows: Rows,
    clock: BoroughClock,
    *,
    child_id: int,
    kind: str,
    day: date,
    hour: int,
    text: str,
    by,
    words: str = "",
    seen: bool | None = None,
    alone: bool | None = None,
) -> None:
    """A case note written by `by` a little after it happened, and its chronology entry, as
    casework.services.case_note_add writes them."""
    when = clock.on(day, hour)
    written = clock.not_after_now(when + timedelta(minutes=clock.rng.randint(20, 600)), when)
    quoted = f' The child said: "{words}"' if words else ""
    seen_text = ""
    if kind == NoteKind.VISIT:
        seen_text = (
            " Child seen alone." if alone else (" Child seen." if seen else " Child not seen.")
        )
    rows.record(
        CaseNote,
        child_id,
        when,
        EntryKind.VISIT if kind == NoteKind.VISIT else EntryKind.CASE_NOTE,
        f"{NoteKind(kind).label}.{seen_text} {text[:240]}{quoted}",
        by,
        kind=kind,
        occurred_at=when,
        note=text,
        child_words=words,
        child_seen=seen,
        seen_alone=alone,
        written_by_id=by.pk,
        written_at=written,
    )


def note(w: "CaseRows", case, kind, day, text, by, words="", seen=None, alone=None, hour=None):
    """A note by the worker (or manager) `by`, if the case had one then."""
    if by is None:
        return
    note_row(
        w.rows,
        w.clock,
        child_id=case.child_id,
        kind=kind,
        day=day,
        hour=hour or w.rng.randint(9, 18),
        text=text,
        by=by,
        words=words,
        seen=seen,
        alone=alone,
    )


def visit(w: "CaseRows", case: Case, day: date, kind: str = "visit", seen=None) -> None:
    rng = w.rng
    if case.visit_cap and day > case.visit_cap:
        return
    person = w.people[case.child_id]
    band, months = age_band(person, day)
    name = person.given_name or "the baby"
    text = rng.choice(NOTES[kind]).format(
        home=rng.choice(HOME), name=name, attendance=rng.randint(78, 99)
    )
    if band == "unborn":
        text = "Antenatal home visit: mother seen; preparations for the baby discussed. " + (
            text.split(". ")[0] + "."
        )
        note(w, case, NoteKind.VISIT, day, text, w.worker_at(case, day), seen=False)
        return
    seen = rng.random() < 0.96 if seen is None else seen
    alone = seen and months >= 60 and rng.random() < 0.8
    words = ""
    if seen and band in NOTE_WORDS and rng.random() < 0.3:
        words = rng.choice(NOTE_WORDS[band]).format(mum="Mum")
    note(w, case, NoteKind.VISIT, day, text, w.worker_at(case, day), words, seen, alone)


def notes_rows(w: "CaseRows", case: Case) -> None:
    if case.unallocated:
        return
    rng, wd, today = w.rng, w.wd, w.today
    end = case.closed_on or today
    # The assessment: seeing the child, checks with partners.
    if case.a_seen and case.a_seen <= end:
        visit(w, case, case.a_seen, "assessment_visit")
    for _ in range(rng.randint(1, 2)):
        day = wd.add(case.a_start, rng.randint(1, 12))
        if day <= end:
            _other_note(w, case, day, "phone_call")
    if case.a_auth and rng.random() < 0.5:
        visit(w, case, wd.add(case.a_auth, -rng.randint(1, 6)), "assessment_visit")
    # Child protection: visits at least every 10 working days, a few late.
    for plan in case.plans():
        stop = plan.end or today
        last = plan.last_visit
        day = wd.add(plan.start, rng.randint(2, 8))
        while day <= stop:
            if last and day > last:
                break
            visit(w, case, day)
            gap = rng.randint(11, 16) if rng.random() < CP_VISIT_LATE else rng.randint(4, 10)
            day = wd.add(day, gap)
        if last and last <= stop:
            visit(w, case, last, seen=True)
        _between(w, case, plan.start, stop, 15, 28)
        decision = NOTES["management_decision"][3]
        manager = w.manager_at(case, plan.start)
        note(w, case, NoteKind.MANAGEMENT_DECISION, plan.start, decision, manager, hour=17)
    # Child in need: visits every three to six weeks.
    for plan in case.cins:
        stop = plan.end or today
        day = wd.add(plan.start, rng.randint(3, 10))
        while day <= stop:
            visit(w, case, day)
            day = wd.add(day, rng.randint(15, 30))
        _between(w, case, plan.start, stop, 25, 45)
        decision = NOTES["management_decision"][0]
        manager = w.manager_at(case, plan.start)
        note(w, case, NoteKind.MANAGEMENT_DECISION, plan.start, decision, manager, hour=17)
    if case.intensive:
        start = case.a_auth or case.a_start
        _between(w, case, start, end, 2, 4)


def _between(w: "CaseRows", case: Case, start: date, stop: date, low: int, high: int) -> None:
    """Phone calls, meetings and direct work every `low` to `high` working days."""
    wd, rng = w.wd, w.rng
    day = wd.add(start, rng.randint(low, high))
    while day <= stop:
        kind = rng.choice(["phone_call", "phone_call", "meeting", "direct_work"])
        _other_note(w, case, day, kind)
        day = wd.add(day, rng.randint(low, high))


def _other_note(w: "CaseRows", case: Case, day: date, kind: str) -> None:
    rng = w.rng
    person = w.people[case.child_id]
    band, _ = age_band(person, day)
    if kind == "direct_work" and band not in {"middle", "teen", "little"}:
        kind = "phone_call"
    text = rng.choice(NOTES[kind]).format(
        name=person.given_name or "the baby", attendance=rng.randint(78, 99), home=""
    )
    words = ""
    if kind == "direct_work" and rng.random() < 0.7:
        words = rng.choice(NOTE_WORDS[band]).format(mum="Mum")
    note(w, case, kind, day, text, w.worker_at(case, day), words)


def supervision_rows(w: "CaseRows", case: Case) -> None:
    rng, today = w.rng, w.today
    end = case.closed_on or today
    for seg in case.segs:
        if seg.worker is None:
            continue
        seg_end = min(seg.end or today, end)
        manager = w.staffing.managers[seg.team]
        day = seg.start + timedelta(days=rng.randint(10, 30))
        while day <= seg_end:
            held = day
            _one_supervision(w, case, seg, manager, held, seg_end)
            day = held + timedelta(days=rng.randint(28, 56))


def _one_supervision(w: "CaseRows", case, seg, manager, held, seg_end) -> None:
    rng, wd = w.rng, w.wd
    reflection = rng.choice(SUPERVISION)
    pk = w.rows.add(
        Supervision,
        child_id=case.child_id,
        held_on=held,
        manager_id=manager.pk,
        worker_id=pk_of(seg.worker),
        reflection=reflection,
    )
    open_now = seg.end is None and (case.closed_on is None or case.closure_pending)
    for action in rng.sample(ACTIONS, rng.choice([1, 1, 2])):
        due = wd.add(held, rng.randint(5, 20))
        done = None
        if not open_now or (w.today - held).days > 50:
            done = min(wd.add(held, rng.randint(2, 22)), seg_end)
        elif due < w.today and rng.random() < 0.6:
            done = min(wd.add(held, rng.randint(2, 20)), w.today)
        w.rows.add(
            SupervisionAction,
            supervision_id=pk,
            action=action,
            owner_id=seg.worker.pk,
            due_on=due,
            done_on=done,
        )
    w.entry(
        case,
        w.at(held, 15),
        EntryKind.SUPERVISION,
        f"Supervision: {reflection[:240]}",
        Supervision,
        pk,
        manager,
    )
