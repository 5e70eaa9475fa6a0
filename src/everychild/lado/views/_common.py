"""What the LADO pages share: the page size, today, the LADO team's own pages, and how long
an allegation has been open in words."""

from datetime import date

from django.http import Http404
from django.utils import timezone

from everychild.lado import services

PAGE_SIZE = 50


def today() -> date:
    return timezone.localdate()


def lado_only(user) -> None:
    """Pages for the LADO team alone: to anyone else they do not exist."""
    if not services.is_lado(user):
        raise Http404("No such page.")


def age_in_words(start: date, end: date) -> str:
    """'less than a day', '3 days', '5 weeks', '4 months', '1 year 2 months'."""
    days = (end - start).days
    if days < 1:
        return "less than a day"
    if days < 14:
        return f"{days} day{'s' if days != 1 else ''}"
    if days < 63:
        return f"{days // 7} weeks"
    months = (end.year - start.year) * 12 + end.month - start.month - (end.day < start.day)
    if months < 12:
        return f"{months} months"
    years, months = divmod(months, 12)
    return f"{years} year{'s' if years > 1 else ''}" + (
        f" {months} month{'s' if months > 1 else ''}" if months else ""
    )
