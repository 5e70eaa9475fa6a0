from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from everychild.access.selectors import child_for
from everychild.core import registry
from everychild.core.ui import run_service, status
from everychild.frontdoor import forms, selectors, services
from everychild.frontdoor.models import Contact, InformationRequest
from everychild.organisations.roles import FRONT_DOOR_ROLES, require_role
from everychild.people.models import Person

# ---- partners ----------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def raise_concern(request):
    form = forms.RaiseConcernForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.concern_raise(
            reported_by=request.user,
            category=data["category"],
            details=data["details"],
            identity=form.identity(),
            address=data["child_address"],
            observed_on=data["observed_on"],
        ),
        success=lambda concern: (
            f"Your concern about {concern.child_name_as_given} has reached the front door. "
            "If a child is in immediate danger, call 999."
        ),
        then=reverse("frontdoor:my_concerns"),
    )
    return done or render(request, "frontdoor/raise_concern.html", {"form": form})


@require_GET
def my_concerns(request):
    return render(
        request,
        "frontdoor/my_concerns.html",
        {"concerns": selectors.my_concerns(user=request.user)},
    )


@require_GET
def agency_requests(request):
    answered = request.GET.get("show") == "answered"
    items = selectors.requests_for_agency(user=request.user, answered=answered)
    return render(
        request, "frontdoor/agency_requests.html", {"requests": items[:200], "answered": answered}
    )


@require_http_methods(["GET", "POST"])
def respond(request, request_id: int):
    info = selectors.request_for_agency(user=request.user, request_id=request_id)
    form = forms.ResponseForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.information_request_respond(
            request=info, responded_by=request.user, **data
        ),
        success="Thank you: your answer has reached the front door.",
        then=reverse("frontdoor:agency_requests"),
    )
    return done or render(request, "frontdoor/respond.html", {"info": info, "form": form})


# ---- the MASH ------------------------------------------------------------------------------


@require_GET
def queue(request):
    filters = selectors.QueueFilters(
        stage=request.GET.get("stage", ""),
        rag=request.GET.get("rag", ""),
        overdue_only=request.GET.get("overdue") == "1",
        sort=request.GET.get("sort", "clock"),
    )
    contacts = selectors.mash_queue(user=request.user, filters=filters)
    return render(request, "frontdoor/queue.html", {"contacts": contacts, "filters": filters})


_ACTIONS = {
    "confirm": forms.ConfirmChildForm,
    "rag": forms.RagForm,
    "consent": forms.ConsentForm,
    "request": forms.InformationRequestForm,
    "response": forms.ResponseForm,
    "decide": forms.DecisionForm,
    "sign_off": forms.SignOffForm,
}


def _apply(action: str, form, contact: Contact, user, post) -> str:
    """Call the service for `action`; return the message for the user."""
    data = form.cleaned_data
    version = data.get("version")
    if action == "confirm":
        person = None
        if data["person"] != "new":
            person = get_object_or_404(Person, pk=int(data["person"]))
        services.contact_confirm_child(
            contact=contact, confirmed_by=user, person=person, version=version
        )
        return "The child's identity is confirmed."
    if action == "rag":
        services.contact_rate(contact=contact, rated_by=user, rag=data["rag"], version=version)
        return "RAG rating saved."
    if action == "consent":
        services.contact_record_consent(
            contact=contact,
            recorded_by=user,
            consent=data["consent"],
            reason=data["consent_reason"],
            lawful_basis=data["lawful_basis"],
            version=version,
        )
        return "Consent and lawful basis recorded."
    if action == "request":
        services.information_request_send(
            contact=contact,
            requested_by=user,
            agency=data["agency"],
            question=data["question"],
            due_by=form.due_by(),
        )
        return f"Request sent to {data['agency']}."
    if action == "response":
        info = get_object_or_404(InformationRequest, pk=post.get("request_id"), contact=contact)
        services.information_request_respond(
            request=info,
            responded_by=user,
            response=data["response"],
            responder_name=data["responder_name"],
        )
        return "Answer recorded."
    if action == "decide":
        services.contact_decide(
            contact=contact,
            decided_by=user,
            level_of_need=data["level_of_need"],
            outcome=data["outcome"],
            rationale=data["rationale"],
            version=version,
        )
        return "Decision recorded. It now needs a manager's sign-off."
    services.contact_sign_off(
        contact=contact, manager=user, agree=data["agree"], note=data["note"], version=version
    )
    return "Decision signed off." if data["agree"] else "Decision returned to be made again."


@require_http_methods(["GET", "POST"])
def contact_page(request, contact_id: int):
    view = selectors.contact_view(user=request.user, contact_id=contact_id)
    contact = view.contact
    bound, action = {}, request.POST.get("action", "")
    if request.method == "POST":
        if action not in _ACTIONS:
            raise Http404("Unknown action.")
        extra = {"candidates": view.candidates} if action == "confirm" else {}
        prefix = f"response-{request.POST.get('request_id')}" if action == "response" else action
        form = _ACTIONS[action](request.POST, prefix=prefix, **extra)
        done = run_service(
            request,
            form,
            lambda data: _apply(action, form, contact, request.user, request.POST),
            success=lambda message: message,
            then=reverse("frontdoor:contact", args=[contact.pk]),
        )
        if done:
            return done
        bound[action] = form
    version = {"version": contact.version}
    initial = {
        "confirm": version,
        "rag": {**version, "rag": contact.rag},
        "consent": {
            **version,
            "consent": contact.consent,
            "consent_reason": contact.consent_reason,
            "lawful_basis": contact.lawful_basis,
        },
        "decide": version,
        "sign_off": version,
    }
    unbound = {
        key: cls(
            prefix=key,
            initial=initial.get(key),
            **({"candidates": view.candidates} if key == "confirm" else {}),
        )
        for key, cls in _ACTIONS.items()
        if key != "response"
    }
    # One answer form for each request still awaiting a reply.
    for info in view.requests:
        key = f"response-{info.pk}"
        info.form = (
            bound.get("response")
            if bound.get("response") and (bound["response"].prefix == key)
            else forms.ResponseForm(prefix=key)
        )
    context = {
        "view": view,
        "contact": contact,
        "clock": contact.clock,
        "bound_action": action if bound else "",
        "forms": {**unbound, **bound},
        "is_manager": request.user.role == "team_manager",
        "warnings": (
            registry.filled("frontdoor.contact", request.user, contact=contact, child=contact.child)
            if contact.child_id
            else []
        ),
    }
    conflict = max((status(f) for f in bound.values()), default=200)
    return render(request, "frontdoor/contact.html", context, status=conflict)


@require_http_methods(["GET", "POST"])
def record_contact(request, child_id: int):
    child = child_for(request.user, child_id, "view_minimal")
    require_role(request.user, FRONT_DOOR_ROLES, "Only the front door records contacts.")
    form = forms.ContactRecordForm(request.POST or None)
    done = run_service(
        request,
        form,
        lambda data: services.contact_record(recorded_by=request.user, child=child, **data),
        success="Contact recorded on the front-door queue.",
        then=lambda contact: reverse("frontdoor:contact", args=[contact.pk]),
    )
    context = {"child": child, "form": form, "opens": services.opens_record(request.user, child)}
    return done or render(request, "frontdoor/record_contact.html", context)
