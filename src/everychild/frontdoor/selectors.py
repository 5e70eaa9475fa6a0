"""Reads for the front door's pages. Each checks who is asking and audits what is read."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from everychild import access, audit
from everychild.access.models import SOCIAL_CARE_KINDS, Involvement, InvolvementKind
from everychild.access.selectors import household_for
from everychild.chronology.models import ChronologyEntry
from everychild.chronology.selectors import chronology_for_child
from everychild.core import registry
from everychild.core.clock import ClockStatus
from everychild.frontdoor.models import (
    RAG,
    Concern,
    Contact,
    InformationRequest,
    MatchCandidate,
    Referral,
)
from everychild.organisations.roles import FRONT_DOOR_ROLES, require_role
from everychild.people.models import Person, PersonAddress
from everychild.people.selectors import HouseholdMember


def require_front_door(user) -> None:
    require_role(user, FRONT_DOOR_ROLES, "The front door's work is for the MASH and its managers.")


# ---- the queue -------------------------------------------------------------------------------


@dataclass
class QueueFilters:
    stage: str = ""  # identity, screening, sign_off
    rag: str = ""
    overdue_only: bool = False
    sort: str = "clock"  # clock, rag, received


_RAG_ORDER = {RAG.RED: 0, RAG.AMBER: 1, RAG.GREEN: 2, "": 3}
_CLOCK_ORDER = {
    ClockStatus.OVERDUE: 0,
    ClockStatus.DUE_TODAY: 1,
    ClockStatus.RUNNING: 2,
    ClockStatus.DONE_LATE: 3,
    ClockStatus.DONE_IN_TIME: 3,
}


def mash_queue(*, user, filters: QueueFilters | None = None) -> list[Contact]:
    """Contacts not yet signed off, overdue first (or as sorted), with their clocks."""
    require_front_door(user)
    filters = filters or QueueFilters()
    contacts = Contact.objects.filter(signed_off_at__isnull=True).select_related(
        "child", "concern__agency", "decided_by"
    )
    if filters.stage == "identity":
        contacts = contacts.filter(child__isnull=True)
    elif filters.stage == "screening":
        contacts = contacts.filter(child__isnull=False, decided_at__isnull=True)
    elif filters.stage == "sign_off":
        contacts = contacts.filter(decided_at__isnull=False)
    if filters.rag:
        contacts = contacts.filter(rag=filters.rag)
    visible = access.children_visible_to(user, "view").values("pk")
    contacts = contacts.filter(Q(child__isnull=True) | Q(child__in=visible))
    contacts = contacts.annotate(
        open_requests=Count("requests", filter=Q(requests__responded_at__isnull=True))
    )
    rows = list(contacts)
    today = timezone.localdate()
    if filters.overdue_only:
        rows = [c for c in rows if c.clock.status(today) is ClockStatus.OVERDUE]
    if filters.sort == "rag":
        rows.sort(key=lambda c: (_RAG_ORDER[c.rag], c.clock.due, c.received_at))
    elif filters.sort == "received":
        rows.sort(key=lambda c: c.received_at)
    else:
        rows.sort(
            key=lambda c: (
                _CLOCK_ORDER[c.clock.status(today)],
                c.clock.due,
                _RAG_ORDER[c.rag],
                c.received_at,
            )
        )
    return rows


# ---- one contact -----------------------------------------------------------------------------


@dataclass
class CandidateView:
    candidate: MatchCandidate
    person: Person
    postcode: str
    address: str


@dataclass
class HouseholdHistory:
    member: HouseholdMember
    referrals: list[Referral]
    contacts: int
    open_involvements: list[str]
    plans: list[str] = field(default_factory=list)  # CP plans and periods of care, in words


@dataclass
class ContactView:
    contact: Contact
    concern: Concern | None
    candidates: list[CandidateView] = field(default_factory=list)
    chronology: list[ChronologyEntry] = field(default_factory=list)
    previous_contacts: list[Contact] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    household: list[HouseholdHistory] = field(default_factory=list)
    requests: list[InformationRequest] = field(default_factory=list)
    known_to_social_care: list[str] = field(default_factory=list)


def _candidates(user, concern: Concern) -> list[CandidateView]:
    """The people offered as the concern's child, as far as the user may know they exist. A
    candidate's address is shown only to a user who may open their record; to anyone else,
    only its postcode district (the match's reasons say how it compares)."""
    visible = access.children_visible_to(user, "view_minimal").values("pk")
    candidates = list(concern.candidates.filter(person__in=visible).select_related("person"))
    ids = [c.person_id for c in candidates]
    viewable = set(
        access.children_visible_to(user, "view").filter(pk__in=ids).values_list("pk", flat=True)
    )
    addresses = {
        a.person_id: a.address
        for a in PersonAddress.objects.filter(
            person_id__in=ids, moved_out__isnull=True
        ).select_related("address")
    }
    return [
        CandidateView(
            c, c.person, *_shown_address(addresses.get(c.person_id), c.person_id in viewable)
        )
        for c in candidates
    ]


def _shown_address(address, may_view: bool) -> tuple[str, str]:
    """(postcode, address) as a candidate's row shows them."""
    if address is None:
        return "", ""
    if may_view:
        return address.postcode, str(address)
    district = address.postcode.split()[0] if address.postcode.strip() else ""
    return "", f"Postcode district {district}" if district else ""


def _household_history(user, child: Person) -> list[HouseholdHistory]:
    members = household_for(user, child)
    children = [m.person.pk for m in members if m.person.is_child]
    referrals: dict[int, list[Referral]] = {}
    for referral in Referral.objects.filter(child_id__in=children, withdrawn_at__isnull=True):
        referrals.setdefault(referral.child_id, []).append(referral)
    contacts = dict(
        Contact.objects.filter(child_id__in=children)
        .values_list("child_id")
        .annotate(n=Count("pk"))
    )
    involvements: dict[int, list[str]] = {}
    for involvement in (
        Involvement.objects.current()
        .filter(child_id__in=children, kind__in=SOCIAL_CARE_KINDS)
        .exclude(kind=InvolvementKind.FRONT_DOOR)
        .select_related("team", "staff")
    ):
        involvements.setdefault(involvement.child_id, []).append(str(involvement))
    # Plans, periods of care, ...: what the apps above the front door know of each child.
    words: dict[int, list[str]] = defaultdict(list)
    for shown in registry.filled("frontdoor.household", user, child_ids=children):
        for child_id, said in shown.context.items():
            words[child_id] += said
    return [
        HouseholdHistory(
            m,
            referrals.get(m.person.pk, []),
            contacts.get(m.person.pk, 0),
            involvements.get(m.person.pk, []),
            words.get(m.person.pk, []),
        )
        for m in members
    ]


def contact_view(*, user, contact_id: int) -> ContactView:
    """Everything the MASH weighs on one contact. Audited as a read of the child's record."""
    require_front_door(user)
    contact = (
        Contact.objects.select_related(
            "child",
            "concern__agency",
            "concern__reported_by",
            "decided_by",
            "signed_off_by",
            "recorded_by",
        )
        .prefetch_related(
            Prefetch(
                "requests",
                InformationRequest.objects.select_related("agency", "requested_by", "responded_by"),
            )
        )
        .filter(pk=contact_id)
        .first()
    )
    if contact is None:
        raise Http404("No such contact.")
    view = ContactView(
        contact=contact, concern=contact.concern, requests=list(contact.requests.all())
    )
    child = contact.child
    if child is None:
        view.candidates = _candidates(user, contact.concern)
        audit.record(
            actor=user,
            verb="viewed_contact",
            obj=contact,
            payload={"candidates": [c.person.pk for c in view.candidates]},
        )
        # Each candidate was looked at: their own "who looked" log says so.
        if view.candidates:
            audit.record_many(
                [
                    {
                        "actor": user,
                        "verb": "viewed_as_candidate",
                        "obj": contact,
                        "child": c.person.pk,
                    }
                    for c in view.candidates
                ]
            )
        return view
    access.require(user, "view", child)
    view.chronology = list(chronology_for_child(user=user, child=child)[:15])
    view.previous_contacts = list(
        Contact.objects.filter(child=child)
        .exclude(pk=contact.pk)
        .select_related("concern__agency")
        .order_by("-received_at")[:20]
    )
    view.referrals = list(Referral.objects.filter(child=child).order_by("-referral_date"))
    view.household = _household_history(user, child)
    # The household's history is a look at each member's record too.
    audit.record_many(
        [
            {
                "actor": user,
                "verb": "viewed_household_history",
                "obj": contact,
                "child": h.member.person.pk,
            }
            for h in view.household
            if h.member.person.is_child
        ]
    )
    view.known_to_social_care = [
        str(i)
        for i in Involvement.objects.current()
        .filter(child=child, kind__in=SOCIAL_CARE_KINDS)
        .exclude(kind=InvolvementKind.FRONT_DOOR)
        .select_related("staff", "team")
    ]
    audit.record(
        actor=user,
        verb="viewed_contact",
        obj=contact,
        child=child,
        payload={"household": [h.member.person.pk for h in view.household]},
    )
    return view


# ---- partners: their own concerns, and requests to their agency ----------------------------


@dataclass
class OwnConcern:
    concern: Concern
    status: str
    outcome: str


def _status(contact: Contact | None) -> tuple[str, str]:
    """What a referrer may know of their concern: its stage, and the decision once signed off."""
    if contact is None or contact.decided_at is None or contact.signed_off_at is None:
        stage = (
            "Received by the front door"
            if contact is None or contact.rag == ""
            else ("Being looked at by the front door")
        )
        return stage, ""
    return "Decided", contact.get_outcome_display()


def my_concerns(*, user) -> list[OwnConcern]:
    """The concerns this practitioner raised: status and outcome, and nothing more."""
    concerns = (
        Concern.objects.filter(reported_by=user).select_related("contact").order_by("-reported_at")
    )
    return [OwnConcern(c, *_status(getattr(c, "contact", None))) for c in concerns[:200]]


def requests_for_agency(*, user, answered: bool = False) -> QuerySet[InformationRequest]:
    """Requests for information sent to the user's agency."""
    if not user.organisation_id:
        raise PermissionDenied("You are not in an agency that receives requests.")
    # Only children the user may know of: a record restricted since the request was sent
    # drops out of the agency's list (and "not found" if asked for by its id).
    requests = InformationRequest.objects.filter(
        agency_id=user.organisation_id,
        contact__child__in=access.children_visible_to(user, "view_minimal").values("pk"),
    ).select_related("contact__child", "requested_by")
    return requests.filter(responded_at__isnull=not answered).order_by("due_by")


def request_for_agency(*, user, request_id: int) -> InformationRequest:
    request = requests_for_agency(user=user).filter(pk=request_id).first()
    if request is None:
        raise Http404("No such request for your agency.")
    audit.record(actor=user, verb="viewed_request", obj=request, child=request.contact.child)
    return request


@dataclass
class FrontDoorSummary:
    open_contacts: int
    overdue: int
    identity_to_confirm: int
    awaiting_sign_off: int


def front_door_summary(*, user) -> FrontDoorSummary:
    """The queue in figures, for the front door's home page."""
    contacts = mash_queue(user=user)
    today = timezone.localdate()
    return FrontDoorSummary(
        open_contacts=len(contacts),
        overdue=sum(c.clock.status(today) is ClockStatus.OVERDUE for c in contacts),
        identity_to_confirm=sum(c.child_id is None for c in contacts),
        awaiting_sign_off=sum(c.decided_at is not None for c in contacts),
    )


def partner_summary(*, user) -> dict:
    """A partner's home page: their concerns and their agency's outstanding requests."""
    waiting = (
        InformationRequest.objects.filter(
            agency_id=user.organisation_id, responded_at__isnull=True
        ).count()
        if user.organisation_id
        else 0
    )
    return {
        "concerns": Concern.objects.filter(reported_by=user).count(),
        "requests_waiting": waiting,
    }
