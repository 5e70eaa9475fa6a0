"""Forms for the LADO pages, one module per area, in the GOV.UK Design System's markup (core.forms:
the UI kit's field factories, radios, checkboxes and staff choices)."""
