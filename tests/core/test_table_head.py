"""The table_head tag: a GOV.UK table's head row, its numeric and screen-reader-only columns."""

import pytest
from django.template import Context, Template, TemplateSyntaxError


def _render(text: str) -> str:
    return Template("{% load everychild %}" + text).render(Context({}))


def test_each_header_is_a_column_heading_in_order():
    html = _render('{% table_head "Worker" "Team" %}')
    assert html == (
        '<thead class="govuk-table__head"><tr class="govuk-table__row">'
        '<th scope="col" class="govuk-table__header">Worker</th>'
        '<th scope="col" class="govuk-table__header">Team</th>'
        "</tr></thead>"
    )


def test_numeric_and_hidden_columns():
    html = _render('{% table_head "Children|numeric" "Action|hidden" %}')
    assert 'class="govuk-table__header govuk-table__header--numeric">Children</th>' in html
    assert '<span class="govuk-visually-hidden">Action</span></th>' in html


def test_a_header_from_a_variable_is_escaped():
    html = Template("{% load everychild %}{% table_head name %}").render(
        Context({"name": "<b>Team</b>"})
    )
    assert "&lt;b&gt;Team&lt;/b&gt;</th>" in html


def test_an_unknown_style_is_refused():
    with pytest.raises(TemplateSyntaxError, match="wide"):
        _render('{% table_head "Children|wide" %}')
