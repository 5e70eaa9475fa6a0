"""Pages: the strategy discussion, the section 47 enquiry (booking a chair, completing it),
initial and review conferences, and the child protection plan (its text, members and core
group)."""

from functools import partial

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.casework.forms import protection as forms
from everychild.casework.models import (
    ChildProtectionPlan,
    ConferenceKind,
    ConferenceMember,
    Section47Enquiry,
)
from everychild.casework.selectors import choices, records, work_items
from everychild.casework.services import core_groups, protection
from everychild.casework.views._common import child_url, form_page, post_action, referral_for, today
from everychild.core import ui
from everychild.core.clock import Clock
from everychild.organisations.roles import CASE_HOLDERS, Role

# ---- the strategy discussion and the section 47 enquiry -------------------------------------


def _discussion_recorded(enquiry: Section47Enquiry | None) -> str:
    if enquiry is None:
        return "Strategy discussion recorded."
    return (
        "Section 47 enquiry started. The initial child protection conference is "
        f"due by {enquiry.icpc_due_on:%-d %B %Y}."
    )


@require_http_methods(["GET", "POST"])
def strategy_discussion(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    form = forms.StrategyDiscussionForm(
        request.POST or None,
        agencies=choices.strategy_agencies(referral.child),
        initial={"held_on": today()},
    )
    done = ui.run_service(
        request,
        form,
        lambda data: records.enquiry_started_by(
            protection.strategy_discussion_record(
                referral=referral, recorded_by=request.user, **data
            )
        ),
        success=_discussion_recorded,
        then=lambda enquiry: (
            reverse("casework:section47", args=[enquiry.pk])
            if enquiry
            else child_url(referral.child, "casework-heading")
        ),
    )
    return done or form_page(
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
    """The enquiry; while its initial conference is needed, the case holders book a chair
    (action "book"), and until it is complete they complete it."""
    user = request.user
    enquiry = records.casework_record(
        Section47Enquiry, pk, user, related=("referral", "strategy_discussion")
    )
    conference = records.initial_conference(enquiry)
    can_edit = access.can(user, "edit", enquiry.child)
    needs_chair = bool(enquiry.icpc_needed) and conference is None
    booking_posted = request.POST.get("action") == "book"
    here = reverse("casework:section47", args=[enquiry.pk])
    form = booking = None
    if needs_chair and can_edit and user.role in CASE_HOLDERS:
        booking = forms.ChairBookingForm(
            request.POST if booking_posted else None, chairs=choices.conference_chairs()
        )
    if not booking_posted and enquiry.completed_on is None and can_edit:
        form = forms.Section47CompleteForm(request.POST or None, initial={"completed_on": today()})
    if request.method == "POST" and (booking if booking_posted else form) is None:
        raise PermissionDenied(
            "A chair cannot be booked here."
            if booking_posted
            else "This enquiry cannot be changed here."
        )
    done = None
    if booking_posted:
        done = ui.run_service(
            request,
            booking,
            lambda data: protection.conference_chair_book(
                child=enquiry.child, chair=data["chair"], booked_by=user
            ),
            success=lambda _: f"{booking.cleaned_data['chair']} is booked to chair.",
            then=here,
        )
    elif form is not None:
        done = ui.run_service(
            request,
            form,
            lambda data: protection.section47_complete(enquiry=enquiry, completed_by=user, **data),
            success="Section 47 enquiry completed.",
            then=here,
        )
    if done:
        return done
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


# ---- conferences ------------------------------------------------------------------------------


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
    child = enquiry.child
    form = forms.InitialConferenceForm(
        request.POST or None,
        members=choices.partner_staff_for(child, enquiry.strategy_discussion.agencies.all()),
        initial={"held_on": today()},
    )
    done = ui.run_service(
        request,
        form,
        lambda data: protection.conference_hold(
            referral=enquiry.referral,
            chair=user,
            kind=ConferenceKind.INITIAL,
            section47=enquiry,
            **{**data, "members": list(data["members"])},
        ),
        success=lambda held: (
            f"{child.full_name} is now subject of a child protection plan."
            if held.plan_id
            else "Initial child protection conference recorded."
        ),
        then=lambda held: held.plan if held.plan_id else child_url(child, "casework-heading"),
    )
    return done or form_page(
        request,
        form,
        title="Initial child protection conference",
        child=child,
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
        request.POST or None, current_category=plan.latest_category, initial={"held_on": today()}
    )
    done = ui.run_service(
        request,
        form,
        lambda data: protection.conference_hold(
            referral=plan.referral, chair=user, kind=ConferenceKind.REVIEW, plan=plan, **data
        ),
        success="Review child protection conference recorded.",
        then=plan,
    )
    return done or form_page(
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


# ---- the child protection plan ------------------------------------------------------------


def _plan_clocks(plan: ChildProtectionPlan) -> dict[str, Clock]:
    """The plan's open clocks, from the same provider that lists everyone's work."""
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


def _cp_apply(plan: ChildProtectionPlan, user, action: str, data) -> str:
    """Run one of the plan page's actions; the success message."""
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
    candidates = choices.partner_practitioners(
        excluding=[m.staff_id for m in members if m.to_on is None]
    )
    done, posted = post_action(
        request,
        _CP_ACTIONS,
        partial(_cp_apply, plan, user),
        allowed=can_edit,
        then=plan,
        kwargs={"add_member": {"staff": candidates}},
    )
    if done:
        return done
    bound = {posted.prefix: posted} if posted else {}
    unbound = {
        "plan": forms.PlanTextForm(
            prefix="plan", initial={"version": plan.version, "plan": plan.plan}
        ),
        "add_member": forms.MemberAddForm(prefix="add_member", staff=candidates),
        "core_group": forms.CoreGroupForm(prefix="core_group", initial={"held_on": today()}),
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
        "bound_form": posted,
        "editing_plan": "plan" in bound,
        "comparison": posted and ui.comparison(posted, ["plan"]),
        "can_edit": can_edit,
        "is_chair": user.role == Role.CONFERENCE_CHAIR,
        "decision": records.pending_decision(plan),
    }
    return render(request, "casework/cp_plan.html", context, status=ui.status(posted))
