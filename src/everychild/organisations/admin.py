"""Administration of organisations, teams and staff accounts (system administrators only).

Children's records are deliberately not in the admin: every change to them goes through a
service that checks access and writes the audit log.
"""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from everychild.organisations.models import Organisation, Staff, Team, TeamMembership


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "urn", "ods_code"]
    list_filter = ["kind"]
    search_fields = ["name", "urn", "ods_code"]


class MembershipInline(admin.TabularInline):
    model = TeamMembership
    extra = 0
    autocomplete_fields = ["staff"]


@admin.register(Team)
class TeamAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "organisation"]
    list_filter = ["kind"]
    search_fields = ["name"]
    inlines = [MembershipInline]


@admin.register(Staff)
class StaffAdmin(UserAdmin):
    list_display = ["username", "first_name", "last_name", "role", "organisation", "is_active"]
    list_filter = ["role", "is_active"]
    fieldsets = (
        *UserAdmin.fieldsets,
        ("Work", {"fields": ("role", "organisation", "job_title", "phone")}),
    )
