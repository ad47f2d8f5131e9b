"""REST API for renewal: one APIView per operation, with the UI's permissions."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from badges.access import access_award
from badges.actions import renew_award
from badges.api.awards import AwardOutput, credential_moment
from issuers.models import Role


class AwardRenewApi(APIView):
    class InputSerializer(serializers.Serializer):
        issued_on = serializers.DateTimeField(
            required=False, validators=[credential_moment]
        )
        expires_at = serializers.DateTimeField(
            required=False, validators=[credential_moment]
        )

    @extend_schema(
        request=InputSerializer,
        responses={201: AwardOutput},
        operation_id="awards_renew",
    )
    def post(self, request, award_id):
        """Re-issue an award with a new validity; each call makes a new renewal."""
        award = access_award(request.user, award_id, role=Role.AWARDER)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        renewal = renew_award(
            award=award, acting_user=request.user, **data.validated_data
        )
        return Response(AwardOutput(renewal).data, status=status.HTTP_201_CREATED)
