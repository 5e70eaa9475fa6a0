import random
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from everychild.demo.noise import noisy_name, one_part_wrong, swap_day_month, transliterate, typo


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
    wrong = one_part_wrong(day, random.Random(seed))
    same = (wrong.year == day.year) + (wrong.month == day.month) + (wrong.day == day.day)
    assert wrong != day and same >= 1 and wrong <= date.today()
    assert swap_day_month(date(2014, 3, 7)) == date(2014, 7, 3)
    assert swap_day_month(date(2014, 3, 17)) == date(2014, 3, 17)  # no 17th month
