"""One seed per run, and from it one seed per test, for every random source the tests use.

A run's seed comes from `--seed N`, else from $EVERYCHILD_TEST_SEED, else at random; pytest
prints it in its header and under every failure. Each test then starts from a seed made of
the run's seed and the test's id, whatever else runs before it or on whichever xdist worker:
so `EVERYCHILD_TEST_SEED=N pytest 'tests/x.py::test_y'` makes the same names, dates of birth
and random choices that test made in run N, alone or in the whole suite.

Seeded before each test's fixtures are set up:
- Faker, through factory_boy's `reseed_random` (which also seeds `factory.fuzzy`): every
  `factory.Faker` and the shared `Faker()` in tests/factories.py draw from that generator;
- Python's `random` module;
- factory_boy's sequences ("staff3", "Team 7") start again at 0, so they do not depend on
  the tests that ran before on the same worker.

Hypothesis keeps its own engine: it is handed the run's seed through its own
`--hypothesis-seed` option (unless that is given), so the examples replay with the run.
Within each example it reseeds `random`, and, registered here, Faker's and factory_boy's
generators too, so an example draws the same generated data every time it is replayed or
shrunk.
"""

import hashlib
import os
import random

import factory.random
import faker.generator
from factory.base import BaseFactory

ENV = "EVERYCHILD_TEST_SEED"


def run_seed(option: int | None) -> int:
    """The run's seed: the `--seed` option, else $EVERYCHILD_TEST_SEED, else a new one."""
    if option is not None:
        return option
    if os.environ.get(ENV, "").strip():
        return int(os.environ[ENV])
    return random.SystemRandom().randrange(10**8)


def seed_for(seed: int, nodeid: str) -> int:
    """The seed of one test in a run: the same for the same run seed and test id."""
    digest = hashlib.sha256(f"{seed}:{nodeid}".encode()).digest()
    return int.from_bytes(digest[:8], "big")


def seed_everything(seed: int) -> None:
    factory.random.reseed_random(seed)
    random.seed(seed)
    for each in _factories_in_tests():
        each.reset_sequence()


def _factories_in_tests():
    """The factories in tests/ that own a sequence counter."""
    pending = list(BaseFactory.__subclasses__())
    while pending:
        cls = pending.pop()
        pending.extend(cls.__subclasses__())
        if cls.__module__.startswith("tests.") and cls._meta.counter_reference is cls._meta:
            yield cls


def hand_generators_to_hypothesis() -> None:
    """Let Hypothesis reseed Faker's and factory_boy's generators for each example, as it
    does `random`, so that replaying or shrinking an example generates the same data."""
    from hypothesis import register_random

    register_random(faker.generator.random)
    register_random(factory.random.randgen)


def replay_hint(seed: int, nodeid: str) -> str:
    return f"run seed {seed}: replay with {ENV}={seed} pytest '{nodeid}'"
