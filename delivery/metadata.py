"""The Credential Issuer Metadata (OID4VCI 1.0 section 12.2) and the configurations it names.

The Credential Issuer Identifier is the site's public base URL; the site is
its own authorization server (no ``authorization_servers``: section 12.2.4),
whose RFC 8414 metadata lives in ``authserver``. Display names are given in
every language of the site.
"""

from __future__ import annotations

from django.conf import settings
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from badges.facts import base_url
from credentials import ob3

from .models import Format

PRE_AUTHORIZED_GRANT = "urn:ietf:params:oauth:grant-type:pre-authorized_code"
LDP_VC = "OpenBadgeCredential_ldp_vc"
JWT_VC_JSON = "OpenBadgeCredential_jwt_vc_json"
# Credential configuration id -> the format it is delivered in.
CONFIGURATIONS = {LDP_VC: Format.LDP_VC, JWT_VC_JSON: Format.JWT_VC_JSON}
CREDENTIAL_TYPE = ["VerifiableCredential", "OpenBadgeCredential"]
# Key proofs (appendix F.1): asymmetric algorithms only, never "none" nor a MAC.
PROOF_ALGORITHMS = ["EdDSA", "ES256", "ES384"]
BINDING_METHODS = ["did:key", "did:jwk", "jwk"]


def credential_issuer() -> str:
    """The Credential Issuer Identifier (section 12.2.1): the site's base URL."""
    return base_url()


def endpoint(name: str) -> str:
    return base_url() + reverse(f"delivery:{name}")


def _logo() -> dict:
    uri = static("img/favicon.svg")
    return {
        "uri": uri if "://" in uri else base_url() + uri,
        "alt_text": _("%(site)s logo") % {"site": settings.SITE_NAME},
    }


def _in_each_language(build) -> list[dict]:
    """``build()`` once per site language, with its ``locale`` (one object per language)."""
    displays = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            displays.append({**build(), "locale": code})
    return displays


def _issuer_display() -> dict:
    return {
        "name": _("%(site)s digital badges") % {"site": settings.SITE_NAME},
        "logo": _logo(),
    }


def _credential_display() -> dict:
    return {
        "name": _("Open Badge"),
        "description": _(
            "A badge its holder earned, signed by the issuing school (Open Badges 3.0)."
        ),
        "logo": _logo(),
    }


def _claims() -> list[dict]:
    paths = (
        (["credentialSubject", "achievement", "name"], gettext_noop("Badge")),
        (["issuer", "name"], gettext_noop("Issuer")),
        (["validFrom"], gettext_noop("Issued on")),
        (["validUntil"], gettext_noop("Expires on")),
    )
    return [
        {
            "path": path,
            "display": _in_each_language(lambda label=label: {"name": _(label)}),
        }
        for path, label in paths
    ]


def _configuration(fmt: str) -> dict:
    definition = {"type": CREDENTIAL_TYPE}
    if fmt == Format.LDP_VC:
        definition = {"@context": ob3.contexts(base_url()), **definition}
    return {
        "format": fmt,
        "credential_signing_alg_values_supported": (
            ["eddsa-rdfc-2022"] if fmt == Format.LDP_VC else ["EdDSA"]
        ),
        "cryptographic_binding_methods_supported": BINDING_METHODS,
        "proof_types_supported": {
            "jwt": {"proof_signing_alg_values_supported": PROOF_ALGORITHMS}
        },
        "credential_definition": definition,
        "credential_metadata": {
            "display": _in_each_language(_credential_display),
            "claims": _claims(),
        },
    }


def issuer_metadata() -> dict:
    """Return the Credential Issuer Metadata document (section 12.2.4)."""
    return {
        "credential_issuer": credential_issuer(),
        "credential_endpoint": endpoint("credential"),
        "nonce_endpoint": endpoint("nonce"),
        "display": _in_each_language(_issuer_display),
        "credential_configurations_supported": {
            identifier: _configuration(fmt)
            for identifier, fmt in CONFIGURATIONS.items()
        },
    }
