"""Casework pages, one module per area (casework/urls.py lists them): thin views that parse a
form, call one service or selector through the UI kit (core.ui) and render.

A service's refusal (DomainError) shows in the form's GOV.UK error summary. An edit that
someone else saved first (EditConflict) re-renders the form with the user's unsaved values
beside the other person's saved ones, with HTTP 409.
"""
