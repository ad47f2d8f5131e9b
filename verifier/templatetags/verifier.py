"""Verification reports for people: the banner at the top, check names in plain words.

``{% verdict_banner report image_url %}`` draws the banner of a report (a
``VerificationReport``, or the JSON form a backpack stores): the outcome in
one word and colour, the badge's picture and name, and who issued it with
the evidence for that (``verifier.trust``), judged when the page is drawn.
``{% issuer_line report %}`` is the issuer part alone, for pages that show
the badge themselves. ``{{ check.name|check_label }}`` names a check.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django import template
from django.utils.dateparse import parse_date
from django.utils.timezone import localdate
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from credentials.report import (
    FAILED,
    PASSED,
    REVOKED,
    SUSPENDED,
    VerificationReport,
)
from credentials.trust import DID_WEB, WEB_DOMAIN, IssuerIdentity
from verifier import core_messages

from .. import trust

register = template.Library()

# credentials.report.CHECK_NAMES, as a person reading the report would say them.
CHECK_LABELS = {
    "format": gettext_lazy("Readable credential"),
    "schema": gettext_lazy("Required contents"),
    "issuer_key": gettext_lazy("Issuer's signing key"),
    "proof": gettext_lazy("Signature"),
    "validity": gettext_lazy("Dates of validity"),
    "status": gettext_lazy("Revocation status"),
}
# Checks that must pass for anything in the credential to be believed.
AUTHENTICITY = ("format", "schema", "issuer_key", "proof")


@register.filter
def check_label(name: str) -> str:
    return CHECK_LABELS.get(name, name)


# VerificationReport.proof_format, as the report names the form it read.
PROOF_FORMAT_LABELS = {
    "data-integrity": gettext_lazy("Data Integrity proof"),
    "vc-jwt": gettext_lazy("VC-JWT"),
    "vc-jose": gettext_lazy("JWT secured with JOSE (vc+jwt)"),
    "ob2-hosted": gettext_lazy("hosted assertion"),
    "ob2-signed": gettext_lazy("signed assertion (JWS)"),
}


@register.filter
def proof_format_label(proof_format: str) -> str:
    return PROOF_FORMAT_LABELS.get(proof_format, proof_format)


@register.filter
def check_message(message: str) -> str:
    """A check's explanation, which the core writes in English, in the page's language."""
    return core_messages.translate(message)


@dataclass(frozen=True)
class Outcome:
    """The banner's word for a report: ``state`` for programs and CSS, ``tone`` its colour."""

    state: str  # verified, issuer_unconfirmed, revoked, suspended, expired, status_unknown, not_verified
    tone: str  # good, warn, bad
    label: str
    sentence: str


def outcome(
    checks: Mapping[str, tuple[str, str]], expires: str, identity: IssuerIdentity
) -> Outcome:
    """Return the banner for checks ``{name: (status, code)}``, the expiry date and the issuer evidence.

    The signature comes first: without it nothing else is believed. Then
    revocation, expiry and an unknown status, each said for what it is.
    A credential that passes every check but whose issuer nothing confirms
    (a self-made key, a domain other than the issuer's website) is not
    called verified without saying so.
    """
    status, status_code = checks.get("status", ("", ""))
    if any(checks.get(n, ("",))[0] == FAILED for n in AUTHENTICITY) or (
        checks.get("proof", ("",))[0] != PASSED
    ):
        return Outcome(
            "not_verified",
            "bad",
            _("Not verified"),
            _("This badge could not be shown to be genuine."),
        )
    if status == FAILED and status_code == REVOKED:
        return Outcome(
            "revoked", "bad", _("Revoked"), _("The issuer has revoked this badge.")
        )
    if status == FAILED and status_code == SUSPENDED:
        return Outcome(
            "suspended",
            "bad",
            _("Suspended"),
            _("The issuer has suspended this badge."),
        )
    if checks.get("validity", ("",))[0] == FAILED:
        if _past(expires):
            return Outcome(
                "expired",
                "warn",
                _("Expired"),
                _("Genuine, but it expired on %(date)s.") % {"date": expires},
            )
        return Outcome(
            "not_verified",
            "bad",
            _("Not verified"),
            _("The badge is not in force at this date."),
        )
    if status == FAILED:
        return Outcome(
            "status_unknown",
            "warn",
            _("Status unknown"),
            _("Genuine, but whether it was revoked could not be learned."),
        )
    if not identity.confirmed:
        return Outcome(
            "issuer_unconfirmed",
            "warn",
            _("Issuer not confirmed"),
            _("The signature and dates check out, but nothing confirms who issued it."),
        )
    return Outcome(
        "verified", "good", _("Verified"), _("This badge is genuine and in force.")
    )


def _past(expires: str) -> bool:
    try:
        day = parse_date(expires[:10]) if expires else None
    except ValueError:
        return False
    return isinstance(day, date) and day < localdate()


def identity_tone(identity: IssuerIdentity) -> str:
    if identity.confirmed:
        return "good"
    return "warn" if identity.code in (DID_WEB, WEB_DOMAIN) else "bad"


def _checks_and_facts(
    report: VerificationReport | Mapping[str, Any],
) -> tuple[dict[str, tuple[str, str]], Mapping[str, Any]]:
    if isinstance(report, VerificationReport):
        checks = {c.name: (c.status, c.code) for c in report.checks}
        return checks, report.certified
    checks = {
        str(c.get("name")): (str(c.get("status") or ""), str(c.get("code") or ""))
        for c in report.get("checks", [])
        if isinstance(c, Mapping)
    }
    facts = report.get("certifies")
    return checks, facts if isinstance(facts, Mapping) else {}


def _issuer_context(identity: IssuerIdentity, facts: Mapping[str, Any]) -> dict:
    return {
        "identity": identity,
        "issuer_name": identity.name or facts.get("issuer") or "",
        "identity_tone": identity_tone(identity),
        "identity_headline": trust.headline(identity),
        "identity_lines": trust.explanation(identity),
    }


@register.inclusion_tag("verifier/_banner.html")
def verdict_banner(report, image_url: str = "", with_issuer: bool = True) -> dict:
    """Draw the banner of a report (see the module docstring); the issuer part unless told not to."""
    if not report:
        return {"shown": False}
    checks, facts = _checks_and_facts(report)
    identity = trust.issuer_identity(report)
    return {
        "shown": True,
        "outcome": outcome(checks, str(facts.get("expires") or ""), identity),
        "badge_name": facts.get("name") or "",
        "image_url": image_url,
        "with_issuer": with_issuer,
        **_issuer_context(identity, facts),
    }


@register.filter
def issuer_identity(report) -> IssuerIdentity | None:
    """``{{ report|issuer_identity }}``: the evidence for who issued it, or None without a report."""
    return trust.issuer_identity(report) if report else None


@register.inclusion_tag("verifier/_issuer.html")
def issuer_line(report) -> dict:
    """Draw who issued a report's credential, with the evidence, alone."""
    if not report:
        return {"shown": False}
    _checks, facts = _checks_and_facts(report)
    return {"shown": True, **_issuer_context(trust.issuer_identity(report), facts)}
