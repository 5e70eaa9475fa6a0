"""Casework pages: thin views that parse a form, call one service or selector and render.

A service's refusal (DomainError) shows in the form's GOV.UK error summary. An edit that
someone else saved first (EditConflict) re-renders the form with the user's unsaved values
beside the other person's saved ones, with HTTP 409.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from everychild import access
from everychild.casework import forms
from everychild.casework.models import (
    Assessment,
    ChildInNeedPlan,
    ChildProtectionConference,
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    DecisionKind,
    KeyDecision,
    Recommendation,
    Section47Enquiry,
    SupervisionAction,
)
from everychild.casework.selectors import caseloads, choices, records, work_items
from everychild.casework.selectors import transition as transition_selectors
from everychild.casework.services import (
    assessments,
    child_in_need,
    closure,
    core_groups,
    notes,
    oversight,
    protection,
    transition,
)
from everychild.core.clock import Clock
from everychild.core.codes import AssessmentFactor
from everychild.core.errors import DomainError
from everychild.core.forms import yes_no
from everychild.core.versioning import EditConflict
from everychild.frontdoor.models import Referral
from everychild.organisations.models import Staff
from everychild.organisations.roles import CASE_HOLDERS, Role
from everychild.people.models import Person
from everychild.workforce.selectors import managed_team, managed_teams
from everychild.workforce.services import current_allocation

# ---- small helpers ------------------------------------------------------------------------


def _referral(pk: int, user, action: str = "edit") -> Referral:
    return records.casework_record(Referral, pk, user, action=action)


def _child(pk: int, user, action: str = "edit") -> Person:
    child = Person.objects.filter(pk=pk).first()
    if child is None or not child.is_child:
        raise Http404("No such child.")
    access.require(user, action, child)
    return child


def _child_url(child: Person, anchor: str = "") -> str:
    return reverse("people:child", args=[child.pk]) + (f"#{anchor}" if anchor else "")


def _today() -> date:
    return timezone.localdate()


def _form_page(request, form, *, title: str, child: Person, button: str, **extra):
    """The generic page for a form about a child: caption, heading, errors, fields."""
    context = {
        "form": form,
        "title": title,
        "child": child,
        "button": button,
        "back_url": extra.pop("back_url", _child_url(child)),
        **extra,
    }
    return render(request, "core/form_page.html", context)


def _after_conflict(form_class, post, error: EditConflict, **kwargs):
    """The user's unsaved values again, now carrying the version someone else saved, so that
    saving after reading theirs succeeds; the conflict is shown in the error summary."""
    data = post.copy()
    data["version"] = str(error.current.version)
    form = form_class(data, **kwargs)
    form.is_valid()
    form.add_domain_error(error)
    return form


def _shown(value) -> str:
    if value is None or value == "" or value == []:
        return "Not recorded"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, date):
        return f"{value:%-d %B %Y}"
    return str(value)


def _assessment_values(values: dict) -> dict:
    """An assessment's saved fields in words, for comparing two versions."""
    shown = {name: _shown(values.get(name)) for name in forms.AssessmentForm.SAVED}
    factors = [AssessmentFactor(f).label for f in values.get("factors") or [] if f]
    shown["factors"] = "; ".join(factors) or "None chosen"
    rec = values.get("recommendation")
    shown["recommendation"] = Recommendation(rec).label if rec else "Not recorded"
    return shown


def _comparison(form, names, mine: dict, theirs: dict) -> list[tuple[str, str, str, bool]]:
    """Rows of (what, the user's unsaved value, the saved value, whether they differ)."""
    return [
        (form.fields[name].label, mine[name], theirs[name], mine[name] != theirs[name])
        for name in names
    ]


# ---- the single assessment ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def assessment_start(request, referral_id: int):
    referral = _referral(referral_id, request.user)
    form = forms.AssessmentStartForm(request.POST or None, initial={"started_on": _today()})
    if request.method == "POST" and form.is_valid():
        allocation = current_allocation(referral.child)
        worker = (allocation and allocation.worker) or request.user
        try:
            started = assessments.assessment_start(
                referral=referral,
                worker=worker,
                started_by=request.user,
                started_on=form.cleaned_data["started_on"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(
                request, f"Assessment started. It is due by {started.due_on:%-d %B %Y}."
            )
            return redirect(started)
    due = Assessment.due_from(referral.referral_date)
    return _form_page(
        request,
        form,
        title="Start a single assessment",
        child=referral.child,
        button="Start the assessment",
        intro=[
            f"Referred on {referral.referral_date:%-d %B %Y}. The assessment must be "
            f"authorised within 45 working days of the referral: by {due:%-d %B %Y}."
        ],
    )


@require_http_methods(["GET", "POST"])
def assessment(request, pk: int):
    user = request.user
    record = records.casework_record(
        Assessment, pk, user, related=("referral", "worker", "authorised_by", "modified_by")
    )
    editable = (
        record.authorised_on is None
        and record.submitted_at is None
        and access.can(user, "edit", record.child)
    )
    form, comparison, status = None, None, 200
    if request.method == "POST":
        form = forms.AssessmentForm(request.POST)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                save = assessments.assessment_submit if submit else assessments.assessment_update
                actor = {"submitted_by" if submit else "updated_by": user}
                save(
                    assessment=record,
                    version=form.cleaned_data["version"],
                    **actor,
                    **form.changes(),
                )
            except EditConflict as error:
                form = _after_conflict(forms.AssessmentForm, request.POST, error)
                mine = _assessment_values(form.cleaned_data)
                theirs = _assessment_values(
                    {n: getattr(error.current, n) for n in forms.AssessmentForm.SAVED}
                )
                comparison = {
                    "who": error.current.modified_by,
                    "when": error.current.modified_at,
                    "rows": _comparison(form, forms.AssessmentForm.SAVED, mine, theirs),
                }
                status = 409
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(
                    request,
                    "Assessment submitted: a manager will authorise it."
                    if submit
                    else "Draft saved.",
                )
                return redirect(record)
    elif editable:
        initial = {name: getattr(record, name) for name in forms.AssessmentForm.SAVED}
        initial["child_seen_alone"] = yes_no(record.child_seen_alone)
        form = forms.AssessmentForm(initial={**initial, "version": record.version})
    records.casework_viewed(user, record)
    context = {
        "assessment": record,
        "child": record.child,
        "form": form,
        "comparison": comparison,
        "decision": records.pending_decision(record) if record.submitted_at else None,
        "is_manager": user.role == Role.TEAM_MANAGER,
    }
    return render(request, "casework/assessment.html", context, status=status)


# ---- key decisions --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def decision(request, pk: int):
    user = request.user
    record = records.casework_record(KeyDecision, pk, user, related=("requested_by", "decided_by"))
    may_sign = (
        user.role == Role.TEAM_MANAGER
        and record.decided_at is None
        and record.requested_by_id != user.pk
        and access.can(user, "edit", record.child)
    )
    subject = record.subject
    subject_url = (
        subject.get_absolute_url()
        if hasattr(subject, "get_absolute_url")
        else _child_url(record.child, "decisions-heading")
    )
    form = forms.SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        agree = form.cleaned_data["agree"]
        try:
            oversight.key_decision_sign_off(
                decision=record, manager=user, agree=agree, note=form.cleaned_data["note"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _signed_off_message(record, agree))
            return redirect(subject_url)
    records.casework_viewed(user, record)
    context = {
        "decision": record,
        "child": record.child,
        "subject": subject,
        "subject_url": subject_url,
        "is_assessment": isinstance(subject, Assessment),
        "form": form,
        "may_sign": may_sign,
    }
    return render(request, "casework/decision.html", context)


_AGREED = {
    DecisionKind.ASSESSMENT: "Assessment authorised.",
    DecisionKind.PLAN_START: "Start of the plan agreed.",
    DecisionKind.PLAN_END: "End of the plan agreed.",
    DecisionKind.CLOSURE: "Closure agreed: the case is closed.",
    DecisionKind.STEP_DOWN: "Step-down agreed: the case is closed to early help.",
}


def _signed_off_message(decision: KeyDecision, agree: bool) -> str:
    if agree:
        return _AGREED.get(decision.kind, "Decision agreed.")
    return f"Returned to {decision.requested_by} with your note."


# ---- child protection -----------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def strategy_discussion(request, referral_id: int):
    referral = _referral(referral_id, request.user)
    form = forms.StrategyDiscussionForm(
        request.POST or None,
        agencies=choices.strategy_agencies(referral.child),
        initial={"held_on": _today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            discussion = protection.strategy_discussion_record(
                referral=referral,
                recorded_by=request.user,
                held_on=data["held_on"],
                agencies=data["agencies"],
                attendees=data["attendees"],
                decision=data["decision"],
                rationale=data["rationale"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            enquiry = Section47Enquiry.objects.filter(strategy_discussion=discussion).first()
            if enquiry:
                messages.success(
                    request,
                    "Section 47 enquiry started. The initial child protection conference is "
                    f"due by {enquiry.icpc_due_on:%-d %B %Y}.",
                )
                return redirect("casework:section47", pk=enquiry.pk)
            messages.success(request, "Strategy discussion recorded.")
            return redirect(_child_url(referral.child, "casework-heading"))
    return _form_page(
        request,
        form,
        title="Record a strategy discussion",
        child=referral.child,
        button="Record the strategy discussion",
        intro=[
            f"Referred on {referral.referral_date:%-d %B %Y}. A decision to start a section 47 "
            "enquiry starts the clock for the initial child protection conference: 15 working "
            "days from the discussion."
        ],
    )


def _icpc_clock(enquiry: Section47Enquiry, conference) -> Clock:
    return Clock(
        enquiry.strategy_discussion.held_on,
        enquiry.icpc_due_on,
        conference.held_on if conference else None,
    )


@require_http_methods(["GET", "POST"])
def section47(request, pk: int):
    user = request.user
    enquiry = records.casework_record(
        Section47Enquiry, pk, user, related=("referral", "strategy_discussion")
    )
    conference = ChildProtectionConference.objects.filter(
        section47=enquiry, kind=ConferenceKind.INITIAL
    ).first()
    can_edit = access.can(user, "edit", enquiry.child)
    form = None
    needs_chair = bool(enquiry.icpc_needed) and conference is None
    booking = None
    if needs_chair and can_edit and user.role in CASE_HOLDERS:
        booking = forms.ChairBookingForm(
            request.POST if request.POST.get("action") == "book" else None,
            chairs=choices.conference_chairs(),
        )
    if request.method == "POST" and request.POST.get("action") == "book":
        if booking is None:
            raise PermissionDenied("A chair cannot be booked here.")
        if booking.is_valid():
            try:
                protection.conference_chair_book(
                    child=enquiry.child, chair=booking.cleaned_data["chair"], booked_by=user
                )
            except DomainError as error:
                booking.add_domain_error(error)
            else:
                messages.success(request, f"{booking.cleaned_data['chair']} is booked to chair.")
                return redirect("casework:section47", pk=enquiry.pk)
    elif enquiry.completed_on is None and can_edit:
        form = forms.Section47CompleteForm(request.POST or None, initial={"completed_on": _today()})
    if request.method == "POST" and request.POST.get("action") != "book":
        if form is None:
            raise PermissionDenied("This enquiry cannot be changed here.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                protection.section47_complete(
                    enquiry=enquiry,
                    completed_by=user,
                    completed_on=data["completed_on"],
                    outcome=data["outcome"],
                    icpc_needed=data["icpc_needed"],
                )
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, "Section 47 enquiry completed.")
                return redirect("casework:section47", pk=enquiry.pk)
    records.casework_viewed(user, enquiry)
    context = {
        "enquiry": enquiry,
        "child": enquiry.child,
        "discussion": enquiry.strategy_discussion,
        "agencies": list(enquiry.strategy_discussion.agencies.all()),
        "conference": conference,
        "clock": _icpc_clock(enquiry, conference),
        "form": form,
        "booking": booking,
        "booked_chairs": choices.booked_chairs(enquiry.child) if needs_chair else [],
        "is_chair": user.role == Role.CONFERENCE_CHAIR,
    }
    return render(request, "casework/section47.html", context)


def _require_chair(user) -> None:
    if user.role != Role.CONFERENCE_CHAIR:
        raise PermissionDenied("A child protection chair holds conferences.")


@require_http_methods(["GET", "POST"])
def initial_conference(request, pk: int):
    user = request.user
    enquiry = records.casework_record(
        Section47Enquiry, pk, user, related=("referral", "strategy_discussion")
    )
    _require_chair(user)
    agencies = enquiry.strategy_discussion.agencies.all()
    form = forms.InitialConferenceForm(
        request.POST or None,
        members=choices.partner_staff_for(enquiry.child, agencies),
        initial={"held_on": _today()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            conference = protection.conference_hold(
                referral=enquiry.referral,
                chair=user,
                kind=ConferenceKind.INITIAL,
                held_on=data["held_on"],
                outcome=data["outcome"],
                summary=data["summary"],
                category=data["category"],
                section47=enquiry,
                members=list(data["members"]),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            if conference.plan_id:
                messages.success(
                    request,
                    f"{enquiry.child.full_name} is now subject of a child protection plan.",
                )
                return redirect(conference.plan)
            messages.success(request, "Initial child protection conference recorded.")
            return redirect(_child_url(enquiry.child, "casework-heading"))
    return _form_page(
        request,
        form,
        title="Initial child protection conference",
        child=enquiry.child,
        button="Record the conference",
        back_url=reverse("casework:section47", args=[enquiry.pk]),
        intro=[
            f"Section 47 enquiry from {enquiry.started_on:%-d %B %Y}: "
            f"{enquiry.get_outcome_display().lower() or 'not yet completed'}. "
            f"The conference is due by {enquiry.icpc_due_on:%-d %B %Y}."
        ],
    )


@require_http_methods(["GET", "POST"])
def review_conference(request, pk: int):
    user = request.user
    plan = records.casework_record(ChildProtectionPlan, pk, user, related=("referral",))
    _require_chair(user)
    form = forms.ReviewConferenceForm(
        request.POST or None, current_category=plan.latest_category, initial={"held_on": _today()}
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            protection.conference_hold(
                referral=plan.referral,
                chair=user,
                kind=ConferenceKind.REVIEW,
                held_on=data["held_on"],
                outcome=data["outcome"],
                summary=data["summary"],
                category=data["category"],
                plan=plan,
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Review child protection conference recorded.")
            return redirect(plan)
    return _form_page(
        request,
        form,
        title="Review child protection conference",
        child=plan.child,
        button="Record the review",
        back_url=plan.get_absolute_url(),
        intro=[
            f"Child protection plan from {plan.started_on:%-d %B %Y}, category "
            f"{plan.get_latest_category_display().lower()}."
        ],
    )


def _plan_clocks(plan) -> dict[str, Clock]:
    """The plan's open clocks, from the same selector that lists everyone's work."""
    clocks = {}
    own = work_items.casework_items(children=[plan.child], ids=[plan.child_id], owner_of={})
    for item in own:
        if item.url != plan.get_absolute_url():
            continue
        key = "visit" if "visit" in item.what.lower() else "review"
        clocks[key] = item.clock
    return clocks


_CP_ACTIONS = {
    "plan": forms.PlanTextForm,
    "add_member": forms.MemberAddForm,
    "remove_member": forms.MemberRemoveForm,
    "core_group": forms.CoreGroupForm,
}


def _cp_apply(action: str, form, plan: ChildProtectionPlan, user) -> str:
    data = form.cleaned_data
    if action == "plan":
        protection.cp_plan_update(
            plan=plan, updated_by=user, version=data["version"], plan_text=data["plan"]
        )
        return "The plan is saved."
    if action == "add_member":
        core_groups.conference_member_add(plan=plan, staff=data["staff"], added_by=user)
        return f"{data['staff']} is now a member of the conference and core group."
    if action == "remove_member":
        member = get_object_or_404(ConferenceMember, pk=data["member"], plan=plan)
        core_groups.conference_member_remove(member=member, removed_by=user)
        return f"{member.staff} is no longer a member."
    core_groups.core_group_record(
        plan=plan, recorded_by=user, held_on=data["held_on"], summary=data["summary"]
    )
    return "Core group meeting recorded."


@require_http_methods(["GET", "POST"])
def cp_plan(request, pk: int):
    user = request.user
    plan = records.casework_record(
        ChildProtectionPlan, pk, user, related=("referral", "previous_plan", "modified_by")
    )
    can_edit = plan.ended_on is None and access.can(user, "edit", plan.child)
    members = list(plan.members.select_related("staff__organisation").order_by("from_on"))
    current_ids = [m.staff_id for m in members if m.to_on is None]
    # Anyone in a partner agency may join the core group (a housing officer, a new school).
    candidates = (
        Staff.objects.filter(role=Role.PARTNER, is_active=True, organisation__is_active=True)
        .exclude(pk__in=current_ids)
        .order_by("organisation__name", "last_name", "first_name")
    )
    action = request.POST.get("action", "")
    bound, comparison, status = {}, None, 200
    if request.method == "POST":
        if action not in _CP_ACTIONS:
            raise Http404("Unknown action.")
        if not can_edit:
            raise PermissionDenied("You may not change this plan.")
        extra = {"staff": candidates} if action == "add_member" else {}
        form = _CP_ACTIONS[action](request.POST, prefix=action, **extra)
        if form.is_valid():
            try:
                message = _cp_apply(action, form, plan, user)
            except EditConflict as error:
                data = request.POST.copy()
                data["plan-version"] = str(error.current.version)
                form = forms.PlanTextForm(data, prefix="plan")
                form.is_valid()
                form.add_domain_error(error)
                mine = {"plan": _shown(form.cleaned_data.get("plan"))}
                theirs = {"plan": _shown(error.current.plan)}
                comparison = {
                    "who": error.current.modified_by,
                    "when": error.current.modified_at,
                    "rows": _comparison(form, ["plan"], mine, theirs),
                }
                status = 409
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, message)
                return redirect(plan)
        bound[action] = form
    unbound = {
        "plan": forms.PlanTextForm(
            prefix="plan", initial={"version": plan.version, "plan": plan.plan}
        ),
        "add_member": forms.MemberAddForm(prefix="add_member", staff=candidates),
        "core_group": forms.CoreGroupForm(prefix="core_group", initial={"held_on": _today()}),
    }
    records.casework_viewed(user, plan)
    context = {
        "plan": plan,
        "child": plan.child,
        "members": [m for m in members if m.to_on is None],
        "former_members": [m for m in members if m.to_on is not None],
        "core_groups": list(plan.core_groups.select_related("recorded_by")),
        "conferences": list(plan.conferences.select_related("chair")),
        "clocks": _plan_clocks(plan) if plan.ended_on is None else {},
        "forms": {**unbound, **bound},
        "bound_form": next(iter(bound.values()), None),
        "editing_plan": "plan" in bound,
        "comparison": comparison,
        "can_edit": can_edit,
        "is_chair": user.role == Role.CONFERENCE_CHAIR,
        "decision": records.pending_decision(plan),
    }
    return render(request, "casework/cp_plan.html", context, status=status)


# ---- child in need --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def cin_plan_start(request, referral_id: int):
    referral = _referral(referral_id, request.user)
    form = forms.CinPlanStartForm(request.POST or None, initial={"started_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            plan = child_in_need.cin_plan_start(
                referral=referral,
                started_by=request.user,
                started_on=form.cleaned_data["started_on"],
                outcomes=form.cleaned_data["outcomes"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Child in need plan started. A manager will sign it off.")
            return redirect(plan)
    return _form_page(
        request,
        form,
        title="Start a child in need plan",
        child=referral.child,
        button="Start the plan",
        intro=["The plan is reviewed at least every 3 months."],
    )


_CIN_ACTIONS = {"review": forms.CinReviewForm, "end": forms.CinEndForm}


@require_http_methods(["GET", "POST"])
def cin_plan(request, pk: int):
    user = request.user
    plan = records.casework_record(ChildInNeedPlan, pk, user, related=("referral", "modified_by"))
    can_edit = plan.ended_on is None and access.can(user, "edit", plan.child)
    action = request.POST.get("action", "")
    bound, comparison, status = {}, None, 200
    if request.method == "POST":
        if action not in _CIN_ACTIONS:
            raise Http404("Unknown action.")
        if not can_edit:
            raise PermissionDenied("You may not change this plan.")
        form = _CIN_ACTIONS[action](request.POST, prefix=action)
        if form.is_valid():
            data = form.cleaned_data
            try:
                if action == "review":
                    child_in_need.cin_review_record(
                        plan=plan,
                        recorded_by=user,
                        held_on=data["held_on"],
                        summary=data["summary"],
                    )
                    message = "Review recorded."
                else:
                    child_in_need.cin_plan_end(
                        plan=plan,
                        ended_by=user,
                        ended_on=data["ended_on"],
                        reason=data["reason"],
                        version=data["version"],
                    )
                    message = "The plan has ended. A manager will sign it off."
            except EditConflict as error:
                data = request.POST.copy()
                data["end-version"] = str(error.current.version)
                form = forms.CinEndForm(data, prefix="end")
                form.is_valid()
                form.add_domain_error(error)
                names = ["ended_on", "reason"]
                mine = {n: _shown(form.cleaned_data.get(n)) for n in names}
                current = error.current
                theirs = {
                    "ended_on": _shown(current.ended_on),
                    "reason": _shown(current.end_reason),
                }
                comparison = {
                    "who": current.modified_by,
                    "when": current.modified_at,
                    "rows": _comparison(form, names, mine, theirs),
                }
                status = 409
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, message)
                return redirect(plan)
        bound[action] = form
    reviews = list(plan.reviews.select_related("recorded_by"))
    clock = None
    if plan.ended_on is None:
        clock = plan.review_clock(reviews[0].held_on if reviews else None)
    unbound = {
        "review": forms.CinReviewForm(prefix="review", initial={"held_on": _today()}),
        "end": forms.CinEndForm(prefix="end", initial={"version": plan.version}),
    }
    records.casework_viewed(user, plan)
    context = {
        "plan": plan,
        "child": plan.child,
        "reviews": reviews,
        "clock": clock,
        "forms": {**unbound, **bound},
        "bound_form": next(iter(bound.values()), None),
        "comparison": comparison,
        "can_edit": can_edit,
        "decision": records.pending_decision(plan),
    }
    return render(request, "casework/cin_plan.html", context, status=status)


# ---- case notes -----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def case_note_add(request, child_id: int):
    child = _child(child_id, request.user)
    manager = request.user.role == Role.TEAM_MANAGER
    now = timezone.localtime()
    form = forms.CaseNoteForm(
        request.POST or None,
        manager=manager,
        initial={"occurred_on": now.date(), "occurred_time": f"{now:%H:%M}"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            notes.case_note_add(
                child=child,
                written_by=request.user,
                kind=data["kind"],
                occurred_at=form.occurred_at(),
                note=data["note"],
                child_words=data["child_words"],
                child_seen=data["child_seen"],
                seen_alone=data["seen_alone"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Case note added.")
            return redirect(_child_url(child, "case-notes-heading"))
    context = {"form": form, "child": child, "back_url": _child_url(child)}
    return render(request, "casework/case_note_form.html", context)


# ---- supervision ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def supervision_add(request, child_id: int):
    user = request.user
    child = _child(child_id, user)
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("A team manager records supervision.")
    allocation = current_allocation(child)
    form = forms.SupervisionForm(
        request.POST or None,
        staff=choices.supervision_staff(child, user),
        initial={
            "held_on": _today(),
            "worker": str(allocation.worker_id) if allocation and allocation.worker_id else "",
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            oversight.supervision_record(
                child=child,
                manager=user,
                held_on=data["held_on"],
                reflection=data["reflection"],
                worker=data["worker"],
                actions=[
                    oversight.ActionSpec(action=a, owner=o, due_on=d) for a, o, d in form.actions()
                ],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Supervision recorded.")
            return redirect(_child_url(child, "supervision-heading"))
    context = {"form": form, "child": child, "back_url": _child_url(child)}
    return render(request, "casework/supervision_form.html", context)


@require_http_methods(["GET", "POST"])
def supervision_action_done(request, pk: int):
    action = get_object_or_404(
        SupervisionAction.objects.select_related("supervision__child", "owner"), pk=pk
    )
    child = action.supervision.child
    access.require(request.user, "edit", child)
    form = forms.ActionDoneForm(request.POST or None, initial={"done_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            oversight.supervision_action_done(
                action=action, done_by=request.user, done_on=form.cleaned_data["done_on"]
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Action marked as done.")
            return redirect(_child_url(child, "supervision-heading"))
    return _form_page(
        request,
        form,
        title="Mark a supervision action as done",
        child=child,
        button="Mark as done",
        details=[
            ("Action", action.action),
            ("Who", str(action.owner)),
            ("Due by", f"{action.due_on:%-d %B %Y}"),
        ],
    )


# ---- closure and step-down ------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def closure_propose(request, referral_id: int):
    referral = _referral(referral_id, request.user)
    form = forms.ClosureForm(request.POST or None, initial={"closed_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = closure.closure_propose(
                referral=referral,
                proposed_by=request.user,
                closed_on=form.cleaned_data["closed_on"],
                reason=form.cleaned_data["reason"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Closure proposed. A manager will sign it off.")
            return redirect("casework:decision", pk=proposal.pk)
    return _form_page(
        request,
        form,
        title="Propose closing the case",
        child=referral.child,
        button="Propose closure",
        intro=[
            f"Referred on {referral.referral_date:%-d %B %Y}. The case closes when a manager "
            "agrees."
        ],
    )


@require_http_methods(["GET", "POST"])
def step_down_propose(request, referral_id: int):
    referral = _referral(referral_id, request.user)
    staff = (
        Staff.objects.filter(role=Role.PARTNER, is_active=True, organisation__is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )
    form = forms.StepDownForm(request.POST or None, staff=staff, initial={"stepped_on": _today()})
    if request.method == "POST" and form.is_valid():
        try:
            proposal = closure.step_down_propose(
                referral=referral,
                proposed_by=request.user,
                lead_professional=form.cleaned_data["lead_professional"],
                stepped_on=form.cleaned_data["stepped_on"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, "Step-down proposed. A manager will sign it off.")
            return redirect("casework:decision", pk=proposal.pk)
    return _form_page(
        request,
        form,
        title="Propose a step-down to early help",
        child=referral.child,
        button="Propose the step-down",
        intro=[
            "When a manager agrees, the case closes and the lead professional becomes the "
            "person partners see for the child."
        ],
    )


# ---- My work and Team -----------------------------------------------------------------------


@require_GET
def my_work(request):
    work = caseloads.my_work(user=request.user)
    return render(request, "casework/my_work.html", {"work": work})


TEAM_LIST_LIMIT = 25


def _due_soon(items, days: int = 5):
    today = timezone.localdate()
    return [
        i
        for i in items
        if not i.clock.is_overdue(today) and i.clock.working_days_left(today) <= days
    ]


@require_GET
def team(request):
    user = request.user
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("The Team page is for team managers.")
    teams = [caseloads.team_work(user=user, team=t) for t in managed_teams(user)]
    # A big team's lists run to hundreds: the most overdue first, the rest on request.
    show_all = request.GET.get("all") == "1"
    limit = None if show_all else TEAM_LIST_LIMIT
    for work in teams:
        work.due_soon = _due_soon(work.items)
        work.overdue_shown = work.overdue[:limit]
        work.due_soon_shown = work.due_soon[:limit]
    return render(request, "casework/team.html", {"teams": teams, "show_all": show_all})


# ---- disabled children approaching adulthood ---------------------------------------------


@require_GET
def transitions(request):
    gaps = transition_selectors.transition_gaps(user=request.user)
    turns_18 = transition_selectors.child_birthdays_to_18(gaps.children)
    rows = [(child, turns_18[child.pk]) for child in gaps.children]
    return render(request, "casework/transitions.html", {"gaps": gaps, "rows": rows})


@require_http_methods(["GET", "POST"])
def transition_plan_add(request, child_id: int):
    child = _child(child_id, request.user)
    form = forms.TransitionPlanForm(request.POST or None, initial={"agreed_on": _today()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            transition.transition_plan_record(
                child=child,
                recorded_by=request.user,
                agreed_on=data["agreed_on"],
                adult_services_contact=data["adult_services_contact"],
                summary=data["summary"],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, f"Transition plan recorded for {child.full_name}.")
            return redirect(_child_url(child, "casework-heading"))
    return _form_page(
        request,
        form,
        title="Record a transition plan",
        child=child,
        button="Record the plan",
        intro=[
            "A plan for moving to adult services, agreed with the young person and their "
            "family, so that nothing stops at 18."
        ],
    )


@require_GET
def worker_caseload(request, team_id: int, worker_id: int):
    """One worker's children and every clock on them, for the team's managers."""
    user = request.user
    if user.role != Role.TEAM_MANAGER:
        raise PermissionDenied("Team managers allocate cases.")
    team = managed_team(user, team_id)
    worker = get_object_or_404(
        Staff, pk=worker_id, memberships__team=team, memberships__ended_on__isnull=True
    )
    caseload = caseloads.worker_caseload(user=user, team=team, worker=worker)
    return render(request, "casework/worker_caseload.html", {"caseload": caseload})
