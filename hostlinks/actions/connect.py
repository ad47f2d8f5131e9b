"""Connecting the backpack to another OB 3.0 host: discovery, one registration, the learner's grant.

The registration (RFC 7591 with OB 3.0 §7.1.1's metadata) is made once per
host and shared by every learner here. Each learner is then sent to the
host's authorization page with PKCE (S256) and a ``state`` kept in their
session; the callback checks that state and exchanges the code with the
client's Basic credentials and the ``code_verifier``. Network work is done
before the transaction, so a failure leaves nothing written.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import asdict, dataclass
from datetime import timedelta
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import gettext as _

from audit.log import record
from authserver import scopes
from hostapi import discovery as our_discovery
from issuers.signing import open_secret, seal_secret

from .. import client
from ..client import RemoteError
from ..models import HostLink, RemoteHost

SOFTWARE_ID = "https://github.com/insignia/insignia"
SOFTWARE_VERSION = "1"
REFRESH_MARGIN = timedelta(seconds=30)  # renew a token this long before it runs out


@dataclass(frozen=True)
class Pending:
    """What the learner's session keeps between leaving for the host and coming back."""

    state: str
    verifier: str
    host: str  # RemoteHost.uuid

    def as_session(self) -> dict:
        return asdict(self)


def redirect_uri() -> str:
    return settings.PUBLIC_BASE_URL + reverse("hostlinks:callback")


def begin_connect(*, user, address: str) -> tuple[str, Pending]:
    """Discover the host at ``address``, register once; return its authorization URL and the pending grant.

    Raise ValidationError for an address that is not a URL, RemoteError for
    a host that cannot be discovered or refuses the registration.
    """
    try:
        URLValidator(schemes=["http", "https"])(address.strip())
    except ValidationError:
        raise ValidationError(
            _(
                "Give the host's address: an https:// link to it or to its discovery document."
            ),
            code="bad_link",
        ) from None
    discovery = client.discover(client.discovery_url(address))
    host = _registered(discovery, user)
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest())
    pending = Pending(
        state=secrets.token_urlsafe(24), verifier=verifier, host=str(host.uuid)
    )
    query = urlencode(
        {
            "response_type": "code",
            "client_id": host.client_id,
            "redirect_uri": redirect_uri(),
            "scope": host.scope,
            "state": pending.state,
            "code_challenge": challenge.rstrip(b"=").decode("ascii"),
            "code_challenge_method": "S256",
        }
    )
    separator = "&" if "?" in host.authorization_url else "?"
    return f"{host.authorization_url}{separator}{query}", pending


def finish_connect(
    *, user, pending: dict | None, state: str, code: str, error: str
) -> HostLink:
    """Take the host's answer at the callback; exchange the code; keep the learner's tokens.

    Raise RemoteError when the state is not the one this session sent, when
    the learner did not allow the connection, or when the exchange fails.
    """
    if (
        not pending
        or not state
        or not hmac.compare_digest(str(pending.get("state")).encode(), state.encode())
    ):
        raise RemoteError(
            _(
                "This answer does not belong to a connection started in this session. Start again."
            )
        )
    host = RemoteHost.objects.filter(uuid=pending.get("host")).first()
    if host is None:
        raise RemoteError(_("The host is no longer known here. Start again."))
    if error or not code:
        raise RemoteError(
            _("%(host)s did not connect: %(reason)s")
            % {"host": host.name, "reason": error or _("no code came back")}
        )
    try:
        tokens = client.exchange_code(
            host.token_url,
            host.client_id,
            open_secret(host.sealed_client_secret),
            code=code,
            verifier=str(pending.get("verifier")),
            redirect_uri=redirect_uri(),
        )
    except RemoteError as exc:
        if exc.code == "invalid_client":
            _forget_registration(host, user)
        raise
    with transaction.atomic():
        link, created = HostLink.objects.select_for_update().get_or_create(
            user=user, host=host, defaults={"sealed_access_token": ""}
        )
        _keep(link, tokens)
        record(
            "hostlink.connected",
            actor=user,
            target=link,
            data={
                "host": host.discovery_url,
                "scope": link.scope,
                "again": not created,
            },
        )
    return link


def usable_token(link: HostLink) -> str:
    """Return an access token for ``link`` that has not run out, renewing it first if it has."""
    if link.expires_at is None or now() < link.expires_at - REFRESH_MARGIN:
        return open_secret(link.sealed_access_token)
    with transaction.atomic():
        # One renewal at a time: a rotated refresh token used twice ends the grant.
        link = (
            HostLink.objects.select_for_update().select_related("host").get(pk=link.pk)
        )
        if link.expires_at and now() < link.expires_at - REFRESH_MARGIN:
            return open_secret(link.sealed_access_token)
        if not link.sealed_refresh_token:
            raise RemoteError(
                _("The access to %(host)s has run out: connect again.")
                % {"host": link.host.name}
            )
        host = link.host
        try:
            tokens = client.refresh(
                host.token_url,
                host.client_id,
                open_secret(host.sealed_client_secret),
                open_secret(link.sealed_refresh_token),
            )
        except RemoteError as exc:
            if exc.retry:
                raise
            raise RemoteError(
                _(
                    "%(host)s no longer accepts this connection: connect again. (%(reason)s)"
                )
                % {"host": host.name, "reason": exc}
            ) from None
        _keep(link, tokens)
    return tokens.access_token


def remote_profile(*, user, link: HostLink) -> dict:
    """Return the learner's profile at the host (getProfile)."""
    return client.get_profile(link.host.api_base, usable_token(link))


def disconnect(*, user, link: HostLink) -> None:
    """Revoke the learner's tokens at the host (if it lets us) and forget them here."""
    host = link.host
    secret = open_secret(host.sealed_client_secret)
    url = client.revocation_url(host.token_url)
    for sealed, hint in (
        (link.sealed_refresh_token, "refresh_token"),
        (link.sealed_access_token, "access_token"),
    ):
        if sealed:
            client.revoke(url, host.client_id, secret, open_secret(sealed), hint)
    with transaction.atomic():
        record(
            "hostlink.disconnected",
            actor=user,
            target=link,
            data={"host": host.discovery_url},
        )
        link.delete()


def _keep(link: HostLink, tokens: client.Tokens) -> None:
    link.sealed_access_token = seal_secret(tokens.access_token)
    if tokens.refresh_token:
        link.sealed_refresh_token = seal_secret(tokens.refresh_token)
    link.expires_at = (
        now() + timedelta(seconds=tokens.expires_in) if tokens.expires_in else None
    )
    link.scope = tokens.scope or link.scope or link.host.scope
    link.full_clean(validate_constraints=False, exclude=["user", "host"])
    link.save()


def _forget_registration(host: RemoteHost, user) -> None:
    """The host no longer knows our client: forget it (when no learner uses it) so that the next
    connection registers again, instead of failing the same way for ever."""
    with transaction.atomic():
        if host.links.exists():
            return
        record(
            "remote_host.forgotten",
            actor=user,
            target=host,
            data={"host": host.discovery_url, "client_id": host.client_id},
        )
        host.delete()


def _registered(discovery: client.Discovery, user) -> RemoteHost:
    """Return our registration at the host, registering first if there is none yet."""
    host = RemoteHost.objects.filter(discovery_url=discovery.url).first()
    if host is not None:
        return host
    wanted = [
        s for s in scopes.OB3_SCOPES if not discovery.scopes or s in discovery.scopes
    ]
    client_id, secret, granted = client.register(discovery, _metadata(" ".join(wanted)))
    host = RemoteHost(
        discovery_url=discovery.url,
        name=discovery.name,
        api_base=discovery.api_base,
        authorization_url=discovery.authorization_url,
        token_url=discovery.token_url,
        registration_url=discovery.registration_url,
        client_id=client_id,
        sealed_client_secret=seal_secret(secret),
        scope=" ".join(s for s in granted.split() if s in scopes.OB3_SCOPES),
    )
    host.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            host.save()
            record(
                "remote_host.registered",
                actor=user,
                target=host,
                data={
                    "host": discovery.url,
                    "client_id": client_id,
                    "scope": host.scope,
                },
            )
    except IntegrityError:  # another learner's registration got there first
        return RemoteHost.objects.get(discovery_url=discovery.url)
    return host


def _metadata(scope: str) -> dict:
    """Our client metadata (OB 3.0 §7.1.1): every URL on this site's host, as the spec requires."""
    base = settings.PUBLIC_BASE_URL
    return {
        "client_name": f"{settings.SITE_NAME or 'Insignia'} ({urlsplit(base).netloc})",
        "client_uri": base + "/",
        "logo_uri": base + settings.STATIC_URL.rstrip("/") + "/img/favicon.svg",
        # OB 3.0 §7.1.1: every URL on one host; terms kept elsewhere give way to ours.
        "tos_uri": _on_our_host(our_discovery.terms_url())
        or base + reverse("about:terms"),
        "policy_uri": _on_our_host(our_discovery.privacy_url())
        or base + reverse("about:privacy"),
        "software_id": SOFTWARE_ID,
        "software_version": SOFTWARE_VERSION,
        "redirect_uris": [redirect_uri()],
        "token_endpoint_auth_method": "client_secret_basic",
        "grant_types": ["authorization_code", "refresh_token"],
        "response_types": ["code"],
        "scope": scope,
    }


def _on_our_host(url: str) -> str:
    ours = urlsplit(settings.PUBLIC_BASE_URL).hostname
    return url if url and urlsplit(url).hostname == ours else ""
