"""REST API for institutions and issuers: one APIView per operation."""

from __future__ import annotations

import base64
import binascii

from django.conf import settings
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
)
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import WebAddressField

from . import actions
from .access import access_institution, access_issuer, institutions_for, issuers_for
from .models import COUNTRY_CODE, PHONE, Institution, Issuer, Role
from .translations import LANGUAGE_NAMES


@extend_schema_field(
    {
        "type": "string",
        "pattern": "^data:image/(png|svg\\+xml);base64,[A-Za-z0-9+/]*={0,2}$",
    }
)
class DataUriImageField(serializers.CharField):
    """An image given as ``data:image/png;base64,...`` (or SVG); returns the raw bytes."""

    default_error_messages = {
        "invalid": "Give the image as a data URI: data:image/png;base64,…"
    }

    def to_internal_value(self, data) -> bytes:
        text = super().to_internal_value(data)
        header, comma, payload = text.partition(",")
        if (
            not comma
            or not header.startswith("data:")
            or not header.endswith(";base64")
        ):
            self.fail("invalid")
        try:
            return base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            self.fail("invalid")


class TranslationsField(serializers.DictField):
    child = serializers.DictField(child=serializers.CharField(allow_blank=True))


class IssuerOutput(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    institution = serializers.UUIDField(source="institution.uuid")
    public_url = serializers.SerializerMethodField()
    image = serializers.SerializerMethodField()
    archived = serializers.BooleanField(source="is_archived")

    class Meta:
        model = Issuer
        fields = [
            "id",
            "institution",
            "name",
            "description",
            "url",
            "email",
            "telephone",
            "street_address",
            "locality",
            "region",
            "postal_code",
            "country",
            "language",
            "translations",
            "image",
            "public_url",
            "archived",
            "created_at",
        ]

    def get_public_url(self, issuer: Issuer) -> str:
        return f"{settings.PUBLIC_BASE_URL}/public/issuers/{issuer.uuid}"

    def get_image(self, issuer: Issuer) -> str | None:
        return f"{self.get_public_url(issuer)}/image" if issuer.image else None


class IssuerInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    description = serializers.CharField(required=False, allow_blank=True)
    url = WebAddressField()
    email = serializers.EmailField()
    telephone = serializers.CharField(
        required=False, allow_blank=True, max_length=30, validators=[PHONE]
    )
    street_address = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    locality = serializers.CharField(required=False, allow_blank=True, max_length=100)
    region = serializers.CharField(required=False, allow_blank=True, max_length=100)
    postal_code = serializers.CharField(required=False, allow_blank=True, max_length=20)
    country = serializers.CharField(max_length=2, validators=[COUNTRY_CODE])
    language = serializers.ChoiceField(choices=sorted(LANGUAGE_NAMES), required=False)
    translations = TranslationsField(required=False)
    image = DataUriImageField(required=False)


class InstitutionOutput(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")

    class Meta:
        model = Institution
        fields = [
            "id",
            "name",
            "description",
            "url",
            "country",
            "language",
            "translations",
            "created_at",
        ]


class InstitutionListApi(APIView):
    @extend_schema(
        responses=InstitutionOutput(many=True), operation_id="institutions_list"
    )
    def get(self, request):
        """List the institutions you work for."""
        return Response(
            InstitutionOutput(institutions_for(request.user), many=True).data
        )


class IssuerListApi(APIView):
    class FilterInput(serializers.Serializer):
        institution = serializers.UUIDField(required=False)

    @extend_schema(responses=IssuerOutput(many=True), operation_id="issuers_list")
    def get(self, request):
        """List the issuers you work for."""
        issuers = issuers_for(request.user).select_related("institution")
        return Response(IssuerOutput(issuers, many=True).data)


class IssuerCreateApi(APIView):
    class InputSerializer(IssuerInput):
        institution = serializers.UUIDField()

    @extend_schema(
        request=InputSerializer,
        responses={
            201: IssuerOutput,
            404: OpenApiResponse(
                description="The institution is not one you administer."
            ),
        },
        examples=[
            OpenApiExample(
                "A school",
                request_only=True,
                value={
                    "institution": "5f0c1a9e-4b7d-4c1e-9a3f-2d6b8e0c7a41",
                    "name": "Welding school",
                    "url": "https://school.example.org",
                    "email": "badges@school.example.org",
                    "country": "LV",
                },
            )
        ],
        operation_id="issuers_create",
    )
    def post(self, request):
        """Create an issuer in an institution where you are an administrator."""
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        institution = access_institution(
            request.user, values.pop("institution"), role=Role.ADMIN
        )
        issuer = actions.create_issuer(
            institution=institution, acting_user=request.user, **values
        )
        return Response(IssuerOutput(issuer).data, status=status.HTTP_201_CREATED)


class IssuerDetailApi(APIView):
    class InputSerializer(IssuerInput):
        pass

    @extend_schema(responses=IssuerOutput, operation_id="issuers_retrieve")
    def get(self, request, issuer_id):
        return Response(IssuerOutput(access_issuer(request.user, issuer_id)).data)

    @extend_schema(
        request=InputSerializer, responses=IssuerOutput, operation_id="issuers_update"
    )
    def patch(self, request, issuer_id):
        """Change an issuer's profile (administrators)."""
        issuer = access_issuer(request.user, issuer_id, role=Role.ADMIN)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        issuer = actions.update_issuer(
            issuer=issuer, acting_user=request.user, **data.validated_data
        )
        return Response(IssuerOutput(issuer).data)
