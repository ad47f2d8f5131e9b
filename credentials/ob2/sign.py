"""Signing and signature checks for Open Badges 2.0 signed assertions (JWS, RS256).

OB 2.0 "Signed Badges": "A signed badge is in the form of a JSON Web
Signature ... The JSON representation of the badge assertion should be used
as the JWS payload", with "the RS256 algorithm" and the key named by
``verification.creator``. A signed assertion is a compact JWS::

    eyJhbGciOiJSUzI1NiJ9          base64url({"alg":"RS256"})
    .eyJAY29udGV4dCI6Imh0dHBz...  base64url(the Assertion JSON)
    .kHnUA4yNJ2U1O...             base64url(RSASSA-PKCS1-v1_5-SHA256 signature)

``sign_ob2`` signs through a ``keys.Signer``, so the private key may live in a
KMS. ``verify_ob2_jws`` checks the signature only, against an explicit
algorithm allow-list; status (revocation, expiry) and recipient checks are
separate steps. OB 3.0 signing functions live beside the OB 3.0 builders and
share ``sign_compact``.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping
from typing import Any

from joserfc import jws
from joserfc.errors import BadSignatureError, JoseError
from joserfc.jwk import OKPKey, RSAKey
from joserfc.util import json_b64encode, urlsafe_b64encode

from ..errors import DecodeError, InvalidSignature, UnsupportedAlgorithm
from ..keys import PublicKey, Signer, load_public_key_pem

__all__ = ["OB2_ALGORITHMS", "sign_compact", "sign_ob2", "verify_ob2_jws"]

#: The only algorithm OB 2.0 allows for signed badges.
OB2_ALGORITHMS: tuple[str, ...] = ("RS256",)


def sign_compact(protected: Mapping[str, Any], payload: bytes, signer: Signer) -> str:
    """Return the JWS Compact Serialization (RFC 7515, section 7.1) of ``payload``.

    ``protected["alg"]`` must equal ``signer.algorithm``; the signature is
    made over ``BASE64URL(header) || "." || BASE64URL(payload)``.
    """
    if protected.get("alg") != signer.algorithm:
        raise UnsupportedAlgorithm(
            f"Header alg {protected.get('alg')!r} is not the signer's "
            f"{signer.algorithm!r}."
        )
    signing_input = json_b64encode(dict(protected)) + b"." + urlsafe_b64encode(payload)
    signature = urlsafe_b64encode(signer.sign(signing_input))
    return (signing_input + b"." + signature).decode("ascii")


def sign_ob2(assertion: Mapping[str, Any], signer: Signer) -> str:
    """Return ``assertion`` signed as an OB 2.0 signed badge (compact JWS, RS256).

    Raise ``UnsupportedAlgorithm`` unless ``signer`` signs RS256, and
    ``ValueError`` unless the assertion declares ``SignedBadge`` verification.
    """
    if signer.algorithm not in OB2_ALGORITHMS:
        raise UnsupportedAlgorithm(
            f"OB 2.0 signed badges use RS256; the signer uses {signer.algorithm!r}."
        )
    verification = assertion.get("verification") or {}
    if verification.get("type") != "SignedBadge" or not verification.get("creator"):
        raise ValueError(
            "Only an assertion with SignedBadge verification and a creator is signed."
        )
    payload = json.dumps(assertion, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )
    return sign_compact({"alg": "RS256"}, payload, signer)


def _jwk(key: str | bytes | PublicKey) -> RSAKey | OKPKey:
    public = load_public_key_pem(key) if isinstance(key, str | bytes) else key
    try:
        return RSAKey.import_key(public)
    except JoseError:
        return OKPKey.import_key(public)


def verify_ob2_jws(
    token: str,
    public_keys_by_url: Mapping[str, str | bytes | PublicKey],
    *,
    algorithms: Collection[str] = OB2_ALGORITHMS,
) -> dict[str, Any]:
    """Return the assertion in ``token`` once its signature checks out.

    1. Parse the compact JWS; raise ``DecodeError`` if it is malformed.
    2. Raise ``UnsupportedAlgorithm`` unless the header's ``alg`` is in
       ``algorithms`` and is RS256 (so ``none`` and ``HS256`` never pass).
    3. Pick the key named by the payload's ``verification.creator`` from
       ``public_keys_by_url`` (URL -> PEM or public key); raise
       ``InvalidSignature`` if it is not there.
    4. Verify the signature; raise ``InvalidSignature`` if it does not match.

    Only the signature is checked: revocation, expiry and recipient are not.
    """
    allowed = [alg for alg in algorithms if alg in OB2_ALGORITHMS]
    if not allowed:
        raise UnsupportedAlgorithm(
            f"No OB 2.0 algorithm allowed in {list(algorithms)!r}."
        )
    try:
        unverified = jws.extract_compact(token.strip().encode("ascii"))
        payload = json.loads(unverified.payload)
    except (JoseError, UnicodeError, ValueError) as exc:
        raise DecodeError(f"Not a compact JWS with a JSON payload: {exc}") from exc
    alg = unverified.headers().get("alg")
    if alg not in allowed:
        raise UnsupportedAlgorithm(
            f"JWS algorithm {alg!r} is not allowed; allowed: {allowed!r}."
        )
    if not isinstance(payload, dict):
        raise DecodeError("The JWS payload is not a JSON object.")
    verification = payload.get("verification")
    creator = verification.get("creator") if isinstance(verification, dict) else None
    if not isinstance(creator, str) or creator not in public_keys_by_url:
        raise InvalidSignature(f"No trusted key for verification.creator {creator!r}.")
    try:
        jws.deserialize_compact(
            token.strip(), _jwk(public_keys_by_url[creator]), algorithms=allowed
        )
    except BadSignatureError as exc:
        raise InvalidSignature(f"The signature does not match key {creator}.") from exc
    except JoseError as exc:
        raise InvalidSignature(
            f"The signature cannot be checked with key {creator}: {exc}"
        ) from exc
    return payload
