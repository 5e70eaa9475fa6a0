"""A call to the front door decided and referred (the later steps' cases begin with one),
and the chronology summaries of a contact, its decision and its referral."""

import random
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from everychild.demo.frontdoor_history.text import RATIONALE
from everychild.demo.writer import LONDON
from everychild.frontdoor.models import (
    RAG,
    Consent,
    Contact,
    ContactOutcome,
    ContactSource,
    LawfulBasis,
    LevelOfNeed,
    Referral,
    ReferralSource,
)

if TYPE_CHECKING:
    from everychild.demo.borough import Borough


def decided_call(
    b: "Borough",
    rng: random.Random,
    *,
    child_id: int,
    worker,
    manager,
    received: datetime,
    decided: datetime,
    consent: str,
    summary: str,
    at_risk: str,
    primary_need: str,
    emergency: bool = False,
) -> tuple[Contact, Referral]:
    """A call to the front door decided at level 4 and signed off, and the referral it
    opened: for the later steps, whose cases begin with a call (the care and casework
    histories). `at_risk` names who seeking consent could put at risk."""
    contact = Contact(
        id=b.next_id(Contact),
        child_id=child_id,
        source=ContactSource.PHONE,
        received_at=received,
        summary=summary,
        recorded_by=worker,
        rag=RAG.RED if emergency or rng.random() < 0.5 else RAG.AMBER,
        consent=consent,
        consent_reason=""
        if consent == Consent.GIVEN
        else f"Seeking consent could place {at_risk} at increased risk of harm.",
        lawful_basis=LawfulBasis.PUBLIC_TASK,
        level_of_need=LevelOfNeed.ACUTE,
        outcome=ContactOutcome.REFERRAL,
        rationale=RATIONALE[(4, ContactOutcome.REFERRAL)],
        decided_by=worker,
        decided_at=decided,
        signed_off_by=manager,
        signed_off_at=decided + timedelta(minutes=rng.randint(20, 240)),
        version=5,
    )
    referral = Referral(
        id=b.next_id(Referral),
        child_id=child_id,
        contact_id=contact.pk,
        referral_date=received.astimezone(LONDON).date(),
        source=ReferralSource.UNKNOWN,  # as frontdoor.services.referral_source: a call
        primary_need=primary_need,
        opened_by=worker,
    )
    return contact, referral


def contact_summary(contact: Contact) -> str:
    """A call or email's chronology entry (a partner's concern has its own)."""
    return f"{contact.get_source_display()} to the front door: {contact.summary[:280]}"


def decision_summary(contact: Contact) -> str:
    return (
        f"{LevelOfNeed(contact.level_of_need).label}: {contact.get_outcome_display()}. "
        f"{contact.rationale[:240]}"
    )


def referral_summary(referral: Referral) -> str:
    again = " (a re-referral within 12 months)" if referral.is_re_referral else ""
    return f"Referred to children's social care{again}."
