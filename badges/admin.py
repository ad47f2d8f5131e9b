from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import BadgeClass


@admin.register(BadgeClass)
class BadgeClassAdmin(ReadOnlyAdmin):
    list_display = ["name", "issuer", "status", "eqf_level", "updated_at"]
    list_filter = ["status", "eqf_level"]
    search_fields = ["name", "issuer__name"]
