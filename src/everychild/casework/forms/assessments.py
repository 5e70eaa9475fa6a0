"""The single assessment: starting it, and the worker's draft (a versioned form)."""

from everychild.casework.models import Recommendation
from everychild.casework.services.assessments import ASSESSMENT_FIELDS
from everychild.core.codes import AssessmentFactor
from everychild.core.forms import (
    GovukForm,
    VersionedForm,
    checkboxes_field,
    date_field,
    radios_field,
    text_field,
    yes_no_field,
)


class AssessmentStartForm(GovukForm):
    started_on = date_field("Date the assessment started", "Enter the date the assessment started")


class AssessmentForm(VersionedForm):
    child_seen_on = date_field(
        "When was the child seen?",
        "",
        required=False,
        help_text="The date the social worker saw the child for this assessment. "
        "For example, 27 3 2026",
    )
    child_seen_alone = yes_no_field("Was the child seen alone?")
    child_views = text_field(
        "The child's views",
        help_text="In the child's own words, as they said them. "
        "If the child is too young to talk, what you saw.",
        rows=6,
    )
    family_views = text_field("Parents' and carers' views", rows=5)
    analysis = text_field(
        "Analysis",
        help_text="What the information means for the child: risks, strengths, and what "
        "needs to change.",
        rows=8,
    )
    factors = checkboxes_field(
        "Factors identified at the end of the assessment",
        AssessmentFactor.choices,
        help_text="Select all that apply (CIN census).",
    )
    recommendation = radios_field("Recommended outcome", Recommendation.choices)

    SAVED = tuple(ASSESSMENT_FIELDS)  # the fields the service saves

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.SAVED}
