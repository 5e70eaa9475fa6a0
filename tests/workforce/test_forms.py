"""The allocation form shows the service's refusals about the team or worker against the one
choice of both."""

from everychild.core.errors import DomainError
from everychild.workforce.forms import AllocateForm


def test_a_refusal_about_the_worker_or_team_shows_against_the_allocation_choice():
    for field in ("worker", "team"):
        form = AllocateForm({}, choices=[])
        form.is_valid()
        form.add_domain_error(DomainError("Lucy Brown is not in CIN and CP team 1.", field=field))
        assert form.errors["allocate_to"][-1] == "Lucy Brown is not in CIN and CP team 1."
    form = AllocateForm({}, choices=[])
    form.is_valid()
    form.add_domain_error(
        DomainError("Say why the child's social worker is changing.", field="change_reason")
    )
    assert "Say why" in form.errors["change_reason"][-1]
