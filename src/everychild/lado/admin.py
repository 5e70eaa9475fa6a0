from django.contrib import admin

from everychild.lado.models import SectorSize


@admin.register(SectorSize)
class SectorSizeAdmin(admin.ModelAdmin):
    """Local workforce estimates per sector, for the LADO's referral-rate comparison."""

    list_display = ["sector", "workforce", "source"]
