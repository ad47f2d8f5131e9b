"""Deleting an account: what must be handed over first, what goes, what stays (without the name)."""

from __future__ import annotations

from importlib import import_module

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.db import transaction
from django.db.models import Q
from django.utils.timezone import now
from django.utils.translation import gettext as _

from audit.log import record
from badges.actions import withdraw_badge_request
from badges.models import Award, BadgeRequest
from issuers.models import Institution, Issuer, Membership, Role
from issuers.validation import field_error
from outbox.actions import enqueue

from ..models import User, verified_addresses
from .accounts import LAST_OWNER_OF, WRONG_PASSWORD


def ownerships_to_hand_over(user: User) -> list[Institution | Issuer]:
    """Return what ``user`` is the last owner of while others depend on it.

    An institution depends on its owner when it has issuers or other staff. An
    issuer owned at issuer level does when no owner of its institution covers
    it and it has badge classes or other staff. Nothing else blocks deletion:
    an institution with no issuers and no other staff is left without owner.
    """
    scopes: list[Institution | Issuer] = []
    owned = Membership.objects.filter(user=user, role=Role.OWNER).select_related(
        "institution", "issuer"
    )
    others = Membership.objects.exclude(user=user)
    for membership in owned:
        if membership.institution_id is not None:
            institution = membership.institution
            covered = others.filter(institution=institution, role=Role.OWNER)
            staff = others.filter(
                Q(institution=institution) | Q(issuer__institution=institution)
            )
            depended_on = institution.issuers.exists() or staff.exists()
        else:
            issuer = membership.issuer
            covered = others.filter(
                Q(issuer=issuer) | Q(institution_id=issuer.institution_id),
                role=Role.OWNER,
            )
            depended_on = (
                issuer.badge_classes.exists() or others.filter(issuer=issuer).exists()
            )
        if depended_on and not covered.exists():
            scopes.append(membership.scope)
    return scopes


@transaction.atomic
def delete_account(*, user: User, password: str) -> None:
    """Delete ``user``'s account and personal data, and keep the issuers' records.

    1. Check the password; refuse while the user is the last owner of
       something others depend on (``ownerships_to_hand_over``).
    2. Withdraw the pending badge requests (decided ones stay, without
       user), and record the end of each staff role in its institution's log.
    3. Stop showing the name on awards to the user's verified addresses. The
       awards themselves stay valid and verifiable: they are the issuers' records.
    4. Record ``account.deleted`` with counts only, and delete the user row.
       E-mail addresses, API tokens, memberships and the backpack (stored and
       imported credentials, collections, share links) go with it; audit
       events, invitations, bulk uploads, awards and badge requests keep their
       rows with the user set to NULL.
    5. Once committed, e-mail the former sign-in address and end the stored
       sessions signed in as the user.

    Raise ValidationError on ``password`` for a wrong password, and on
    ``account`` (code ``last_owner``) naming what must be handed over first.
    """
    from ..emails import language_of
    from ..tasks import end_sessions_task, send_account_deleted_email_task

    user = User.objects.select_for_update().get(pk=user.pk)
    if not user.check_password(password):
        raise field_error("password", _(WRONG_PASSWORD), "wrong_password")
    scopes = ownerships_to_hand_over(user)
    if scopes:
        names = ", ".join(f"“{scope}”" for scope in scopes)
        raise field_error("account", _(LAST_OWNER_OF) % {"names": names}, "last_owner")
    pending = BadgeRequest.objects.pending().filter(user=user)
    withdrawn = 0
    for badge_request in pending.select_related("issuer__institution", "badge_class"):
        withdraw_badge_request(badge_request=badge_request, acting_user=user)
        withdrawn += 1
    for membership in user.memberships.select_related(
        "institution", "issuer__institution"
    ):
        # What remove_staff records, so each institution's own log shows who left.
        scope = membership.scope
        record(
            "membership.removed",
            actor=None,
            target=membership,
            institution=membership.scope_institution,
            issuer=scope if isinstance(scope, Issuer) else None,
            data={
                "role": membership.role,
                "user": str(user.uuid),
                "account_deleted": True,
            },
        )
    names_hidden = Award.objects.filter(
        recipient_identity__in=verified_addresses(user), show_name_publicly=True
    ).update(show_name_publicly=False)
    counts = {
        **_personal_data_counts(user),
        "badge_requests_withdrawn": withdrawn,
        "award_names_hidden": names_hidden,
    }
    # No actor: the event must outlive the account without naming the person.
    record("account.deleted", actor=None, target=user, data=counts)
    user_id, email, language = user.pk, user.email, language_of(user)
    user.delete()
    enqueue(end_sessions_task, user_id)
    enqueue(send_account_deleted_email_task, email, language, sealed=True)


def _personal_data_counts(user: User) -> dict[str, int]:
    """Count what deleting ``user`` removes, and the badge requests that stay without user."""
    stored = user.stored_credentials
    return {
        "email_addresses": user.email_addresses.count(),
        "api_tokens": user.api_tokens.count(),
        "memberships": user.memberships.count(),
        "stored_credentials": stored.filter(award__isnull=False).count(),
        "imported_credentials": stored.filter(award__isnull=True).count(),
        "collections": user.collections.count(),
        "share_links": user.share_links.count(),
        "badge_requests_kept": user.badge_requests.count(),
    }


def end_sessions(*, user_id: int) -> int:
    """Delete the stored sessions signed in as ``user_id``; return how many.

    Only stores kept in a database table (``db``, ``cached_db``) can be
    searched. Sessions in other stores cannot be found, but they no longer
    sign anyone in once the user row is gone, and they expire.
    """
    store = import_module(settings.SESSION_ENGINE).SessionStore
    if not hasattr(store, "get_model_class"):
        return 0
    rows = (
        store.get_model_class()
        .objects.filter(expire_date__gt=now())
        .values_list("session_key", "session_data")
    )
    ended = 0
    for key, data in rows.iterator():
        if store().decode(data).get(SESSION_KEY) == str(user_id):
            store(session_key=key).delete()
            ended += 1
    return ended
