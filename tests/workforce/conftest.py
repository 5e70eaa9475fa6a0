from tests.casework.fixtures import *  # noqa: F403
