"""The badge-class API: list, create, read, update, publish, archive."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import extend_schema
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from issuers.access import access_issuer
from issuers.api import DataUriImageField, TranslationsField
from issuers.models import Role
from issuers.translations import LANGUAGE_NAMES

from .. import actions
from ..access import access_badge_class
from ..actions.badge_classes import BADGE_CLASS_FIELDS
from ..choices import (
    ISCED_F,
    AchievementType,
    AssessmentType,
    Assessor,
    CreditSystem,
    DurationUnit,
    IdentityVerification,
    ParticipationForm,
    QualityAssurance,
    ResultType,
)
from ..completeness import completeness
from ..models import BadgeClass

# --- Output --------------------------------------------------------------------


class LearningOutcomeOutput(serializers.Serializer):
    text = serializers.CharField()
    framework = serializers.CharField()
    code = serializers.CharField()
    url = serializers.CharField()
    translations = serializers.DictField()


class AlignmentOutput(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()
    framework = serializers.CharField()
    code = serializers.CharField()
    description = serializers.CharField()


class PartnerOutput(serializers.Serializer):
    name = serializers.CharField()
    url = serializers.CharField()
    role = serializers.CharField()


class StackTargetOutput(serializers.Serializer):
    target = serializers.UUIDField(source="target.uuid", allow_null=True, default=None)
    name = serializers.CharField(source="display_name")
    url = serializers.CharField()
    credits = serializers.DecimalField(max_digits=6, decimal_places=2, allow_null=True)


class BadgeClassOutput(serializers.ModelSerializer):
    id = serializers.UUIDField(source="uuid")
    issuer = serializers.UUIDField(source="issuer.uuid")
    learning_outcomes = LearningOutcomeOutput(many=True)
    alignments = AlignmentOutput(many=True)
    partners = PartnerOutput(many=True)
    stack_targets = StackTargetOutput(many=True)
    prerequisite_badges = serializers.SlugRelatedField(
        slug_field="uuid", many=True, read_only=True
    )
    image = serializers.SerializerMethodField()
    public_url = serializers.SerializerMethodField()
    completeness = serializers.SerializerMethodField()

    class Meta:
        model = BadgeClass
        # Every field the actions take, then the related lists and derived values.
        fields = [
            "id", "issuer", "status", "image", *BADGE_CLASS_FIELDS, "partners", "prerequisite_badges",
            "stack_targets", "learning_outcomes", "alignments", "completeness", "public_url",
            "created_at", "updated_at",
        ]  # fmt: skip

    def get_public_url(self, badge_class: BadgeClass) -> str:
        return f"{settings.PUBLIC_BASE_URL}/public/badges/{badge_class.uuid}"

    def get_image(self, badge_class: BadgeClass) -> str | None:
        return (
            f"{self.get_public_url(badge_class)}/image" if badge_class.image else None
        )

    def get_completeness(self, badge_class: BadgeClass) -> dict:
        result = completeness(badge_class)
        return {
            "score": result.score,
            "missing_required": [e.key for e in result.missing_required],
            "elements": {s.element.key: s.done for s in result.states},
        }


# --- Input ---------------------------------------------------------------------


def choice_values(choices) -> list:
    return [value for value, _label in choices]


class LearningOutcomeInput(serializers.Serializer):
    text = serializers.CharField()
    framework = serializers.CharField(required=False, allow_blank=True, max_length=100)
    code = serializers.CharField(required=False, allow_blank=True, max_length=100)
    url = serializers.URLField(required=False, allow_blank=True, max_length=500)
    translations = serializers.DictField(
        child=serializers.DictField(child=serializers.CharField()), required=False
    )


class AlignmentInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    url = serializers.URLField(max_length=500)
    framework = serializers.CharField(required=False, allow_blank=True, max_length=100)
    code = serializers.CharField(required=False, allow_blank=True, max_length=100)
    description = serializers.CharField(
        required=False, allow_blank=True, max_length=500
    )


class PartnerInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    url = serializers.URLField(required=False, allow_blank=True)
    role = serializers.CharField(required=False, allow_blank=True, max_length=200)


class StackTargetInput(serializers.Serializer):
    target = serializers.UUIDField(required=False, allow_null=True)
    name = serializers.CharField(required=False, allow_blank=True, max_length=200)
    url = serializers.URLField(required=False, allow_blank=True)
    credits = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, allow_null=True
    )


class BadgeClassInput(serializers.Serializer):
    """Every field a badge class takes. Model rules (EQF 1–8, non-negative workload, ...) are checked by the action."""

    name = serializers.CharField(max_length=200)
    description = serializers.CharField()
    image = DataUriImageField(required=False)
    language = serializers.ChoiceField(choices=sorted(LANGUAGE_NAMES), required=False)
    translations = TranslationsField(required=False)
    human_code = serializers.CharField(required=False, allow_blank=True, max_length=50)
    achievement_type = serializers.ChoiceField(
        choices=choice_values(AchievementType.choices), required=False
    )
    is_participation = serializers.BooleanField(required=False)
    tags = serializers.ListField(
        child=serializers.CharField(max_length=60), required=False
    )
    course_provider = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    criteria_narrative = serializers.CharField(required=False, allow_blank=True)
    criteria_url = serializers.URLField(required=False, allow_blank=True)
    assessment_types = serializers.ListField(
        child=serializers.ChoiceField(choices=choice_values(AssessmentType.choices)),
        required=False,
    )
    assessor = serializers.ChoiceField(
        choices=choice_values(Assessor.choices), required=False, allow_blank=True
    )
    identity_verification = serializers.ChoiceField(
        choices=choice_values(IdentityVerification.choices),
        required=False,
        allow_blank=True,
    )
    result_type = serializers.ChoiceField(
        choices=choice_values(ResultType.choices), required=False, allow_blank=True
    )
    result_description = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    workload_hours = serializers.DecimalField(
        max_digits=7, decimal_places=1, required=False, allow_null=True
    )
    credits = serializers.DecimalField(
        max_digits=6, decimal_places=2, required=False, allow_null=True
    )
    credit_system = serializers.ChoiceField(
        choices=choice_values(CreditSystem.choices), required=False, allow_blank=True
    )
    credit_system_name = serializers.CharField(
        required=False, allow_blank=True, max_length=100
    )
    duration_amount = serializers.IntegerField(required=False, allow_null=True)
    duration_unit = serializers.ChoiceField(
        choices=choice_values(DurationUnit.choices), required=False, allow_blank=True
    )
    eqf_level = serializers.IntegerField(required=False, allow_null=True)
    nqf_level = serializers.CharField(required=False, allow_blank=True, max_length=20)
    nqf_framework = serializers.CharField(
        required=False, allow_blank=True, max_length=100
    )
    isced_f_code = serializers.ChoiceField(
        choices=sorted(ISCED_F), required=False, allow_blank=True
    )
    participation_forms = serializers.ListField(
        child=serializers.ChoiceField(choices=choice_values(ParticipationForm.choices)),
        required=False,
    )
    languages_of_instruction = serializers.ListField(
        child=serializers.CharField(max_length=8), required=False
    )
    qa_type = serializers.ChoiceField(
        choices=choice_values(QualityAssurance.choices),
        required=False,
        allow_blank=True,
    )
    qa_body = serializers.CharField(required=False, allow_blank=True, max_length=200)
    qa_body_url = serializers.URLField(required=False, allow_blank=True)
    accreditation = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    is_full_qualification = serializers.BooleanField(required=False)
    part_of_qualification = serializers.CharField(
        required=False, allow_blank=True, max_length=200
    )
    prerequisites = serializers.CharField(required=False, allow_blank=True)
    prerequisite_badges = serializers.ListField(
        child=serializers.UUIDField(), required=False
    )
    validity_months = serializers.IntegerField(required=False, allow_null=True)
    allows_requests = serializers.BooleanField(required=False)
    learning_outcomes = LearningOutcomeInput(many=True, required=False)
    alignments = AlignmentInput(many=True, required=False)
    partners = PartnerInput(many=True, required=False)
    stack_targets = StackTargetInput(many=True, required=False)


def _action_arguments(request, issuer, validated: dict) -> dict:
    """Resolve the UUIDs in ``validated`` to badge classes of the same institution the user can see."""
    values = dict(validated)
    if "prerequisite_badges" in values:
        values["prerequisite_badges"] = [
            _sibling(request, issuer, uuid, "prerequisite_badges")
            for uuid in values["prerequisite_badges"]
        ]
    if "stack_targets" in values:
        values["stack_targets"] = [
            {
                **item,
                "target": _sibling(request, issuer, item["target"], "stack_targets")
                if item.get("target")
                else None,
            }
            for item in values["stack_targets"]
        ]
    return values


def _sibling(request, issuer, badge_class_id, field: str) -> BadgeClass:
    badge_class = BadgeClass.objects.filter(
        uuid=badge_class_id, issuer__institution=issuer.institution
    ).first()
    if badge_class is None:
        raise serializers.ValidationError(
            {field: [f"No badge class {badge_class_id} in this institution."]}
        )
    return badge_class


class BadgeClassListApi(APIView):
    @extend_schema(
        responses=BadgeClassOutput(many=True), operation_id="badge_classes_list"
    )
    def get(self, request, issuer_id):
        """List an issuer's badge classes."""
        issuer = access_issuer(request.user, issuer_id)
        badge_classes = issuer.badge_classes.prefetch_related(
            "learning_outcomes",
            "alignments",
            "partners",
            "stack_targets__target",
            "prerequisite_badges",
        ).select_related("issuer")
        return Response(BadgeClassOutput(badge_classes, many=True).data)

    @extend_schema(
        request=BadgeClassInput,
        responses={201: BadgeClassOutput},
        operation_id="badge_classes_create",
    )
    def post(self, request, issuer_id):
        """Create a draft badge class (editors and above)."""
        issuer = access_issuer(request.user, issuer_id, role=Role.EDITOR)
        data = BadgeClassInput(data=request.data)
        data.is_valid(raise_exception=True)
        badge_class = actions.create_badge_class(
            issuer=issuer,
            acting_user=request.user,
            **_action_arguments(request, issuer, data.validated_data),
        )
        return Response(
            BadgeClassOutput(badge_class).data, status=status.HTTP_201_CREATED
        )


class BadgeClassDetailApi(APIView):
    @extend_schema(responses=BadgeClassOutput, operation_id="badge_classes_retrieve")
    def get(self, request, badge_class_id):
        return Response(
            BadgeClassOutput(access_badge_class(request.user, badge_class_id)).data
        )

    @extend_schema(
        request=BadgeClassInput,
        responses=BadgeClassOutput,
        operation_id="badge_classes_update",
    )
    def patch(self, request, badge_class_id):
        """Change a badge class; lists given replace the old ones."""
        badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
        data = BadgeClassInput(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        badge_class = actions.update_badge_class(
            badge_class=badge_class,
            acting_user=request.user,
            **_action_arguments(request, badge_class.issuer, data.validated_data),
        )
        return Response(BadgeClassOutput(badge_class).data)


class BadgeClassPublishApi(APIView):
    @extend_schema(
        request=None, responses=BadgeClassOutput, operation_id="badge_classes_publish"
    )
    def post(self, request, badge_class_id):
        badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
        badge_class = actions.publish_badge_class(
            badge_class=badge_class, acting_user=request.user
        )
        return Response(BadgeClassOutput(badge_class).data)


class BadgeClassArchiveApi(APIView):
    @extend_schema(
        request=None, responses=BadgeClassOutput, operation_id="badge_classes_archive"
    )
    def post(self, request, badge_class_id):
        badge_class = access_badge_class(request.user, badge_class_id, role=Role.EDITOR)
        badge_class = actions.archive_badge_class(
            badge_class=badge_class, acting_user=request.user
        )
        return Response(BadgeClassOutput(badge_class).data)
