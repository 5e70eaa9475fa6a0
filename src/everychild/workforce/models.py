"""Who holds each child's case: every allocation kept, so the number of social workers a
child has had (an indicator children feel most) is a query."""

from django.conf import settings
from django.db import models

from everychild.organisations.models import Team
from everychild.people.models import Person


class Allocation(models.Model):
    """A child's case held by a team and a worker, from one date to another."""

    child = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="allocations")
    team = models.ForeignKey(Team, on_delete=models.PROTECT, related_name="allocations")
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="allocations",
        help_text="Empty while the case waits in the team for a worker.",
    )
    started_on = models.DateField()
    ended_on = models.DateField(null=True, blank=True)
    change_reason = models.CharField(
        max_length=6, blank=True, help_text="Why the previous worker changed (DfE code)."
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-started_on", "-id"]
        indexes = [
            models.Index(fields=["child", "ended_on"]),
            models.Index(fields=["worker", "ended_on"]),
            models.Index(fields=["team", "ended_on"]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["child"],
                condition=models.Q(ended_on__isnull=True),
                name="one_open_allocation_per_child",
            )
        ]

    def __str__(self) -> str:
        who = self.worker or "unallocated"
        return f"{self.child} with {self.team} ({who}) from {self.started_on:%d %b %Y}"
