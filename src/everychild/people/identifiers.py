"""NHS numbers and Unique Pupil Numbers: cleaning and check-digit validation.

The check-digit arithmetic is python-stdnum's (modulus 11 for NHS numbers, the DfE's
modulus-23 check letter for UPNs); this module turns its exceptions into plain messages.
"""

from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.gb import nhs, upn


def clean_nhs_number(value: str) -> str:
    """Return the NHS number as ten digits, or raise ValueError with a plain message."""
    digits = nhs.compact(value or "")
    if not digits.isdigit() or len(digits) != 10:
        raise ValueError("An NHS number is 10 digits, like 943 476 5919.")
    try:
        nhs.validate(digits)
    except StdnumError as error:
        raise ValueError("This NHS number's check digit is wrong: check it for a typo.") from error
    return digits


def format_nhs_number(digits: str) -> str:
    return nhs.format(digits) if digits else ""


def clean_upn(value: str) -> str:
    """Return the UPN in capitals, or raise ValueError with a plain message."""
    compacted = upn.compact(value or "")
    if len(compacted) != 13:
        raise ValueError("A Unique Pupil Number is 13 characters, like B801200005001.")
    try:
        upn.validate(compacted)
    except InvalidChecksum as error:
        raise ValueError(
            "This Unique Pupil Number's check letter is wrong: check it for a typo."
        ) from error
    except StdnumError as error:
        raise ValueError(
            "This is not a valid Unique Pupil Number: a check letter, a 3-digit local "
            "authority number, 4 digits for the school, 2 for the year and 3 more."
        ) from error
    return compacted


def upn_with_check_letter(body: str) -> str:
    """Complete a 12-character UPN body with its check letter (the demo borough uses this)."""
    return upn.calc_check_digit(body) + body


def nhs_number_with_check_digit(body: str) -> str | None:
    """Complete a 9-digit body with its modulus-11 check digit, or None if no digit fits."""
    check = nhs.checksum(body + "0")
    digit = (11 - check) % 11
    return None if digit == 10 else body + str(digit)


def normalise_postcode(value: str) -> str:
    """A UK postcode in its standard form: capitals, one space before the last three
    characters ("e32aa" -> "E3 2AA"). Anything too short to be a postcode is returned in
    capitals as it is (matching compares the standard forms)."""
    compact = "".join((value or "").split()).upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) >= 5 else compact
