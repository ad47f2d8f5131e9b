"""A wallet written from the specifications, with the standard library only.

It knows nothing of Insignia's code: it reads what the issuer publishes and
follows the text of

* OpenID for Verifiable Credential Issuance 1.0 (OID4VCI), the
  pre-authorized code flow: the Credential Offer (section 4.1, by reference:
  ``credential_offer_uri``), the Credential Issuer Metadata (section 12.2,
  ``/.well-known/openid-credential-issuer``), the Authorization Server
  Metadata (RFC 8414, ``/.well-known/oauth-authorization-server``), the Token
  Request with ``pre-authorized_code`` and ``tx_code`` (section 6.1), the
  Nonce Endpoint (section 7), the Credential Request with ``proofs.jwt``
  (sections 8.2 and appendix F.1) and the Credential Response (section 8.3);
* the DCC Learner Credential Wallet's deep link
  (``dccrequest://request?issuer=…&vc_request_url=…&challenge=…``, or the
  ``org.dcconsortium://`` form) and the W3C VC-API exchange it starts: an
  empty POST asks for the Verifiable Presentation Request, a DIDAuth
  presentation over its challenge and domain answers it, and the issuer
  returns a presentation holding the credential.

The keys are not the wallet's business here: a ``Holder`` (in the tests,
Node's ``jose`` and Digital Bazaar's ``vc`` with a fresh did:key) signs the
proof JWT and the presentation. The wallet checks every answer the way a
careful wallet would and raises ``WalletError`` naming the step and the rule
broken; every HTTP exchange is kept in ``Wallet.exchanges`` for the test to
read.

HTTP is allowed only to loopback addresses (the test's live server); the
specifications require TLS elsewhere, and so does this wallet.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Protocol
from urllib.error import HTTPError
from urllib.parse import parse_qs, urlencode, urlsplit, urlunsplit
from urllib.request import ProxyHandler, Request, build_opener

OFFER_SCHEME = "openid-credential-offer"
PRE_AUTHORIZED = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
ISSUER_WELL_KNOWN = "/.well-known/openid-credential-issuer"
AS_WELL_KNOWN = "/.well-known/oauth-authorization-server"
PROOF_TYP = "openid4vci-proof+jwt"
LCW_SCHEMES = ("dccrequest", "org.dcconsortium")
LOOPBACK = ("127.0.0.1", "localhost", "[::1]", "::1")


class WalletError(Exception):
    """A step of the flow failed: ``step`` names it, ``status``/``body`` hold the issuer's answer."""

    def __init__(self, step: str, message: str, *, status=None, body=None) -> None:
        super().__init__(f"{step}: {message}")
        self.step = step
        self.status = status
        self.body = body

    @property
    def error(self) -> str | None:
        """The OAuth / OID4VCI ``error`` code of the issuer's answer, if it sent one."""
        return self.body.get("error") if isinstance(self.body, dict) else None


class Holder(Protocol):
    """The key material of the wallet, kept outside it."""

    did: str
    algorithms: tuple[str, ...]  # JWS algorithms it can sign proofs with

    def proof_jwt(self, *, audience: str, nonce: str | None, alg: str) -> str:
        """A key proof JWT (OID4VCI appendix F.1) for ``audience`` over ``nonce``."""

    def didauth(self, *, challenge: str, domain: str) -> dict:
        """A DIDAuth Verifiable Presentation, proof purpose authentication."""


@dataclass
class Exchange:
    method: str
    url: str
    status: int
    headers: dict[str, str]
    body: Any


@dataclass
class Received:
    """What one run of the pre-authorized flow brought home."""

    offer: dict
    issuer_metadata: dict
    as_metadata: dict
    token: dict
    credentials: dict[str, list]  # credential configuration id -> credentials received
    formats: dict[str, str]  # credential configuration id -> format


@dataclass
class Wallet:
    holder: Holder
    exchanges: list[Exchange] = field(default_factory=list)
    timeout: float = 30.0

    # -- HTTP -----------------------------------------------------------------

    def _request(self, step: str, method: str, url: str, *, data=None, headers=None):
        _require_transport(step, url)
        request = Request(url, data=data, method=method, headers=headers or {})  # noqa: S310 (scheme checked above)
        opener = build_opener(ProxyHandler({}))
        try:
            with opener.open(request, timeout=self.timeout) as answer:
                status, raw, got = answer.status, answer.read(), answer.headers
        except HTTPError as failed:
            status, raw, got = failed.code, failed.read(), failed.headers
        head = {k.lower(): v for k, v in got.items()}
        body = _json_or_text(raw, head.get("content-type", ""))
        self.exchanges.append(Exchange(method, url, status, head, body))
        return status, head, body

    def _json(
        self, step: str, method: str, url: str, *, ok=(200,), **kwargs
    ) -> tuple[dict, dict]:
        status, head, body = self._request(step, method, url, **kwargs)
        if status not in ok:
            raise WalletError(step, f"HTTP {status}", status=status, body=body)
        if not head.get("content-type", "").split(";")[0].strip() == "application/json":
            raise WalletError(
                step,
                f"media type {head.get('content-type')!r}, not application/json",
                status=status,
                body=body,
            )
        if not isinstance(body, dict):
            raise WalletError(
                step, "the body is not a JSON object", status=status, body=body
            )
        return body, head

    # -- OID4VCI, pre-authorized code flow ---------------------------------------

    def receive_offer(self, link: str, *, tx_code: str | None) -> Received:
        """Run the whole pre-authorized code flow from a Credential Offer link (or QR code text)."""
        offer = self.credential_offer(link)
        metadata = self.issuer_metadata(offer["credential_issuer"])
        grant = offer["grants"][PRE_AUTHORIZED]
        as_metadata = self.authorization_server_metadata(metadata, grant)
        token = self.token(as_metadata, grant, tx_code=tx_code)
        configurations = metadata["credential_configurations_supported"]
        credentials, formats = {}, {}
        for requested, configuration_id in _requests(offer, token):
            configuration = configurations[configuration_id]
            credentials[configuration_id] = self.credential(
                metadata, configuration, token, requested
            )
            formats[configuration_id] = configuration["format"]
        return Received(offer, metadata, as_metadata, token, credentials, formats)

    def credential_offer(self, link: str) -> dict:
        """Section 4.1: exactly one of ``credential_offer`` / ``credential_offer_uri``; fetch by reference."""
        step = "credential offer"
        parts = urlsplit(link)
        if parts.scheme != OFFER_SCHEME:
            raise WalletError(step, f"scheme {parts.scheme!r}, not {OFFER_SCHEME}://")
        query = parse_qs(parts.query, strict_parsing=True)
        given = {k for k in ("credential_offer", "credential_offer_uri") if k in query}
        if len(given) != 1 or any(len(v) != 1 for v in query.values()):
            raise WalletError(
                step, "exactly one credential_offer or credential_offer_uri, once"
            )
        if "credential_offer" in query:
            offer = json.loads(query["credential_offer"][0])
        else:
            offer, _ = self._json(
                step,
                "GET",
                query["credential_offer_uri"][0],
                headers={"Accept": "application/json"},
            )
        issuer = offer.get("credential_issuer")
        ids = offer.get("credential_configuration_ids")
        if not isinstance(issuer, str) or not issuer:
            raise WalletError(step, "no credential_issuer", body=offer)
        _require_issuer_identifier(step, issuer)
        if (
            not isinstance(ids, list)
            or not ids
            or len(set(ids)) != len(ids)
            or not all(isinstance(i, str) for i in ids)
        ):
            raise WalletError(
                step,
                "credential_configuration_ids is not a non-empty array of unique strings",
                body=offer,
            )
        grant = (offer.get("grants") or {}).get(PRE_AUTHORIZED)
        if not isinstance(grant, dict) or not isinstance(
            grant.get("pre-authorized_code"), str
        ):
            raise WalletError(step, "no pre-authorized_code grant", body=offer)
        tx = grant.get("tx_code")
        if tx is not None:
            if not isinstance(tx, dict):
                raise WalletError(step, "tx_code is not an object", body=offer)
            if tx.get("input_mode", "numeric") not in ("numeric", "text"):
                raise WalletError(
                    step, "tx_code.input_mode is neither numeric nor text", body=offer
                )
            if len(tx.get("description", "")) > 300:
                raise WalletError(
                    step, "tx_code.description is over 300 characters", body=offer
                )
        return offer

    def issuer_metadata(self, issuer: str) -> dict:
        """Section 12.2.2: the well-known path goes between host and path; credential_issuer must match."""
        step = "credential issuer metadata"
        metadata, _ = self._json(
            step,
            "GET",
            _well_known(issuer, ISSUER_WELL_KNOWN),
            headers={"Accept": "application/json", "Accept-Language": "en, lv;q=0.8"},
        )
        if metadata.get("credential_issuer") != issuer:
            raise WalletError(
                step,
                f"credential_issuer {metadata.get('credential_issuer')!r} is not {issuer!r}",
                body=metadata,
            )
        for name in ("credential_endpoint", "nonce_endpoint"):
            if name in metadata:
                _require_transport(step, metadata[name])
        if "credential_endpoint" not in metadata:
            raise WalletError(step, "no credential_endpoint", body=metadata)
        if not isinstance(metadata.get("credential_configurations_supported"), dict):
            raise WalletError(
                step, "no credential_configurations_supported", body=metadata
            )
        return metadata

    def authorization_server_metadata(self, metadata: dict, grant: dict) -> dict:
        """Section 12.2.4 / RFC 8414: no ``authorization_servers`` means the issuer is its own."""
        step = "authorization server metadata"
        servers = metadata.get("authorization_servers") or [
            metadata["credential_issuer"]
        ]
        chosen = grant.get("authorization_server") or servers[0]
        if chosen not in servers:
            raise WalletError(
                step, f"the offer names {chosen!r}, which the metadata does not list"
            )
        found, _ = self._json(
            step,
            "GET",
            _well_known(chosen, AS_WELL_KNOWN),
            headers={"Accept": "application/json"},
        )
        if found.get("issuer") != chosen:  # RFC 8414, section 3.3
            raise WalletError(
                step, f"issuer {found.get('issuer')!r} is not {chosen!r}", body=found
            )
        if "token_endpoint" not in found:
            raise WalletError(step, "no token_endpoint", body=found)
        _require_transport(step, found["token_endpoint"])
        if PRE_AUTHORIZED not in found.get("grant_types_supported", [PRE_AUTHORIZED]):
            raise WalletError(
                step, "the pre-authorized code grant is not supported", body=found
            )
        if found.get("pre-authorized_grant_anonymous_access_supported") is not True:
            raise WalletError(
                step, "no anonymous access with a pre-authorized code", body=found
            )
        return found

    def token(self, as_metadata: dict, grant: dict, *, tx_code: str | None) -> dict:
        """Section 6: the Token Request (form-encoded, no client authentication) and its answer."""
        step = "token"
        form = {
            "grant_type": PRE_AUTHORIZED,
            "pre-authorized_code": grant["pre-authorized_code"],
        }
        wanted = grant.get("tx_code")
        if wanted is not None:
            if tx_code is None:
                raise WalletError(
                    step, "the offer asks for a transaction code and none was given"
                )
            if (
                wanted.get("input_mode", "numeric") == "numeric"
                and not tx_code.isdigit()
            ):
                raise WalletError(step, "the transaction code must be digits")
            if "length" in wanted and len(tx_code) != wanted["length"]:
                raise WalletError(
                    step, f"the transaction code must be {wanted['length']} long"
                )
            form["tx_code"] = tx_code
        token, head = self._json(
            step,
            "POST",
            as_metadata["token_endpoint"],
            data=urlencode(form).encode(),
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Accept": "application/json",
            },
        )
        if "no-store" not in head.get("cache-control", ""):  # RFC 6749, section 5.1
            raise WalletError(step, "the token response is cacheable", body=token)
        if (
            not isinstance(token.get("access_token"), str)
            or str(token.get("token_type", "")).lower() != "bearer"
        ):
            raise WalletError(step, "no Bearer access_token", body=token)
        return token

    def nonce(self, metadata: dict) -> str | None:
        """Section 7: POST with no body; ``c_nonce``; the answer must not be stored."""
        if "nonce_endpoint" not in metadata:
            return None
        step = "nonce"
        body, head = self._json(
            step, "POST", metadata["nonce_endpoint"], data=b"", ok=range(200, 300)
        )
        if "no-store" not in head.get("cache-control", ""):
            raise WalletError(step, "the nonce response is cacheable", body=body)
        if not isinstance(body.get("c_nonce"), str) or not body["c_nonce"]:
            raise WalletError(step, "no c_nonce", body=body)
        return body["c_nonce"]

    def credential(
        self, metadata: dict, configuration: dict, token: dict, requested: dict
    ) -> list:
        """Section 8: one Credential Request with one ``jwt`` key proof; one fresh nonce retry on invalid_nonce."""
        step = f"credential ({configuration.get('format')})"
        alg = self._proof_alg(step, configuration)
        for attempt in (1, 2):
            body = dict(requested)
            if alg is not None:
                proof = self.holder.proof_jwt(
                    audience=metadata["credential_issuer"],
                    nonce=self.nonce(metadata),
                    alg=alg,
                )
                body["proofs"] = {"jwt": [proof]}
            status, _, answer = self._request(
                step,
                "POST",
                metadata["credential_endpoint"],
                data=json.dumps(body).encode(),
                headers={
                    "Content-Type": "application/json",
                    "Accept": "application/json",
                    "Authorization": f"Bearer {token['access_token']}",
                },
            )
            retry = (
                status == 400
                and isinstance(answer, dict)
                and answer.get("error") == "invalid_nonce"
            )
            if not (retry and attempt == 1):
                break
        if status == 202:
            raise WalletError(
                step,
                "deferred issuance, which this wallet does not do",
                status=status,
                body=answer,
            )
        if status != 200:
            raise WalletError(step, f"HTTP {status}", status=status, body=answer)
        items = answer.get("credentials") if isinstance(answer, dict) else None
        if (
            not isinstance(items, list)
            or not items
            or not all(isinstance(i, dict) and "credential" in i for i in items)
        ):
            raise WalletError(
                step, "no credentials array of objects with a credential", body=answer
            )
        if alg is not None and len(items) > 1:
            raise WalletError(step, "more credentials than keys proved", body=answer)
        received = [i["credential"] for i in items]
        for credential in received:
            _check_format(step, configuration["format"], credential)
        return received

    def _proof_alg(self, step: str, configuration: dict) -> str | None:
        """Appendix F.1: the proof's ``alg`` must be one the issuer lists; None when no proof is asked for."""
        proof_types = configuration.get("proof_types_supported")
        if not proof_types:
            return None
        if "jwt" not in proof_types:
            raise WalletError(step, "the issuer takes no jwt key proof")
        methods = configuration.get("cryptographic_binding_methods_supported", [])
        method = self.holder.did.split(":")[0] + ":" + self.holder.did.split(":")[1]
        if method not in methods and "jwk" not in methods:
            raise WalletError(step, f"binding by {method} is not supported ({methods})")
        algs = [
            a
            for a in proof_types["jwt"].get("proof_signing_alg_values_supported", [])
            if a in self.holder.algorithms
        ]
        if not algs:
            raise WalletError(step, "no proof algorithm in common")
        return algs[0]

    # -- DCC Learner Credential Wallet, VC-API exchange ---------------------------

    def receive_deep_link(self, link: str) -> dict:
        """Follow a LCW deep link: ask for the request, answer it with DIDAuth, return the presentation."""
        step = "deep link"
        parts = urlsplit(link)
        if parts.scheme not in LCW_SCHEMES or parts.netloc != "request":
            raise WalletError(step, f"not a {' or '.join(LCW_SCHEMES)}://request link")
        query = {k: v[0] for k, v in parse_qs(parts.query, strict_parsing=True).items()}
        for name in ("issuer", "vc_request_url", "challenge"):
            if not query.get(name):
                raise WalletError(step, f"no {name}")
        exchange = query["vc_request_url"]
        step = "VC-API exchange"
        answer, _ = self._json(
            step,
            "POST",
            exchange,
            data=b"{}",
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        request = answer.get("verifiablePresentationRequest")
        if not isinstance(request, dict):
            raise WalletError(step, "no verifiablePresentationRequest", body=answer)
        queries = request.get("query")
        queries = queries if isinstance(queries, list) else [queries]
        didauth = [
            q
            for q in queries
            if isinstance(q, dict) and q.get("type") == "DIDAuthentication"
        ]
        if not didauth:
            raise WalletError(
                step, "the request asks for no DIDAuthentication", body=answer
            )
        method = self.holder.did.split(":")[1]
        accepted = [
            m.get("method")
            for m in didauth[0].get("acceptedMethods", [{"method": method}])
        ]
        if method not in accepted:
            raise WalletError(
                step,
                f"did:{method} is not among the accepted methods {accepted}",
                body=answer,
            )
        challenge, domain = request.get("challenge"), request.get("domain")
        if challenge != query["challenge"]:
            raise WalletError(
                step, "the request's challenge is not the deep link's", body=answer
            )
        if not isinstance(domain, str) or not domain:
            raise WalletError(step, "the request names no domain", body=answer)
        presentation = self.holder.didauth(challenge=challenge, domain=domain)
        answer, _ = self._json(
            "DIDAuth presentation",
            "POST",
            exchange,
            data=json.dumps({"verifiablePresentation": presentation}).encode(),
            headers={"Content-Type": "application/json", "Accept": "application/json"},
        )
        held = answer.get("verifiablePresentation")
        if not isinstance(held, dict) or "VerifiablePresentation" not in _types(held):
            raise WalletError(
                "DIDAuth presentation",
                "no verifiablePresentation in the answer",
                body=answer,
            )
        credentials = held.get("verifiableCredential")
        credentials = credentials if isinstance(credentials, list) else [credentials]
        if not credentials or not all(
            isinstance(c, dict) and "VerifiableCredential" in _types(c)
            for c in credentials
        ):
            raise WalletError(
                "DIDAuth presentation",
                "the presentation holds no credential",
                body=answer,
            )
        return {
            "issuer": query["issuer"],
            "presentation": held,
            "credentials": credentials,
        }


def _requests(offer: dict, token: dict) -> list[tuple[dict, str]]:
    """Section 8.2: ``credential_identifier`` when the token named some, else ``credential_configuration_id``."""
    details = [
        d
        for d in token.get("authorization_details") or []
        if d.get("type") == "openid_credential"
    ]
    if details:
        return [
            ({"credential_identifier": identifier}, d["credential_configuration_id"])
            for d in details
            for identifier in d["credential_identifiers"]
        ]
    return [
        ({"credential_configuration_id": c}, c)
        for c in offer["credential_configuration_ids"]
    ]


def _check_format(step: str, fmt: str, credential) -> None:
    """Appendix A: ``jwt_vc_json`` is a compact JWS string, ``ldp_vc`` a JSON object with a proof."""
    if fmt == "jwt_vc_json":
        if not isinstance(credential, str) or credential.count(".") != 2:
            raise WalletError(
                step, "a jwt_vc_json credential that is not a compact JWT"
            )
    elif fmt == "ldp_vc":
        if not isinstance(credential, dict) or "proof" not in credential:
            raise WalletError(
                step, "an ldp_vc credential that is not a JSON object with a proof"
            )
        if "VerifiableCredential" not in _types(credential):
            raise WalletError(
                step, "an ldp_vc credential that is not a VerifiableCredential"
            )


def _types(document: dict) -> list:
    kind = document.get("type", [])
    return kind if isinstance(kind, list) else [kind]


def _well_known(identifier: str, suffix: str) -> str:
    """Insert the well-known suffix between the host and the path (OID4VCI 12.2.2, RFC 8414 3.1)."""
    parts = urlsplit(identifier)
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme, parts.netloc, suffix + path, "", ""))


def _require_issuer_identifier(step: str, identifier: str) -> None:
    """Section 12.2.1: https (loopback http here), host, maybe a path, no query, no fragment."""
    parts = urlsplit(identifier)
    _require_transport(step, identifier)
    if parts.query or parts.fragment or not parts.netloc:
        raise WalletError(step, f"{identifier!r} is not a Credential Issuer Identifier")


def _require_transport(step: str, url: str) -> None:
    parts = urlsplit(url)
    if parts.scheme == "https":
        return
    if parts.scheme == "http" and parts.hostname in LOOPBACK:
        return
    raise WalletError(step, f"{url!r} does not use TLS")


def _json_or_text(raw: bytes, content_type: str):
    text = raw.decode("utf-8", errors="replace")
    if "json" in content_type:
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text
