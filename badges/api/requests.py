"""The badge-request API for staff: list, approve, deny, decide many."""

from __future__ import annotations

from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.pagination import LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from config.parsers import BoundedJSONParser
from issuers.access import access_issuer
from issuers.models import Role

from .. import actions
from ..access import access_badge_request
from ..models import BadgeRequest, BadgeRequestStatus
from .awards import page_of


class BadgeRequestOutput(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    badge_class = serializers.UUIDField(source="badge_class.uuid")
    issuer = serializers.UUIDField(source="issuer.uuid")
    learner = serializers.SerializerMethodField()
    award = serializers.UUIDField(source="award.uuid", allow_null=True, default=None)

    class Meta:
        model = BadgeRequest
        fields = [
            "id", "badge_class", "issuer", "status", "learner", "email", "message", "evidence_url",
            "evidence_narrative", "created_at", "decided_at", "decision_reason", "award",
        ]  # fmt: skip

    def get_learner(self, badge_request: BadgeRequest) -> dict:
        """The learner's account name and sign-in address; nulls once the account is deleted."""
        user = badge_request.user
        return {
            "name": user.full_name if user else None,
            "email": user.email if user else None,
        }


BadgeRequestPageOutput = page_of(BadgeRequestOutput, "BadgeRequestPage")


class BadgeRequestListApi(APIView):
    class FilterInput(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=BadgeRequestStatus.values, required=False
        )

    @extend_schema(
        parameters=[OpenApiParameter("status", enum=BadgeRequestStatus.values)],
        responses={
            200: BadgeRequestPageOutput,
            400: OpenApiResponse(description="An unknown status."),
        },
        operation_id="badge_requests_list",
    )
    def get(self, request, issuer_id):
        """List an issuer's badge requests, oldest first (awarders and above)."""
        issuer = access_issuer(request.user, issuer_id, role=Role.AWARDER)
        filters = self.FilterInput(data=request.query_params)
        filters.is_valid(raise_exception=True)
        badge_requests = issuer.badge_requests.select_related(
            "badge_class", "issuer", "user", "award"
        ).order_by("created_at", "id")
        if "status" in filters.validated_data:
            badge_requests = badge_requests.filter(
                status=filters.validated_data["status"]
            )
        paginator = LimitOffsetPagination()
        page = paginator.paginate_queryset(badge_requests, request, view=self)
        return paginator.get_paginated_response(
            BadgeRequestOutput(page, many=True).data
        )


class BadgeRequestApproveApi(APIView):
    @extend_schema_serializer(component_name="BadgeRequestApproveInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=1000
        )

    @extend_schema(
        request=InputSerializer,
        responses=BadgeRequestOutput,
        operation_id="badge_requests_approve",
    )
    def post(self, request, request_id):
        """Approve a request: the badge is awarded to the learner's chosen address. Approving twice awards once."""
        badge_request = access_badge_request(request.user, request_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        badge_request = actions.approve_badge_request(
            badge_request=badge_request,
            acting_user=request.user,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(BadgeRequestOutput(badge_request).data)


class BadgeRequestDenyApi(APIView):
    @extend_schema_serializer(component_name="BadgeRequestDenyInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=1000
        )

    @extend_schema(
        request=InputSerializer,
        responses=BadgeRequestOutput,
        operation_id="badge_requests_deny",
    )
    def post(self, request, request_id):
        """Deny a request with a reason (required) that the learner reads."""
        badge_request = access_badge_request(request.user, request_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        badge_request = actions.deny_badge_request(
            badge_request=badge_request,
            acting_user=request.user,
            reason=data.validated_data.get("reason", ""),
        )
        return Response(BadgeRequestOutput(badge_request).data)


class BadgeRequestDecideApi(APIView):
    parser_classes = [BoundedJSONParser]  # a list of ids: JSON only

    @extend_schema_serializer(component_name="BadgeRequestDecideInput")
    class InputSerializer(serializers.Serializer):
        requests = serializers.ListField(
            child=serializers.UUIDField(), min_length=1, max_length=500
        )
        decision = serializers.ChoiceField(choices=["approve", "deny"])
        reason = serializers.CharField(
            required=False, allow_blank=True, max_length=1000
        )

    @extend_schema_serializer(component_name="BadgeRequestDecideOutput")
    class OutputSerializer(serializers.Serializer):
        requests = BadgeRequestOutput(many=True)

    @extend_schema(
        request=InputSerializer,
        responses={
            200: OutputSerializer,
            404: OpenApiResponse(description="A request is not yours to decide."),
        },
        operation_id="badge_requests_decide",
    )
    def post(self, request):
        """Approve or deny many requests with one reason; each must be yours to decide, or nothing changes."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        badge_requests = [
            access_badge_request(request.user, request_id)
            for request_id in data.validated_data["requests"]
        ]
        decided = actions.decide_badge_requests(
            badge_requests=badge_requests,
            decision=data.validated_data["decision"],
            reason=data.validated_data.get("reason", ""),
            acting_user=request.user,
        )
        return Response(self.OutputSerializer({"requests": decided}).data)
