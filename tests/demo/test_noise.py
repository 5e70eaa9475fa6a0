import random
from datetime import date, datetime
from zoneinfo import ZoneInfo

import time_machine
from hypothesis import given
from hypothesis import strategies as st

from everychild.demo.frontdoor_history import ChildFacts, partner_record
from everychild.demo.noise import noisy_name, one_part_wrong, swap_day_month, transliterate, typo

LONDON = ZoneInfo("Europe/London")


@given(st.text(alphabet="abcdefghij", min_size=3, max_size=12), st.integers(0, 10_000))
def test_a_typo_changes_one_thing(name, seed):
    slipped = typo(name, random.Random(seed))
    assert abs(len(slipped) - len(name)) <= 1 and slipped[0] == name[0]


def test_transliteration_uses_known_variants():
    assert transliterate("Mohammed", random.Random(1)) in {
        "Muhammad",
        "Mohamed",
        "Mohammad",
        "Muhammed",
    }
    assert transliterate("Zbigniew", random.Random(1)) == "Zbigniew"


@given(st.integers(0, 10_000))
def test_noisy_names_always_differ(seed):
    assert noisy_name("Ayesha", "Begum", random.Random(seed)) != ("Ayesha", "Begum")


@given(st.dates(min_value=date(2008, 1, 1), max_value=date(2025, 12, 31)), st.integers(0, 999))
def test_wrong_dates_differ_in_one_part_and_are_not_in_the_future(day, seed):
    today = date(2026, 1, 5)
    wrong = one_part_wrong(day, random.Random(seed), today=today)
    same = (wrong.year == day.year) + (wrong.month == day.month) + (wrong.day == day.day)
    assert wrong != day and same >= 1 and wrong <= today
    assert swap_day_month(date(2014, 3, 7)) == date(2014, 7, 3)
    assert swap_day_month(date(2014, 3, 17)) == date(2014, 3, 17)  # no 17th month


def test_partner_records_do_not_depend_on_the_real_date():
    """The same seed makes the same borough whatever the real date it is generated on: the
    noise in a date of birth depends on the borough's today, not on the real clock."""
    child = ChildFacts(1, "Ayesha", "Begum", date(2025, 3, 7), "F", address=("1 Cable St", "E1"))

    def records():
        return [
            partner_record(
                child, "health", date(2026, 9, 5), random.Random(seed), today=date(2026, 11, 23)
            )
            for seed in range(400)
        ]

    with time_machine.travel(datetime(2026, 11, 23, 12, tzinfo=LONDON), tick=False):
        in_2026 = records()
    with time_machine.travel(datetime(2030, 11, 23, 12, tzinfo=LONDON), tick=False):
        assert records() == in_2026
