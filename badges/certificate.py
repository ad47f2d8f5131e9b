"""A printable PDF certificate of an award: the badge, the EU micro-credential elements, and a
QR code to the award's one-step verification page, for the paper world.

Text is set in DejaVu Sans (shipped in ``badges/fonts``), which covers Latvian and the
other EU languages. Labels follow the active language.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from django.utils import formats
from django.utils.translation import gettext as _
from fpdf import FPDF
from PIL import Image

from .choices import AssessmentType, ParticipationForm
from .facts import assertion_url
from .models import Award

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
INK = (27, 31, 36)
MUTED = (79, 91, 102)
BRAND = (11, 92, 173)


def _labels(values, choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values)


def _number(value) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _qr_png(url: str) -> io.BytesIO:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def _badge_png(award: Award) -> io.BytesIO | None:
    field = award.badge_class.image
    if not field or field.name.endswith(".svg"):
        return None  # SVG badges are not rasterised here; the certificate carries the QR code
    from issuers.stored_images import read_image_if_there

    data = read_image_if_there(field)
    if data is None:
        # The certificate still prints (facts and QR code) while storage is away.
        logger.warning(
            "Certificate for award %s printed without its badge image", award.uuid
        )
        return None
    image = Image.open(io.BytesIO(data))
    image.load()
    buffer = io.BytesIO()
    image.convert("RGBA").save(buffer, "PNG")
    buffer.seek(0)
    return buffer


def _elements(award: Award) -> list[tuple[str, str]]:
    """The facts to print, as (label, text) pairs, skipping what the class does not state."""
    badge_class = award.badge_class
    rows = [
        (
            _("Awarded by"),
            badge_class.issuer.localized("name")
            + f" ({badge_class.issuer.institution.localized('name')})",
        )
    ]
    rows.append((_("Issued on"), formats.date_format(award.issued_on, "DATE_FORMAT")))
    rows.append(
        (
            _("Expires"),
            formats.date_format(award.expires_at, "DATE_FORMAT")
            if award.expires_at
            else _("Does not expire"),
        )
    )
    workload = []
    if badge_class.workload_hours is not None:
        workload.append(
            _("%(hours)s hours") % {"hours": _number(badge_class.workload_hours)}
        )
    if badge_class.credits is not None:
        workload.append(
            f"{_number(badge_class.credits)} {badge_class.credit_system_label}"
        )
    if workload:
        rows.append((_("Workload"), "; ".join(workload)))
    level = []
    if badge_class.eqf_level:
        level.append(_("EQF level %(level)s") % {"level": badge_class.eqf_level})
    if badge_class.nqf_level:
        level.append(
            f"{_('NQF level')} {badge_class.nqf_level} {badge_class.nqf_framework}".strip()
        )
    if level:
        rows.append((_("Level"), "; ".join(level)))
    if badge_class.assessment_types:
        rows.append(
            (
                _("Assessment"),
                _labels(badge_class.assessment_types, AssessmentType.choices),
            )
        )
    if badge_class.participation_forms:
        rows.append(
            (
                _("Form of participation"),
                _labels(badge_class.participation_forms, ParticipationForm.choices),
            )
        )
    if badge_class.qa_type:
        rows.append(
            (
                _("Quality assurance"),
                " — ".join(
                    filter(
                        None, [badge_class.get_qa_type_display(), badge_class.qa_body]
                    )
                ),
            )
        )
    if not badge_class.is_full_qualification:
        part = badge_class.localized("part_of_qualification")
        rows.append(
            (
                _("Qualification"),
                _("Not a full qualification") + (f"; {part}" if part else ""),
            )
        )
    if award.result:
        rows.append((_("Result"), award.result))
    return rows


def certificate_pdf(award: Award, *, include_name: bool) -> bytes:
    """Return the certificate as PDF bytes. ``include_name`` prints the recipient's name."""
    badge_class = award.badge_class
    pdf = FPDF(format="A4", unit="mm")
    pdf.set_title(badge_class.localized("name"))
    pdf.set_author(badge_class.issuer.localized("name"))
    pdf.set_creator("Insignia")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_auto_page_break(auto=True, margin=20)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    pdf.set_font("DejaVu", "", 11)
    pdf.set_text_color(*MUTED)
    pdf.cell(
        width,
        6,
        badge_class.issuer.institution.localized("name"),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    badge = _badge_png(award)
    if badge is not None:
        pdf.image(badge, x=pdf.w - pdf.r_margin - 35, y=15, w=35, h=35)
    pdf.ln(14)
    pdf.set_font("DejaVu", "B", 12)
    pdf.set_text_color(*BRAND)
    pdf.cell(
        width,
        8,
        _("Micro-credential certificate").upper(),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_font("DejaVu", "B", 22)
    pdf.set_text_color(*INK)
    pdf.multi_cell(
        width - 40,
        10,
        badge_class.localized("name"),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.ln(2)
    pdf.set_font("DejaVu", "", 12)
    if include_name and award.recipient_name:
        pdf.multi_cell(
            width,
            7,
            _("Awarded to %(name)s") % {"name": award.recipient_name},
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
    if award.is_revoked:
        pdf.set_text_color(180, 35, 24)
        pdf.multi_cell(
            width,
            7,
            _("REVOKED: %(reason)s") % {"reason": award.revocation_reason},
            new_x="LMARGIN",
            new_y="NEXT",
            align="L",
        )
        pdf.set_text_color(*INK)
    pdf.set_font("DejaVu", "", 10)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        width,
        5,
        badge_class.localized("description"),
        new_x="LMARGIN",
        new_y="NEXT",
        align="L",
    )
    pdf.ln(4)

    outcomes = list(badge_class.learning_outcomes.all())
    if outcomes:
        pdf.set_font("DejaVu", "B", 11)
        pdf.set_text_color(*INK)
        pdf.cell(width, 7, _("Learning outcomes"), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("DejaVu", "", 10)
        for number, outcome in enumerate(outcomes, start=1):
            pdf.multi_cell(
                width,
                5.5,
                f"{number}. {outcome.localized('text')}",
                new_x="LMARGIN",
                new_y="NEXT",
                align="L",
            )
        pdf.ln(3)

    pdf.set_text_color(*INK)
    for label, text in _elements(award):
        pdf.set_font("DejaVu", "B", 9.5)
        pdf.cell(50, 6, label)
        pdf.set_font("DejaVu", "", 9.5)
        pdf.multi_cell(width - 50, 6, text, new_x="LMARGIN", new_y="NEXT", align="L")

    verify_url = assertion_url(award) + "/verify"
    if pdf.get_y() > pdf.h - 70:
        pdf.add_page()
    top = pdf.h - 60
    pdf.image(_qr_png(verify_url), x=pdf.l_margin, y=top, w=38, h=38)
    pdf.set_xy(pdf.l_margin + 44, top + 4)
    pdf.set_font("DejaVu", "B", 10)
    pdf.cell(width - 44, 6, _("Verify this certificate"), new_x="LEFT", new_y="NEXT")
    pdf.set_font("DejaVu", "", 8.5)
    pdf.set_text_color(*MUTED)
    pdf.multi_cell(
        width - 44,
        4.5,
        _(
            "Scan the code or open the address below. The digital badge is signed by the issuer (Open Badges 2.0 and 3.0)."
        )
        + f"\n{verify_url}",
        new_x="LEFT",
        new_y="NEXT",
        align="L",
    )
    return bytes(pdf.output())
