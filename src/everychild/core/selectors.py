"""Figures for the home pages of roles that do not hold cases."""

from django.db.models import Count, Q

from everychild.access.models import SOCIAL_CARE_KINDS, BreakGlass, Involvement
from everychild.people.models import Person, PersonKind


def borough_at_a_glance() -> dict:
    """Counts only (no names): what an analyst or director may see without a case role."""
    children = Person.objects.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])
    counts = children.aggregate(
        total=Count("pk"),
        unverified=Count("pk", filter=Q(identity_verified=False)),
    )
    counts["known_to_social_care"] = (
        Involvement.objects.current()
        .filter(kind__in=SOCIAL_CARE_KINDS)
        .values("child_id")
        .distinct()
        .count()
    )
    return counts


def break_glass_awaiting_review() -> int:
    return BreakGlass.objects.filter(reviewed_at__isnull=True).count()
