"""Missing children: one episode for each missing-person concern the police raised at the
front door (reported by that officer, so shared with the child's plan), more for repeat
missers, episodes from care (teenagers mostly) and someone missing right now; each return and
its return home interview; then the front door's alert rules, as reporting an episode runs
them (care.services.missing)."""

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta

from everychild.care.models import ExploitationRisk, MissingEpisode, ReturnInterview
from everychild.care.services.leavers import birthday_on
from everychild.core.codes import MissingType
from everychild.demo.care_history.history import CareHistory, moment_words
from everychild.demo.care_history.periods import FAR, Period, age_of
from everychild.demo.care_history.text import DECLINED, PUSH_FACTORS, RHI_WORDS, WHERE_FOUND
from everychild.demo.writer import LONDON, EntryKind, Visibility, run_alert_rules
from everychild.frontdoor.models import Concern
from everychild.organisations.models import OrganisationKind, Staff
from everychild.organisations.roles import Role
from everychild.workforce.models import Allocation


class MissingChildren:
    def __init__(self, h: CareHistory):
        self.h, self.rng, self.today, self.now = h, h.rng, h.today, h.clock.now
        self.police = {
            s.pk: s
            for s in Staff.objects.filter(
                role=Role.PARTNER, organisation__kind=OrganisationKind.POLICE
            ).select_related("organisation")
        }
        self.officers = sorted(self.police.values(), key=lambda s: s.pk)
        self.in_care: dict[int, list[Period]] = defaultdict(list)
        for period in h.periods:
            self.in_care[period.child.pk].append(period)
        self.missing_now: set[tuple] = set()
        self.children: list[int] = []  # who went missing
        self._other_allocations: dict[int, list] | None = None

    def rows(self) -> None:
        episodes = self._from_concerns() + self._from_care() + self._now()
        episodes.sort(key=lambda e: (e[0], e[1]))
        repeat = Counter(child_id for child_id, *_ in episodes)
        last_end: dict[int, datetime] = {}
        for child_id, started, officer in episodes:
            if started >= self.now or started <= last_end.get(child_id, started - timedelta(1)):
                continue
            period = self._care_period(child_id, started.astimezone(LONDON).date())
            still = (child_id, started) in self.missing_now
            last_end[child_id] = self._episode(
                child_id, started, period, repeat[child_id], still, officer
            )
        self.children = sorted(last_end)

    def alerts(self) -> None:
        """Repeated missing episodes raise the front door's alert, as reporting them does."""
        if self.children:
            self.h.counts["alerts"] = run_alert_rules(self.children, today=self.today)

    # -- when children went missing: (child id, started at, the police officer who reported)
    def _from_concerns(self) -> list[tuple]:
        h, rng = self.h, self.rng
        episodes, repeaters = [], []
        concerns = Concern.objects.filter(category="missing", child__isnull=False).order_by("pk")
        for child_id, reported, by in concerns.values_list(
            "child_id", "reported_at", "reported_by"
        ):
            child = h.people.get(child_id)
            if child is None or child.date_of_birth is None:
                continue
            started = reported - timedelta(hours=rng.uniform(2, 20))
            episodes.append((child_id, started, self.police.get(by)))
            if rng.random() < 0.25:
                repeaters.append((child_id, started))
        for child_id, started in repeaters:
            for _ in range(rng.randint(1, 5)):
                other = started + timedelta(days=rng.randint(-150, 150), hours=rng.randint(0, 12))
                if h.window_start <= other.astimezone(LONDON).date() < self.today:
                    episodes.append((child_id, other, self._officer(0.5)))
        return episodes

    def _officer(self, share: float) -> Staff | None:
        if self.officers and self.rng.random() < share:
            return self.rng.choice(self.officers)
        return None

    def _from_care(self) -> list[tuple]:
        h, rng = self.h, self.rng
        episodes = []
        for period in h.periods:
            if period.source == "historic":
                continue
            born = period.child.date_of_birth
            low = max(period.start, h.window_start)
            high = h.until(period)
            if high <= low:
                continue
            age = age_of(born, high)
            chance = 0.35 if age >= 12 else 0.05 if age >= 8 else 0
            if period.demo:
                count = 2
            elif rng.random() < chance:
                count = rng.choices([1, 2, 3, 5, 8, 14], [40, 20, 12, 12, 10, 6])[0]
            else:
                continue
            teen_from = max(low, birthday_on(born, 11))
            if teen_from >= high:
                continue
            for _ in range(count):
                day = h.between(teen_from, high)
                officer = self._officer(0.4)
                episodes.append((period.child.pk, h.at(day, rng.randint(15, 23)), officer))
        return episodes

    def _now(self) -> list[tuple]:
        """Someone is missing right now."""
        h, rng = self.h, self.rng
        open_teens = [
            p
            for p in h.periods
            if p.end is None and age_of(p.child.date_of_birth, self.today) >= 13 and not p.demo
        ]
        episodes = []
        now_missing = min(len(open_teens), max(1, round(h.b.n_children / 40_000)))
        for period in rng.sample(open_teens, now_missing):
            started = self.now - timedelta(hours=rng.uniform(5, 30))
            episodes.append((period.child.pk, started, None))
            self.missing_now.add((period.child.pk, started))
        return episodes

    def _care_period(self, child_id: int, day: date) -> Period | None:
        for p in self.in_care.get(child_id, []):
            if p.start <= day < (p.end or FAR):
                return p
        return None

    # -- the rows
    def _episode(self, child_id, started, period, repeats, still, officer) -> datetime:
        """One missing episode, its return and the return home interview; returns when the
        child came back (now, if they have not)."""
        h, rng, now = self.h, self.rng, self.now
        roll = rng.random()
        hours = (
            rng.uniform(3, 20)
            if roll < 0.7
            else rng.uniform(24, 72)
            if roll < 0.95
            else rng.uniform(72, 160)
        )
        ended = None if still else started + timedelta(hours=hours)
        if ended is not None and ended >= now:
            ended = None
        if period is not None:
            where = MissingEpisode.From.CARE
        else:
            where = MissingEpisode.From.SCHOOL if rng.random() < 0.06 else MissingEpisode.From.HOME
        missing_type = MissingType.AWAY if period and rng.random() < 0.3 else MissingType.MISSING
        risk = self._risk(h.people[child_id], repeats)
        day = started.astimezone(LONDON).date()
        # Reported by the police (shared with the child's plan), or by social care.
        reporter = officer or self._reporter(child_id, period, day)
        police = self.police.get(reporter.pk)
        visibility = Visibility.PARTNERS if police else Visibility.SOCIAL_CARE
        organisation = police.organisation_id if police else None
        reference = f"CAD {rng.randint(1000, 9999)}/{day:%d%b%y}".upper()
        found = rng.choice(WHERE_FOUND) if ended else ""
        at_risk = ""
        if risk != ExploitationRisk.NONE_IDENTIFIED:
            at_risk = f" Risk of exploitation: {ExploitationRisk(risk).label.lower()}."
        said = (
            f"{MissingType(missing_type).label} from {where.label.lower()} since "
            f"{moment_words(started)}. Police reference {reference}.{at_risk}"
        )
        pk = h.rows.record(
            MissingEpisode,
            child_id,
            started,
            EntryKind.MISSING,
            said,
            reporter,
            missing_type=missing_type,
            missing_from=where,
            started_at=started,
            ended_at=ended,
            where_found=found,
            exploitation_risk=risk,
            reported_by_id=reporter.pk,
            police_reference=reference,
            visibility=visibility,
            organisation=organisation,
        )
        h.counts["missing"] += 1
        if ended is None:
            return now
        h.entry(
            child_id,
            ended,
            EntryKind.MISSING,
            f"Back from missing at {moment_words(ended)}. Found: {found}{at_risk}",
            MissingEpisode,
            pk,
            reporter,
            visibility,
            organisation,
        )
        self._return_interview(child_id, pk, ended)
        return ended

    def _risk(self, child, repeats: int) -> str:
        if repeats < 4:
            return ExploitationRisk.NONE_IDENTIFIED
        girl = child.gender == "F"
        return self.h.pick(
            {
                ExploitationRisk.CRIMINAL: 25 if girl else 55,
                ExploitationRisk.SEXUAL: 45 if girl else 8,
                ExploitationRisk.BOTH: 8,
                ExploitationRisk.NONE_IDENTIFIED: 20,
            }
        )

    def _return_interview(self, child_id: int, episode: int, ended: datetime) -> None:
        """The return home interview, offered within 72 hours (mostly)."""
        h, rng, now = self.h, self.rng, self.now
        late = rng.random() >= 0.88
        offered = ended + timedelta(hours=rng.uniform(73, 140) if late else rng.uniform(3, 70))
        if offered >= now:
            return
        worker = rng.choice(h.rhi_workers)
        recent = now - offered < timedelta(days=4)
        accepted = rng.choices([True, False, None], [60, 34, 6 if recent else 0])[0]
        held = None
        if accepted:
            held = offered + timedelta(hours=rng.uniform(2, 72))
            if held >= now:
                held = None
        push = rng.choice(PUSH_FACTORS) if held else ""
        declined = rng.choice(DECLINED) if accepted is False else ""
        words = rng.choice(RHI_WORDS) if held else ""
        rhi = h.rows.record(
            ReturnInterview,
            child_id,
            offered,
            EntryKind.RETURN_INTERVIEW,
            f"Return home interview offered {_timing(ended, offered)}.",
            worker,
            episode_id=episode,
            offered_at=offered,
            accepted=accepted,
            held_at=held,
            interviewer_id=worker.pk if accepted else None,
            declined_reason=declined,
            child_words=words,
            push_factors=push,
            recorded_by_id=worker.pk,
        )
        if accepted is None:
            return
        answered = held or offered + timedelta(hours=rng.uniform(1, 24))
        if answered >= now:
            return
        if not accepted:
            summary = "Return home interview declined."
        elif held is None:
            summary = "Return home interview accepted; to be held."
        else:
            summary = f"Return home interview held at {moment_words(held)} by {worker}."
        h.entry(
            child_id, answered, EntryKind.RETURN_INTERVIEW, summary, ReturnInterview, rhi, worker
        )

    def _reporter(self, child_id, period, day) -> Staff:
        h = self.h
        if period is not None:
            return h.by_at(period, day)
        rows = h.allocations.get(child_id)
        if rows is None:
            rows = self._child_allocations(child_id)
        for started, ended, worker_id, _ in rows:
            if started <= day <= ended and worker_id in h.staff_by_pk:
                return h.staff_by_pk[worker_id]
        return self.rng.choice(h.mash_workers)

    def _child_allocations(self, child_id) -> list:
        if self._other_allocations is None:
            self._other_allocations = defaultdict(list)
            ids = Concern.objects.filter(category="missing", child__isnull=False).values("child_id")
            for cid, started, ended, worker_id, team_id in (
                Allocation.objects.filter(child_id__in=ids)
                .order_by("child_id", "started_on", "pk")
                .values_list("child_id", "started_on", "ended_on", "worker_id", "team_id")
            ):
                self._other_allocations[cid].append((started, ended or FAR, worker_id, team_id))
        return self._other_allocations.get(child_id, [])


def _timing(returned: datetime, offered: datetime) -> str:
    """The return home interview's offer against its 72 hours."""
    due = returned + timedelta(hours=72)
    if offered <= due:
        return "within 72 hours of the return"
    hours = int((offered - due).total_seconds() // 3600)
    return (
        f"late: {hours} hour{'s' if hours != 1 else ''} after the 72 hours, which "
        f"ended at {moment_words(due)}"
    )
