"""Fixtures every app's tests share, and the run's seed and clock (tests/seeding.py,
tests/frozen_clock.py): `--seed N` or $EVERYCHILD_TEST_SEED replays a run's random data,
`--frozen-clock` or $EVERYCHILD_FROZEN_CLOCK runs the suite at another instant."""

import os

import pytest

from everychild.organisations.roles import Role
from tests import frozen_clock, seeding
from tests.factories import PersonFactory, StaffFactory, TeamFactory, involve

SEED = pytest.StashKey[int]()
INSTANT = pytest.StashKey["frozen_clock.Instant | None"]()
TRAVELLER = pytest.StashKey["frozen_clock.time_machine.travel"]()


def pytest_addoption(parser):
    group = parser.getgroup("everychild")
    group.addoption(
        "--seed",
        type=int,
        default=None,
        help=f"the run's seed for Faker, random and Hypothesis (default ${seeding.ENV}, "
        "else a new one, printed in the header and under every failure)",
    )
    group.addoption(
        "--frozen-clock",
        default=None,
        help=f"run at another instant (default ${frozen_clock.ENV}): "
        f"'{frozen_clock.AFTER_BANK_HOLIDAY}' or an ISO date and time in London",
    )


@pytest.hookimpl(tryfirst=True)
def pytest_configure(config):
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:  # an xdist worker: the controller chose for the run
        seed, clock = workerinput["everychild_seed"], workerinput["everychild_clock"]
    else:
        seed = seeding.run_seed(config.getoption("seed"))
        clock = config.getoption("frozen_clock") or os.environ.get(frozen_clock.ENV, "")
    config.stash[SEED] = seed
    config.stash[INSTANT] = frozen_clock.resolve(clock) if clock.strip() else None
    # Hypothesis draws from the run's seed too, through its own option, unless given one.
    if config.getoption("hypothesis_seed", None) is None:
        config.option.hypothesis_seed = str(seed)
    seeding.hand_generators_to_hypothesis()


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node):
    """xdist: every worker uses the controller's seed and instant."""
    node.workerinput["everychild_seed"] = node.config.stash[SEED]
    instant = node.config.stash[INSTANT]
    node.workerinput["everychild_clock"] = instant.at.isoformat() if instant else ""


def pytest_sessionstart(session):
    instant = session.config.stash[INSTANT]
    # The xdist controller runs no test: only the processes that do move their clock.
    if instant is not None and not session.config.pluginmanager.hasplugin("dsession"):
        session.config.stash[TRAVELLER] = frozen_clock.travel(instant)


def pytest_unconfigure(config):
    traveller = config.stash.get(TRAVELLER, None)
    if traveller is not None:
        traveller.stop()


def _run_lines(config) -> list[str]:
    seed = config.stash[SEED]
    lines = [f"everychild: run seed {seed} (replay with {seeding.ENV}={seed} or --seed {seed})"]
    instant = config.stash[INSTANT]
    if instant is not None:
        lines.append(f"everychild: {instant.describe()}")
    return lines


def pytest_report_header(config):
    return _run_lines(config)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Seed every random source for this test before its fixtures make any data."""
    seeding.seed_everything(seeding.seed_for(item.config.stash[SEED], item.nodeid))


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.failed:
        hint = seeding.replay_hint(item.config.stash[SEED], item.nodeid)
        instant = item.config.stash[INSTANT]
        if instant is not None:
            hint += f"\n{instant.describe()}"
        report.sections.append(("everychild: seed and clock", hint))
    return report


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    if terminalreporter.stats.get("failed") or terminalreporter.stats.get("error"):
        terminalreporter.section("everychild: seed and clock")
        for line in _run_lines(config):
            terminalreporter.write_line(line)


@pytest.fixture
def team(db):
    return TeamFactory()


@pytest.fixture
def social_worker(team):
    return StaffFactory(role=Role.SOCIAL_WORKER, teams=[team])


@pytest.fixture
def child(db):
    return PersonFactory()


@pytest.fixture
def allocated_child(child, social_worker, team):
    involve(child, staff=social_worker, team=team)
    return child
