from django.urls import path

from everychild.casework.views import (
    assessments,
    caseloads,
    child_in_need,
    closure,
    notes,
    oversight,
    protection,
    transition,
)

app_name = "casework"
urlpatterns = [
    path("my-work/", caseloads.my_work, name="my_work"),
    path("team/", caseloads.team, name="team"),
    path("transition/", transition.transitions, name="transitions"),
    path(
        "teams/<int:team_id>/caseloads/<int:worker_id>/",
        caseloads.worker_caseload,
        name="worker_caseload",
    ),
    # From a referral
    path(
        "referrals/<int:referral_id>/assessment/new/",
        assessments.assessment_start,
        name="assessment_start",
    ),
    path(
        "referrals/<int:referral_id>/strategy-discussion/new/",
        protection.strategy_discussion,
        name="strategy_discussion",
    ),
    path(
        "referrals/<int:referral_id>/cin-plan/new/",
        child_in_need.cin_plan_start,
        name="cin_plan_start",
    ),
    path("referrals/<int:referral_id>/closure/", closure.closure_propose, name="closure"),
    path("referrals/<int:referral_id>/step-down/", closure.step_down_propose, name="step_down"),
    # The records
    path("assessments/<int:pk>/", assessments.assessment, name="assessment"),
    path("decisions/<int:pk>/", oversight.decision, name="decision"),
    path("section-47/<int:pk>/", protection.section47, name="section47"),
    path(
        "section-47/<int:pk>/initial-conference/",
        protection.initial_conference,
        name="initial_conference",
    ),
    path("cp-plans/<int:pk>/", protection.cp_plan, name="cp_plan"),
    path(
        "cp-plans/<int:pk>/review-conference/",
        protection.review_conference,
        name="review_conference",
    ),
    path("cin-plans/<int:pk>/", child_in_need.cin_plan, name="cin_plan"),
    # About a child
    path("children/<int:child_id>/case-notes/new/", notes.case_note_add, name="case_note_add"),
    path(
        "children/<int:child_id>/supervision/new/",
        oversight.supervision_add,
        name="supervision_add",
    ),
    path(
        "supervision-actions/<int:pk>/done/",
        oversight.supervision_action_done,
        name="supervision_action_done",
    ),
    path(
        "children/<int:child_id>/transition-plan/new/",
        transition.transition_plan_add,
        name="transition_plan_add",
    ),
]
