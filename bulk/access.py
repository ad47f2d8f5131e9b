"""The only way to fetch bulk uploads on behalf of a user."""

from __future__ import annotations

from django.http import Http404

from issuers.access import NOT_FOUND, issuer_role, parse_uuid, require_role
from issuers.models import Role

from .models import BulkUpload


def access_upload(user, upload_id, *, role: str = Role.AWARDER) -> BulkUpload:
    """Return the upload if the user holds ``role`` (or stronger) for its badge class's issuer; same 404 otherwise."""
    upload = (
        BulkUpload.objects.select_related(
            "badge_class__issuer__institution", "confirmed_by"
        )
        .filter(uuid=parse_uuid(upload_id))
        .first()
    )
    if upload is None:
        raise Http404(NOT_FOUND)
    require_role(issuer_role(user, upload.badge_class.issuer), role)
    return upload
