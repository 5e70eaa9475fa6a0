"""Receiving a referral: find the subject and the children, then record the allegation."""

from collections import Counter

from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.access.search import person_search
from everychild.core import ui
from everychild.core.errors import DomainError
from everychild.lado import selectors, services
from everychild.lado.forms import receive as forms
from everychild.lado.models import Allegation
from everychild.lado.views._common import lado_only
from everychild.people.models import Person, PersonKind
from everychild.people.search import SearchQuery

CHILD_RESULTS = 10


def _ids(text: str) -> list[int]:
    return [int(part) for part in (text or "").split(",") if part.strip().isdigit()]


def _with_history(people: list[Person]) -> list[tuple[Person, str]]:
    """Each adult with a note of earlier allegations about them (a repeat subject)."""
    earlier = Counter(
        Allegation.objects.filter(subject__in=people).values_list("subject_id", flat=True)
    )
    return [
        (p, f"{earlier[p.pk]} earlier allegation{'s' if earlier[p.pk] > 1 else ''}")
        if earlier[p.pk]
        else (p, "")
        for p in people
    ]


def _offered_subjects(ids: list[int]) -> list[Person]:
    found = Person.objects.filter(pk__in=ids, kind=PersonKind.ADULT).in_bulk()
    return [found[i] for i in dict.fromkeys(ids) if i in found]


def _offered_children(user, ids: list[int]) -> list[Person]:
    visible = access.children_visible_to(user, "view_minimal").filter(pk__in=ids).in_bulk()
    return [visible[i] for i in dict.fromkeys(ids) if i in visible]


def _child_note(child: Person) -> str:
    return "identity not verified" if not child.identity_verified else ""


def _chosen(request) -> tuple[list[int], list[int]]:
    """The subject and the children already chosen on the form."""
    chosen = request.POST.get("subject", "")
    subject = [int(chosen)] if chosen.isdigit() else []
    return subject, [int(c) for c in request.POST.getlist("children") if c.isdigit()]


def _search_children(user, text: str) -> tuple[list[int], str]:
    """The children found for `text` (ids, best first), or the search's refusal. A read, not
    a write, so not through the UI kit's run_service: its refusal shows against the search
    box and the form stays as typed."""
    try:
        results = person_search(user=user, query=SearchQuery(text=text), limit=CHILD_RESULTS)
    except DomainError as error:
        return [], error.message
    return [r.child.pk for r in results], ""


def _offered(request, user, action: str) -> tuple[list[int], list[int], dict[str, str]]:
    """The subjects and children the page offers: those offered and chosen before, or,
    after a "Find" button, those chosen and those found; and any problem with the search
    ({field: message})."""
    subject_ids = _ids(request.POST.get("offered_subjects", ""))
    child_ids = _ids(request.POST.get("offered_children", ""))
    chosen_subject, chosen_children = _chosen(request)
    if request.method == "POST":
        subject_ids += chosen_subject
        child_ids += chosen_children
    field = {"find_subject": "subject_query", "find_children": "children_query"}.get(action)
    if field is None:
        return subject_ids, child_ids, {}
    text = request.POST.get(field, "").strip()
    if not text:
        return subject_ids, child_ids, {field: "Enter a name to search for"}
    if action == "find_subject":
        found = [p.pk for p in selectors.subject_search(user=user, text=text)]
        return chosen_subject + found, child_ids, {}
    found, problem = _search_children(user, text)
    if problem:
        return subject_ids, child_ids, {field: problem}
    return subject_ids, chosen_children + found, {}


def _subject(data: dict, subjects: list[tuple[Person, str]]) -> services.Subject:
    if data["subject"] == forms.NEW_SUBJECT:
        return services.Subject(
            given_name=data["subject_given_name"],
            family_name=data["subject_family_name"],
            date_of_birth=data["subject_date_of_birth"],
        )
    offered = {str(p.pk): p for p, _ in subjects}
    return services.Subject(person=offered[data["subject"]])


def _receive(user, form, subjects, children) -> Allegation:
    data = form.cleaned_data
    chosen_children = {str(c.pk): c for c, _ in children}
    return services.allegation_receive(
        recorded_by=user,
        subject=_subject(data, subjects),
        subject_role=data["subject_role"],
        sector=data["sector"],
        kinds=data["kinds"],
        description=data["description"],
        referred_by=data["referred_by"],
        referrer_sector=data["referrer_sector"],
        received_at=form.received(),
        employer=data["employer"],
        employer_name="" if data["employer"] else data["employer_name"],
        children=[chosen_children[pk] for pk in data["children"]],
    )


def _received(allegation: Allegation) -> str:
    due = allegation.initial_clock.due
    return f"Referral received. The initial consideration is due by {due:%-d %B %Y}."


@require_http_methods(["GET", "POST"])
def receive(request):
    """The referral form. Its "Find" buttons (action find_subject, find_children) search and
    offer the people found, keeping what was typed; "Receive" (action receive) records it."""
    user = request.user
    lado_only(user)
    action = request.POST.get("action", "receive")
    subject_ids, child_ids, search_problem = _offered(request, user, action)
    subjects = _with_history(_offered_subjects(subject_ids))
    children = [(c, _child_note(c)) for c in _offered_children(user, child_ids)]
    now = timezone.localtime()
    form = forms.ReferralForm(
        request.POST if request.method == "POST" else None,
        subjects=subjects,
        children=children,
        initial={"received_at": now.date(), "received_time": f"{now:%H:%M}"},
    )
    if request.method == "POST" and action != "receive":
        form.without_errors()
        for field, message in search_problem.items():
            form.add_error(field, message)
    else:
        done = ui.run_service(
            request,
            form,
            lambda _data: _receive(user, form, subjects, children),
            success=_received,
            then=lambda allegation: allegation,
        )
        if done:
            return done
    context = {
        "form": form,
        "offered_subjects": ",".join(str(p.pk) for p, _ in subjects),
        "offered_children": ",".join(str(c.pk) for c, _ in children),
        "searched_subjects": action == "find_subject" and not search_problem,
        "searched_children": action == "find_children" and not search_problem,
        "focus": action,
    }
    return render(request, "lado/receive.html", context)
