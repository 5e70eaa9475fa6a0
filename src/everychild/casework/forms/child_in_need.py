"""Child in need plans: starting one, a review, and ending it (a versioned form)."""

from everychild.core.forms import GovukForm, VersionedForm, date_field, text_field


class CinPlanStartForm(GovukForm):
    started_on = date_field("Date the plan starts", "Enter the date the plan starts")
    outcomes = text_field(
        "What the plan is to achieve",
        "Say what the plan is to achieve",
        rows=8,
        help_text="The outcomes for the child, who will do what, and by when.",
    )


class CinReviewForm(GovukForm):
    held_on = date_field("Date of the review", "Enter the date of the review")
    summary = text_field("What the review found", "Say what the review found", rows=5)


class CinEndForm(VersionedForm):
    ended_on = date_field("Date the plan ends", "Enter the date the plan ends")
    reason = text_field("Why the plan is ending", "Say why the plan is ending", rows=4)
