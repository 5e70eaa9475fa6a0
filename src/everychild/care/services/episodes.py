"""Care episodes and placements: coming into care, changes of legal status and placement,
leaving care, and the SSDA903 episode rules those writes keep.

The rules (SSDA903 Episodes table, as in the DfE's guide for the year and the checks in Data
to Insight's validator, `csc-validator-be-903`; rule numbers are the DfE's). Within one period
of care:

1. There is at least one episode. The first starts on the day the period starts with reason
   for new episode (RNE) "S"; no other episode has "S".
2. Episodes are contiguous: each starts on the day the one before it ended. None overlap and
   there are no gaps.
3. Only the last episode may be open (no end date), and it is open exactly while the period
   is open.
4. Every episode but the last ends with reason X1 ("episode ceases and a new one begins on
   the same day"). Once the period has ended, the last episode ends on the same day with the
   period's reason, which is never X1.
5. No episode starts and ends on the same day. A second change on the day an episode began
   amends that episode instead (a first episode keeps "S"). If the day's changes cancel each
   other out, the episode is merged back into the one before it, which stays open.
6. The RNE says what changed from the episode before: L the legal status only; P the
   placement and the carer; T the placement but not the carer (say U6 to U4 with the same
   foster carers); U the legal status, placement and carer; B the legal status and placement
   with the same carer. A legal status change and a placement change on the same day are
   one episode (U or B).
7. Each episode carries the 903 placement items (type, provider, postcode) of its placement,
   copied when the episode opens, and the period's category of need.
8. Each episode belongs to one placement. A placement's episodes are a contiguous run: the
   placement starts with the first and ends with the last (and is open while that one is).
   Two placements in a row differ in carer or placement type. A placement ended by a move
   has a reason for placement change, recorded too on the episode that ended with the move
   (903 REASON_PLACE_CHANGE, rule 225), except a move into or out of a temporary placement
   (T0 to T4), which has none (rule 226).

The writes also refuse: a change dated before the current episode began or in the future; any
change to a period that has ended; a change that changes nothing; a placement type that does
not fit the carer (P1 only with the child's parents, A3 to A6 only with prospective adopters,
K2 only with a children's home); a carer whose approval had ended; leaving care with reason X1,
or as adopted (E11, E12) without an adoption order made by then; and bringing into care an
unborn child, a child who has died, a young person aged 18 or over, or a child already in care.

`validate_period` checks rules 1 to 8 on what is stored and returns each breach in words (the
tests run it after every write; the 903 export will run it too).
"""

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from itertools import pairwise

from django.core.exceptions import PermissionDenied
from django.db import transaction

from everychild import audit
from everychild.care.models import (
    CareEpisode,
    Carer,
    CarerKind,
    PeriodOfCare,
    Placement,
)
from everychild.care.services._common import require_case_holder
from everychild.chronology.models import EntryKind
from everychild.chronology.services import event
from everychild.core.calendar import age_in_years
from everychild.core.codes import (
    ADOPTED,
    ADOPTION_PLACEMENTS,
    TEMPORARY_PLACEMENTS,
    LegalStatus,
    PlacementProvider,
    PlacementType,
    ReasonEpisodeCeased,
    ReasonNewEpisode,
    ReasonPlacementChange,
)
from everychild.core.errors import DomainError, clean_or_refuse, not_future
from everychild.frontdoor.models import Referral
from everychild.organisations.roles import Role
from everychild.people.identifiers import normalise_postcode
from everychild.people.models import Person, PersonKind

X1 = ReasonEpisodeCeased.NEW_EPISODE.value
START = ReasonNewEpisode.STARTED.value

# SSDA903 CIN (category of need) is N1 to N8: a looked-after child is a child in need.
CARE_CATEGORIES_OF_NEED = frozenset({f"N{n}" for n in range(1, 9)})

# Placement types that need a particular kind of carer (loosely: other types are not policed).
PLACEMENT_CARER_KINDS: dict[str, frozenset[str]] = {
    PlacementType.WITH_PARENTS: frozenset({CarerKind.PARENTS}),
    PlacementType.CHILDRENS_HOME: frozenset({CarerKind.CHILDRENS_HOME}),
    **{code: frozenset({CarerKind.ADOPTERS}) for code in ADOPTION_PLACEMENTS},
}

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]? [0-9][A-Z]{2}$")


def _d(day: date) -> str:
    return f"{day:%-d %B %Y}"


# ---- checks shared by the writes ------------------------------------------------------------


def _code(choices, value, field: str, message: str) -> str:
    value = getattr(value, "value", value) or ""
    if value not in choices.values:
        raise DomainError(message, field=field)
    return value


def _category_of_need(value) -> str:
    value = getattr(value, "value", value) or ""
    if value not in CARE_CATEGORIES_OF_NEED:
        raise DomainError(
            "Choose the category of need (N1 to N8: a child in care is a child in need).",
            field="category_of_need",
        )
    return value


def _distance(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        miles = Decimal(str(value)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError) as error:
        raise DomainError(
            "The distance must be a number of miles.", field="distance_miles"
        ) from error
    if miles < 0 or miles >= 10000:
        raise DomainError(
            "The distance must be between 0 and 9999.9 miles.", field="distance_miles"
        )
    return miles


def _postcode(value: str, field: str) -> str:
    if not value or not value.strip():
        return ""
    postcode = normalise_postcode(value)
    if not _POSTCODE.match(postcode):
        raise DomainError("Enter a real postcode, like E1 4NS.", field=field)
    return postcode


def _check_fit(carer: Carer, placement_type: str, on: date) -> None:
    """The placement type fits the carer, and the carer was still approved on `on`."""
    if carer.ended_on is not None and carer.ended_on < on:
        raise DomainError(
            f"{carer} stopped being a carer on {_d(carer.ended_on)}: choose another carer.",
            field="carer",
        )
    kinds = PLACEMENT_CARER_KINDS.get(placement_type)
    if kinds is not None and carer.kind not in kinds:
        needs = " or ".join(f"“{CarerKind(k).label}”" for k in sorted(kinds))
        raise DomainError(
            f"Placement type {placement_type} ({PlacementType(placement_type).label}) needs "
            f"a carer of the kind {needs}, but {carer} is “{CarerKind(carer.kind).label}”.",
            field="placement_type",
        )


def _placement_items(placement: Placement) -> dict:
    """The 903 placement items an episode carries, copied from its placement."""
    return {
        "placement_type": placement.placement_type,
        "placement_provider": placement.provider,
        "placement_postcode": placement.postcode,
    }


def _rne(previous: CareEpisode, legal_status: str, placement: Placement) -> str | None:
    """The reason for a new episode following `previous`, or None if nothing changed."""
    status_changed = legal_status != previous.legal_status
    if placement.pk == previous.placement_id:
        return ReasonNewEpisode.LEGAL_STATUS if status_changed else None
    same_carer = placement.carer_id == previous.placement.carer_id
    if status_changed:
        return (
            ReasonNewEpisode.LEGAL_STATUS_AND_PLACEMENT
            if same_carer
            else ReasonNewEpisode.LEGAL_STATUS_PLACEMENT_AND_CARER
        )
    return (
        ReasonNewEpisode.PLACEMENT_SAME_CARER
        if same_carer
        else ReasonNewEpisode.PLACEMENT_AND_CARER
    )


def _is_move_reason_recorded(ended: Placement, new_type: str) -> bool:
    """903 rule 226: no reason for placement change into or out of a temporary placement."""
    return ended.placement_type not in TEMPORARY_PLACEMENTS and new_type not in TEMPORARY_PLACEMENTS


@dataclass
class _Open:
    period: PeriodOfCare
    current: CareEpisode  # the open episode, with its placement and carer
    previous: CareEpisode | None  # the episode before it, if any


def _open_for_change(period: PeriodOfCare, user, on: date, field: str = "on") -> _Open:
    """The period, locked, with its open episode: refuses a change to an ended period, a
    future date, or a date before the current episode began."""
    require_case_holder(user, period.child)
    period = PeriodOfCare.objects.select_for_update().select_related("child").get(pk=period.pk)
    if period.ended_on is not None:
        raise DomainError(
            f"This period of care ended on {_d(period.ended_on)}: it can no longer change."
        )
    if on is None:
        raise DomainError("Enter the date of the change.", field=field)
    not_future(on, field)
    episodes = list(
        period.episodes.select_related("placement__carer").order_by("-started_on", "-pk")[:2]
    )
    current = episodes[0]
    if on < current.started_on:
        raise DomainError(
            "The date must be on or after "
            f"{_d(current.started_on)}, when the child's current episode of care began.",
            field=field,
        )
    return _Open(period, current, episodes[1] if len(episodes) > 1 else None)


def _new_episode_or_amend(
    state: _Open, on: date, *, legal_status: str, placement: Placement, move_reason: str | None
) -> CareEpisode:
    """Make the episode from `on` carry `legal_status` and `placement`: a new episode after
    the current one, or (on the day the current one began) the current one amended, or
    merged back into the one before if the day's changes cancel out (rules 2, 4, 5, 6)."""
    current, previous = state.current, state.previous
    if on > current.started_on:
        current.ended_on, current.reason_ceased = on, X1
        moved = placement.pk != current.placement_id
        current.reason_placement_change = (move_reason or "") if moved else ""
        rne = _rne(current, legal_status, placement)
        if rne is None:
            raise DomainError("Nothing would change: the child's episode stays as it is.")
        current.save(update_fields=["ended_on", "reason_ceased", "reason_placement_change"])
        episode = CareEpisode(
            period=state.period,
            child=state.period.child,
            placement=placement,
            started_on=on,
            reason_new_episode=rne,
            legal_status=legal_status,
            category_of_need=state.period.category_of_need,
            **_placement_items(placement),
        )
        clean_or_refuse(episode)
        episode.save()
        return episode
    if previous is None:  # the first episode, amended on the day care began: still "S"
        rne = START
    else:
        rne = _rne(previous, legal_status, placement)
        if rne is None:  # the day's changes cancel out: the previous episode carries on
            current.delete()
            previous.ended_on, previous.reason_ceased = None, ""
            previous.reason_placement_change = ""
            previous.save(update_fields=["ended_on", "reason_ceased", "reason_placement_change"])
            return previous
        if placement.pk == previous.placement_id:
            previous.reason_placement_change = ""
        elif move_reason is not None:  # None: not a move, so the day's move keeps its reason
            previous.reason_placement_change = move_reason
        previous.save(update_fields=["reason_placement_change"])
    current.legal_status, current.placement, current.reason_new_episode = (
        legal_status,
        placement,
        rne,
    )
    for name, value in _placement_items(placement).items():
        setattr(current, name, value)
    clean_or_refuse(current)
    current.save()
    return current


# ---- coming into care -----------------------------------------------------------------------


@transaction.atomic
def care_start(
    *,
    child: Person,
    started_by,
    started_on: date,
    legal_status: str,
    category_of_need: str,
    carer: Carer,
    placement_type: str,
    referral: Referral | None = None,
    home_postcode: str = "",
    distance_miles=None,
    matched_on: date | None = None,
) -> PeriodOfCare:
    """Bring a child into care: a period of care, the first placement and the first episode
    (RNE "S")."""
    require_case_holder(started_by, child)
    child = Person.objects.select_for_update().get(pk=child.pk)
    if child.kind == PersonKind.UNBORN:
        raise DomainError("An unborn child cannot come into care: record the birth first.")
    if child.kind != PersonKind.CHILD:
        raise DomainError("Only a child can come into care.")
    if started_on is None:
        raise DomainError("Enter the date the child came into care.", field="started_on")
    not_future(started_on, "started_on")
    if child.died_on is not None and child.died_on <= started_on:
        raise DomainError(f"{child.full_name} died on {_d(child.died_on)}.", field="started_on")
    if child.date_of_birth is not None:
        if started_on < child.date_of_birth:
            raise DomainError(
                f"The date cannot be before the child was born ({_d(child.date_of_birth)}).",
                field="started_on",
            )
        if age_in_years(child.date_of_birth, started_on) >= 18:
            raise DomainError(
                "A young person aged 18 or over cannot come into care.", field="started_on"
            )
    periods = list(child.periods_of_care.order_by("-started_on")[:1])
    if periods and periods[0].ended_on is None:
        raise DomainError(
            f"{child.full_name} has been in care since {_d(periods[0].started_on)}: "
            "record a change of legal status or placement instead."
        )
    if periods and started_on <= periods[0].ended_on:
        raise DomainError(
            "A new period of care must start after the last one ended "
            f"({_d(periods[0].ended_on)}).",
            field="started_on",
        )
    legal_status = _code(LegalStatus, legal_status, "legal_status", "Choose the legal status.")
    category_of_need = _category_of_need(category_of_need)
    placement_type = _code(
        PlacementType, placement_type, "placement_type", "Choose the placement type."
    )
    if carer is None:
        raise DomainError("Choose the carer the child is placed with.", field="carer")
    _check_fit(carer, placement_type, started_on)
    if referral is not None and referral.child_id != child.pk:
        raise DomainError("That referral is about another child.", field="referral")
    home_postcode = _postcode(home_postcode, "home_postcode")
    distance = _distance(distance_miles)

    period = PeriodOfCare(
        child=child,
        referral=referral,
        started_on=started_on,
        category_of_need=category_of_need,
        home_postcode=home_postcode,
        created_by=started_by,
    )
    clean_or_refuse(period)
    period.save()
    placement = _placement_create(
        period, carer, placement_type, started_on, distance, _matched(matched_on, started_on)
    )
    episode = CareEpisode(
        period=period,
        child=child,
        placement=placement,
        started_on=started_on,
        reason_new_episode=START,
        legal_status=legal_status,
        category_of_need=category_of_need,
        **_placement_items(placement),
    )
    clean_or_refuse(episode)
    episode.save()
    audit.record(
        actor=started_by,
        verb="care_started",
        obj=period,
        child=child,
        payload={
            "started_on": started_on,
            "legal_status": legal_status,
            "category_of_need": category_of_need,
            "carer": carer.pk,
            "placement_type": placement_type,
        },
    )
    event(
        child,
        started_by,
        started_on,
        EntryKind.CARE_STARTED,
        f"Came into care: {LegalStatus(legal_status).label.lower()}. Placed with {carer} "
        f"({PlacementType(placement_type).label.lower()}).",
        period,
    )
    return period


def _matched(matched_on: date | None, on: date) -> date | None:
    """When the match with the carer was agreed: by the day the placement starts."""
    if matched_on is None:
        return None
    not_future(matched_on, "matched_on")
    if matched_on > on:
        raise DomainError(
            f"The match is agreed before the child moves in: on or before {_d(on)}.",
            field="matched_on",
        )
    return matched_on


def _placement_create(period, carer, placement_type, on, distance, matched_on=None) -> Placement:
    placement = Placement(
        period=period,
        child=period.child,
        carer=carer,
        placement_type=placement_type,
        provider=carer.provider,
        postcode=carer.postcode,
        distance_miles=distance,
        started_on=on,
        matched_on=matched_on,
    )
    clean_or_refuse(placement)
    placement.save()
    return placement


# ---- changes --------------------------------------------------------------------------------


@transaction.atomic
def legal_status_change(
    *, period: PeriodOfCare, changed_by, on: date, legal_status: str
) -> CareEpisode:
    """A change of legal status from `on`: a new episode (RNE L), or, on the day the current
    episode began, that episode amended (B or U with the day's placement change)."""
    state = _open_for_change(period, changed_by, on)
    legal_status = _code(LegalStatus, legal_status, "legal_status", "Choose the legal status.")
    before = state.current.legal_status
    if legal_status == before:
        raise DomainError(
            f"The child's legal status is already {legal_status} "
            f"({LegalStatus(legal_status).label.lower()}).",
            field="legal_status",
        )
    episode = _new_episode_or_amend(
        state,
        on,
        legal_status=legal_status,
        placement=state.current.placement,
        move_reason=None,
    )
    child = state.period.child
    audit.record(
        actor=changed_by,
        verb="care_legal_status_changed",
        obj=episode,
        child=child,
        payload={"on": on, "from": before, "to": legal_status, "rne": episode.reason_new_episode},
    )
    event(
        child,
        changed_by,
        on,
        EntryKind.CARE_CHANGE,
        f"Legal status changed from {before} to {legal_status} "
        f"({LegalStatus(legal_status).label.lower()}).",
        state.period,
    )
    return episode


@transaction.atomic
def placement_change(
    *,
    period: PeriodOfCare,
    changed_by,
    on: date,
    carer: Carer,
    placement_type: str,
    reason_for_change: str,
    distance_miles=None,
    matched_on: date | None = None,
) -> CareEpisode:
    """A move to another placement from `on`: a new placement and a new episode (RNE P, or T
    with the same carer). A placement that began on `on` is amended instead (903 cannot show
    two placements in one day), and a move back, the same day, to the placement the child
    left that day reopens it."""
    state = _open_for_change(period, changed_by, on)
    placement_type = _code(
        PlacementType, placement_type, "placement_type", "Choose the placement type."
    )
    if carer is None:
        raise DomainError("Choose the carer the child is moving to.", field="carer")
    current = state.current.placement
    if carer.pk == current.carer_id and placement_type == current.placement_type:
        raise DomainError(
            f"The child is already placed with {carer} ({placement_type}): choose another "
            "carer or placement type.",
            field="carer",
        )
    _check_fit(carer, placement_type, on)
    distance = _distance(distance_miles)
    matched = _matched(matched_on, on)
    reason = getattr(reason_for_change, "value", reason_for_change) or ""
    if reason and reason not in ReasonPlacementChange.values:
        raise DomainError("Choose the reason for the change.", field="reason_for_change")

    # The placement the move ends: the current one, or (when the current one began today)
    # the one it replaced today, if any.
    if current.started_on < on:
        ended = current
    else:
        left_today = state.previous.placement if state.previous is not None else None
        ended = left_today if left_today is not None and left_today.pk != current.pk else None
    reverting = (
        ended is not None
        and ended is not current
        and ended.carer_id == carer.pk
        and ended.placement_type == placement_type
    )
    recorded = (
        ended is not None and not reverting and _is_move_reason_recorded(ended, placement_type)
    )
    if recorded and not reason:
        raise DomainError("Choose the reason for the change.", field="reason_for_change")
    move_reason = reason if recorded else ""

    before = {"carer": current.carer_id, "placement_type": current.placement_type}
    orphan = None
    if ended is current:  # a move on a later day than the current placement began
        current.ended_on, current.reason_for_change = on, move_reason
        current.save(update_fields=["ended_on", "reason_for_change"])
        placement = _placement_create(state.period, carer, placement_type, on, distance, matched)
    elif reverting:  # back, the same day, to the placement the child left today
        ended.ended_on, ended.reason_for_change = None, ""
        ended.save(update_fields=["ended_on", "reason_for_change"])
        placement, orphan = ended, current
    else:  # the current placement began today: amend it
        if ended is not None:
            ended.reason_for_change = move_reason
            ended.save(update_fields=["reason_for_change"])
        current.carer, current.placement_type = carer, placement_type
        current.provider, current.postcode = carer.provider, carer.postcode
        current.distance_miles, current.matched_on = distance, matched
        clean_or_refuse(current)
        current.save()
        placement = current
    legal_status = state.current.legal_status
    episode = _new_episode_or_amend(
        state, on, legal_status=legal_status, placement=placement, move_reason=move_reason
    )
    if orphan is not None:
        orphan.delete()
    child = state.period.child
    audit.record(
        actor=changed_by,
        verb="care_placement_changed",
        obj=episode,
        child=child,
        payload={
            "on": on,
            "from": before,
            "to": {"carer": carer.pk, "placement_type": placement_type},
            "reason_for_change": reason,
            "distance_miles": distance,
            "rne": episode.reason_new_episode,
        },
    )
    event(
        child,
        changed_by,
        on,
        EntryKind.CARE_CHANGE,
        f"Placement changed: now with {carer} ({PlacementType(placement_type).label.lower()})"
        + (f". Reason: {ReasonPlacementChange(reason).label.lower()}." if reason else "."),
        state.period,
    )
    return episode


# ---- leaving care ---------------------------------------------------------------------------


def _has_adoption_order(child: Person, on: date) -> bool:
    order_on = child.adoption.adoption_order_on if hasattr(child, "adoption") else None
    return order_on is not None and order_on <= on


@transaction.atomic
def care_end(*, period: PeriodOfCare, ended_by, on: date, reason_ceased: str) -> PeriodOfCare:
    """The child leaves care on `on`: the period, its last episode and placement end."""
    state = _open_for_change(period, ended_by, on)
    reason = _code(
        ReasonEpisodeCeased,
        reason_ceased,
        "reason_ceased",
        "Choose the reason the child left care.",
    )
    if reason == X1:
        raise DomainError(
            "X1 is for an episode followed by another, not for leaving care: choose why "
            "the child left care.",
            field="reason_ceased",
        )
    child = state.period.child
    if reason in ADOPTED and not _has_adoption_order(child, on):
        raise DomainError(
            "The child can only leave care as adopted once an adoption order has been made "
            "and recorded.",
            field="reason_ceased",
        )
    current = state.current
    if on == current.started_on:
        raise DomainError(
            f"The current episode began on {_d(on)}: an episode cannot start and end on the "
            "same day, so the child leaves care on a later day.",
            field="on",
        )
    current.ended_on, current.reason_ceased, current.reason_placement_change = on, reason, ""
    current.save(update_fields=["ended_on", "reason_ceased", "reason_placement_change"])
    placement = current.placement
    placement.ended_on, placement.reason_for_change = on, ""
    placement.save(update_fields=["ended_on", "reason_for_change"])
    period = state.period
    period.ended_on, period.reason_ceased = on, reason
    clean_or_refuse(period)
    period.save(update_fields=["ended_on", "reason_ceased"])
    audit.record(
        actor=ended_by,
        verb="care_ended",
        obj=period,
        child=child,
        payload={"on": on, "reason_ceased": reason},
    )
    event(
        child,
        ended_by,
        on,
        EntryKind.CARE_ENDED,
        f"Left care: {ReasonEpisodeCeased(reason).label.lower()}.",
        period,
    )
    return period


# ---- carers ---------------------------------------------------------------------------------


@transaction.atomic
def carer_create(
    *,
    created_by,
    name: str,
    kind: str,
    provider: str,
    postcode: str,
    urn: str = "",
    capacity: int = 1,
    approved_on: date | None = None,
) -> Carer:
    """Add a carer (a household or setting children can be placed with). Team managers only."""
    if getattr(created_by, "role", None) != Role.TEAM_MANAGER:
        raise PermissionDenied("Only a team manager adds carers.")
    name = (name or "").strip()
    if not name:
        raise DomainError("Enter the carer's name.", field="name")
    kind = _code(CarerKind, kind, "kind", "Choose the kind of carer.")
    provider = _code(PlacementProvider, provider, "provider", "Choose the placement provider.")
    urn = (urn or "").strip().upper()
    if kind == CarerKind.CHILDRENS_HOME and not urn:
        raise DomainError("A children's home needs its Ofsted URN.", field="urn")
    if urn and not re.fullmatch(r"(SC|EY)?[0-9]{6,7}", urn):
        raise DomainError(
            "Enter the Ofsted URN as it appears on the register, like SC123456.", field="urn"
        )
    postcode = _postcode(postcode, "postcode")
    if not postcode:
        raise DomainError("Enter the carer's postcode.", field="postcode")
    not_future(approved_on, "approved_on")
    if capacity is None or int(capacity) < 1:
        raise DomainError("A carer has room for at least one child.", field="capacity")
    carer = Carer(
        name=name,
        kind=kind,
        provider=provider,
        urn=urn,
        postcode=postcode,
        capacity=int(capacity),
        approved_on=approved_on,
    )
    clean_or_refuse(carer)
    carer.save()
    audit.record(
        actor=created_by,
        verb="carer_created",
        obj=carer,
        payload={"kind": kind, "provider": provider, "urn": urn},
    )
    return carer


# ---- the rule checker -----------------------------------------------------------------------


def validate_period(period: PeriodOfCare) -> list[str]:
    """Every breach of the episode rules (module docstring) in this period, in words; an
    empty list if it keeps them all. Reads the period afresh from the database."""
    period = PeriodOfCare.objects.get(pk=period.pk)
    episodes = list(period.episodes.select_related("placement").order_by("started_on", "pk"))
    placements = list(period.placements.order_by("started_on", "pk"))
    problems: list[str] = []
    if not episodes:
        return [f"The period of care from {_d(period.started_on)} has no episodes."]

    def name(i: int) -> str:
        return f"Episode {i + 1} (from {_d(episodes[i].started_on)})"

    first = episodes[0]
    if first.started_on != period.started_on:
        problems.append(f"{name(0)} does not start when the period starts.")
    if first.reason_new_episode != START:
        problems.append(f"{name(0)} has RNE {first.reason_new_episode}, not S.")
    for i, episode in enumerate(episodes):
        last = i == len(episodes) - 1
        if episode.child_id != period.child_id or episode.placement.period_id != period.pk:
            problems.append(f"{name(i)} belongs to another child or period.")
        if i and episode.reason_new_episode == START:
            problems.append(f"{name(i)} has RNE S but is not the first episode.")
        if episode.category_of_need != period.category_of_need:
            problems.append(f"{name(i)} has a different category of need from its period.")
        if episode.ended_on is not None and episode.ended_on <= episode.started_on:
            problems.append(f"{name(i)} does not end after it starts.")
        items = _placement_items(episode.placement)
        if any(getattr(episode, k) != v for k, v in items.items()):
            problems.append(f"{name(i)} does not carry its placement's 903 items.")
        if not last:
            after = episodes[i + 1]
            if episode.ended_on is None:
                problems.append(f"{name(i)} is open but is not the last episode.")
            elif after.started_on != episode.ended_on:
                gap = "overlaps" if after.started_on < episode.ended_on else "leaves a gap before"
                problems.append(f"{name(i)} {gap} the next episode.")
            if episode.reason_ceased != X1:
                problems.append(f"{name(i)} is followed by another but does not end with X1.")
            expected = _rne(episode, after.legal_status, after.placement)
            if expected is None:
                problems.append(f"{name(i + 1)} changes nothing from the episode before.")
            elif after.reason_new_episode != expected:
                problems.append(
                    f"{name(i + 1)} has RNE {after.reason_new_episode} where the change "
                    f"makes it {expected}."
                )
            moved = after.placement_id != episode.placement_id
            recorded = moved and _is_move_reason_recorded(
                episode.placement, after.placement.placement_type
            )
            if recorded and not episode.reason_placement_change:
                problems.append(f"{name(i)} ends with a move but has no reason for the change.")
            if not recorded and episode.reason_placement_change:
                problems.append(f"{name(i)} has a reason for placement change it should not.")
        elif period.ended_on is None:
            if episode.ended_on is not None:
                problems.append(f"{name(i)} has ended but the period of care has not.")
        else:
            if episode.ended_on != period.ended_on:
                problems.append(f"{name(i)} does not end when the period of care ends.")
            if episode.reason_ceased != period.reason_ceased or episode.reason_ceased in ("", X1):
                problems.append(
                    f"{name(i)} ends the period of care without the period's reason (or with X1)."
                )
    problems.extend(_placement_problems(period, episodes, placements))
    return problems


def _placement_problems(period, episodes: list[CareEpisode], placements: list[Placement]):
    problems = []
    runs: dict[int, list[int]] = {}
    for i, episode in enumerate(episodes):
        runs.setdefault(episode.placement_id, []).append(i)
    for placement in placements:
        where = f"The placement with carer {placement.carer_id} from {_d(placement.started_on)}"
        indexes = runs.get(placement.pk)
        if not indexes:
            problems.append(f"{where} has no episodes.")
            continue
        if indexes != list(range(indexes[0], indexes[-1] + 1)):
            problems.append(f"{where} is interrupted by another placement.")
        start, end = episodes[indexes[0]], episodes[indexes[-1]]
        if placement.started_on != start.started_on:
            problems.append(f"{where} does not start with its first episode.")
        if placement.ended_on != end.ended_on:
            problems.append(f"{where} does not end with its last episode.")
        if placement.child_id != period.child_id:
            problems.append(f"{where} belongs to another child.")
    ordered = [p for p in placements if p.pk in runs]
    ordered.sort(key=lambda p: runs[p.pk][0])
    for before, after in pairwise(ordered):
        if before.carer_id == after.carer_id and before.placement_type == after.placement_type:
            problems.append(
                f"The placements from {_d(before.started_on)} and {_d(after.started_on)} have "
                "the same carer and type."
            )
        recorded = _is_move_reason_recorded(before, after.placement_type)
        if recorded != bool(before.reason_for_change):
            problems.append(
                f"The placement from {_d(before.started_on)} "
                + ("has no reason for the move." if recorded else "has a reason it should not.")
            )
    if ordered and ordered[-1].reason_for_change:
        problems.append(f"The last placement (from {_d(ordered[-1].started_on)}) has a reason.")
    return problems
