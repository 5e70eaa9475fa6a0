"""How a case ends: closure or a step-down to early help (for a manager's sign-off), the
lead professional who takes over, transition plans to adult services; and the chronology of
the calls that opened the cases this step made itself."""

from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from everychild.casework.models import DecisionKind, NoteKind, TransitionPlan
from everychild.core.codes import ReasonForClosure
from everychild.demo.casework_history.cases import Case, age_band
from everychild.demo.casework_history.notes import note
from everychild.demo.casework_history.text import ADULT_CONTACTS, NOTES, TRANSITION
from everychild.demo.frontdoor_history.contacts import (
    contact_summary,
    decision_summary,
    referral_summary,
)
from everychild.demo.writer import LONDON, EntryKind, InvolvementKind, Visibility
from everychild.frontdoor.models import Contact, Referral
from everychild.organisations.models import Staff

if TYPE_CHECKING:
    from everychild.demo.casework_history.rows import CaseRows


def closure_rows(w: "CaseRows", case: Case) -> None:
    if case.closed_on is None:
        return
    rng = w.rng
    day = case.closed_on
    worker = w.worker_at(case, day) or w.staffing.managers[case.segs[-1].team]
    manager = w.manager_at(case, day)
    asked = w.at(max(case.d0, day - timedelta(days=rng.randint(0, 2))), 11)
    pending = case.closure_pending
    decided = None if pending else max(w.at(day, 16), asked + timedelta(minutes=30))
    lead = _lead(w, case) if case.lead else None
    if lead:
        kind = DecisionKind.STEP_DOWN
        summary = f"Step down to early help, with {lead} as lead professional."
        details = {"lead_professional": lead.pk, "on": day.isoformat()}
    else:
        kind = DecisionKind.CLOSURE
        summary = f"Close the case: {ReasonForClosure(case.reason).label}."
        details = {"reason": case.reason, "closed_on": day.isoformat()}
    referral = case.referral_id
    w.decision(case, kind, Referral, referral, summary, worker, asked, manager, decided, details)
    if pending:
        return
    w.referral_updates.append((day, case.reason, case.referral_id))
    w.entry(
        case,
        w.at(day, 17),
        EntryKind.CASE_CLOSED,
        f"Case closed: {ReasonForClosure(case.reason).label}.",
        Referral,
        case.referral_id,
        manager,
        Visibility.PARTNERS,
    )
    if lead:
        ended = day + timedelta(days=rng.randint(180, 360))
        if case.limit:
            ended = min(ended, case.limit)
        w.involve(
            case,
            InvolvementKind.LEAD_PROFESSIONAL,
            lead,
            day,
            ended if ended < w.today else None,
        )
        where = f", {lead.organisation}" if lead.organisation_id else ""
        w.entry(
            case,
            w.at(day, 17),
            EntryKind.STEP_DOWN,
            f"Stepped down to early help; lead professional {lead}{where}.",
            Referral,
            case.referral_id,
            manager,
            Visibility.PARTNERS,
        )
    text = NOTES["management_decision"][2]
    note(w, case, NoteKind.MANAGEMENT_DECISION, day, text, manager, hour=16)


def _lead(w: "CaseRows", case: Case) -> Staff | None:
    b, rng = w.b, w.rng
    _, months = age_band(w.people[case.child_id], case.closed_on)
    school = b.school_of.get(case.child_id)
    if school and months >= 48:
        return b.school_leads[school.pk]
    if months < 60:
        return rng.choice(w.staffing.health_visitors)
    return rng.choice(w.staffing.group_leads) if w.staffing.group_leads else None


def transition_plan_rows(w: "CaseRows", cases: list[Case]) -> None:
    """About half of the disabled young people aged 14-17 whom social care has worked with
    have a transition plan; the rest are the gaps the transition page shows."""
    rng, today = w.rng, w.today
    seen = set()
    for case in cases:
        person = w.people[case.child_id]
        if case.child_id in seen or case.child_id not in w.disabled:
            continue
        if case.demo:  # the demo worker's disabled teenager is a gap to fill
            seen.add(case.child_id)
            continue
        born = person.date_of_birth
        if born is None or not (14 <= (today - born).days / 365.25 < 18):
            continue
        segs = [s for s in case.segs if s.worker]
        fourteen = born + relativedelta(years=14)
        segs = [s for s in segs if (s.end or today) >= fourteen]
        if not segs:
            continue
        seen.add(case.child_id)
        if rng.random() >= 0.55:
            continue
        seg = segs[-1]
        low = max(seg.start, fourteen)
        high = seg.end or today
        agreed = low + timedelta(days=rng.randint(0, max(0, (high - low).days)))
        contact = rng.choice(ADULT_CONTACTS)
        summary = rng.choice(TRANSITION)
        w.record(
            TransitionPlan,
            case,
            w.at(agreed, 14),
            EntryKind.TRANSITION_PLAN,
            f"Transition plan to adult services agreed; contact {contact}.",
            seg.worker,
            agreed_on=agreed,
            adult_services_contact=contact,
            summary=summary,
            recorded_by_id=seg.worker.pk,
            visibility=Visibility.PARTNERS,
        )


def front_door_rows(w: "CaseRows", contact: Contact, referrals: list[Referral]) -> None:
    """The chronology of a call this step made (see planning.CasePlanner.pre_birth_referrals):
    the call, the decision and the referral, as the front door writes them."""
    referral = next(r for r in referrals if r.contact_id == contact.pk)
    by = contact.recorded_by
    rows = w.rows
    rows.entry(
        contact.child_id,
        contact.received_at,
        EntryKind.CONTACT,
        contact_summary(contact),
        Contact,
        contact.pk,
        by,
    )
    rows.entry(
        contact.child_id,
        contact.decided_at,
        EntryKind.CONTACT_DECISION,
        decision_summary(contact),
        Contact,
        contact.pk,
        by,
    )
    rows.entry(
        contact.child_id,
        datetime.combine(referral.referral_date, time(9), tzinfo=LONDON),
        EntryKind.REFERRAL,
        referral_summary(referral),
        Referral,
        referral.pk,
        by,
        Visibility.PARTNERS,
    )
