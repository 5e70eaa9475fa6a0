from django import forms

from everychild.core.codes import SocialWorkerChangeReason
from everychild.core.forms import RADIOS, GovukDateField, GovukForm


class AllocateForm(GovukForm):
    """Where the case goes: a team and one of its workers (or the team, awaiting a worker).

    The choices come grouped by team, so a worker is only ever offered with their own team.
    """

    allocate_to = forms.ChoiceField(
        label="Allocate to",
        help_text="Each worker's current number of children is in brackets.",
        error_messages={"required": "Choose who will hold the case"},
    )
    change_reason = forms.ChoiceField(
        label="Why is the child's social worker changing?",
        choices=SocialWorkerChangeReason.choices,
        required=False,
        help_text="Only if the child already has a social worker and it will be someone else.",
        widget=forms.RadioSelect,
        template_name=RADIOS,
    )
    # The service's refusals about the team or the worker show against the one choice.
    domain_fields = {"team": "allocate_to", "worker": "allocate_to"}
    on = GovukDateField(
        label="Date of the allocation",
        help_text="For example, 27 3 2026",
        error_messages={
            "required": "Enter the date of the allocation",
            "incomplete": "Date of the allocation must include a day, month and year",
        },
    )

    def __init__(self, *args, choices=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["allocate_to"].choices = [("", "Choose a team and worker"), *choices]

    def team_and_worker(self) -> tuple[int, int | None]:
        team, _, worker = self.cleaned_data["allocate_to"].partition(":")
        return int(team), int(worker) if worker else None
