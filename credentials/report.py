"""The one result of every verification: named checks, each passed, failed or skipped.

Both slices report the same checks in the same order (``CHECK_NAMES``), so a
page or a program reads an OB 2.0 assertion's report exactly like an OB 3.0
credential's::

    report.valid                           # True
    [(c.name, c.status) for c in report.checks]
    # [('format', 'passed'), ('schema', 'passed'), ('issuer_key', 'passed'),
    #  ('proof', 'passed'), ('validity', 'passed'), ('status', 'passed')]
    report.check("status").code            # "" or "revoked", "suspended", ...

The shape follows 1EdTech's ``openbadges-validator-core`` report: a list of
named results with a message each, rather than one boolean.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

__all__ = [
    "PASSED",
    "FAILED",
    "SKIPPED",
    "REVOKED",
    "SUSPENDED",
    "STATUS_UNAVAILABLE",
    "CHECK_NAMES",
    "Check",
    "VerificationReport",
]

PASSED, FAILED, SKIPPED = "passed", "failed", "skipped"
CHECK_NAMES = ("format", "schema", "issuer_key", "proof", "validity", "status")
# Codes of a failed status check, stable for programs (the messages are for
# people): the issuer revoked or suspended the credential, or its status
# could not be learned at all (list unreachable, unreadable or not the
# issuer's, or a status method this verifier does not read).
REVOKED, SUSPENDED, STATUS_UNAVAILABLE = "revoked", "suspended", "status_unavailable"


@dataclass(frozen=True)
class Check:
    """One named check and how it ended: ``passed``, ``failed`` or ``skipped``.

    ``code`` says why in a word a program can rely on, where one is defined
    (a failed status check: ``REVOKED``, ``SUSPENDED`` or
    ``STATUS_UNAVAILABLE``), and is empty otherwise.
    """

    name: str
    status: str
    message: str = ""
    code: str = ""


@dataclass(frozen=True)
class VerificationReport:
    """The outcome of a verification: the checks in order, and what was read on the way.

    ``source`` and ``recipient_match`` are filled in by the caller that knows
    them (how the credential reached it; whether an e-mail address a person
    typed is the recipient's), with ``dataclasses.replace``.
    """

    checks: tuple[Check, ...]
    credential: dict[str, Any] | None = None
    # "data-integrity", "vc-jwt" (OB 3.0 section 8.2, a 'vc' claim), "vc-jose"
    # (VC-JOSE-COSE: the payload is the credential), "ob2-hosted" or "ob2-signed"
    proof_format: str = ""
    # Documents fetched on the way (OB 2.0: the BadgeClass and issuer profile), for display.
    documents: Mapping[str, Any] = field(default_factory=dict)
    version: str = ""  # "Open Badges 2.0" or "Open Badges 3.0": which verifier read it
    source: str = ""  # how it arrived: url, png, svg, json, jwt, jws, file, image
    recipient_match: bool | None = None  # None: no address given, or nothing to compare

    @property
    def valid(self) -> bool:
        """Return True when no check failed and the proof check passed."""
        return (
            all(c.status != FAILED for c in self.checks)
            and self.check("proof").status == PASSED
        )

    @cached_property
    def certified(self) -> dict[str, Any]:
        """Return what the credential certifies, for display (``summary.certified``)."""
        from .summary import certified

        return certified(self)

    def check(self, name: str) -> Check:
        """Return the check called ``name``; raise ``KeyError`` for an unknown name."""
        for item in self.checks:
            if item.name == name:
                return item
        raise KeyError(name)
