"""Forms for the oversight of a looked-after child's care plan (GOV.UK markup, core.forms).

The forms parse what was typed; every rule (dates, who may act, PN0 and the child's age,
the order of escalation) is the services' (care/services/oversight.py).
"""

from django import forms

from everychild.care.models import ChallengeStage, HealthAssessmentKind
from everychild.core.codes import ReviewParticipation
from everychild.core.forms import GovukForm, date_field, radios_field, text_field


class LookedAfterReviewForm(GovukForm):
    held_on = date_field("Date of the review", "Enter the date of the review")
    participation = radios_field(
        "How did the child take part?",
        ReviewParticipation.choices,
        "Choose how the child took part",
        help_text="The SSDA903 participation code. PN0 is for a child under 4 on the day.",
    )
    child_views = text_field(
        "The child's views",
        rows=5,
        help_text="In the child's own words, or how they conveyed them.",
    )
    decisions = text_field("Decisions and recommendations", rows=6)


class ChallengeRaiseForm(GovukForm):
    raised_on = date_field("Date raised", "Enter the date the challenge was raised")
    issue = text_field(
        "What is the challenge about?",
        "Say what the challenge is about",
        rows=6,
        help_text="What in the care plan, or in how it is carried out, needs to change.",
    )
    respond_by = date_field("Response due by", "Enter the date a response is due by")
    review = forms.TypedChoiceField(
        label="Did it arise from a review?",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[],
    )

    def __init__(self, *args, reviews=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["review"].choices = [("", "Not from a review")] + [
            (str(r.pk), f"Review on {r.held_on:%-d %B %Y}") for r in reviews
        ]


class ChallengeEscalateForm(GovukForm):
    stage = radios_field("Escalate to", [], "Choose the stage to escalate to")
    note = text_field("Why", "Say why the challenge is being escalated", rows=5)

    def __init__(self, *args, current: str, **kwargs):
        super().__init__(*args, **kwargs)
        order = list(ChallengeStage.values)
        above = order[order.index(current) + 1 :] if current in order else order
        self.fields["stage"].choices = [(s, ChallengeStage(s).label) for s in above]


class ChallengeResolveForm(GovukForm):
    resolved_on = date_field("Date resolved", "Enter the date the challenge was resolved")
    resolution = text_field("How was it resolved?", "Say how the challenge was resolved", rows=5)


class HealthAssessmentForm(GovukForm):
    kind = radios_field(
        "Which assessment?",
        HealthAssessmentKind.choices,
        "Choose whether this is the initial or a review assessment",
    )
    done_on = date_field("Date of the assessment", "Enter the date of the assessment")
    dental_check = forms.BooleanField(label="Dental check done", required=False)
    immunisations_up_to_date = forms.TypedChoiceField(
        label="Are the child's immunisations up to date?",
        choices=[("yes", "Yes"), ("no", "No"), ("", "Not known")],
        coerce=lambda v: v == "yes",
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )


class EducationPlanForm(GovukForm):
    held_on = date_field("Date of the PEP meeting", "Enter the date of the PEP meeting")
    school = forms.CharField(label="School or setting", required=False, max_length=200)
    targets = text_field(
        "Targets", rows=6, help_text="What the child is working towards this term."
    )
