"""A printable PDF certificate of an award, for the paper world.

Two A4 landscape pages. The first is the certificate itself: the institution's
logo and name, the holder's name (or, when it is not to be shown, a line naming
the holder of the credential), the badge's title and image, the dates, the
signature line with the signatory's signature or seal image above it, and a QR
code to the award's one-step verification page with its address printed under
it. The second lists what was learned and the EU micro-credential elements.

Text is set in DejaVu Sans (shipped in ``badges/fonts``), which covers Latvian and the
other EU languages. Labels and translatable texts follow the active language.
Images that are missing or unusable are left out (``badges.certificate_images``).
"""

from __future__ import annotations

import io
import logging
from pathlib import Path

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from fpdf import FPDF

from .certificate_images import stored_png
from .choices import AssessmentType, ParticipationForm
from .facts import assertion_url
from .models import Award

logger = logging.getLogger(__name__)

FONTS = Path(__file__).resolve().parent / "fonts"
INK = (27, 31, 36)
MUTED = (79, 91, 102)
BRAND = (11, 92, 173)
RULE = (196, 205, 214)
ALERT = (180, 35, 24)


def _labels(values, choices) -> str:
    names = dict(choices)
    return ", ".join(str(names.get(v, v)) for v in values)


def _number(value) -> str:
    return format(value.normalize(), "f") if value is not None else ""


def _date(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATE_FORMAT")


def _qr_png(url: str) -> io.BytesIO:
    import segno

    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=6, border=2)
    buffer.seek(0)
    return buffer


def _workload(badge_class) -> list[str]:
    """The hours and credits, each as printed ("74 hours", "3 ECTS")."""
    workload = []
    if badge_class.workload_hours is not None:
        workload.append(
            _("%(hours)s hours") % {"hours": _number(badge_class.workload_hours)}
        )
    if badge_class.credits is not None:
        workload.append(
            f"{_number(badge_class.credits)} {badge_class.credit_system_label}"
        )
    return workload


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
    rows.append((_("Issued on"), _date(award.issued_on)))
    rows.append(
        (
            _("Expires"),
            _date(award.expires_at) if award.expires_at else _("Does not expire"),
        )
    )
    workload = _workload(badge_class)
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


def verify_url(award: Award) -> str:
    """Return the address of the award's one-step verification page (printed and in the QR code)."""
    return assertion_url(award) + "/verify"


def certificate_pdf(award: Award, *, include_name: bool) -> bytes:
    """Return the certificate as PDF bytes.

    ``include_name`` prints the name the issuer entered for the recipient (the
    view decides whether it may be shown); without it, or without a name, the
    certificate says it was awarded to the holder of the credential. The
    recipient's e-mail address is never printed.
    """
    badge_class = award.badge_class
    issuer = badge_class.issuer
    pdf = FPDF(orientation="landscape", format="A4", unit="mm")
    pdf.set_title(badge_class.localized("name"))
    pdf.set_author(issuer.localized("name"))
    pdf.set_subject(_("Micro-credential certificate"))
    pdf.set_creator("Insignia")
    pdf.set_lang(translation.get_language() or "en")
    pdf.add_font("DejaVu", "", str(FONTS / "DejaVuSans.ttf"))
    pdf.add_font("DejaVu", "B", str(FONTS / "DejaVuSans-Bold.ttf"))
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(auto=False)
    name = award.recipient_name.strip() if include_name else ""
    _face(pdf, award, name=name)
    _details(pdf, award)
    return bytes(pdf.output())


# --- The first page: the certificate ---------------------------------------------------


def _face(pdf: FPDF, award: Award, *, name: str) -> None:
    badge_class = award.badge_class
    issuer = badge_class.issuer
    pdf.add_page()
    _frame(pdf)
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # The institution: logo and names on the left, the badge on the right.
    logo = stored_png(issuer.image, what=f"logo of issuer {issuer.uuid}")
    text_x = pdf.l_margin
    if logo is not None:
        pdf.image(logo, x=pdf.l_margin, y=20, w=42, h=24, keep_aspect_ratio=True)
        text_x += 48
    pdf.set_xy(text_x, 23)
    _font(pdf, 13, bold=True)
    pdf.multi_cell(150, 6.5, issuer.institution.localized("name"), align="L")
    pdf.set_x(text_x)
    _font(pdf, 10.5, color=MUTED)
    pdf.multi_cell(150, 5.5, issuer.localized("name"), align="L")
    badge = stored_png(
        badge_class.image, what=f"image of badge class {badge_class.uuid}"
    )
    if badge is not None:
        pdf.image(
            badge, x=pdf.w - pdf.r_margin - 40, y=17, w=40, h=40, keep_aspect_ratio=True
        )

    # The statement: who earned what.
    pdf.set_y(62)
    _font(pdf, 11, bold=True, color=BRAND)
    pdf.set_char_spacing(1.2)
    pdf.cell(
        width,
        7,
        _("Micro-credential certificate").upper(),
        align="C",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_char_spacing(0)
    pdf.ln(3)
    if name:
        _font(pdf, 11, color=MUTED)
        pdf.cell(
            width, 6, _("This certifies that"), align="C", new_x="LMARGIN", new_y="NEXT"
        )
        _fitted(pdf, name, width=width - 20, start=28, smallest=16, height=13)
        _font(pdf, 11, color=MUTED)
        pdf.cell(
            width,
            7,
            _("has earned the micro-credential"),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    else:
        _font(pdf, 15)
        pdf.cell(
            width,
            12,
            _("Awarded to the holder of this credential"),
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )
    pdf.ln(1)
    _fitted(
        pdf,
        badge_class.localized("name"),
        width=width - 30,
        start=22,
        smallest=14,
        height=10,
        color=BRAND,
        lines=2,
    )
    summary = _summary(award)
    if summary:
        pdf.ln(1)
        _font(pdf, 10, color=MUTED)
        pdf.multi_cell(width, 5.5, summary, align="C", new_x="LMARGIN", new_y="NEXT")
    _font(pdf, 10, color=MUTED)
    description = _shortened(pdf, badge_class.localized("description"), 190, lines=3)
    if description:
        pdf.ln(3)
        pdf.set_x((pdf.w - 190) / 2)
        pdf.multi_cell(190, 5, description, align="C", new_x="LMARGIN", new_y="NEXT")
    if award.is_revoked:
        pdf.ln(2)
        _font(pdf, 12, bold=True, color=ALERT)
        pdf.multi_cell(
            width,
            6.5,
            _("REVOKED: %(reason)s") % {"reason": award.revocation_reason},
            align="C",
            new_x="LMARGIN",
            new_y="NEXT",
        )

    # Three blocks along the foot: 24–94 mm, 97–161 mm, and the QR code with its address to the right.
    _signature(pdf, issuer, x=pdf.l_margin + 4, top=146, width=70)
    _dates(pdf, award, x=97, top=150, width=64)
    _qr_block(pdf, award, right=pdf.w - pdf.r_margin - 2, top=140)


def _frame(pdf: FPDF) -> None:
    pdf.set_draw_color(*BRAND)
    pdf.set_line_width(0.9)
    pdf.rect(8, 8, pdf.w - 16, pdf.h - 16)
    pdf.set_line_width(0.25)
    pdf.rect(11, 11, pdf.w - 22, pdf.h - 22)


def _font(pdf: FPDF, size: float, *, bold: bool = False, color=INK) -> None:
    pdf.set_font("DejaVu", "B" if bold else "", size)
    pdf.set_text_color(*color)


def _fitted(
    pdf: FPDF,
    text: str,
    *,
    width: float,
    start: float,
    smallest: float,
    height: float,
    color=INK,
    lines: int = 1,
) -> None:
    """Print ``text`` centred and bold, as large as fits on ``lines`` lines (wrapping below ``smallest``)."""
    size = start
    _font(pdf, size, bold=True, color=color)
    while size > smallest and pdf.get_string_width(text) > width * lines * 0.92:
        size -= 1
        _font(pdf, size, bold=True, color=color)
    pdf.set_x((pdf.w - width) / 2)
    pdf.multi_cell(
        width, height * size / start, text, align="C", new_x="LMARGIN", new_y="NEXT"
    )


def _shortened(pdf: FPDF, text: str, width: float, *, lines: int) -> str:
    """Return ``text`` cut at a word (with an ellipsis) to about ``lines`` lines of ``width``: the whole text is on page 2."""
    text = " ".join(text.split())
    room = width * lines * 0.9
    if pdf.get_string_width(text) <= room:
        return text
    words = text.split(" ")
    while words and pdf.get_string_width(" ".join(words) + " …") > room:
        words.pop()
    return " ".join(words) + " …"


def _summary(award: Award) -> str:
    """One line under the title: level and workload, the facts people look for first."""
    badge_class = award.badge_class
    parts = []
    if badge_class.eqf_level:
        parts.append(_("EQF level %(level)s") % {"level": badge_class.eqf_level})
    parts.extend(_workload(badge_class))
    if award.result:
        parts.append(f"{_('Result')}: {award.result}")
    return " · ".join(parts)


def _signature(pdf: FPDF, issuer, *, x: float, top: float, width: float) -> None:
    """The signature or seal image above a line, the signatory's name and position under it."""
    seal = stored_png(issuer.signature_image, what=f"signature of issuer {issuer.uuid}")
    if seal is not None:
        pdf.image(seal, x=x, y=top, w=width * 0.8, h=22, keep_aspect_ratio=True)
    line = top + 24
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(x, line, x + width, line)
    pdf.set_xy(x, line + 1.5)
    _font(pdf, 10.5, bold=True)
    pdf.multi_cell(
        width,
        5.5,
        issuer.signatory_name or issuer.localized("name"),
        align="L",
        new_x="LEFT",
        new_y="NEXT",
    )
    _font(pdf, 9, color=MUTED)
    if issuer.signatory_name and issuer.signatory_title:
        pdf.multi_cell(
            width, 4.5, issuer.signatory_title, align="L", new_x="LEFT", new_y="NEXT"
        )
    if issuer.signatory_name:
        pdf.multi_cell(
            width, 4.5, issuer.localized("name"), align="L", new_x="LEFT", new_y="NEXT"
        )


def _dates(pdf: FPDF, award: Award, *, x: float, top: float, width: float) -> None:
    pdf.set_xy(x, top)
    for label, value in (
        (_("Issued on"), _date(award.issued_on)),
        (
            _("Expires"),
            _date(award.expires_at) if award.expires_at else _("Does not expire"),
        ),
    ):
        _font(pdf, 8.5, color=MUTED)
        pdf.cell(width, 4.5, label, align="C", new_x="LEFT", new_y="NEXT")
        _font(pdf, 11, bold=True)
        pdf.cell(width, 6.5, value, align="C", new_x="LEFT", new_y="NEXT")
        pdf.set_xy(x, pdf.get_y() + 1.5)


def _qr_block(pdf: FPDF, award: Award, *, right: float, top: float) -> None:
    """The QR code, flush right, with "Verify" above and the whole address under it on one line."""
    url = verify_url(award)
    size = 32
    pdf.image(_qr_png(url), x=right - size, y=top, w=size, h=size)
    _font(pdf, 9, bold=True)
    pdf.set_xy(right - 95, top + 4)
    pdf.multi_cell(
        95 - size - 3,
        4.5,
        _("Verify this certificate"),
        align="R",
        new_x="LEFT",
        new_y="NEXT",
    )
    _font(pdf, 8, color=MUTED)
    pdf.set_x(right - 95)
    pdf.multi_cell(
        95 - size - 3, 4, _("Scan the code or open the address below."), align="R"
    )
    font_size = 7.5
    _font(pdf, font_size, color=MUTED)
    room = 110
    while font_size > 4.5 and pdf.get_string_width(url) > room:
        font_size -= 0.25
        _font(pdf, font_size, color=MUTED)
    pdf.set_xy(right - room, top + size + 1.5)
    pdf.cell(room, 4, url, align="R", link=url)


# --- The second page: what was learned, and the EU elements ----------------------------


def _details(pdf: FPDF, award: Award) -> None:
    badge_class = award.badge_class
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    _font(pdf, 9, bold=True, color=BRAND)
    pdf.set_char_spacing(1)
    pdf.cell(
        width,
        6,
        _("About this micro-credential").upper(),
        new_x="LMARGIN",
        new_y="NEXT",
    )
    pdf.set_char_spacing(0)
    _font(pdf, 16, bold=True)
    pdf.multi_cell(
        width,
        8,
        badge_class.localized("name"),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    description = badge_class.localized("description")
    if description:
        pdf.ln(1)
        _font(pdf, 10, color=MUTED)
        pdf.multi_cell(width, 5, description, align="L", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(4)

    outcomes = list(badge_class.learning_outcomes.all())
    if outcomes:
        _heading(pdf, _("Learning outcomes"), width)
        _font(pdf, 10)
        for number, outcome in enumerate(outcomes, start=1):
            pdf.multi_cell(
                width,
                5.5,
                f"{number}. {outcome.localized('text')}",
                align="L",
                new_x="LMARGIN",
                new_y="NEXT",
            )
        pdf.ln(4)

    _heading(pdf, _("The micro-credential's elements"), width)
    label_width = 62
    for label, text in _elements(award):
        if pdf.get_y() > pdf.h - 30:
            pdf.add_page()
        top = pdf.get_y()
        _font(pdf, 9.5, bold=True)
        pdf.multi_cell(
            label_width - 4, 5.5, label, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        below_label = pdf.get_y()
        pdf.set_xy(pdf.l_margin + label_width, top)
        _font(pdf, 9.5)
        pdf.multi_cell(
            width - label_width, 5.5, text, align="L", new_x="LMARGIN", new_y="NEXT"
        )
        pdf.set_y(max(below_label, pdf.get_y()) + 1)

    pdf.ln(4)
    if pdf.get_y() > pdf.h - 35:
        pdf.add_page()
    _font(pdf, 8.5, color=MUTED)
    pdf.multi_cell(
        width,
        4.5,
        _(
            "The digital badge behind this certificate is signed by the issuer (Open Badges 2.0 and 3.0). Check it at any time at this address:"
        ),
        align="L",
        new_x="LMARGIN",
        new_y="NEXT",
    )
    url = verify_url(award)
    pdf.cell(width, 5, url, link=url, new_x="LMARGIN", new_y="NEXT")


def _heading(pdf: FPDF, text: str, width: float) -> None:
    if pdf.get_y() > pdf.h - 40:
        pdf.add_page()
    _font(pdf, 11.5, bold=True)
    pdf.cell(width, 7, text, new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*RULE)
    pdf.set_line_width(0.2)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(2)
