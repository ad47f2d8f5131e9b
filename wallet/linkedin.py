"""Links that hand a shared badge to LinkedIn: "add to profile" and "share in a post".

LinkedIn's Add to Profile link opens the learner's "Add licence or certification"
form with the fields filled; the share link opens a post with the page's preview
(built from the share page's Open Graph tags)::

    add_to_profile_url(name="Data Literacy", organization="Riga TU",
                       issued=date(2026, 3, 1), expires=None,
                       cert_url="https://example.org/share/abc", cert_id="1234")
    # https://www.linkedin.com/profile/add?startTask=CERTIFICATION_NAME&name=Data+Literacy
    #   &organizationName=Riga+TU&issueYear=2026&issueMonth=3&certUrl=...&certId=1234

Nothing here talks to LinkedIn; the browser follows the link.
"""

from __future__ import annotations

from datetime import date, datetime
from urllib.parse import urlencode

ADD_TO_PROFILE = "https://www.linkedin.com/profile/add"
SHARE = "https://www.linkedin.com/sharing/share-offsite/"


def add_to_profile_url(
    *,
    name: str,
    organization: str,
    issued: date | datetime | None,
    expires: date | datetime | None,
    cert_url: str,
    cert_id: str,
) -> str:
    params = {
        "startTask": "CERTIFICATION_NAME",
        "name": name,
        "organizationName": organization,
    }
    if issued:
        params |= {"issueYear": issued.year, "issueMonth": issued.month}
    if expires:
        params |= {"expirationYear": expires.year, "expirationMonth": expires.month}
    params |= {"certUrl": cert_url, "certId": cert_id}
    return f"{ADD_TO_PROFILE}?{urlencode(params)}"


def share_url(url: str) -> str:
    return f"{SHARE}?{urlencode({'url': url})}"
