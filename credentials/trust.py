"""Who issued a credential: the evidence for the issuer's identity, beside its signature.

A valid signature proves only that whoever holds the issuer's key signed.
Who holds the key is a separate question, answered by what backs the
issuer's identifier (OB 3.0 section 5.1, "Issuer"; VC Data Model 2.0
section 4.7, "Issuer": the identifier is the issuer's, its meaning depends
on its method)::

    >>> claim = issuer_claim({"issuer": {"id": "did:key:z6Mk...", "name": "Riga Tech"}})
    >>> identify(claim, proven=True).code
    'self_asserted'
    >>> registry = parse_registry(
    ...     {"meta": {}, "registry": {"did:key:z6Mk...": {"name": "Riga Tech"}}},
    ...     name="Latvian registry",
    ... )
    >>> identify(claim, proven=True, registries=[registry]).code
    'registry'

The evidence classes, strongest first (``CODES``):

``platform``
    the issuer is one of this platform's (the caller knows its own; pass ``ours``);
``registry``
    a configured trust registry lists the identifier, under a name of its own;
``did_web_domain_match``
    a ``did:web`` whose host is the host of the issuer's own ``url``;
``web_domain_match``
    an ``https`` identifier (OB 2.0 profiles, some OB 3.0 issuers) on the
    host of the issuer's own ``url``;
``did_web``
    a ``did:web`` on another host than the issuer's ``url`` (or with no ``url``);
``web_domain``
    an ``https`` identifier on another host than the issuer's ``url``: the
    profile and key are published under that host (a hosting service's, often);
``self_asserted``
    a ``did:key`` or ``did:jwk``: the identifier is the key itself, which
    anyone can create, so the name is only the credential's own claim;
``unknown``
    no identity: the signature was not proven, there is no issuer, or the
    identifier's method says nothing about who holds it.

Trust registries use the shape of the Digital Credentials Consortium's
issuer registries (read by ``@digitalcredentials/issuer-registry-client``)::

    {"meta": {"created": "...", "updated": "..."},
     "registry": {"did:key:z6Mk...": {"name": "My University",
                                      "location": "Cambridge, MA, USA",
                                      "url": "https://digitalcredentials.mit.edu"}}}

Earlier registries named the map ``entries``; both are read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urlsplit

from .errors import CredentialError

__all__ = [
    "PLATFORM",
    "REGISTRY",
    "DID_WEB_DOMAIN_MATCH",
    "DID_WEB",
    "WEB_DOMAIN_MATCH",
    "WEB_DOMAIN",
    "SELF_ASSERTED",
    "UNKNOWN",
    "CODES",
    "CONFIRMED_CODES",
    "NOT_PROVEN",
    "NO_ISSUER",
    "OTHER_METHOD",
    "RegistryError",
    "RegistryEntry",
    "TrustRegistry",
    "IssuerClaim",
    "IssuerIdentity",
    "parse_registry",
    "issuer_claim",
    "identify",
    "did_web_host",
    "url_host",
    "same_domain",
]

PLATFORM = "platform"
REGISTRY = "registry"
DID_WEB_DOMAIN_MATCH = "did_web_domain_match"
DID_WEB = "did_web"
WEB_DOMAIN_MATCH = "web_domain_match"
WEB_DOMAIN = "web_domain"
SELF_ASSERTED = "self_asserted"
UNKNOWN = "unknown"
CODES = (
    PLATFORM,
    REGISTRY,
    DID_WEB_DOMAIN_MATCH,
    WEB_DOMAIN_MATCH,
    DID_WEB,
    WEB_DOMAIN,
    SELF_ASSERTED,
    UNKNOWN,
)
# Evidence that ties the identifier to the organisation the credential names
# (its registry entry, or the host of its own website), not only to a key or a host.
CONFIRMED_CODES = (PLATFORM, REGISTRY, DID_WEB_DOMAIN_MATCH, WEB_DOMAIN_MATCH)
# Why there is no identity at all (``IssuerIdentity.reason`` with ``UNKNOWN``).
NOT_PROVEN, NO_ISSUER, OTHER_METHOD = "not_proven", "no_issuer", "other_method"
MAX_REGISTRY_ENTRIES = 100_000


class RegistryError(CredentialError):
    """The trust registry is not a registry document."""

    code = "bad_registry"


@dataclass(frozen=True)
class RegistryEntry:
    """What a registry says about one identifier."""

    name: str
    url: str = ""
    location: str = ""


@dataclass(frozen=True)
class TrustRegistry:
    """A registry's name (the operator's, or its own) and its entries by identifier."""

    name: str
    entries: Mapping[str, RegistryEntry]

    def entry(self, identifier: str) -> RegistryEntry | None:
        return self.entries.get(identifier)


@dataclass(frozen=True)
class IssuerClaim:
    """What a credential says about its issuer: identifier, name and web address."""

    id: str = ""
    name: str = ""
    url: str = ""


@dataclass(frozen=True)
class IssuerIdentity:
    """The evidence for who issued a credential; ``code`` is one of ``CODES``.

    ``name`` is the name to show: the one this platform or a registry gives
    when they vouch for the identifier, else the credential's own claim
    (``claimed_name``). ``name_mismatch`` is True when the two differ.
    ``domain`` is the host that holds the identifier (did:web, https);
    ``url_domain`` the host of the issuer's claimed ``url``.
    ``unavailable`` names the registries that could not be read, so an
    identifier not found in them is not said to be absent from them.
    """

    code: str
    issuer_id: str = ""
    claimed_name: str = ""
    claimed_url: str = ""
    name: str = ""
    method: str = ""  # "did:key", "did:jwk", "did:web", "https", "did:<other>" or ""
    domain: str = ""
    url_domain: str = ""
    registry: str = ""
    registry_entry: RegistryEntry | None = None
    name_mismatch: bool = False
    reason: str = ""  # with UNKNOWN: NOT_PROVEN, NO_ISSUER or OTHER_METHOD
    unavailable: tuple[str, ...] = field(default_factory=tuple)

    @property
    def confirmed(self) -> bool:
        """True when the evidence ties the identifier to a named organisation."""
        return self.code in CONFIRMED_CODES

    def as_json(self) -> dict[str, Any]:
        """Return the stable JSON form (the verify API's ``issuer_identity``, without words)."""
        entry = self.registry_entry
        return {
            "code": self.code,
            "confirmed": self.confirmed,
            "id": self.issuer_id,
            "name": self.name,
            "claimed_name": self.claimed_name,
            "name_mismatch": self.name_mismatch,
            "method": self.method,
            "domain": self.domain,
            "url": self.claimed_url,
            "url_domain": self.url_domain,
            "registry": (
                {
                    "name": self.registry,
                    "entry_name": entry.name,
                    "entry_url": entry.url,
                    "entry_location": entry.location,
                }
                if entry is not None
                else None
            ),
            "reason": self.reason,
            "unavailable_registries": list(self.unavailable),
        }


# --- Registries ------------------------------------------------------------------------------


def parse_registry(document: Any, *, name: str) -> TrustRegistry:
    """Return the registry in ``document`` (parsed JSON), called ``name`` unless it names itself.

    Raise ``RegistryError`` when the document is not an object with a
    ``registry`` (or ``entries``) object of identifiers, or an entry is not
    an object with a non-empty ``name``.
    """
    if not isinstance(document, Mapping):
        raise RegistryError("The trust registry is not a JSON object.")
    entries = document.get("registry", document.get("entries"))
    if not isinstance(entries, Mapping):
        raise RegistryError(
            'The trust registry has no "registry" object of identifiers.'
        )
    if len(entries) > MAX_REGISTRY_ENTRIES:
        raise RegistryError(
            f"The trust registry lists more than {MAX_REGISTRY_ENTRIES} identifiers."
        )
    parsed: dict[str, RegistryEntry] = {}
    for identifier, entry in entries.items():
        if not isinstance(entry, Mapping) or not _text(entry.get("name")):
            raise RegistryError(
                f"The trust registry's entry for {identifier} has no name."
            )
        parsed[str(identifier)] = RegistryEntry(
            name=_text(entry["name"]),
            url=_text(entry.get("url")),
            location=_text(entry.get("location")),
        )
    meta = document.get("meta")
    own_name = _text(meta.get("name")) if isinstance(meta, Mapping) else ""
    return TrustRegistry(name=name or own_name, entries=parsed)


# --- Reading the claim -----------------------------------------------------------------------


def issuer_claim(
    credential: Mapping[str, Any] | None,
    documents: Mapping[str, Any] | None = None,
) -> IssuerClaim:
    """Return what the credential says about its issuer.

    OB 3.0 (and any VC): the ``issuer`` property, a URI or a Profile object
    with ``id``, ``name`` and ``url``. OB 2.0: the issuer Profile the
    verification read (``documents["issuer"]``); without it (a report stored
    without documents), the origin of the hosted assertion's ``id`` or of
    the signing key (``verification.creator``), which the verification
    checked against the issuer's profile.
    """
    credential = credential if isinstance(credential, Mapping) else {}
    documents = documents if isinstance(documents, Mapping) else {}
    if "credentialSubject" in credential or "issuer" in credential:
        issuer = credential.get("issuer")
        if isinstance(issuer, Mapping):
            return IssuerClaim(
                id=_text(issuer.get("id")),
                name=_name(issuer.get("name")),
                url=_id_text(issuer.get("url")),
            )
        return IssuerClaim(id=_text(issuer))
    profile = documents.get("issuer")
    if isinstance(profile, Mapping) and _text(profile.get("id")):
        return IssuerClaim(
            id=_text(profile.get("id")),
            name=_name(profile.get("name")),
            url=_id_text(profile.get("url")),
        )
    verification = credential.get("verification")
    creator = (
        _id_text(verification.get("creator"))
        if isinstance(verification, Mapping)
        else ""
    )
    reference = creator or _text(credential.get("id"))
    parts = urlsplit(reference)
    if parts.scheme in ("http", "https") and parts.netloc:
        return IssuerClaim(id=f"{parts.scheme}://{parts.netloc}")
    return IssuerClaim()


# --- Judging it ------------------------------------------------------------------------------


def identify(
    claim: IssuerClaim,
    *,
    proven: bool,
    ours: str | None = None,
    registries: Iterable[TrustRegistry] = (),
    unavailable: Iterable[str] = (),
) -> IssuerIdentity:
    """Return the evidence for who issued a credential making ``claim``.

    ``proven`` says the verification proved the issuer's key signed it (the
    issuer-key and proof checks passed); without it there is no identity.
    ``ours`` is this platform's name for the issuer when the identifier is
    one of the platform's (the caller looks it up), else None. Registries
    are asked in order, most authoritative first (as the DCC client does);
    ``unavailable`` names configured registries that could not be read.
    """
    method = _method(claim.id)
    common = {
        "issuer_id": claim.id,
        "claimed_name": claim.name,
        "claimed_url": claim.url,
        "method": method,
        "domain": _domain(claim.id, method),
        "url_domain": url_host(claim.url),
        "unavailable": tuple(unavailable),
    }
    if not claim.id:
        return IssuerIdentity(UNKNOWN, reason=NO_ISSUER, **common)
    if not proven:
        return IssuerIdentity(UNKNOWN, reason=NOT_PROVEN, **common)
    if ours is not None:
        return IssuerIdentity(
            PLATFORM,
            name=ours or claim.name,
            name_mismatch=_differ(ours, claim.name),
            **common,
        )
    for registry in registries:
        entry = registry.entry(claim.id)
        if entry is not None:
            return IssuerIdentity(
                REGISTRY,
                name=entry.name,
                registry=registry.name,
                registry_entry=entry,
                name_mismatch=_differ(entry.name, claim.name),
                **common,
            )
    matched = same_domain(common["domain"], common["url_domain"])
    if method == "did:web":
        code = DID_WEB_DOMAIN_MATCH if matched else DID_WEB
        return IssuerIdentity(code, name=claim.name, **common)
    if method == "https":
        code = WEB_DOMAIN_MATCH if matched else WEB_DOMAIN
        return IssuerIdentity(code, name=claim.name, **common)
    if method in ("did:key", "did:jwk"):
        return IssuerIdentity(SELF_ASSERTED, name=claim.name, **common)
    return IssuerIdentity(UNKNOWN, name=claim.name, reason=OTHER_METHOD, **common)


def did_web_host(did: str) -> str:
    """Return the host of a ``did:web`` DID (lower case, without a port), or ""."""
    if not did.startswith("did:web:"):
        return ""
    host = unquote(did[len("did:web:") :].split(":", 1)[0].split("#", 1)[0])
    return _hostname(host)


def url_host(url: str) -> str:
    """Return the host of an http(s) URL (lower case, without a port), or ""."""
    try:
        parts = urlsplit(url.strip())
        host = parts.hostname or ""
    except ValueError:
        return ""
    return host.lower() if parts.scheme in ("http", "https") else ""


def same_domain(a: str, b: str) -> bool:
    """True when two hosts are the same, a leading ``www.`` aside.

    Subdomains are not counted as the same: without the public suffix list
    ``x.github.io`` and ``github.io`` cannot be told from ``badges.rtu.lv``
    and ``rtu.lv``, and a page shows both hosts when they differ.
    """
    return bool(a) and bool(b) and _bare(a) == _bare(b)


def _bare(host: str) -> str:
    host = host.lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def _hostname(host: str) -> str:
    try:
        return (urlsplit(f"https://{host}").hostname or "").lower()
    except ValueError:
        return ""


def _method(identifier: str) -> str:
    if identifier.startswith("did:"):
        parts = identifier.split(":", 2)
        return f"did:{parts[1]}" if len(parts) == 3 and parts[1] else ""
    return "https" if url_host(identifier) else ""


def _domain(identifier: str, method: str) -> str:
    if method == "did:web":
        return did_web_host(identifier)
    if method == "https":
        return url_host(identifier)
    return ""


_SPACE = re.compile(r"\s+")


def _differ(vouched: str, claimed: str) -> bool:
    """True when a name someone vouches for is not the one the credential claims."""
    if not vouched or not claimed:
        return False
    return _SPACE.sub(" ", vouched).strip().casefold() != (
        _SPACE.sub(" ", claimed).strip().casefold()
    )


def _text(value: Any) -> str:
    return value.strip() if isinstance(value, str) else ""


def _id_text(value: Any) -> str:
    """A URI given as a string or as an object with an ``id``."""
    return _text(value.get("id")) if isinstance(value, Mapping) else _text(value)


def _name(value: Any) -> str:
    """A name: a string, a value object (``@value``), a language map or a list (its first)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, Mapping):
        value = value.get("@value", next(iter(value.values()), ""))
    return _text(value)
