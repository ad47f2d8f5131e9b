"""The one write path for registering applications and for a learner disconnecting one."""

from __future__ import annotations

from django.db import transaction
from oauth2_provider.generators import generate_client_secret
from oauth2_provider.models import AccessToken, Application, Grant, RefreshToken

from audit.log import record

from .models import ClientProfile
from .registration import ClientMetadata


@transaction.atomic
def register_client(*, metadata: ClientMetadata) -> tuple[Application, str]:
    """Register an application (RFC 7591); return it and its client secret, shown only now.

    The secret is stored as a password hash (django-oauth-toolkit's
    ``hash_client_secret``), so it cannot be read back later.
    """
    secret = generate_client_secret()
    application = Application(
        name=metadata.client_name,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(metadata.redirect_uris),
        client_secret=secret,
        hash_client_secret=True,
        skip_authorization=False,
        registration_source=Application.RegistrationSource.DCR,
    )
    application.full_clean()
    application.save()
    profile = ClientProfile(
        application=application,
        client_uri=metadata.client_uri,
        logo_uri=metadata.logo_uri,
        tos_uri=metadata.tos_uri,
        policy_uri=metadata.policy_uri,
        software_id=metadata.software_id,
        software_version=metadata.software_version,
        contacts=metadata.contacts,
        scope=metadata.scope,
    )
    profile.full_clean(exclude=["application"])
    profile.save()
    record(
        "oauth.client_registered",
        actor=None,
        target=application,
        data={
            "client_id": application.client_id,
            "client_name": metadata.client_name,
            "client_uri": metadata.client_uri,
            "scope": metadata.scope,
        },
    )
    return application, secret


@transaction.atomic
def disconnect_application(*, user, application: Application) -> int:
    """End everything ``application`` holds for ``user``: tokens, refresh tokens and codes.

    Return how many access and refresh tokens were ended. The application stays
    registered; it can ask the learner again.
    """
    access = AccessToken.objects.filter(user=user, application=application)
    refresh = RefreshToken.objects.filter(
        user=user, application=application, revoked__isnull=True
    )
    ended = access.count()
    # Revoking a refresh token also deletes the access token it gave.
    for token in refresh.select_for_update():
        token.revoke()
        ended += 1
    access.delete()
    Grant.objects.filter(user=user, application=application).delete()
    record(
        "oauth.application_disconnected",
        actor=user,
        target=application,
        data={"client_id": application.client_id, "tokens_ended": ended},
    )
    return ended
