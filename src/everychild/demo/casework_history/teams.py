"""Who works the cases: the staff each kind of row needs (`Staffing`), and which team and
worker held a case when (`CaseTeams`): allocations to an assessment team, then a child in
need, disabled children's or children in care team, changes of worker within a team, and
agency social workers for teams whose caseloads would run too high."""

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING

from everychild.core.codes import SocialWorkerChangeReason
from everychild.demo.casework_history.cases import (
    TARGET_CASELOAD,
    WORKER_CHANGES_PER_YEAR,
    Case,
    Segment,
)
from everychild.demo.identities import Usernames
from everychild.demo.identities import staff as staff_row
from everychild.demo.writer import Involvement, InvolvementKind, bulk
from everychild.organisations.models import Staff, TeamMembership
from everychild.organisations.roles import Role

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

CHANGE_REASONS = (
    [
        SocialWorkerChangeReason.LEFT_ROLE,
        SocialWorkerChangeReason.MANAGING_CASELOADS,
        SocialWorkerChangeReason.ABSENCE,
        SocialWorkerChangeReason.ORGANISATIONAL_RESTRUCTURE,
        SocialWorkerChangeReason.CHILD_REQUESTED,
        SocialWorkerChangeReason.PARENT_CARER_REQUESTED,
        SocialWorkerChangeReason.OTHER,
    ],
    [35, 25, 15, 8, 4, 6, 7],
)


@dataclass
class Staffing:
    """The borough's staff, as the casework rows need them."""

    social_workers: dict[str, list[Staff]]  # team key ->
    managers: dict[str, Staff | None]  # team key -> its team manager
    chairs: list[Staff]  # conference chairs and IROs
    mash_workers: list[Staff]
    mash_manager: Staff
    police: list[Staff] = field(default_factory=list)  # detectives who sit on conferences
    health_visitors: list[Staff] = field(default_factory=list)
    school_nurses: list[Staff] = field(default_factory=list)
    gp_of: dict[int, Staff] = field(default_factory=dict)  # child id -> their GP's lead
    group_leads: list[Staff] = field(default_factory=list)  # community groups' leads

    @classmethod
    def load(cls, b: "Borough") -> "Staffing":
        mash = b.teams["mash"]
        manager_ids = set(
            TeamMembership.objects.filter(team=mash, is_manager=True).values_list(
                "staff_id", flat=True
            )
        )
        staffing = cls(
            social_workers={
                k: [s for s in v if s.role == Role.SOCIAL_WORKER]
                for k, v in b.staff_by_team.items()
            },
            managers={
                k: next((s for s in v if s.role == Role.TEAM_MANAGER), None)
                for k, v in b.staff_by_team.items()
            },
            chairs=[s for s in b.staff_by_team["reviewing"] if s.role == Role.CONFERENCE_CHAIR],
            mash_workers=[s for s in b.staff_by_team["mash"] if s.role == Role.MASH],
            mash_manager=next(s for s in b.staff_by_team["mash"] if s.pk in manager_ids),
        )
        staffing._load_partners(b)
        return staffing

    def _load_partners(self, b: "Borough") -> None:
        partners = defaultdict(list)
        for staff in Staff.objects.filter(role=Role.PARTNER).order_by("pk"):
            partners[staff.organisation_id].append(staff)
        police = partners[b.organisations["police"].pk]
        health = partners[b.organisations["community_health"].pk]
        self.police = [s for s in police if "Detective" in s.job_title] or police
        visitors = [s for s in health if "Health visitor" in s.job_title]
        nurses = [s for s in health if "School nurse" in s.job_title]
        self.health_visitors = visitors or health
        self.school_nurses = nurses or health
        gp_leads = {o.pk: partners[o.pk] for o in b.gp_practices}
        for child_id, org_id in Involvement.objects.filter(kind=InvolvementKind.GP).values_list(
            "child_id", "organisation_id"
        ):
            if gp_leads.get(org_id):
                self.gp_of[child_id] = gp_leads[org_id][0]
        groups = [o for k, o in b.organisations.items() if k.startswith("group_")]
        self.group_leads = [s for g in groups for s in partners[g.pk]]


class CaseTeams:
    """Which team and worker held each case when."""

    def __init__(self, b: "Borough", staffing: Staffing):
        self.b, self.rng, self.today = b, b.rng, b.today
        self.staff = staffing.social_workers
        self.agency = 0

    def finish_segments(self, case: Case) -> None:
        """The case's allocations, merged, with the changes of worker within each team."""
        rng, today = self.rng, self.today
        end = case.closed_on if case.closed_on and not case.closure_pending else None
        limit = end or today
        segs = sorted((s for s in case.segs if s.start <= limit), key=lambda s: s.start)
        merged: list[Segment] = []
        for seg in segs:
            if merged and merged[-1].kind == seg.kind:
                continue
            if merged and seg.start < merged[-1].start:
                seg.start = merged[-1].start
            merged.append(seg)
        if case.demo and merged[-1].kind != "cin":
            start = max(merged[-1].start, case.a_start or case.d0)
            if case.cins and merged[-1].kind == "assessment":
                start = max(start, case.cins[-1].start)
            start = min(start + timedelta(days=rng.randint(2, 8)), today)
            merged.append(Segment(start, "cin", "TSPROC"))
        # Changes of worker within a team: people leave, caseloads are balanced.
        changed: list[Segment] = []
        for i, seg in enumerate(merged):
            seg_end = merged[i + 1].start if i + 1 < len(merged) else limit
            changed.append(seg)
            moment = seg.start
            while True:
                moment += timedelta(days=int(rng.expovariate(WORKER_CHANGES_PER_YEAR) * 365) + 1)
                if moment >= seg_end - timedelta(days=7):
                    break
                changed.append(Segment(moment, seg.kind, rng.choices(*CHANGE_REASONS)[0]))
        for i, seg in enumerate(changed):
            seg.end = changed[i + 1].start if i + 1 < len(changed) else end
        case.segs = changed

    def assign(self, cases: list[Case]) -> None:
        """A team for each allocation, agency workers where caseloads run high, a worker."""
        rng = self.rng
        open_by_team: dict[str, int] = defaultdict(int)
        for case in cases:
            case.cin_team = "cin_1" if case.demo else rng.choice([f"cin_{i}" for i in range(1, 5)])
            case.care_team = case.care_team or rng.choice(["care_1", "care_2"])
            for seg in case.segs:
                seg.team = {
                    "assessment": case.assessment_team,
                    "cin": case.cin_team,
                    "disabled": "disabled",
                    "care": case.care_team,
                }[seg.kind]
                if seg.end is None and not case.demo:
                    open_by_team[seg.team] += 1
            case.segs[0].reason = ""  # a reason is for a change of worker
        self.agency_workers(open_by_team)
        self._workers(cases)

    def _workers(self, cases: list[Case]) -> None:
        rng = self.rng
        demo = self.b.accounts["social.worker"]
        caseload: dict[int, int] = defaultdict(int)
        for case in cases:
            if case.unallocated:
                continue
            previous: dict[str, int] = {}
            for i, seg in enumerate(case.segs):
                if case.demo and i == len(case.segs) - 1:
                    seg.worker = demo
                    continue
                pool = [
                    s
                    for s in self.staff[seg.team]
                    if s.pk != previous.get(seg.team) and (seg.end or s.pk != demo.pk)
                ]
                if seg.end is None:  # today's cases go to whoever of a few has fewest
                    seg.worker = min(
                        rng.sample(pool, min(3, len(pool))), key=lambda s: caseload[s.pk]
                    )
                    caseload[seg.worker.pk] += 1
                else:
                    seg.worker = rng.choice(pool)
                previous[seg.team] = seg.worker.pk

    def agency_workers(self, open_by_team: dict[str, int]) -> None:
        """Teams whose caseloads would run far above the borough's target take on agency
        social workers (the demo's workforce figures show their share)."""
        b = self.b
        usernames = Usernames(Staff.objects.values_list("username", flat=True))
        council = b.organisations["council"]
        staff, memberships = [], []
        for team in sorted(open_by_team):
            have = len(self.staff[team])
            need = math.ceil(open_by_team[team] / TARGET_CASELOAD)
            for _ in range(max(0, need - have)):
                first, last = b.namer.staff_name()
                username = usernames.unique(first, last)
                job = "Social worker (agency)"
                started = self.today - timedelta(days=self.rng.randint(30, 400))
                pk = b.next_id(Staff)
                worker = staff_row(
                    pk, username, first, last, Role.SOCIAL_WORKER, council, job, started
                )
                staff.append(worker)
                membership_id = b.next_id(TeamMembership)
                memberships.append(
                    TeamMembership(
                        id=membership_id, team=b.teams[team], staff=worker, started_on=started
                    )
                )
                b.staff_by_team[team].append(worker)
                self.staff[team].append(worker)
        bulk(Staff, staff)
        bulk(TeamMembership, memberships)
        self.agency = len(staff)
