"""The icons a badge can carry: a selection of Lucide (ISC), shipped in static/vendor/lucide/icons.

Each icon is a 24 × 24 stroke drawing (``stroke="currentColor"``, no fill);
``icon_elements`` returns its shapes for ``svg.render`` to draw at any size
in any colour.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from functools import cache
from pathlib import Path

from django.utils.translation import gettext_lazy as _

FOLDER = Path(__file__).resolve().parents[2] / "static" / "vendor" / "lucide" / "icons"
_SVG = "{http://www.w3.org/2000/svg}"
# Only plain shapes are copied from the icon files, with their geometry.
_SHAPES = {"path", "circle", "rect", "line", "polyline", "polygon", "ellipse"}
_GEOMETRY = {
    "d",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "width",
    "height",
    "points",
}

ICONS = {
    "award": _("Award ribbon"),
    "medal": _("Medal"),
    "trophy": _("Trophy"),
    "star": _("Star"),
    "badge-check": _("Badge with a tick"),
    "shield-check": _("Shield with a tick"),
    "graduation-cap": _("Graduation cap"),
    "book-open": _("Open book"),
    "book": _("Book"),
    "pencil": _("Pencil"),
    "languages": _("Languages"),
    "lightbulb": _("Light bulb"),
    "brain": _("Brain"),
    "puzzle": _("Puzzle piece"),
    "target": _("Target"),
    "rocket": _("Rocket"),
    "code": _("Code"),
    "cpu": _("Processor"),
    "laptop": _("Laptop"),
    "atom": _("Atom"),
    "flask-conical": _("Flask"),
    "microscope": _("Microscope"),
    "dna": _("DNA"),
    "calculator": _("Calculator"),
    "chart-column": _("Chart"),
    "globe": _("Globe"),
    "landmark": _("Public building"),
    "scale": _("Scales"),
    "briefcase": _("Briefcase"),
    "handshake": _("Handshake"),
    "users": _("People"),
    "heart": _("Heart"),
    "hand-heart": _("Hand with a heart"),
    "stethoscope": _("Stethoscope"),
    "heart-pulse": _("Heartbeat"),
    "leaf": _("Leaf"),
    "sprout": _("Sprout"),
    "tree-pine": _("Pine tree"),
    "recycle": _("Recycling"),
    "sun": _("Sun"),
    "mountain": _("Mountain"),
    "palette": _("Palette"),
    "paintbrush": _("Paintbrush"),
    "music": _("Music"),
    "camera": _("Camera"),
    "mic": _("Microphone"),
    "wrench": _("Spanner"),
    "hammer": _("Hammer"),
    "hard-hat": _("Hard hat"),
    "flame": _("Flame"),
    "zap": _("Lightning"),
    "car": _("Car"),
    "truck": _("Lorry"),
    "plane": _("Aeroplane"),
    "bike": _("Bicycle"),
    "utensils": _("Knife and fork"),
    "chef-hat": _("Chef's hat"),
    "compass": _("Compass"),
    "flag": _("Flag"),
}


@cache
def icon_elements(name: str) -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Return the icon's shapes as ``(tag, ((attribute, value), ...))``; KeyError for an unknown icon."""
    if name not in ICONS:
        raise KeyError(name)
    root = ET.parse(FOLDER / f"{name}.svg").getroot()  # noqa: S314 (our own vendored files)
    shapes = []
    for element in root.iter():
        tag = element.tag.removeprefix(_SVG)
        if tag in _SHAPES:
            attributes = tuple(
                (k, v) for k, v in element.attrib.items() if k in _GEOMETRY
            )
            shapes.append((tag, attributes))
    return tuple(shapes)
