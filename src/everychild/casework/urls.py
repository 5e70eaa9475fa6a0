from django.urls import path

from everychild.casework import views

app_name = "casework"
urlpatterns = [
    path("my-work/", views.my_work, name="my_work"),
    path("team/", views.team, name="team"),
    path("transition/", views.transitions, name="transitions"),
    path(
        "teams/<int:team_id>/caseloads/<int:worker_id>/",
        views.worker_caseload,
        name="worker_caseload",
    ),
    # From a referral
    path(
        "referrals/<int:referral_id>/assessment/new/",
        views.assessment_start,
        name="assessment_start",
    ),
    path(
        "referrals/<int:referral_id>/strategy-discussion/new/",
        views.strategy_discussion,
        name="strategy_discussion",
    ),
    path("referrals/<int:referral_id>/cin-plan/new/", views.cin_plan_start, name="cin_plan_start"),
    path("referrals/<int:referral_id>/closure/", views.closure_propose, name="closure"),
    path("referrals/<int:referral_id>/step-down/", views.step_down_propose, name="step_down"),
    # The records
    path("assessments/<int:pk>/", views.assessment, name="assessment"),
    path("decisions/<int:pk>/", views.decision, name="decision"),
    path("section-47/<int:pk>/", views.section47, name="section47"),
    path(
        "section-47/<int:pk>/initial-conference/",
        views.initial_conference,
        name="initial_conference",
    ),
    path("cp-plans/<int:pk>/", views.cp_plan, name="cp_plan"),
    path("cp-plans/<int:pk>/review-conference/", views.review_conference, name="review_conference"),
    path("cin-plans/<int:pk>/", views.cin_plan, name="cin_plan"),
    # About a child
    path("children/<int:child_id>/case-notes/new/", views.case_note_add, name="case_note_add"),
    path("children/<int:child_id>/supervision/new/", views.supervision_add, name="supervision_add"),
    path(
        "supervision-actions/<int:pk>/done/",
        views.supervision_action_done,
        name="supervision_action_done",
    ),
    path(
        "children/<int:child_id>/transition-plan/new/",
        views.transition_plan_add,
        name="transition_plan_add",
    ),
]
