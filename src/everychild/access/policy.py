"""The access policy: one set of rules for a single record and for every list.

Rules (DESIGN.md principle 4):
- Social-care staff see the children they, or a team they belong to, are currently involved
  with. Managers are members of the teams they manage, and the MASH is the front-door team,
  so "managers see their teams'" and "MASH sees the front door's" are this same rule.
- Partner practitioners get the minimal view of any child unless they, or their team, are
  part of the child's plan (lead professional, plan member, conference member).
- A restricted record is visible only to the staff named on it, and not even its minimal
  view is shown to anyone else (its existence is itself sensitive). No break-glass.
- Social-care staff may break glass on any other record: read access for a few hours, with
  a stated reason, flagged for the data protection officer's review.

`children_visible_to` builds a queryset from these rules, and `can` asks the same rules about
one child, so a list can never show what the single check would refuse. Within a read-only
request (see `remembering`) the answers for one child are fetched together, once.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q, QuerySet, Value
from django.http import Http404
from django.utils import timezone

from everychild.access.models import PLAN_KINDS, BreakGlass, Involvement, RecordRestriction
from everychild.organisations.models import TeamMembership
from everychild.organisations.roles import SOCIAL_CARE_ROLES, Role
from everychild.people.models import Person, PersonKind


class Action(StrEnum):
    VIEW_MINIMAL = "view_minimal"  # known to children's social care? who is the lead professional?
    VIEW = "view"  # the record: details, household, professionals, chronology
    EDIT = "edit"  # write to the record (case notes, plans, ...)
    BREAK_GLASS = "break_glass"  # ask for emergency read access


def _team_ids(user) -> QuerySet:
    """The user's current teams, as a subquery (no query of its own)."""
    today = timezone.localdate()
    return TeamMembership.objects.filter(
        Q(ended_on__isnull=True) | Q(ended_on__gte=today), staff_id=user.pk
    ).values("team_id")


def _involved(user, *, partner: bool) -> Exists:
    involvements = Involvement.objects.current().filter(
        Q(staff=user) | Q(team_id__in=_team_ids(user)), child=OuterRef("pk")
    )
    if partner:
        involvements = involvements.filter(kind__in=PLAN_KINDS)
    return Exists(involvements)


def _broke_glass(user) -> Exists:
    return Exists(
        BreakGlass.objects.filter(staff=user, child=OuterRef("pk"), expires_at__gt=timezone.now())
    )


def _not_restricted_or_named(user) -> Q:
    restricted = RecordRestriction.objects.filter(child=OuterRef("pk"))
    named = restricted.filter(named_staff=user)
    return ~Exists(restricted) | Exists(named)


def _rule(user, action: Action) -> Q | None:
    """The filter for `action`, or None if this user may never take it."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    visible = _not_restricted_or_named(user)
    if action is Action.VIEW_MINIMAL:
        return visible
    social_care = user.role in SOCIAL_CARE_ROLES
    partner = user.role == Role.PARTNER
    if not (social_care or partner):
        return None
    involved = _involved(user, partner=partner)
    if action is Action.VIEW:
        return visible & (involved | _broke_glass(user)) if social_care else visible & involved
    if action is Action.EDIT:
        # Break-glass gives read access only; partners contribute through their own services.
        return visible & involved if social_care else None
    if action is Action.BREAK_GLASS:
        # Only for records the user has no relationship with, and never a restricted one.
        unrestricted = ~Exists(RecordRestriction.objects.filter(child=OuterRef("pk")))
        return unrestricted & ~involved if social_care else None
    raise ValueError(f"Unknown action {action!r}")


def children_visible_to(user, action: Action | str = Action.VIEW, queryset=None) -> QuerySet:
    """People (children and unborn children) on whom `user` may take `action`."""
    base = queryset if queryset is not None else Person.objects.all()
    base = base.filter(kind__in=[PersonKind.CHILD, PersonKind.UNBORN])
    rule = _rule(user, Action(action))
    return base.none() if rule is None else base.filter(rule)


# Answers remembered for the current read-only request: {(user id, child id): {action: bool}}.
_remembered: ContextVar[dict | None] = ContextVar("everychild_policy_answers", default=None)


@contextmanager
def remembering():
    """Remember the policy's answers until the block ends.

    Only for blocks that change nothing the rules depend on (a GET request: the middleware
    wraps those), so that a page whose selectors each check the same child asks once.
    """
    token = _remembered.set({})
    try:
        yield
    finally:
        _remembered.reset(token)


def _answers(user, child: Person) -> dict[Action, bool]:
    """Every action's answer for one child, in one query."""
    flags = {}
    for action in Action:
        rule = _rule(user, action)
        flags[f"may_{action.value}"] = (
            Value(False, output_field=BooleanField())
            if rule is None
            else ExpressionWrapper(rule, output_field=BooleanField())
        )
    row = (
        Person.objects.filter(pk=child.pk, kind__in=[PersonKind.CHILD, PersonKind.UNBORN])
        .values(**flags)
        .first()
    )
    return {action: bool(row and row[f"may_{action.value}"]) for action in Action}


def can(user, action: Action | str, child: Person) -> bool:
    remembered = _remembered.get()
    if remembered is None:
        return children_visible_to(user, action).filter(pk=child.pk).exists()
    key = (getattr(user, "pk", None), child.pk)
    if key not in remembered:
        remembered[key] = _answers(user, child)
    return remembered[key][Action(action)]


def require(user, action: Action | str, child: Person) -> None:
    """Raise unless `user` may take `action` on `child`.

    A record the user may not even know exists (restricted) raises Http404, not 403.
    """
    if can(user, action, child):
        return
    if not can(user, Action.VIEW_MINIMAL, child):
        raise Http404("No such record.")
    raise PermissionDenied(f"You may not {Action(action).value.replace('_', ' ')} this record.")


def require_role(user, roles, message: str, child: Person, action: Action | str = "edit"):
    """Some work on a record is a role's (case decisions the case holders', reviews the
    IRO's): PermissionDenied with `message` for anyone else, then the policy's own check. A
    record the user may not know exists is "not found" first, whatever their role, so that a
    restricted child answers as a missing one does."""
    if not can(user, Action.VIEW_MINIMAL, child):
        raise Http404("No such record.")
    if user.role not in roles:
        raise PermissionDenied(message)
    require(user, action, child)


def break_glass_expiry(now=None):
    now = now or timezone.now()
    return now + timedelta(hours=settings.EVERYCHILD["BREAK_GLASS_HOURS"])
