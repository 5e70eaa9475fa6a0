from everychild import audit
from everychild.access import policy
from everychild.people.models import Person


def remember_policy_answers(get_response):
    """A GET or HEAD request changes nothing the access rules depend on, so the policy's
    answers are asked once per child for the whole request (policy.remembering)."""

    def middleware(request):
        if request.method in ("GET", "HEAD"):
            with policy.remembering():
                return get_response(request)
        return get_response(request)

    return middleware


def record_refusals(get_response):
    """A refused request is audited like a look: a 403 anywhere, or a 404 on a URL that names
    an object (a missing or hidden record, not a mistyped address). A child's URL puts the
    refusal in that child's "who looked" log, so probing for a restricted record shows."""

    def middleware(request):
        response = get_response(request)
        if response.status_code in (403, 404):
            _record_refusal(request, response.status_code)
        return response

    return middleware


def _record_refusal(request, status: int) -> None:
    user, match = getattr(request, "user", None), request.resolver_match
    if user is None or not user.is_authenticated or match is None:
        return
    ids = {name: value for name, value in match.kwargs.items() if name.endswith("_id")}
    if status == 404 and not ids:
        return
    child_id = ids.get("child_id")
    child = Person.objects.filter(pk=child_id).first() if child_id is not None else None
    audit.record(
        actor=user,
        verb="refused",
        obj=child,
        child=child,
        payload={
            "status": status,
            "method": request.method,
            "path": request.path,
            "view": match.view_name,
            "ids": ids,
        },
    )
