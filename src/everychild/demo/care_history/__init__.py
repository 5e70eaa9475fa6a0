"""Children in care in the synthetic borough: carers, periods of care with their SSDA903
episodes and placements, looked-after reviews, the IRO's challenges, health assessments,
personal education plans, statutory visits, missing episodes and return home interviews,
permanence decisions, adoptions (with the adopted child's record sealed), and care leavers
with their personal advisers, pathway plan reviews and birthday (OC3) contacts.

Volumes follow Tower Hamlets: about 300 children in care on `b.today` per 60,000 children
(IN_CARE_PER_CHILD), most on full care orders (C2) or accommodated under section 20 (V2),
most in foster care (U4, U6), teenagers also in children's homes (K2) and, from 16,
supported accommodation (K3); most children move placement at most once a year, fewer than
one in ten three times or more; a handful of adoption orders a year (a quarter of them
fostering for adoption: U5, then A5 with the same carers; the rest A6).

Where the children come from. The casework step (demo.casework_history) brought some
children into care (a care-team allocation after an assessment or a child protection plan)
and gave each an IRO (a conference-chair involvement from the day they came into care): each
of those gets its period of care, from that day, linked to the case's referral, ending by the
time the case closed. That is fewer than the borough has, so this step opens more care cases
of its own, within the front door's three years: a phone call to the MASH (police
protection, a hospital, a school, another authority, a parent who cannot cope), the referral,
and then the case exactly as the casework step writes one (allocation to an assessment team,
the single assessment recommending that the child be looked after, the transfer to a
children in care team, visits, supervision, closure), through that step's own writer, so
that the front door's and casework's rules hold for these cases too. Every period of care of
the borough's own children therefore starts within the last three years. Care leavers aged
18 to 21 left care before most of that history: they are young people the step adds
(`adds_children`, so that families_step makes that many fewer children), each with a
period of care from their childhood and no casework of their own.

The SSDA903 rules (care.services.episodes) hold for every period: the first episode starts
with the period (RNE S); every change of legal status or placement opens a new episode whose
RNE says what changed (L, P, T, U, B); episodes are contiguous, each but the last ends with
X1, the last ends with the period and its reason (never X1), none starts and ends on one
day; a move records its reason; only one period of a child is open; nobody is looked after
from their 18th birthday. Placement types fit their carers (P1 parents, K2 a children's home
with its URN, A5 and A6 adopters). Dates never pass `b.today`, and times on `b.today` never
pass the moment the borough was made.

Missing episodes follow care.services.missing: one for each missing-person concern the
police raised at the front door (reported by that officer, so shared with the child's plan),
more for repeat missers, and episodes from care (teenagers mostly); at most one open episode
a child, none overlapping, "away from placement" only from care. The front door's alert rules
are then run for the children who went missing, as reporting an episode runs them.

Timescales: reviews 20 working days after coming into care, then 3 months, then 6 months
(mostly on time); the initial health assessment within 20 working days, then every 6 months
under 5 and 12 months from 5; PEPs within 10 working days (from 4) and then each term (4
months); statutory visits within a week of each placement, then at most every 6 weeks (3
months in a long-term placement after its first year); return home interviews offered within
72 hours of the return (mostly); pathway plans reviewed every 6 months; contact around the
17th to 21st birthdays.

A care leaver's row holds their category now (care.services.leavers.eligibility_on), from
the day that category began: eligible from the day they met the 13 weeks' rule after 16,
relevant from the day they left care at 16 or 17, former relevant from their 18th birthday.

The demo accounts: social.worker holds a child in care with a full history (a move, a
long-term match, reviews, missing episodes and return interviews); cp.chair is the IRO of
several children in care, with an unresolved challenge; personal.adviser advises care
leavers, some with a birthday contact due now. The placeholder personal-adviser involvements
of involvements_step (random 17-year-olds) are replaced by the care leavers' advisers, who are
the leaving care team's personal advisers.

Like every demo step it writes with bulk inserts and explicit ids, deterministically from the
borough's random generator, and writes no per-row audit.
"""

from typing import TYPE_CHECKING

from everychild.demo.care_history.episodes import period_rows
from everychild.demo.care_history.history import CareHistory
from everychild.demo.care_history.leavers import care_leaver_rows
from everychild.demo.care_history.missing import MissingChildren
from everychild.demo.care_history.oversight import (
    challenge_rows,
    education_plan_rows,
    health_rows,
    review_rows,
    visit_rows,
)
from everychild.demo.care_history.periods import Period
from everychild.demo.care_history.permanence import adoption_rows, permanence_rows
from everychild.demo.care_history.sources import (
    NewCases,
    casework_periods,
    young_adult_leavers,
    young_adults,
)
from everychild.demo.writer import Involvement, InvolvementKind, reset_sequences

if TYPE_CHECKING:
    from everychild.demo.borough import Borough

__all__ = ["care_history_step", "young_adult_leavers"]


def care_history_step(b: "Borough") -> str:
    """Several years of children in care, missing children and care leavers, up to
    `b.today` (see the module's docstring)."""
    h = CareHistory(b)
    # Replaced by the care leavers' advisers.
    Involvement.objects.filter(kind=InvolvementKind.PERSONAL_ADVISER).delete()
    h.carers.fill_pools()
    casework_periods(h)
    NewCases(h).make()
    young_adults(h)
    h.load_timelines()
    for period in sorted(h.periods, key=lambda p: (p.start, p.child.pk)):
        _rows(h, period)
    challenge_rows(h)
    missing = MissingChildren(h)
    missing.rows()
    care_leaver_rows(h)
    h.flush()
    reset_sequences()  # the alert rules insert through the ORM
    missing.alerts()
    in_care = sum(1 for p in h.periods if p.end is None)
    counts = h.counts
    return (
        f"{in_care} children in care today, {len(h.periods)} periods of care "
        f"({counts['new']} new cases); {len(h.carers.all)} carers; "
        f"{counts['adopted']} adopted; {counts['missing']} missing episodes; "
        f"{counts['leavers']} care leavers; {counts['alerts']} missing alerts"
    )


care_history_step.adds_children = young_adult_leavers


def _rows(h: CareHistory, period: Period) -> None:
    period_rows(h, period)
    review_rows(h, period)
    health_rows(h, period)
    education_plan_rows(h, period)
    permanence_rows(h, period)
    adoption_rows(h, period)
    if period.source != "historic":
        visit_rows(h, period)
