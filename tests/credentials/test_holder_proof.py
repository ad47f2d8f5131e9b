"""A wallet's proof that it holds a key: OID4VCI key proof JWTs and DIDAuth presentations.

The proofs are made by libraries we did not write (``jose`` and Digital
Bazaar's ``vc``, in ``tests/js/wallet-holder.mjs``); the forgeries too,
except for the few (a private JWK, ``alg`` none, HS256) no honest library
makes, which are written here by hand.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from datetime import UTC, datetime

import pytest

from credentials import holder_proof
from credentials.errors import InvalidNonce, InvalidProof
from tests.node import wallet_holder as wallet

AUD = "https://badges.example.edu"
NONCE = "c-nonce-1"
CHALLENGE = "9d1f0c64-challenge"
DOMAIN = "badges.example.edu"


@pytest.fixture(scope="module")
def keys() -> dict[str, dict]:
    ed, other, p256 = wallet(
        {"command": "key"}, {"command": "key"}, {"command": "key", "curve": "P-256"}
    )
    return {"ed": ed, "other": other, "p256": p256}


@pytest.fixture(scope="module")
def proofs(keys) -> dict[str, str]:
    """Key proofs from jose: the good ones and the forgeries a library can make."""
    ed, p256 = keys["ed"]["jwk"], keys["p256"]["jwk"]
    now = int(time.time())
    cases = {
        "did:key": {"jwk": ed},
        "did:jwk": {"jwk": ed, "binding": "did:jwk"},
        "jwk": {"jwk": ed, "binding": "jwk"},
        "es256": {"jwk": p256, "binding": "did:key"},
        "es256 jwk": {"jwk": p256, "binding": "jwk"},
        "wrong aud": {"jwk": ed, "aud": "https://other.example"},
        "no aud": {"jwk": ed, "claims": {"aud": None}},
        "no nonce": {"jwk": ed, "nonce": None},
        "old": {"jwk": ed, "iat": now - 301},
        "future": {"jwk": ed, "iat": now + 600},
        "no iat": {"jwk": ed, "claims": {"iat": None}},
        "typ JWT": {"jwk": ed, "header": {"typ": "JWT"}},
        "no typ": {"jwk": ed, "header": {"typ": None}},
        "kid and jwk": {"jwk": ed, "header": {"jwk": keys["ed"]["publicJwk"]}},
        "neither": {"jwk": ed, "header": {"kid": None}},
        "kid did:web": {"jwk": ed, "header": {"kid": "did:web:evil.example#key-1"}},
        "kid https": {"jwk": ed, "header": {"kid": "https://evil.example/keys/1"}},
        "kid no fragment": {"jwk": ed, "header": {"kid": keys["ed"]["didKey"]}},
        "kid of another key": {
            "jwk": ed,
            "header": {"kid": keys["other"]["didKeyMethod"]},
        },
        "jwk of another key": {
            "jwk": ed,
            "binding": "jwk",
            "header": {"jwk": keys["other"]["publicJwk"]},
        },
        "x5c": {"jwk": ed, "header": {"x5c": ["MIIB"]}},
        "expired": {"jwk": ed, "claims": {"exp": now - 10}},
    }
    answers = wallet(
        *(
            {"command": "proof-jwt", "aud": AUD, "nonce": NONCE, **case}
            for case in cases.values()
        )
    )
    return {name: answer["jwt"] for name, answer in zip(cases, answers, strict=True)}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def hand_made(header: dict, claims: dict, signature: bytes = b"") -> str:
    signing_input = (
        b64(json.dumps(header).encode()) + "." + b64(json.dumps(claims).encode())
    )
    return signing_input + "." + b64(signature)


def claims() -> dict:
    return {"aud": AUD, "iat": int(time.time()), "nonce": NONCE}


def check(token: str, **options) -> holder_proof.HolderKey:
    return holder_proof.check_proof_jwt(
        token, **{"audience": AUD, "nonce": NONCE, **options}
    )


class TestProofJwt:
    def test_a_did_key_proof_names_the_did_and_its_key(self, keys, proofs):
        holder = check(proofs["did:key"])
        assert holder.did == keys["ed"]["didKey"]
        assert holder.verification_method == keys["ed"]["didKeyMethod"]
        assert holder.jwk == keys["ed"]["publicJwk"]

    def test_a_did_jwk_proof_names_the_did_jwk(self, keys, proofs):
        holder = check(proofs["did:jwk"])
        assert holder.did == keys["ed"]["didJwk"]
        assert holder.verification_method == keys["ed"]["didJwkMethod"]

    def test_a_bare_jwk_binds_to_its_did_jwk_as_the_wallet_derives_it(
        self, keys, proofs
    ):
        holder = check(proofs["jwk"])
        assert holder.did == keys["ed"]["didJwk"]
        assert holder.jwk == keys["ed"]["publicJwk"]

    @pytest.mark.parametrize("case", ["es256", "es256 jwk"])
    def test_es256_keys_prove_too(self, keys, proofs, case):
        holder = check(proofs[case])
        assert holder.jwk == keys["p256"]["publicJwk"]

    def test_the_nonce_may_be_checked_by_a_function_called_last(self, proofs):
        seen = []
        check(proofs["did:key"], nonce=lambda value: seen.append(value) or True)
        assert seen == [NONCE]

    def test_a_refused_proof_never_reaches_the_nonce_function(self, proofs):
        seen = []
        with pytest.raises(InvalidProof, match="'aud'"):
            check(proofs["wrong aud"], nonce=lambda value: seen.append(value) or True)
        assert seen == []

    def test_a_nonce_not_accepted_is_invalid_nonce(self, proofs):
        with pytest.raises(InvalidNonce, match="fetch a fresh one") as caught:
            check(proofs["did:key"], nonce="another-nonce")
        assert caught.value.oauth_error == "invalid_nonce"
        with pytest.raises(InvalidNonce):
            check(proofs["did:key"], nonce=lambda value: False)

    @pytest.mark.parametrize(
        ("case", "message"),
        [
            ("wrong aud", "it must be the Credential Issuer Identifier"),
            ("no aud", "has no 'aud'"),
            ("no nonce", "has no 'nonce'"),
            ("old", "seconds ago"),
            ("future", "in the future"),
            ("no iat", "has no 'iat'"),
            ("typ JWT", "'typ' is 'JWT'"),
            ("no typ", "'typ' is None"),
            ("kid and jwk", "both 'kid' and 'jwk'"),
            ("neither", "neither 'kid' nor 'jwk'"),
            ("kid did:web", "not a did:key or did:jwk DID URL"),
            ("kid https", "not a did:key or did:jwk DID URL"),
            ("kid no fragment", "names no key of the DID"),
            ("kid of another key", "signature does not match"),
            ("jwk of another key", "signature does not match"),
            ("x5c", "'x5c'"),
            ("expired", "expired"),
        ],
    )
    def test_each_bad_proof_is_invalid_proof_with_its_reason(
        self, proofs, case, message
    ):
        with pytest.raises(InvalidProof, match=message) as caught:
            check(proofs[case])
        assert type(caught.value) is InvalidProof
        assert caught.value.oauth_error == "invalid_proof"

    def test_iat_is_judged_against_the_given_clock(self, proofs):
        later = datetime.fromtimestamp(time.time() + 3600, UTC)
        with pytest.raises(InvalidProof, match="seconds ago"):
            check(proofs["did:key"], now=later)
        check(proofs["did:key"], now=later, max_age=7200)

    def test_alg_none_is_refused(self, keys):
        token = hand_made(
            {
                "alg": "none",
                "typ": "openid4vci-proof+jwt",
                "kid": keys["ed"]["didKeyMethod"],
            },
            claims(),
        )
        with pytest.raises(InvalidProof, match="algorithm 'none' is not accepted"):
            check(token)

    def test_hs256_signed_with_the_public_key_is_refused(self, keys):
        # The classic confusion: an HMAC keyed with the public key's bytes.
        header = {
            "alg": "HS256",
            "typ": "openid4vci-proof+jwt",
            "jwk": keys["ed"]["publicJwk"],
        }
        unsigned = hand_made(header, claims()).rsplit(".", 1)[0]
        secret = keys["ed"]["publicJwk"]["x"].encode()
        mac = hmac.new(secret, unsigned.encode(), hashlib.sha256).digest()
        with pytest.raises(InvalidProof, match="'HS256' is not accepted"):
            check(unsigned + "." + b64(mac))

    def test_a_private_jwk_in_the_header_is_refused(self, keys, proofs):
        header = {
            "alg": "EdDSA",
            "typ": "openid4vci-proof+jwt",
            "jwk": keys["ed"]["jwk"],
        }
        body = proofs["jwk"].split(".", 1)[1]
        token = b64(json.dumps(header).encode()) + "." + body
        with pytest.raises(InvalidProof, match=r"private key \('d'\)"):
            check(token)

    def test_a_critical_extension_is_refused(self, proofs):
        # jose refuses to sign a 'crit' it does not know, so this one is by hand.
        header = json.loads(
            base64.urlsafe_b64decode(proofs["did:key"].split(".")[0] + "==")
        )
        header |= {"crit": ["example"], "example": 1}
        token = (
            b64(json.dumps(header).encode()) + "." + proofs["did:key"].split(".", 1)[1]
        )
        with pytest.raises(InvalidProof, match="'crit'"):
            check(token)

    def test_an_eddsa_header_over_an_ec_key_is_refused(self, keys):
        token = hand_made(
            {
                "alg": "EdDSA",
                "typ": "openid4vci-proof+jwt",
                "jwk": keys["p256"]["publicJwk"],
            },
            claims(),
            b"\0" * 64,
        )
        with pytest.raises(InvalidProof, match="needs an Ed25519 key"):
            check(token)

    @pytest.mark.parametrize("token", ["", "a.b", "not.a.jwt", None, 42])
    def test_what_is_no_jws_at_all_is_invalid_proof(self, token):
        with pytest.raises(InvalidProof):
            check(token)


@pytest.fixture(scope="module")
def presentations(keys) -> dict[str, dict]:
    ed, other = keys["ed"]["jwk"], keys["other"]["jwk"]
    cases = {
        "ed2020 did:key": {"jwk": ed},
        "ed2020 did:jwk": {"jwk": ed, "did": "did:jwk"},
        "eddsa did:key": {"jwk": ed, "suite": "eddsa-rdfc-2022"},
        "eddsa did:jwk vc2": {
            "jwk": ed,
            "suite": "eddsa-rdfc-2022",
            "did": "did:jwk",
            "model": "vc2.0",
        },
        "no domain": {"jwk": ed, "domain": None},
        "other challenge": {"jwk": ed, "challenge": "another-challenge"},
        "other domain": {"jwk": ed, "domain": "evil.example"},
        "other key": {"jwk": other, "holder": keys["ed"]["didKey"]},
    }
    answers = wallet(
        *(
            {"command": "didauth", "challenge": CHALLENGE, "domain": DOMAIN, **case}
            for case in cases.values()
        )
    )
    return {
        name: answer["presentation"]
        for name, answer in zip(cases, answers, strict=True)
    }


def didauth(vp: dict, **options) -> str:
    return holder_proof.check_didauth(
        vp, **{"challenge": CHALLENGE, "domain": DOMAIN, **options}
    )


class TestDidAuth:
    @pytest.mark.parametrize(
        ("case", "did"),
        [
            ("ed2020 did:key", "didKey"),
            ("ed2020 did:jwk", "didJwk"),
            ("eddsa did:key", "didKey"),
            ("eddsa did:jwk vc2", "didJwk"),
        ],
    )
    def test_a_presentation_over_the_challenge_and_domain_names_its_holder(
        self, keys, presentations, case, did
    ):
        assert didauth(presentations[case]) == keys["ed"][did]

    def test_without_a_domain_it_passes_only_when_none_is_required(
        self, keys, presentations
    ):
        vp = presentations["no domain"]
        assert "domain" not in vp["proof"]
        with pytest.raises(
            InvalidProof, match="proof has no domain; it must be signed for"
        ):
            didauth(vp)
        assert didauth(vp, domain_required=False) == keys["ed"]["didKey"]

    def test_a_domain_it_has_must_be_ours_even_when_none_is_required(
        self, presentations
    ):
        with pytest.raises(InvalidProof, match="'evil.example'"):
            didauth(presentations["other domain"], domain_required=False)

    @pytest.mark.parametrize(
        ("case", "message"),
        [
            ("other challenge", "another challenge"),
            ("other domain", "signed for the domain 'evil.example'"),
            ("other key", "key of another DID than its holder"),
        ],
    )
    def test_bad_presentations_are_refused(self, presentations, case, message):
        with pytest.raises(InvalidProof, match=message) as caught:
            didauth(presentations[case])
        assert caught.value.oauth_error == "invalid_proof"

    def test_a_changed_presentation_no_longer_verifies(self, presentations):
        vp = json.loads(json.dumps(presentations["eddsa did:key"]))
        vp["id"] = "urn:uuid:5b4e2d4e-0d3c-4b7a-9a55-0d3c4b7a9a55"
        with pytest.raises(InvalidProof, match="does not verify"):
            didauth(vp)

    def test_an_assertion_proof_is_not_authentication(self, presentations):
        vp = json.loads(json.dumps(presentations["ed2020 did:key"]))
        vp["proof"]["proofPurpose"] = "assertionMethod"
        with pytest.raises(InvalidProof, match="needs 'authentication'"):
            didauth(vp)

    def test_a_did_web_holder_is_refused(self, presentations):
        vp = json.loads(json.dumps(presentations["ed2020 did:key"]))
        vp["holder"] = "did:web:evil.example"
        with pytest.raises(InvalidProof, match="not a did:key or a did:jwk"):
            didauth(vp)

    @pytest.mark.parametrize(
        "vp",
        [
            None,
            [],
            {"type": ["VerifiablePresentation"]},
            {
                "@context": ["https://www.w3.org/2018/credentials/v1"],
                "type": "VerifiableCredential",
            },
        ],
    )
    def test_what_is_no_presentation_is_refused(self, vp):
        with pytest.raises(InvalidProof):
            didauth(vp)
