"""What the person index announces to the layers above it (docs/architecture.md)."""

from everychild.core import hooks


def register() -> None:
    hooks.declare(
        "people.person_created",
        "A person was added to the index: person, by.",
    )
    hooks.declare(
        "people.person_renamed",
        "A person's name changed: person, by, effective_on, old_name, reason.",
    )
    hooks.declare(
        "people.person_moved",
        "A person moved to a new address: person, by, moved_in, address.",
    )
