"""The only way to fetch institutions and issuers on behalf of a user.

"Does not exist" and "not yours" both raise the same ``Http404``, so nobody
can enumerate other institutions. A member whose role is too weak for the
operation gets ``PermissionDenied``: they can already see the object.

Role inheritance: a role held at the institution applies to all its issuers;
a role held at one issuer applies to that issuer only.
"""

from __future__ import annotations

import uuid as uuid_lib

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Institution, Issuer, Membership, Role

NOT_FOUND = "No such object."


def parse_uuid(value) -> uuid_lib.UUID:
    """Return ``value`` as a UUID, or raise Http404 (malformed ids are simply not found)."""
    if isinstance(value, uuid_lib.UUID):
        return value
    try:
        return uuid_lib.UUID(str(value))
    except (TypeError, ValueError, AttributeError):
        raise Http404(NOT_FOUND) from None


def _is_user(user) -> bool:
    return user is not None and user.is_authenticated and user.is_active


def institution_role(user, institution: Institution) -> str | None:
    """Return the user's role held at the whole institution, or None."""
    if not _is_user(user):
        return None
    membership = Membership.objects.filter(user=user, institution=institution).first()
    return membership.role if membership else None


def issuer_role(user, issuer: Issuer) -> str | None:
    """Return the user's strongest role for ``issuer`` (its own or its institution's), or None."""
    if not _is_user(user):
        return None
    roles = Membership.objects.filter(
        Q(issuer=issuer) | Q(institution_id=issuer.institution_id), user=user
    ).values_list("role", flat=True)
    return max(roles, key=Role.rank, default=None)


def require_role(role_held: str | None, role_needed: str) -> None:
    """Raise Http404 for no role at all, PermissionDenied for one weaker than ``role_needed``."""
    if role_held is None:
        raise Http404(NOT_FOUND)
    if Role.rank(role_held) < Role.rank(role_needed):
        raise PermissionDenied(_("Your role does not allow this."))


def institutions_for(user) -> QuerySet[Institution]:
    """Institutions the user belongs to, directly or through one of their issuers."""
    if not _is_user(user):
        return Institution.objects.none()
    return Institution.objects.filter(
        Q(memberships__user=user) | Q(issuers__memberships__user=user)
    ).distinct()


def issuers_for(user) -> QuerySet[Issuer]:
    """Issuers the user works for, directly or through their institution."""
    if not _is_user(user):
        return Issuer.objects.none()
    return Issuer.objects.filter(
        Q(memberships__user=user) | Q(institution__memberships__user=user)
    ).distinct()


def access_institution(
    user, institution_id, *, role: str = Role.AWARDER
) -> Institution:
    """Return the institution if the user holds ``role`` (or stronger) there.

    Members of one of its issuers may view it (``role=AWARDER`` only); changing
    it needs an institution-wide role.
    """
    institution = Institution.objects.filter(uuid=parse_uuid(institution_id)).first()
    if institution is None:
        raise Http404(NOT_FOUND)
    held = institution_role(user, institution)
    if (
        held is None
        and role == Role.AWARDER
        and issuers_for(user).filter(institution=institution).exists()
    ):
        held = Role.AWARDER
    require_role(held, role)
    return institution


def public_issuer(issuer_id) -> Issuer:
    """Return an issuer for its public documents (anyone may read them); 404 if there is none."""
    issuer = (
        Issuer.objects.select_related("institution")
        .filter(uuid=parse_uuid(issuer_id))
        .first()
    )
    if issuer is None:
        raise Http404(NOT_FOUND)
    return issuer


def access_issuer(user, issuer_id, *, role: str = Role.AWARDER) -> Issuer:
    """Return the issuer if the user holds ``role`` (or stronger) for it."""
    issuer = public_issuer(issuer_id)
    require_role(issuer_role(user, issuer), role)
    return issuer


def access_membership(
    user, membership_id: int, *, institution: Institution
) -> Membership:
    """Return a membership of ``institution`` (or of one of its issuers) that the user may manage."""
    membership = (
        Membership.objects.select_related("user", "institution", "issuer__institution")
        .filter(
            Q(institution=institution) | Q(issuer__institution=institution),
            pk=membership_id,
        )
        .first()
    )
    if membership is None:
        raise Http404(NOT_FOUND)
    scope_role = (
        institution_role(user, institution)
        if membership.institution_id
        else issuer_role(user, membership.issuer)
    )
    require_role(scope_role, Role.ADMIN)
    return membership


def can_grant(user, scope: Institution | Issuer, role: str) -> bool:
    """Return True if the user may give ``role`` at ``scope``: up to their own role there."""
    held = (
        institution_role(user, scope)
        if isinstance(scope, Institution)
        else issuer_role(user, scope)
    )
    if Role.rank(held) < Role.rank(Role.ADMIN):
        return False
    return Role.rank(role) <= Role.rank(held)
