"""REST API for bulk awarding: CSV uploads (preview, confirm, progress, errors) and JSON batches."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.parsers import MultiPartParser
from rest_framework.response import Response
from rest_framework.views import APIView

from badges.access import access_badge_class
from badges.choices import AwardRoute
from config.parsers import BoundedJSONParser
from issuers.access import NOT_FOUND
from issuers.models import Role

from . import actions, export, parsing
from .access import access_upload
from .models import BulkUpload, RowStatus

MAX_BATCH_ITEMS = 1000


class UploadOutput(serializers.Serializer):
    id = serializers.UUIDField(source="uuid")
    badge_class = serializers.UUIDField(source="badge_class.uuid")
    source = serializers.CharField()
    filename = serializers.CharField()
    sha256 = serializers.CharField()
    status = serializers.CharField()
    total = serializers.IntegerField()
    valid = serializers.IntegerField()
    invalid = serializers.IntegerField()
    awarded = serializers.IntegerField()
    already_awarded = serializers.IntegerField()
    failed = serializers.IntegerField()
    percent = serializers.IntegerField()
    ignored_columns = serializers.ListField(child=serializers.CharField())
    failure_reason = serializers.CharField()
    created_at = serializers.DateTimeField()
    confirmed_at = serializers.DateTimeField(allow_null=True)
    finished_at = serializers.DateTimeField(allow_null=True)
    links = serializers.SerializerMethodField()

    def get_links(self, upload: BulkUpload) -> dict:
        return {
            "self": reverse("api:bulk-upload-detail", args=[upload.uuid]),
            "confirm": reverse("api:bulk-upload-confirm", args=[upload.uuid]),
            "errors_csv": reverse("api:bulk-upload-errors", args=[upload.uuid]),
        }


class RowErrorOutput(serializers.Serializer):
    field = serializers.CharField()
    code = serializers.CharField()
    message = serializers.CharField()


class RowOutput(serializers.Serializer):
    line = serializers.IntegerField()
    status = serializers.CharField()
    errors = RowErrorOutput(many=True)


class UploadPreviewOutput(UploadOutput):
    problem_rows = serializers.SerializerMethodField()

    def get_problem_rows(self, upload: BulkUpload) -> list:
        rows = upload.rows.filter(status__in=[RowStatus.INVALID, RowStatus.FAILED])
        return RowOutput(rows.order_by("line"), many=True).data


class BatchItemInput(serializers.Serializer):
    badge_class = serializers.CharField()
    recipient_identity = serializers.CharField(max_length=320)
    recipient_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    issued_on = serializers.CharField(required=False, allow_blank=True)
    expires_at = serializers.CharField(required=False, allow_blank=True)
    evidence_url = serializers.CharField(required=False, allow_blank=True)
    evidence_narrative = serializers.CharField(required=False, allow_blank=True)
    result = serializers.CharField(required=False, allow_blank=True, max_length=100)
    route = serializers.ChoiceField(choices=AwardRoute.choices, required=False)
    external_id = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )


class BatchItemOutput(serializers.Serializer):
    index = serializers.IntegerField()
    status = serializers.CharField()
    award = serializers.UUIDField(allow_null=True)
    assertion_url = serializers.CharField(allow_null=True)


class BulkUploadCreateApi(APIView):
    parser_classes = [MultiPartParser]

    @extend_schema_serializer(component_name="BulkUploadFile")
    class InputSerializer(serializers.Serializer):
        file = serializers.FileField()

    @extend_schema(
        request={"multipart/form-data": InputSerializer},
        responses={201: UploadPreviewOutput},
        operation_id="bulk_uploads_create",
    )
    def post(self, request, badge_class_id):
        """Upload a recipients CSV for preview: 201 with the counts and every row's errors; nothing is awarded."""
        badge_class = access_badge_class(
            request.user, badge_class_id, role=Role.AWARDER
        )
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        file = data.validated_data["file"]
        upload = actions.create_upload(
            badge_class=badge_class,
            acting_user=request.user,
            data=parsing.read_upload(file),
            filename=file.name,
        )
        return Response(
            UploadPreviewOutput(upload).data, status=status.HTTP_201_CREATED
        )


class BulkUploadDetailApi(APIView):
    @extend_schema(responses=UploadOutput, operation_id="bulk_uploads_retrieve")
    def get(self, request, upload_id):
        """Return the upload's status, counts and percent done (poll this while it is processing)."""
        return Response(UploadOutput(access_upload(request.user, upload_id)).data)


class BulkUploadConfirmApi(APIView):
    @extend_schema(
        request=None, responses={202: UploadOutput}, operation_id="bulk_uploads_confirm"
    )
    def post(self, request, upload_id):
        """Confirm a previewed upload: 202, its valid rows are awarded by a worker. A second confirm gets 400."""
        upload = access_upload(request.user, upload_id, role=Role.AWARDER)
        upload = actions.confirm_upload(upload=upload, acting_user=request.user)
        return Response(UploadOutput(upload).data, status=status.HTTP_202_ACCEPTED)


class BulkUploadErrorsApi(APIView):
    @extend_schema(
        responses={(200, "text/csv"): OpenApiResponse(description="The rows not awarded, with an error column.")},
        operation_id="bulk_uploads_errors_csv",
    )  # fmt: skip
    def get(self, request, upload_id):
        upload = access_upload(request.user, upload_id)
        return export.csv_response(
            f"errors-{upload.uuid}.csv", export.ERROR_COLUMNS, export.error_rows(upload)
        )


class AwardBatchApi(APIView):
    parser_classes = [BoundedJSONParser]  # a list of objects: JSON only

    """Award many recipients, possibly of several badge classes, in one call (LMS integrations).

    Every item is checked first; if any is bad (unknown or inaccessible badge
    class, bad address or date, ...) the answer is 400 with one error per item,
    keyed ``awards.<index>.<field>``, and nothing is awarded. A good batch is
    stored as one upload per badge class. With at most ``actions.SYNC_LIMIT``
    awardable items the awards are made inside the request (201, one result per
    item, in order); larger batches are queued (202, poll the uploads).
    Resending a batch is safe: items with the same ``external_id`` (or, without
    one, the same values) award once and come back as ``already_awarded``.
    """

    class InputSerializer(serializers.Serializer):
        awards = serializers.ListField(
            child=serializers.DictField(), min_length=1, max_length=MAX_BATCH_ITEMS
        )

    @extend_schema_serializer(component_name="AwardBatch")
    class InputDocumentation(serializers.Serializer):
        """The request as documented; items are checked one by one with ``BatchItemInput``."""

        awards = BatchItemInput(many=True, min_length=1, max_length=MAX_BATCH_ITEMS)

    @extend_schema_serializer(component_name="AwardBatchResult")
    class OutputSerializer(serializers.Serializer):
        status = serializers.CharField(help_text="done (201) or processing (202)")
        items = BatchItemOutput(many=True)
        uploads = UploadOutput(many=True)

    @extend_schema(request=InputDocumentation, responses={201: OutputSerializer, 202: OutputSerializer},
                   operation_id="awards_batch")  # fmt: skip
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        entries, errors = self._entries(request.user, data.validated_data["awards"])
        errors |= actions.batch_errors(entries)
        if errors:
            raise ValidationError(dict(sorted(errors.items(), key=_item_order)))
        uploads = actions.award_batch(entries=entries, acting_user=request.user)
        finished = all(u.is_finished for u in uploads)
        items = actions.batch_results(uploads) if finished else []
        body = {"status": "done" if finished else "processing",
                "items": BatchItemOutput(items, many=True).data,
                "uploads": UploadOutput(uploads, many=True).data}  # fmt: skip
        return Response(
            body,
            status=status.HTTP_201_CREATED if finished else status.HTTP_202_ACCEPTED,
        )

    def _entries(self, user, items: list[dict]) -> tuple[list, dict]:
        """Return (index, badge class, template columns) per item, and the errors of shape and access."""
        entries, errors, classes = [], {}, {}
        for index, item in enumerate(items):
            serializer = BatchItemInput(data=item)
            if not serializer.is_valid():
                for name, details in serializer.errors.items():
                    errors[f"awards.{index}.{name}"] = [
                        ValidationError(str(d), code=d.code) for d in details
                    ]
                continue
            values = serializer.validated_data
            key = values["badge_class"]
            if key not in classes:
                try:
                    classes[key] = access_badge_class(user, key, role=Role.AWARDER)
                except (Http404, PermissionDenied):
                    classes[key] = None
            if classes[key] is None:
                errors[f"awards.{index}.badge_class"] = [
                    ValidationError(_(NOT_FOUND), code="not_found")
                ]
                continue
            raw = {
                column: values.get(field, "") for column, field in _ITEM_FIELDS.items()
            }
            entries.append((index, classes[key], raw))
        return entries, errors


def _item_order(entry) -> tuple[int, str]:
    _awards, index, name = entry[0].split(".", 2)
    return int(index), name


_ITEM_FIELDS = {
    "email": "recipient_identity", "name": "recipient_name", "issued_on": "issued_on",
    "expires_at": "expires_at", "evidence_url": "evidence_url", "evidence_narrative": "evidence_narrative",
    "result": "result", "external_id": "external_id", "route": "route",
}  # fmt: skip
