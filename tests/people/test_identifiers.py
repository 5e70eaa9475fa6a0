import pytest
from hypothesis import given
from hypothesis import strategies as st

from everychild.people.identifiers import (
    clean_nhs_number,
    clean_upn,
    nhs_number_with_check_digit,
    upn_with_check_letter,
)


def test_valid_nhs_number_in_any_common_format():
    assert clean_nhs_number("943 476 5919") == "9434765919"
    assert clean_nhs_number("943-476-5919") == "9434765919"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("9434765918", "check digit is wrong"),
        ("94347659", "10 digits"),
        ("ABCDEFGHIJ", "10 digits"),
    ],
)
def test_invalid_nhs_numbers_say_why(value, message):
    with pytest.raises(ValueError, match=message):
        clean_nhs_number(value)


@given(st.integers(min_value=100_000_000, max_value=999_999_999))
def test_generated_nhs_numbers_validate_or_are_impossible(body):
    number = nhs_number_with_check_digit(str(body))
    if number is None:  # a check digit of 10 means no valid number has this body
        return
    assert clean_nhs_number(number) == number
    wrong = number[:-1] + str((int(number[-1]) + 1) % 10)
    with pytest.raises(ValueError):
        clean_nhs_number(wrong)


def test_upn_check_letter():
    assert clean_upn("b801200005001") == "B801200005001"
    with pytest.raises(ValueError, match="check letter is wrong"):
        clean_upn("A801200005001")
    with pytest.raises(ValueError, match="13 characters"):
        clean_upn("B8012000050")
    with pytest.raises(ValueError, match="not a valid Unique Pupil Number"):
        clean_upn("B999200005001")  # 999 is no local authority


@given(st.integers(min_value=0, max_value=9999), st.integers(0, 99), st.integers(1, 999))
def test_generated_upns_validate(school, year, serial):
    upn = upn_with_check_letter(f"211{school:04d}{year:02d}{serial:03d}")
    assert clean_upn(upn) == upn
