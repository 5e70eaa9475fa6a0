"""The events announced below the chronology that it puts on the child's chronology
(docs/architecture.md)."""

from everychild.chronology import subscribers
from everychild.core import hooks


def register() -> None:
    hooks.subscribe("people.person_created", subscribers.on_person_created)
    hooks.subscribe("people.person_renamed", subscribers.on_person_renamed)
    hooks.subscribe("people.person_moved", subscribers.on_person_moved)
    hooks.subscribe("access.record_restricted", subscribers.on_record_restricted)
