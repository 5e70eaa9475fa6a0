"""Pages: starting a single assessment, and the assessment itself (the worker's draft,
submitting it, and what someone else saved first)."""

from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.casework.forms.assessments import AssessmentForm, AssessmentStartForm
from everychild.casework.models import Assessment, Recommendation
from everychild.casework.selectors import records
from everychild.casework.services import assessments
from everychild.casework.views._common import form_page, referral_for, today
from everychild.core import ui
from everychild.core.codes import AssessmentFactor
from everychild.core.forms import yes_no
from everychild.organisations.roles import Role
from everychild.workforce.services import current_allocation


@require_http_methods(["GET", "POST"])
def assessment_start(request, referral_id: int):
    referral = referral_for(referral_id, request.user)
    form = AssessmentStartForm(request.POST or None, initial={"started_on": today()})

    def start(data) -> Assessment:
        allocation = current_allocation(referral.child)
        return assessments.assessment_start(
            referral=referral,
            worker=(allocation and allocation.worker) or request.user,
            started_by=request.user,
            started_on=data["started_on"],
        )

    done = ui.run_service(
        request,
        form,
        start,
        success=lambda started: f"Assessment started. It is due by {started.due_on:%-d %B %Y}.",
        then=lambda started: started,
    )
    due = Assessment.due_from(referral.referral_date)
    return done or form_page(
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


def _in_words(values: dict) -> dict[str, str]:
    """An assessment's saved fields in words, for comparing two versions."""
    words = {name: ui.shown(values.get(name)) for name in AssessmentForm.SAVED}
    factors = [AssessmentFactor(f).label for f in values.get("factors") or [] if f]
    words["factors"] = "; ".join(factors) or "None chosen"
    rec = values.get("recommendation")
    words["recommendation"] = Recommendation(rec).label if rec else "Not recorded"
    return words


@require_http_methods(["GET", "POST"])
def assessment(request, pk: int):
    user = request.user
    record = records.casework_record(
        Assessment, pk, user, related=("referral", "worker", "authorised_by", "modified_by")
    )
    form = None
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        submit = request.POST.get("action") == "submit"
        save = assessments.assessment_submit if submit else assessments.assessment_update
        actor = "submitted_by" if submit else "updated_by"
        done = ui.run_service(
            request,
            form,
            lambda data: save(
                assessment=record, version=data["version"], **{actor: user}, **form.changes()
            ),
            success="Assessment submitted: a manager will authorise it."
            if submit
            else "Draft saved.",
            then=record,
        )
        if done:
            return done
    elif (
        record.authorised_on is None
        and record.submitted_at is None
        and access.can(user, "edit", record.child)
    ):
        initial = {name: getattr(record, name) for name in AssessmentForm.SAVED}
        initial["child_seen_alone"] = yes_no(record.child_seen_alone)
        form = AssessmentForm(initial={**initial, "version": record.version})
    records.casework_viewed(user, record)
    context = {
        "assessment": record,
        "child": record.child,
        "form": form,
        "comparison": form and ui.comparison(form, AssessmentForm.SAVED, _in_words),
        "decision": records.pending_decision(record) if record.submitted_at else None,
        "is_manager": user.role == Role.TEAM_MANAGER,
    }
    return render(request, "casework/assessment.html", context, status=ui.status(form))
