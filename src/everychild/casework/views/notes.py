"""Page: a case note or visit about a child."""

from django.utils import timezone
from django.views.decorators.http import require_http_methods

from everychild.access.selectors import child_for
from everychild.casework.forms.notes import CaseNoteForm
from everychild.casework.services import notes
from everychild.casework.views._common import child_url, form_page
from everychild.core import ui
from everychild.organisations.roles import Role


@require_http_methods(["GET", "POST"])
def case_note_add(request, child_id: int):
    child = child_for(request.user, child_id, "edit")
    now = timezone.localtime()
    form = CaseNoteForm(
        request.POST or None,
        manager=request.user.role == Role.TEAM_MANAGER,
        initial={"occurred_on": now.date(), "occurred_time": f"{now:%H:%M}"},
    )
    done = ui.run_service(
        request,
        form,
        lambda data: notes.case_note_add(
            child=child,
            written_by=request.user,
            kind=data["kind"],
            occurred_at=form.occurred_at(),
            note=data["note"],
            child_words=data["child_words"],
            child_seen=data["child_seen"],
            seen_alone=data["seen_alone"],
        ),
        success="Case note added.",
        then=child_url(child, "case-notes-heading"),
    )
    return done or form_page(
        request,
        form,
        title="Add a case note",
        child=child,
        button="Add the note",
        template="casework/case_note_form.html",
    )
