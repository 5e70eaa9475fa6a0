"""What only the synthetic borough knows: the truth behind its noisy partner records."""

from django.db import models


class TrueIdentity(models.Model):
    """The child a generated concern is really about, however the partner recorded them.

    For benchmarks and tests of record matching only: nothing in the service reads it. Plain
    integers (no foreign keys), so that it never holds up deleting a concern or a person.
    """

    concern_id = models.IntegerField(unique=True)
    person_id = models.IntegerField(db_index=True)
    in_index = models.BooleanField(
        default=True,
        help_text="False when the child was not in the index when the concern arrived (the "
        "front door made an unverified record of them).",
    )
    noise = models.CharField(
        max_length=200,
        blank=True,
        help_text="How the partner's record differs from the index, e.g. 'given_variant "
        "dob_swapped old_address'.",
    )

    class Meta:
        verbose_name_plural = "true identities"

    def __str__(self) -> str:
        return f"concern {self.concern_id} is about person {self.person_id}"
