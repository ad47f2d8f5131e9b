"""The award API: award one, list, read, revoke one or many."""

from __future__ import annotations

import hashlib

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from config.parsers import BoundedJSONParser
from issuers.models import Role

from .. import actions, facts
from ..access import access_award, access_badge_class
from ..choices import (
    AwardRoute,
    RecipientType,
)
from ..models import Award
from .badge_classes import choice_values


class EvidenceSerializer(serializers.Serializer):
    url = serializers.URLField(required=False, allow_blank=True)
    narrative = serializers.CharField(required=False, allow_blank=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)


class AwardOutput(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    badge_class = serializers.UUIDField(source="badge_class.uuid")
    recipient = serializers.SerializerMethodField()
    state = serializers.CharField()
    links = serializers.SerializerMethodField()

    class Meta:
        model = Award
        fields = [
            "id", "badge_class", "recipient", "issued_on", "expires_at", "evidence", "narrative", "result",
            "route", "state", "revoked_at", "revocation_reason", "links", "created_at",
        ]  # fmt: skip

    def get_recipient(self, award: Award) -> dict:
        # Staff see the identity they awarded to; public documents carry only the hash.
        return {
            "type": award.recipient_type,
            "identity": award.recipient_identity,
            "name": award.recipient_name,
            "hash": award.recipient_hash,
            "salt": award.recipient_salt,
        }

    def get_links(self, award: Award) -> dict:
        assertion, credential = facts.assertion_url(award), facts.credential_url(award)
        return {
            "assertion": assertion,
            "assertion_jws": f"{assertion}/assertion.jws",
            "baked_png": f"{assertion}/image.png",
            "baked_svg": f"{assertion}/image.svg",
            "credential": credential,
            "credential_jwt": f"{credential}.jwt",
            "verify": f"{assertion}/verify",
        }


def credential_moment(value):
    """A date a credential can carry: a four-digit year, still four digits in UTC."""
    if not 1900 <= value.year <= 9998:
        raise serializers.ValidationError(
            _("Give a date between the years 1900 and 9998."), code="out_of_range"
        )
    return value


def page_of(output: type[serializers.Serializer], name: str):
    """The documented shape of a ``LimitOffsetPagination`` page of ``output`` items."""
    page = type(
        name,
        (serializers.Serializer,),
        {
            "count": serializers.IntegerField(),
            "next": serializers.URLField(allow_null=True),
            "previous": serializers.URLField(allow_null=True),
            "results": output(many=True),
        },
    )
    return extend_schema_serializer(component_name=name)(page)


AwardPageOutput = page_of(AwardOutput, "AwardPage")


class AwardInput(serializers.Serializer):
    recipient_type = serializers.ChoiceField(
        choices=choice_values(RecipientType.choices), default=RecipientType.EMAIL
    )
    recipient_identity = serializers.CharField(
        max_length=320,
        help_text="An e-mail address, a web address or a telephone number, as recipient_type says.",
    )
    recipient_name = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    issued_on = serializers.DateTimeField(
        required=False, validators=[credential_moment]
    )
    expires_at = serializers.DateTimeField(
        required=False, allow_null=True, validators=[credential_moment]
    )
    evidence = EvidenceSerializer(many=True, required=False)
    narrative = serializers.CharField(required=False, allow_blank=True)
    result = serializers.CharField(required=False, allow_blank=True, max_length=100)
    route = serializers.ChoiceField(choices=AwardRoute.choices, required=False)


IDEMPOTENCY_KEY = OpenApiParameter(
    "Idempotency-Key",
    str,
    OpenApiParameter.HEADER,
    description=(
        "1 to 255 printable ASCII characters, chosen by the client (a UUID, say). "
        "Requests repeated with the same key, one after another or at once, award once "
        "and all answer with that award; the same key for another recipient is refused (400)."
    ),
)
KEY_MAX_LENGTH = 255
BAD_KEY = _("Give an Idempotency-Key of 1 to 255 printable ASCII characters.")


def stored_idempotency_key(header: str | None) -> str:
    """Return the ``Award.idempotency_key`` of an ``Idempotency-Key`` header ('' without one).

    The client's key is stored as ``api:`` and a SHA-256 digest, so that any
    key fits the column and none can collide with the keys of bulk rows
    (hex digests) or badge requests (``request:<uuid>``). Raise ValidationError
    for a key that is empty, too long or not printable ASCII.
    """
    if header is None:
        return ""
    if not 0 < len(header) <= KEY_MAX_LENGTH or not all(
        " " <= c <= "~" for c in header
    ):
        raise ValidationError(
            {"Idempotency-Key": ValidationError(BAD_KEY, code="invalid")}
        )
    return "api:" + hashlib.sha256(header.encode("ascii")).hexdigest()[:60]


class AwardListApi(APIView):
    class FilterInput(serializers.Serializer):
        state = serializers.ChoiceField(
            choices=["valid", "revoked", "expired"], required=False
        )

    @extend_schema(
        parameters=[OpenApiParameter("state", enum=["valid", "revoked", "expired"])],
        responses={
            200: AwardPageOutput,
            400: OpenApiResponse(description="An unknown state."),
        },
        operation_id="awards_list",
    )
    def get(self, request, badge_class_id):
        """List a badge class's awards, newest first (awarders and above)."""
        badge_class = access_badge_class(request.user, badge_class_id)
        filters = self.FilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        awards = badge_class.awards.select_related("badge_class")
        awards = awards.in_state(filters.validated_data.get("state", ""))
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(awards, request, view=self)
        return paginator.get_paginated_response(AwardOutput(page, many=True).data)

    @extend_schema(
        request=AwardInput,
        parameters=[IDEMPOTENCY_KEY],
        responses={201: AwardOutput},
        examples=[
            OpenApiExample(
                "One learner",
                request_only=True,
                value={
                    "recipient_identity": "liga.berzina@example.org",
                    "recipient_name": "Līga Bērziņa",
                    "evidence": [{"url": "https://example.org/portfolio/weld-1"}],
                },
            )
        ],
        operation_id="awards_create",
    )
    def post(self, request, badge_class_id):
        """Award the badge class to one recipient; its signed credentials are ready in the response.

        Requests with the same ``Idempotency-Key`` header award once (a client
        may retry after a timeout without awarding twice).
        """
        badge_class = access_badge_class(
            request.user, badge_class_id, role=Role.AWARDER
        )
        key = stored_idempotency_key(request.headers.get("Idempotency-Key"))
        data = AwardInput(data=request.data)
        data.is_valid(raise_exception=True)
        award = actions.award_badge(
            badge_class=badge_class,
            acting_user=request.user,
            idempotency_key=key,
            **data.validated_data,
        )
        return Response(AwardOutput(award).data, status=status.HTTP_201_CREATED)


class AwardDetailApi(APIView):
    @extend_schema(responses=AwardOutput, operation_id="awards_retrieve")
    def get(self, request, award_id):
        return Response(AwardOutput(access_award(request.user, award_id)).data)


class AwardRevokeApi(APIView):
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(max_length=500)

    @extend_schema(
        request=InputSerializer, responses=AwardOutput, operation_id="awards_revoke"
    )
    def post(self, request, award_id):
        """Revoke an award with a reason that verifiers see. Revoking twice is harmless."""
        award = access_award(request.user, award_id, role=Role.AWARDER)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        award = actions.revoke_award(
            award=award, reason=data.validated_data["reason"], acting_user=request.user
        )
        return Response(AwardOutput(award).data)


class AwardBulkRevokeApi(APIView):
    parser_classes = [BoundedJSONParser]  # a list of ids: JSON only

    class InputSerializer(serializers.Serializer):
        awards = serializers.ListField(
            child=serializers.UUIDField(), min_length=1, max_length=1000
        )
        reason = serializers.CharField(max_length=500)

    class OutputSerializer(serializers.Serializer):
        revoked = serializers.IntegerField(
            help_text="Awards newly revoked (already revoked ones are left as they were)."
        )

    @extend_schema(
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            404: OpenApiResponse(description="An award is not yours to revoke."),
        },
        operation_id="awards_revoke_many",
    )
    def post(self, request):
        """Revoke many awards with one reason; each must be yours to revoke, or nothing is revoked."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        awards = [
            access_award(request.user, award_id, role=Role.AWARDER)
            for award_id in data.validated_data["awards"]
        ]
        revoked = actions.revoke_awards(
            awards=awards,
            reason=data.validated_data["reason"],
            acting_user=request.user,
        )
        return Response(self.OutputSerializer({"revoked": revoked}).data)
