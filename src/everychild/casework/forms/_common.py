"""What casework forms share."""

from everychild.core.forms import GovukForm


class StaffChoiceForm(GovukForm):
    """A form whose staff fields (GroupedStaffField, named in `staff_fields`) offer the
    `staff` the page passes in: a member to add, a lead professional, a worker supervised."""

    staff_fields: tuple[str, ...] = ("staff",)

    def __init__(self, *args, staff=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in self.staff_fields:
            self.fields[name].set_queryset(staff)
