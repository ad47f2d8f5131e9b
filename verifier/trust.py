"""Who issued a verified credential, on this deployment: its own issuers and the trust registries.

``issuer_identity(report)`` judges a report (a ``VerificationReport``, or
the JSON form the backpack stores) when it is shown, not when it was made,
so a stored import gets the evidence too and a registry change applies to
every page. The judgement itself is the core's (``credentials.trust``);
this module supplies what only the deployment knows:

* which identifiers are its own issuers' (their did:web under
  ``PUBLIC_BASE_URL``, their OB 2.0 profiles, the awards hosted here);
* the trust registries an operator configured in ``TRUST_REGISTRIES``
  (URLs, fetched through the safe client and cached for an hour, or file
  paths, read again when the file changes).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache
from django.http import Http404
from django.utils.translation import gettext as _

from credentials import jsontext
from credentials.did import did_for
from credentials.errors import DecodeError
from credentials.report import PASSED, VerificationReport
from credentials.trust import (
    DID_WEB,
    DID_WEB_DOMAIN_MATCH,
    NO_ISSUER,
    NOT_PROVEN,
    PLATFORM,
    REGISTRY,
    SELF_ASSERTED,
    WEB_DOMAIN,
    WEB_DOMAIN_MATCH,
    IssuerClaim,
    IssuerIdentity,
    RegistryError,
    TrustRegistry,
    identify,
    issuer_claim,
    parse_registry,
)

from .fetching import FetchError, fetch

logger = logging.getLogger(__name__)

REGISTRY_SECONDS = 3600  # a fetched registry is used for an hour
FAILURE_SECONDS = 300  # an unreachable one is tried again after five minutes
_files: dict[str, tuple[tuple[int, int], TrustRegistry]] = {}


@dataclass(frozen=True)
class RegistrySource:
    """One configured registry: the name to show and where it is (a URL or a file path)."""

    name: str
    location: str

    @property
    def is_url(self) -> bool:
        return self.location.startswith(("https://", "http://"))


# --- Judging a report ------------------------------------------------------------------------


def issuer_identity(report: VerificationReport | Mapping[str, Any]) -> IssuerIdentity:
    """Return the evidence for who issued the credential a report is about."""
    claim, proven, credential = _read(report)
    if not claim.id:
        return identify(claim, proven=proven)
    registries, unavailable = load_registries()
    return identify(
        claim,
        proven=proven,
        ours=our_issuer_name(claim, credential) if proven else None,
        registries=registries,
        unavailable=unavailable,
    )


def claim_json(report: VerificationReport) -> dict[str, str]:
    """Return what the credential says of its issuer (stored with a report, for later pages)."""
    claim = issuer_claim(report.credential, report.documents)
    return {"id": claim.id, "name": claim.name, "url": claim.url}


def _read(
    report: VerificationReport | Mapping[str, Any],
) -> tuple[IssuerClaim, bool, Mapping[str, Any]]:
    if isinstance(report, VerificationReport):
        statuses = {c.name: c.status for c in report.checks}
        credential = report.credential or {}
        claim = issuer_claim(credential, report.documents)
    else:
        statuses = {
            c.get("name"): c.get("status")
            for c in report.get("checks", [])
            if isinstance(c, Mapping)
        }
        credential = report.get("credential") or {}
        stored = report.get("issuer")
        claim = (
            IssuerClaim(**{k: str(stored.get(k) or "") for k in ("id", "name", "url")})
            if isinstance(stored, Mapping)
            else issuer_claim(credential)
        )
    proven = statuses.get("issuer_key") == PASSED and statuses.get("proof") == PASSED
    return claim, proven, credential if isinstance(credential, Mapping) else {}


# --- This platform's own issuers -------------------------------------------------------------


def our_issuer_name(claim: IssuerClaim, credential: Mapping[str, Any]) -> str | None:
    """Return the name of the issuer of ours the claim identifies, or None if it is not ours.

    Ours are: the did:web this platform gives each issuer
    (``credentials.did.did_for``), the OB 2.0 issuer profile it hosts
    (``/public/issuers/<uuid>``), and, for an OB 2.0 report stored without
    its profile, an assertion or credential hosted here (``/public/...``).
    """
    from issuers.access import public_issuer

    base = settings.PUBLIC_BASE_URL.rstrip("/")
    did_prefix = did_for(base, "-")[:-1]
    profile_prefix = f"{base}/public/issuers/"
    try:
        if claim.id.startswith(did_prefix):
            return public_issuer(claim.id.removeprefix(did_prefix)).name
        if claim.id.startswith(profile_prefix):
            return public_issuer(claim.id.removeprefix(profile_prefix)).name
    except Http404:
        return None
    award = our_award(credential) if claim.id == _origin(base) else None
    return award.issuer.name if award is not None else None


def our_award(credential: Mapping[str, Any]):
    """Return the award of ours a credential or assertion is (by its ``id``), or None."""
    from badges.access import public_award

    base = settings.PUBLIC_BASE_URL.rstrip("/")
    hosted = str(credential.get("id") or "")
    for kind in ("assertions", "credentials"):
        prefix = f"{base}/public/{kind}/"
        if hosted.startswith(prefix):
            try:
                return public_award(hosted.removeprefix(prefix))
            except Http404:
                return None
    return None


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


# --- Trust registries ------------------------------------------------------------------------


def configured_sources() -> list[RegistrySource]:
    """Return the registries in ``TRUST_REGISTRIES``, most authoritative first.

    Each item is a URL or a file path, optionally named: ``Name=location``
    (a ``=`` counts as naming only when no ``/`` comes before it, so query
    strings in URLs are left alone). Unnamed, a registry is called by the
    name it gives itself (``meta.name``), else by its host or file name.
    """
    sources = []
    for item in settings.TRUST_REGISTRIES:
        item = item.strip()
        name, sep, rest = item.partition("=")
        if sep and "/" not in name and rest.strip():
            sources.append(RegistrySource(name.strip(), rest.strip()))
        elif item:
            sources.append(RegistrySource("", item))
    return sources


def load_registries() -> tuple[list[TrustRegistry], list[str]]:
    """Return the registries that could be read, and the names of those that could not."""
    registries, unavailable = [], []
    for source in configured_sources():
        try:
            registries.append(_load(source))
        except (FetchError, LookupError, OSError, DecodeError, RegistryError) as exc:
            logger.warning("Trust registry %s unavailable: %s", source.location, exc)
            unavailable.append(source.name or _fallback_name(source))
    return registries, unavailable


def _fallback_name(source: RegistrySource) -> str:
    if source.is_url:
        return urlsplit(source.location).hostname or source.location
    return Path(source.location).name


def _load(source: RegistrySource) -> TrustRegistry:
    if not source.is_url:
        return _load_file(source)
    key = "trust-registry:" + hashlib.sha256(source.location.encode()).hexdigest()
    cached = cache.get(key)
    if cached is None:
        try:
            cached = ("ok", _fetch_registry(source))
            cache.set(key, cached, REGISTRY_SECONDS)
        except (FetchError, LookupError, DecodeError, RegistryError) as exc:
            cache.set(key, ("failed", str(exc)), FAILURE_SECONDS)
            raise
    if cached[0] != "ok":
        raise LookupError(cached[1])
    return cached[1]


def _fetch_registry(source: RegistrySource) -> TrustRegistry:
    fetched = fetch(source.location, accept="application/json")
    if fetched.status != 200:
        raise LookupError(
            _("%(url)s answered %(status)s.")
            % {"url": source.location, "status": fetched.status}
        )
    return _parse(jsontext.loads(fetched.body), source)


def _load_file(source: RegistrySource) -> TrustRegistry:
    path = Path(source.location)
    stat = path.stat()
    version = (stat.st_mtime_ns, stat.st_size)
    known = _files.get(source.location)
    if known is not None and known[0] == version:
        return known[1]
    registry = _parse(jsontext.loads(path.read_bytes()), source)
    _files[source.location] = (version, registry)
    return registry


def _parse(document: Any, source: RegistrySource) -> TrustRegistry:
    registry = parse_registry(document, name=source.name)
    if registry.name:
        return registry
    return TrustRegistry(name=_fallback_name(source), entries=registry.entries)


# --- In words --------------------------------------------------------------------------------


def headline(identity: IssuerIdentity) -> str:
    """Return the evidence in a few words (the label beside the issuer's name)."""
    if identity.code == PLATFORM:
        return _("An issuer of this platform")
    if identity.code == REGISTRY:
        return _("Listed in a trust registry")
    if identity.code in (DID_WEB_DOMAIN_MATCH, WEB_DOMAIN_MATCH):
        return _("Web domain matches the issuer's website")
    if identity.code in (DID_WEB, WEB_DOMAIN):
        return _("Published on %(domain)s") % {"domain": identity.domain}
    if identity.code == SELF_ASSERTED:
        return _("Self-asserted: anyone can create this key")
    return _("Issuer not established")


def explanation(identity: IssuerIdentity) -> list[str]:
    """Return sentences saying what the evidence means, and what it does not prove."""
    facts = {
        "name": identity.name,
        "claimed": identity.claimed_name,
        "domain": identity.domain,
        "url_domain": identity.url_domain,
        "registry": identity.registry,
        "method": identity.method,
    }
    code = identity.code
    if code == PLATFORM:
        lines = [_("%(name)s issues its badges on this platform.") % facts]
    elif code == REGISTRY:
        lines = [_("%(registry)s lists this issuer as “%(name)s”.") % facts]
        if identity.registry_entry and identity.registry_entry.location:
            lines[0] += " " + _("Location: %(location)s.") % {
                "location": identity.registry_entry.location
            }
    elif code in (DID_WEB_DOMAIN_MATCH, WEB_DOMAIN_MATCH):
        lines = [
            _(
                "The issuer's key is published on %(domain)s, the domain of the "
                "website the issuer names."
            )
            % facts
        ]
    elif code in (DID_WEB, WEB_DOMAIN):
        lines = [
            _(
                "The issuer's key is published on %(domain)s: whoever controls that domain issued it."
            )
            % facts
        ]
        if identity.url_domain and identity.url_domain != identity.domain:
            lines.append(
                _("The website the issuer names is on another domain, %(url_domain)s.")
                % facts
            )
        elif not identity.url_domain:
            lines.append(_("The issuer names no website to compare it with."))
    elif code == SELF_ASSERTED:
        lines = [
            _(
                "The issuer is identified only by a key (%(method)s) that anyone can "
                "create, and no trust registry lists it."
            )
            % facts
        ]
        if identity.claimed_name:
            lines.append(
                _(
                    "The name “%(claimed)s” is the credential's own claim: who issued "
                    "it is not verified."
                )
                % facts
            )
        else:
            lines.append(_("Who issued it is not verified."))
    elif identity.reason == NOT_PROVEN:
        lines = [_("The signature was not proven, so who issued it is not known.")]
    elif identity.reason == NO_ISSUER:
        lines = [_("No issuer could be read from the credential.")]
    else:
        lines = [
            _(
                "The issuer is identified by %(method)s, a method this verifier does "
                "not judge: who issued it is not verified."
            )
            % facts
        ]
    if identity.name_mismatch:
        vouched = identity.registry if code == REGISTRY else _("this platform")
        lines.append(
            _(
                "The credential calls its issuer “%(claimed)s”; %(vouched)s names it “%(name)s”."
            )
            % {**facts, "vouched": vouched}
        )
    if identity.unavailable and code not in (PLATFORM, REGISTRY):
        lines.append(
            _("Not checked against %(names)s: the trust registry could not be read.")
            % {"names": ", ".join(identity.unavailable)}
        )
    return lines


def identity_json(identity: IssuerIdentity) -> dict[str, Any]:
    """Return the verify API's ``issuer_identity``: the stable fields, with words in the page's language."""
    return {
        **identity.as_json(),
        "summary": headline(identity),
        "details": explanation(identity),
    }
