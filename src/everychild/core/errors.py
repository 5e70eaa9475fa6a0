class DomainError(Exception):
    """A business rule refused an action. The message is shown to the user as it is.

    `field` names the form field or import column at fault, where there is one.
    """

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def clean_or_refuse(instance) -> None:
    """Run a model's full_clean, turning the first ValidationError into a DomainError that
    names its field, so that services refuse bad input the same way everywhere."""
    from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

    try:
        instance.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise DomainError(
            messages[0], field=None if field == NON_FIELD_ERRORS else field
        ) from error


def not_future(when, field: str) -> None:
    """Refuse a date after today, or a date and time after now (naming `field`)."""
    from datetime import datetime

    from django.utils import timezone

    if when is None:
        return
    if isinstance(when, datetime):
        if when > timezone.now():
            raise DomainError("The date and time cannot be in the future.", field=field)
    elif when > timezone.localdate():
        raise DomainError("The date cannot be in the future.", field=field)
