"""Queue interface for bulk awarding: thin tasks that fetch the upload again and call one action."""

from __future__ import annotations

from celery import shared_task
from django.db import OperationalError


@shared_task(
    bind=True,
    autoretry_for=(OperationalError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def process_upload(self, upload_id: int, batch_size: int | None = None) -> None:
    """Award an upload's remaining valid rows, batch by batch; return quietly once it is finished.

    Safe to run twice or after a crash (``acks_late``): each batch commits on its
    own and only rows still ``valid`` are taken.
    """
    from .actions import process_upload as process
    from .models import BulkUpload

    upload = (
        BulkUpload.objects.select_related(
            "badge_class__issuer__institution", "confirmed_by"
        )
        .filter(pk=upload_id)
        .first()
    )
    if upload is None or upload.is_finished:
        return
    if batch_size:
        process(upload=upload, batch_size=batch_size)
    else:
        process(upload=upload)


@shared_task
def resume_stalled_uploads() -> None:
    """Queue processing again for uploads that stopped moving (a worker died mid-file)."""
    from .actions import stalled_uploads

    for upload_id in stalled_uploads().values_list("pk", flat=True):
        process_upload_task.delay(upload_id)


process_upload_task = process_upload
resume_stalled_uploads_task = resume_stalled_uploads
