"""The hash OAuth client secrets are kept under: salted SHA-256, not a password hash.

A password hasher (PBKDF2, Django's default) is slow on purpose, because a
password is guessable; django-oauth-toolkit checks the client secret on every
token request, so each refresh cost 0.18 s of CPU here (5 grants a second).
Client secrets are 128 random characters (``generate_client_secret``, about
760 bits): nothing can be guessed, so one salted SHA-256 is as safe and a
thousand times cheaper. This hasher is named only in ``CLIENT_SECRET_HASHER``
and listed last in ``PASSWORD_HASHERS``, so no user's password is ever made
with it; secrets hashed earlier with PBKDF2 keep verifying.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext_noop as _


class ClientSecretHasher(BasePasswordHasher):
    algorithm = "client_secret_sha256"

    def encode(self, password: str, salt: str) -> str:
        self._check_encode_args(password, salt)
        digest = hashlib.sha256(f"{salt}${password}".encode()).hexdigest()
        return f"{self.algorithm}${salt}${digest}"

    def decode(self, encoded: str) -> dict[str, str]:
        algorithm, salt, digest = encoded.split("$", 2)
        assert algorithm == self.algorithm  # as Django's own hashers check
        return {"algorithm": algorithm, "hash": digest, "salt": salt}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        return constant_time_compare(encoded, self.encode(password, decoded["salt"]))

    def safe_summary(self, encoded: str) -> dict[str, str]:
        decoded = self.decode(encoded)
        return {
            _("algorithm"): decoded["algorithm"],
            _("salt"): mask_hash(decoded["salt"], show=2),
            _("hash"): mask_hash(decoded["hash"]),
        }

    def harden_runtime(self, password: str, encoded: str) -> None:
        pass  # no work factor to even out
