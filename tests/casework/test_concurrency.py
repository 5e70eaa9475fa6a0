"""Two people editing the same record: the first save wins, the second is refused with the
first person's changes to compare, and nothing of the second is saved.

First with the two saves one after the other (the second started from a version that is
no longer current), then for real: two threads, each with its own database connection,
saving from the same version at the same moment. The services lock the row (SELECT ... FOR
UPDATE on PostgreSQL; BEGIN IMMEDIATE on SQLite) before they compare versions, so exactly one
wins whichever gets there first.
"""

import sqlite3
import threading
import time
from contextlib import contextmanager

import pytest
from django.db import connection, connections

from everychild.audit.models import AuditEvent
from everychild.casework.models import Assessment, ChildProtectionPlan
from everychild.casework.services import assessments, child_in_need, protection
from everychild.core.versioning import EditConflict
from tests.casework.fixtures import *  # noqa: F403
from tests.casework.helpers import assessment_for, cp_plan_for

# ---- one after the other -------------------------------------------------------------------


def test_the_second_save_of_an_assessment_from_the_same_version_is_refused(case, worker, colleague):
    assessment = assessment_for(case, worker)
    # Both open the assessment at version 1.
    sams = Assessment.objects.get(pk=assessment.pk)
    nias = Assessment.objects.get(pk=assessment.pk)
    opened = sams.version

    assessments.assessment_update(
        assessment=sams,
        updated_by=worker,
        version=opened,
        analysis="Sam's analysis: the risk is the boyfriend.",
        child_views="I want mummy to be happy.",
    )
    with pytest.raises(EditConflict) as conflict:
        assessments.assessment_update(
            assessment=nias,
            updated_by=colleague,
            version=opened,
            analysis="Nia's analysis: the risk is mum's drinking.",
            family_views="Mum: 'I've stopped drinking.'",
        )

    current = conflict.value.current
    assert current.analysis == "Sam's analysis: the risk is the boyfriend."
    assert current.child_views == "I want mummy to be happy."
    assert current.modified_by == worker and current.version == opened + 1
    assert str(worker) in conflict.value.message and "were not saved" in conflict.value.message
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.analysis == "Sam's analysis: the risk is the boyfriend."
    assert saved.family_views == "" and saved.version == opened + 1
    assert list(
        AuditEvent.objects.filter(verb="assessment_updated").values_list("actor", flat=True)
    ) == [worker.pk]

    # Nia reads Sam's version and saves again from it: now it goes through.
    assessments.assessment_update(
        assessment=current,
        updated_by=colleague,
        version=current.version,
        family_views="Mum: 'I've stopped drinking.'",
    )
    saved = Assessment.objects.get(pk=assessment.pk)
    assert saved.analysis.startswith("Sam's") and saved.family_views.startswith("Mum")
    assert saved.version == opened + 2


def test_submitting_from_a_stale_version_is_refused(case, worker, colleague):
    from tests.casework.helpers import complete

    assessment = complete(assessment_for(case, worker), worker)
    seen = assessment.version
    assessments.assessment_update(
        assessment=assessment, updated_by=colleague, version=seen, recommendation="nfa"
    )
    with pytest.raises(EditConflict) as conflict:
        assessments.assessment_submit(assessment=assessment, submitted_by=worker, version=seen)
    assert conflict.value.current.recommendation == "nfa"
    assert Assessment.objects.get(pk=assessment.pk).submitted_at is None
    assert not AuditEvent.objects.filter(verb="assessment_submitted").exists()


def test_the_second_save_of_a_cp_plan_from_the_same_version_is_refused(
    case, worker, colleague, chair, police, health
):
    plan = cp_plan_for(case, worker, chair, [police, health])
    sams = ChildProtectionPlan.objects.get(pk=plan.pk)
    nias = ChildProtectionPlan.objects.get(pk=plan.pk)
    opened = plan.version

    protection.cp_plan_update(
        plan=sams,
        updated_by=worker,
        version=opened,
        plan_text="Mum to attend the parenting course weekly; Sam to visit fortnightly.",
    )
    with pytest.raises(EditConflict) as conflict:
        protection.cp_plan_update(
            plan=nias, updated_by=colleague, version=opened, plan_text="Nia's plan."
        )

    current = conflict.value.current
    assert current.plan.startswith("Mum to attend the parenting course")
    assert current.modified_by == worker and current.version == opened + 1
    saved = ChildProtectionPlan.objects.get(pk=plan.pk)
    assert saved.plan == current.plan and saved.version == opened + 1
    assert list(
        AuditEvent.objects.filter(verb="cp_plan_updated").values_list("actor", flat=True)
    ) == [worker.pk]


def test_ending_a_cin_plan_from_a_stale_version_is_refused(case, worker, colleague):
    from datetime import timedelta

    plan = child_in_need.cin_plan_start(
        referral=case, started_by=worker, started_on=case.referral_date, outcomes="Safe at home."
    )
    seen = plan.version
    child_in_need.cin_plan_end(
        plan=plan,
        ended_by=colleague,
        ended_on=case.referral_date + timedelta(days=1),
        reason="Moved to CP.",
        version=seen,
    )
    with pytest.raises(EditConflict):
        child_in_need.cin_plan_end(
            plan=plan,
            ended_by=worker,
            ended_on=case.referral_date + timedelta(days=2),
            reason="Goals met.",
            version=seen,
        )


# ---- at the same moment: two threads, two connections ----------------------------------------


@contextmanager
def on_a_database_threads_can_share(tmp_path):
    """Run the block's threads against a database where concurrent writers behave as in
    production.

    PostgreSQL: the test database itself. SQLite: the test database lives in memory with a
    shared cache, where a second writer fails at once ("database table is locked") instead
    of waiting behind BEGIN IMMEDIATE as it does on the database file everychild uses; so
    copy it (schema and this test's committed data) to a file and point new connections at
    that. Rows the threads write are then read back in a thread too (see `in_a_thread`).
    """
    if connection.vendor != "sqlite":
        yield
        return
    connection.ensure_connection()
    path = str(tmp_path / "concurrent.sqlite3")
    target = sqlite3.connect(path)
    connection.connection.backup(target)
    # WAL now, as everychild's own file is: otherwise the threads' first connections race to
    # switch the copy to WAL (their init_command), and the loser fails "database is locked"
    # at once, without waiting.
    target.execute("PRAGMA journal_mode=WAL")
    target.close()
    settings_dict = connections.settings[connection.alias]
    assert settings_dict is connection.settings_dict
    in_memory = settings_dict["NAME"]
    settings_dict["NAME"] = path
    try:
        yield
    finally:
        settings_dict["NAME"] = in_memory


def in_a_thread(work):
    """Run `work` in a new thread with its own connection; return what it returns."""
    outcome = {}

    def run():
        try:
            outcome["value"] = work()
        except BaseException as error:  # handed back to the test
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=60)
    assert not thread.is_alive(), "the thread did not finish"
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def race(*saves):
    """Start each save in its own thread at the same moment; return (result or error) each."""
    barrier = threading.Barrier(len(saves))
    outcomes = [None] * len(saves)

    def run(i, save):
        try:
            barrier.wait(timeout=30)
            outcomes[i] = save()
        except Exception as error:
            outcomes[i] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, s)) for i, s in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "a save never finished (deadlock?)"
    return outcomes


@pytest.fixture
def slow_saves(monkeypatch):
    """Hold the row lock a little after saving, so the other save arrives while it is held."""
    save = assessments.save_versioned

    def slowly(*args, **kwargs):
        save(*args, **kwargs)
        time.sleep(0.3)

    for module in (assessments, protection):  # the modules whose saves race below
        monkeypatch.setattr(module, "save_versioned", slowly)


def _one_winner(outcomes):
    winners = [o for o in outcomes if not isinstance(o, Exception)]
    losers = [o for o in outcomes if isinstance(o, Exception)]
    assert len(winners) == 1, outcomes
    assert len(losers) == 1 and isinstance(losers[0], EditConflict), outcomes
    return winners[0], losers[0]


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_an_assessment_at_once_one_wins(
    case, worker, colleague, tmp_path, slow_saves
):
    assessment = assessment_for(case, worker)
    opened = assessment.version
    saves = {
        worker.pk: "Sam's analysis: the risk is the boyfriend.",
        colleague.pk: "Nia's analysis: the risk is mum's drinking.",
    }

    def save_as(user):
        def save():
            mine = Assessment.objects.get(pk=assessment.pk)
            return assessments.assessment_update(
                assessment=mine, updated_by=user, version=opened, analysis=saves[user.pk]
            )

        return save

    with on_a_database_threads_can_share(tmp_path):
        outcomes = race(save_as(worker), save_as(colleague))
        winner, loser = _one_winner(outcomes)
        # The loser is shown the winner's saved text.
        assert loser.current.analysis == winner.analysis == saves[winner.modified_by_id]
        assert loser.current.modified_by_id == winner.modified_by_id
        saved, updates = in_a_thread(
            lambda: (
                Assessment.objects.get(pk=assessment.pk),
                list(AuditEvent.objects.filter(verb="assessment_updated").values_list("actor_id")),
            )
        )
    assert saved.version == opened + 1
    assert saved.analysis == saves[winner.modified_by_id]
    assert saved.modified_by_id == winner.modified_by_id
    assert updates == [(winner.modified_by_id,)]


@pytest.mark.django_db(transaction=True)
def test_two_people_saving_a_cp_plan_at_once_one_wins(
    case, worker, colleague, chair, police, health, tmp_path, slow_saves
):
    plan = cp_plan_for(case, worker, chair, [police, health])
    opened = plan.version
    texts = {worker.pk: "Sam's plan: weekly visits.", colleague.pk: "Nia's plan: a FGC."}

    def save_as(user):
        def save():
            mine = ChildProtectionPlan.objects.get(pk=plan.pk)
            return protection.cp_plan_update(
                plan=mine, updated_by=user, version=opened, plan_text=texts[user.pk]
            )

        return save

    with on_a_database_threads_can_share(tmp_path):
        winner, loser = _one_winner(race(save_as(worker), save_as(colleague)))
        assert loser.current.plan == winner.plan == texts[winner.modified_by_id]
        saved, updates = in_a_thread(
            lambda: (
                ChildProtectionPlan.objects.get(pk=plan.pk),
                AuditEvent.objects.filter(verb="cp_plan_updated").count(),
            )
        )
    assert saved.version == opened + 1 and saved.plan == texts[winner.modified_by_id]
    assert updates == 1


@pytest.mark.django_db(transaction=True)
def test_many_saves_from_the_same_version_only_one_wins(case, worker, colleague, tmp_path):
    assessment = assessment_for(case, worker)
    opened = assessment.version

    def save(n, user):
        def attempt():
            mine = Assessment.objects.get(pk=assessment.pk)
            return assessments.assessment_update(
                assessment=mine, updated_by=user, version=opened, analysis=f"Draft {n}"
            )

        return attempt

    with on_a_database_threads_can_share(tmp_path):
        outcomes = race(*(save(n, worker if n % 2 else colleague) for n in range(6)))
        winners = [o for o in outcomes if not isinstance(o, Exception)]
        assert len(winners) == 1, outcomes
        assert all(isinstance(o, EditConflict) for o in outcomes if o is not winners[0])
        saved = in_a_thread(lambda: Assessment.objects.get(pk=assessment.pk))
    assert saved.version == opened + 1 and saved.analysis == winners[0].analysis
