"""Random choices the steps share."""

import random


def pick(rng: random.Random, weights: dict):
    """A key of `weights`, drawn in proportion to its value."""
    return rng.choices(list(weights), list(weights.values()))[0]
