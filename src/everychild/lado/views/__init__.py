"""LADO pages, one module per area (lado/urls.py lists them): thin views that parse a form,
call one service or selector through the UI kit (core.ui) and render.

Allegations are confidential. Anyone who is neither in the LADO team nor named on an
allegation gets "not found" (404), never "forbidden": a 403 would tell them it exists.
A service's refusal (DomainError) shows in the form's GOV.UK error summary (run_service), or,
for a bare button ("Mark as done", "Remove access"), as an error message (run_action).
"""
