from everychild.access import policy


def remember_policy_answers(get_response):
    """A GET or HEAD request changes nothing the access rules depend on, so the policy's
    answers are asked once per child for the whole request (policy.remembering)."""

    def middleware(request):
        if request.method in ("GET", "HEAD"):
            with policy.remembering():
                return get_response(request)
        return get_response(request)

    return middleware
