"""Receiving a referral: find the subject and the children, then record the allegation."""

from collections import Counter

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from everychild import access
from everychild.access.search import person_search
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


@require_http_methods(["GET", "POST"])
def receive(request):
    user = request.user
    lado_only(user)
    post = request.POST if request.method == "POST" else None
    action = request.POST.get("action", "receive")
    subject_ids = _ids(request.POST.get("offered_subjects", ""))
    child_ids = _ids(request.POST.get("offered_children", ""))
    if post:
        chosen = request.POST.get("subject", "")
        subject_ids += [int(chosen)] if chosen.isdigit() else []
        child_ids += [int(c) for c in request.POST.getlist("children") if c.isdigit()]
    search_problem = {}
    if action == "find_subject":
        text = request.POST.get("subject_query", "").strip()
        if text:
            found = [p.pk for p in selectors.subject_search(user=user, text=text)]
            chosen = request.POST.get("subject", "")
            subject_ids = ([int(chosen)] if chosen.isdigit() else []) + found
        else:
            search_problem["subject_query"] = "Enter a name to search for"
    elif action == "find_children":
        text = request.POST.get("children_query", "").strip()
        if text:
            try:
                results = person_search(
                    user=user, query=SearchQuery(text=text), limit=CHILD_RESULTS
                )
            except DomainError as error:
                search_problem["children_query"] = error.message
            else:
                chosen = [int(c) for c in request.POST.getlist("children") if c.isdigit()]
                child_ids = chosen + [r.child.pk for r in results]
        else:
            search_problem["children_query"] = "Enter a name to search for"
    subjects = _with_history(_offered_subjects(subject_ids))
    children = [(c, _child_note(c)) for c in _offered_children(user, child_ids)]
    now = timezone.localtime()
    form = forms.ReferralForm(
        post,
        subjects=subjects,
        children=children,
        initial={"received_at": now.date(), "received_time": f"{now:%H:%M}"},
    )
    if post and action != "receive":
        form.without_errors()
        for field, message in search_problem.items():
            form.add_error(field, message)
    elif post and form.is_valid():
        data = form.cleaned_data
        if data["subject"] == forms.NEW_SUBJECT:
            subject = services.Subject(
                given_name=data["subject_given_name"],
                family_name=data["subject_family_name"],
                date_of_birth=data["subject_date_of_birth"],
            )
        else:
            subject = services.Subject(person=Person.objects.get(pk=int(data["subject"])))
        chosen_children = {c.pk: c for c, _ in children}
        try:
            allegation = services.allegation_receive(
                recorded_by=user,
                subject=subject,
                subject_role=data["subject_role"],
                sector=data["sector"],
                kinds=data["kinds"],
                description=data["description"],
                referred_by=data["referred_by"],
                referrer_sector=data["referrer_sector"],
                received_at=form.received(),
                employer=data["employer"],
                employer_name="" if data["employer"] else data["employer_name"],
                children=[chosen_children[int(pk)] for pk in data["children"]],
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            due = allegation.initial_clock.due
            messages.success(
                request,
                f"Referral received. The initial consideration is due by {due:%-d %B %Y}.",
            )
            return redirect(allegation)
    context = {
        "form": form,
        "offered_subjects": ",".join(str(p.pk) for p, _ in subjects),
        "offered_children": ",".join(str(c.pk) for c, _ in children),
        "searched_subjects": action == "find_subject" and not search_problem,
        "searched_children": action == "find_children" and not search_problem,
        "focus": action,
    }
    return render(request, "lado/receive.html", context)
