"""Administration of organisations, teams and staff accounts (system administrators only).

Children's records are deliberately not in the admin: every change to them goes through a
service that checks access and writes the audit log.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.db import transaction
from django.forms.models import BaseInlineFormSet

from everychild import audit
from everychild.organisations import services
from everychild.organisations.models import Organisation, Staff, Team, TeamMembership


class AuditedAdmin(admin.ModelAdmin):
    """Every change made in the admin is in the audit log too, in the same transaction."""

    def save_model(self, request, obj, form, change):
        with transaction.atomic():
            super().save_model(request, obj, form, change)
            audit.record(
                actor=request.user,
                verb="admin_changed" if change else "admin_added",
                obj=obj,
                payload={"fields": sorted(form.changed_data)},
            )


@admin.register(Organisation)
class OrganisationAdmin(AuditedAdmin):
    list_display = ["name", "kind", "urn", "ods_code"]
    list_filter = ["kind"]
    search_fields = ["name", "urn", "ods_code"]


class MembershipFormSet(BaseInlineFormSet):
    def clean(self):
        super().clean()
        for form in self.forms:
            if form.instance.pk and "staff" in form.changed_data:
                form.add_error(
                    "staff", "End this membership and add the new member instead of replacing it."
                )


class MembershipInline(admin.TabularInline):
    """Members are added and changed through the audited services; a membership is ended,
    not deleted, so that its history stays."""

    model = TeamMembership
    extra = 0
    autocomplete_fields = ["staff"]
    fields = ["staff", "is_manager", "started_on", "ended_on"]
    can_delete = False
    formset = MembershipFormSet


@admin.register(Team)
class TeamAdmin(AuditedAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [MembershipInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not TeamMembership:
            return super().save_formset(request, form, formset, change)
        # As formset.save() would, for the admin's own change message.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.forms:
            if not inline.has_changed() or not inline.cleaned_data:
                continue
            data, membership = inline.cleaned_data, inline.instance
            if membership.pk is None:
                formset.new_objects.append(
                    services.team_member_add(
                        team=form.instance,
                        staff=data["staff"],
                        added_by=request.user,
                        is_manager=data["is_manager"],
                        started_on=data["started_on"],
                    )
                )
            else:
                changed = services.team_member_change(
                    membership=TeamMembership.objects.get(pk=membership.pk),
                    changed_by=request.user,
                    is_manager=data["is_manager"],
                    started_on=data["started_on"],
                    ended_on=data["ended_on"],
                )
                formset.changed_objects.append((changed, inline.changed_data))
        return None


@admin.register(Staff)
class StaffAdmin(AuditedAdmin, UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Work", {"fields": ("role", "organisation", "job_title", "phone")}),
    )
