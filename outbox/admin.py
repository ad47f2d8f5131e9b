from django.contrib import admin

from audit.admin import ReadOnlyAdmin

from .models import OutboxMessage


@admin.register(OutboxMessage)
class OutboxMessageAdmin(ReadOnlyAdmin):
    """What waits, what failed and why, for operators; the sweep alone changes these rows."""

    list_display = [
        "created_at",
        "task",
        "status",
        "dispatches",
        "dispatched_at",
        "done_at",
        "last_error",
    ]
    list_filter = ["status", "task"]
    search_fields = ["uuid", "request_id"]
    # Sealed arguments stay sealed; plain ones are ids.
    exclude = ["sealed_args"]
