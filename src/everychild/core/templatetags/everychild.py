from datetime import date

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.html import format_html, format_html_join

from everychild.core.calendar import age_in_years
from everychild.core.clock import Clock, ClockStatus

register = template.Library()


@register.filter
def widget_type(field: BoundField) -> str:
    return field.field.widget.__class__.__name__.lower()


@register.filter
def words(code: str) -> str:
    """'broke_glass' -> 'broke glass'."""
    return str(code).replace("_", " ")


@register.filter
def with_described_by(field: BoundField):
    """Render a field with aria-describedby naming its hint and error, and error styling."""
    ids = []
    if field.help_text:
        ids.append(f"{field.auto_id}-hint")
    if field.errors:
        ids.append(f"{field.auto_id}-error")
    attrs = {}
    if ids:
        attrs["aria-describedby"] = " ".join(ids)
    if field.errors:
        css = field.field.widget.attrs.get("class", "")
        error_class = css.split(" ")[0] + "--error" if css else ""
        attrs["class"] = f"{css} {error_class}".strip()
    return field.as_widget(attrs=attrs)


@register.filter
def age_on(born: date | None, on: date | None = None) -> str:
    if not born:
        return "age unknown"
    on = on or timezone.localdate()
    years = age_in_years(born, on)
    if years >= 2:
        return f"{years} years"
    months = (on.year - born.year) * 12 + on.month - born.month - (on.day < born.day)
    return f"{months} month{'s' if months != 1 else ''}"


_CLOCK_TAGS = {
    ClockStatus.OVERDUE: "govuk-tag--red",
    ClockStatus.DUE_TODAY: "govuk-tag--orange",
    ClockStatus.RUNNING: "govuk-tag--blue",
    ClockStatus.DONE_IN_TIME: "govuk-tag--green",
    ClockStatus.DONE_LATE: "govuk-tag--grey",
}


@register.inclusion_tag("includes/clock.html")
def clock_tag(clock: Clock):
    status = clock.status()
    return {"clock": clock, "css": _CLOCK_TAGS[status], "text": clock.describe()}


_RAG_TAGS = {"red": "govuk-tag--red", "amber": "govuk-tag--orange", "green": "govuk-tag--green"}


@register.inclusion_tag("includes/rag.html")
def rag_tag(rag: str):
    return {"rag": rag, "css": _RAG_TAGS.get(rag, "govuk-tag--grey")}


@register.simple_tag(takes_context=True)
def render_panel(context, shown):
    """Render a registered panel's template (core.registry.Shown) with the host page's
    context and what the panel's fill returned, as {% include %} would."""
    template = context.template.engine.get_template(shown.panel.template)
    with context.push(shown.context):
        return template.render(context)


_HEADER = '<th scope="col" class="govuk-table__header{}">{}</th>'


@register.simple_tag
def table_head(*headers: str):
    """A GOV.UK table's head row: {% table_head "Worker" "Children|numeric" "Action|hidden" %}.
    `|numeric` right-aligns a column of figures; `|hidden` names a column (of links or
    buttons) for screen readers only."""
    cells = []
    for header in headers:
        text, _, style = str(header).partition("|")
        if style == "numeric":
            cells.append(format_html(_HEADER, " govuk-table__header--numeric", text))
        elif style == "hidden":
            hidden = format_html('<span class="govuk-visually-hidden">{}</span>', text)
            cells.append(format_html(_HEADER, "", hidden))
        elif style == "":
            cells.append(format_html(_HEADER, "", text))
        else:
            raise template.TemplateSyntaxError(f"table_head: unknown column style {style!r}")
    row = format_html_join("", "{}", ((cell,) for cell in cells))
    return format_html(
        '<thead class="govuk-table__head"><tr class="govuk-table__row">{}</tr></thead>', row
    )
