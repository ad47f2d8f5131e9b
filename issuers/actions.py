"""Every state change of institutions, issuers and staff. Each writes an AuditEvent."""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.timezone import now
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from audit.log import changed_fields, record
from outbox.actions import enqueue

from .access import can_grant, institution_role
from .images import check_badge_image
from .models import Institution, Invitation, Issuer, Membership, Role, SigningKey
from .validation import field_error

INSTITUTION_FIELDS = (
    "name",
    "description",
    "url",
    "country",
    "language",
    "translations",
)
ISSUER_FIELDS = (
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
)

LAST_OWNER = gettext_noop(
    "An institution needs at least one owner: make someone else owner first."
)
ROLE_TOO_STRONG = gettext_noop("You cannot give a role stronger than your own.")
ALREADY_MEMBER = gettext_noop("%(email)s already has a role here.")
INVITATION_NOT_PENDING = gettext_noop(
    "This invitation has expired, was withdrawn or was already used."
)
INVITATION_WRONG_EMAIL = gettext_noop(
    "This invitation was sent to another e-mail address."
)


def checked_image(image: bytes):
    """Return the checked image, or raise a ValidationError on the ``image`` field."""
    try:
        return check_badge_image(
            image,
            max_bytes=settings.BADGE_IMAGE_MAX_BYTES,
            max_side=settings.BADGE_IMAGE_MAX_SIDE,
        )
    except ValidationError as exc:
        raise ValidationError({"image": exc.error_list}) from None


def store_image(instance, checked, name: str, *, field: str = "image") -> None:
    """Write a checked image into ``instance.<field>`` under a content-addressed name; called after validation so failures leave no file."""
    from .stored_images import store

    store(
        getattr(instance, field),
        checked.content,
        stem=name,
        extension=checked.extension,
    )


def _apply(instance, fields: tuple[str, ...], values: dict[str, Any]) -> dict[str, Any]:
    unknown = set(values) - set(fields)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    before = {name: getattr(instance, name) for name in values}
    for name, value in values.items():
        setattr(instance, name, value)
    return before


# --- Institutions ------------------------------------------------------------


@transaction.atomic
def create_institution(*, acting_user, **values: Any) -> Institution:
    """Create an institution with ``acting_user`` as its first owner."""
    institution = Institution()
    _apply(institution, INSTITUTION_FIELDS, values)
    institution.full_clean()
    institution.save()
    Membership.objects.create(
        user=acting_user, institution=institution, role=Role.OWNER
    )
    record(
        "institution.created",
        actor=acting_user,
        target=institution,
        institution=institution,
        data={"name": institution.name},
    )
    return institution


@transaction.atomic
def update_institution(
    *, institution: Institution, acting_user, **values: Any
) -> Institution:
    before = _apply(institution, INSTITUTION_FIELDS, values)
    institution.full_clean()
    institution.save()
    record(
        "institution.updated",
        actor=acting_user,
        target=institution,
        institution=institution,
        data=changed_fields(institution, before),
    )
    return institution


# --- Issuers -----------------------------------------------------------------


@transaction.atomic
def create_issuer(
    *, institution: Institution, acting_user, image: bytes | None = None, **values: Any
) -> Issuer:
    issuer = Issuer(institution=institution)
    _apply(issuer, ISSUER_FIELDS, values)
    logo = checked_image(image) if image is not None else None
    issuer.full_clean()
    if logo is not None:
        store_image(issuer, logo, "logo")
    issuer.save()
    record(
        "issuer.created",
        actor=acting_user,
        target=issuer,
        institution=institution,
        issuer=issuer,
        data={"name": issuer.name},
    )
    return issuer


@transaction.atomic
def update_issuer(
    *, issuer: Issuer, acting_user, image: bytes | None = None, **values: Any
) -> Issuer:
    before = _apply(issuer, ISSUER_FIELDS, values)
    logo = checked_image(image) if image is not None else None
    issuer.full_clean()
    if logo is not None:
        before["image"] = issuer.image.name
        store_image(issuer, logo, "logo")
    issuer.save()
    record(
        "issuer.updated",
        actor=acting_user,
        target=issuer,
        institution=issuer.institution,
        issuer=issuer,
        data=changed_fields(issuer, before),
    )
    return issuer


@transaction.atomic
def archive_issuer(*, issuer: Issuer, acting_user) -> Issuer:
    """Archive an issuer: it stays published (its URLs are permanent) but takes no new badge classes."""
    if issuer.archived_at is None:
        Issuer.objects.filter(pk=issuer.pk).update(archived_at=now())
        issuer.refresh_from_db()
        record(
            "issuer.archived",
            actor=acting_user,
            target=issuer,
            institution=issuer.institution,
            issuer=issuer,
        )
    return issuer


# --- Staff -------------------------------------------------------------------


def _scope_kwargs(scope: Institution | Issuer) -> dict[str, Any]:
    return (
        {"institution": scope} if isinstance(scope, Institution) else {"issuer": scope}
    )


def _audit_scope(scope: Institution | Issuer) -> dict[str, Any]:
    if isinstance(scope, Institution):
        return {"institution": scope}
    return {"institution": scope.institution, "issuer": scope}


def _check_grant(acting_user, scope, role: str) -> None:
    if role not in Role.values:
        raise field_error("role", _("Choose a valid role."), "invalid_choice")
    if not can_grant(acting_user, scope, role):
        raise PermissionDenied(_(ROLE_TOO_STRONG))


@transaction.atomic
def invite_staff(
    *, scope: Institution | Issuer, email: str, role: str, acting_user
) -> tuple[Invitation, str]:
    """Invite ``email`` to ``scope`` with ``role``; return the invitation and the link secret.

    The e-mail is sent by a task, queued when the transaction commits.
    """
    _check_grant(acting_user, scope, role)
    email = email.strip().lower()
    if Membership.objects.filter(
        user__email__iexact=email, **_scope_kwargs(scope)
    ).exists():
        raise field_error(
            "email", _(ALREADY_MEMBER) % {"email": email}, "already_member"
        )
    secret = secrets.token_urlsafe(32)
    invitation = Invitation(
        email=email,
        role=role,
        digest=Invitation.digest_of(secret),
        invited_by=acting_user,
        expires_at=now() + timedelta(days=settings.INVITATION_VALID_DAYS),
        **_scope_kwargs(scope),
    )
    invitation.full_clean()
    invitation.save()
    # The audit log names the invitation, not the address's owner (who has no account yet).
    record(
        "invitation.created",
        actor=acting_user,
        target=invitation,
        data={"role": role},
        **_audit_scope(scope),
    )
    from .tasks import send_invitation_task

    enqueue(send_invitation_task, invitation.pk, secret, sealed=True)
    return invitation, secret


@transaction.atomic
def mark_invitation_sent(*, invitation: Invitation) -> None:
    Invitation.objects.filter(pk=invitation.pk).update(sent_at=now())


@transaction.atomic
def revoke_invitation(*, invitation: Invitation, acting_user) -> None:
    if invitation.revoked_at is None and invitation.accepted_at is None:
        Invitation.objects.filter(pk=invitation.pk).update(revoked_at=now())
        record(
            "invitation.revoked",
            actor=acting_user,
            target=invitation,
            **_audit_scope(invitation.scope),
        )


@transaction.atomic
def accept_invitation(*, secret: str, user) -> Membership:
    """Turn a pending invitation into a membership for ``user``.

    The invitation is claimed with a conditional UPDATE so it is used once,
    even when the link is opened twice at the same moment.
    """
    invitation = (
        Invitation.objects.select_for_update()
        .filter(digest=Invitation.digest_of(secret))
        .first()
    )
    if invitation is None or not invitation.is_pending:
        raise ValidationError(_(INVITATION_NOT_PENDING), code="invitation_not_pending")
    if invitation.email.lower() != user.email.lower():
        raise ValidationError(_(INVITATION_WRONG_EMAIL), code="invitation_wrong_email")
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True
    ).update(accepted_at=now(), accepted_by=user)
    if claimed != 1:
        raise ValidationError(_(INVITATION_NOT_PENDING), code="invitation_not_pending")
    membership, created = Membership.objects.get_or_create(
        user=user, defaults={"role": invitation.role}, **_scope_kwargs(invitation.scope)
    )
    if not created and Role.rank(invitation.role) > Role.rank(membership.role):
        membership.role = invitation.role
        membership.save(update_fields=["role"])
    record(
        "membership.created",
        actor=user,
        target=membership,
        data={"role": membership.role, "invitation": str(invitation.uuid)},
        **_audit_scope(invitation.scope),
    )
    return membership


def _owners_left_after(membership: Membership) -> int:
    if membership.institution_id is None:
        return 1  # issuer-level roles never hold the institution's ownership
    return (
        Membership.objects.filter(
            institution_id=membership.institution_id, role=Role.OWNER
        )
        .exclude(pk=membership.pk)
        .count()
    )


@transaction.atomic
def change_role(*, membership: Membership, role: str, acting_user) -> Membership:
    _check_grant(acting_user, membership.scope, role)
    if Role.rank(membership.role) > Role.rank(_held(acting_user, membership)):
        raise PermissionDenied(_(ROLE_TOO_STRONG))
    if (
        membership.role == Role.OWNER
        and role != Role.OWNER
        and _owners_left_after(membership) == 0
    ):
        raise field_error("role", _(LAST_OWNER), "last_owner")
    old = membership.role
    membership.role = role
    membership.full_clean()
    membership.save(update_fields=["role"])
    record(
        "membership.role_changed",
        actor=acting_user,
        target=membership,
        data={"role": [old, role], "user": str(membership.user.uuid)},
        **_audit_scope(membership.scope),
    )
    return membership


def _held(user, membership: Membership) -> str | None:
    from .access import issuer_role

    if membership.institution_id:
        return institution_role(user, membership.institution)
    return issuer_role(user, membership.issuer)


@transaction.atomic
def remove_staff(*, membership: Membership, acting_user) -> None:
    if membership.user_id != acting_user.pk and Role.rank(membership.role) > Role.rank(
        _held(acting_user, membership)
    ):
        raise PermissionDenied(_(ROLE_TOO_STRONG))
    if membership.role == Role.OWNER and _owners_left_after(membership) == 0:
        raise ValidationError(_(LAST_OWNER), code="last_owner")
    record(
        "membership.removed",
        actor=acting_user,
        target=membership,
        data={"role": membership.role, "user": str(membership.user.uuid)},
        **_audit_scope(membership.scope),
    )
    membership.delete()


# --- Signing keys --------------------------------------------------------------


@transaction.atomic
def create_signing_key(
    *, issuer: Issuer, algorithm: str, acting_user=None
) -> SigningKey:
    """Create the issuer's active key for ``algorithm`` (one active key per algorithm)."""
    from .signing import new_signing_key

    key = new_signing_key(issuer, algorithm)
    key.full_clean(validate_constraints=False)
    key.save()
    record("signing_key.created", actor=acting_user, target=key, institution=issuer.institution, issuer=issuer,
           data={"algorithm": algorithm, "kid": key.kid})  # fmt: skip
    return key


@transaction.atomic
def rotate_signing_key(*, issuer: Issuer, algorithm: str, acting_user) -> SigningKey:
    """Retire the active key for ``algorithm`` and create a new one.

    The retired key stays published, so everything it signed keeps verifying.
    """
    Issuer.objects.select_for_update().filter(
        pk=issuer.pk
    ).first()  # one rotation at a time
    retired = list(
        SigningKey.objects.active()
        .filter(issuer=issuer, algorithm=algorithm)
        .values_list("kid", flat=True)
    )
    SigningKey.objects.active().filter(issuer=issuer, algorithm=algorithm).update(
        retired_at=now()
    )
    key = create_signing_key(
        issuer=issuer, algorithm=algorithm, acting_user=acting_user
    )
    record("signing_key.rotated", actor=acting_user, target=key, institution=issuer.institution, issuer=issuer,
           data={"algorithm": algorithm, "retired": retired, "kid": key.kid})  # fmt: skip
    return key


CERTIFICATE_FIELDS = ("signatory_name", "signatory_title", "listed_in_directory")


@transaction.atomic
def update_certificate_settings(
    *,
    issuer: Issuer,
    acting_user,
    signature_image: bytes | None = None,
    remove_signature_image: bool = False,
    **values: Any,
) -> Issuer:
    """Change who signs the issuer's certificates, the signature or seal image, and the directory listing.

    ``signature_image`` is checked like a logo (``issuers.images``); a refused
    image raises ValidationError on ``signature_image`` and nothing is saved.
    Audited as ``issuer.updated`` with the changed fields.
    """
    before = _apply(issuer, CERTIFICATE_FIELDS, values)
    seal = None
    if signature_image is not None:
        try:
            seal = checked_image(signature_image)
        except ValidationError as exc:
            raise ValidationError(
                {"signature_image": exc.error_dict["image"]}
            ) from None
    issuer.full_clean()
    if seal is not None or (remove_signature_image and issuer.signature_image):
        before["signature_image"] = issuer.signature_image.name
    if seal is not None:
        try:
            store_image(issuer, seal, "signature", field="signature_image")
        except ValidationError as exc:
            raise ValidationError(
                {"signature_image": exc.error_dict["image"]}
            ) from None
    elif remove_signature_image:
        issuer.signature_image = ""
    issuer.save()
    record(
        "issuer.updated",
        actor=acting_user,
        target=issuer,
        institution=issuer.institution,
        issuer=issuer,
        data=changed_fields(issuer, before),
    )
    return issuer
