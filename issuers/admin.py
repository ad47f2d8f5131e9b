from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import Institution, Invitation, Issuer, Membership


@admin.register(Institution)
class InstitutionAdmin(ReadOnlyAdmin):
    list_display = ["name", "country", "created_at"]
    search_fields = ["name"]


@admin.register(Issuer)
class IssuerAdmin(ReadOnlyAdmin):
    list_display = ["name", "institution", "country", "archived_at"]
    search_fields = ["name", "institution__name"]


@admin.register(Membership)
class MembershipAdmin(ReadOnlyAdmin):
    list_display = ["user", "role", "institution", "issuer"]
    list_filter = ["role"]


@admin.register(Invitation)
class InvitationAdmin(ReadOnlyAdmin):
    list_display = [
        "email",
        "role",
        "institution",
        "issuer",
        "created_at",
        "accepted_at",
        "revoked_at",
    ]
    exclude = ["digest"]
