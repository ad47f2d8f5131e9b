"""Read the offer's QR code back from the page, as a phone camera would."""

from __future__ import annotations

import io

import zxingcpp
from PIL import Image


def read_qr(page) -> str:
    """The text of the one QR code on the page, read back from a screenshot of it (zxing-cpp)."""
    image = Image.open(io.BytesIO(page.locator("figure.qr svg").screenshot()))
    codes = zxingcpp.read_barcodes(image)
    assert [c.format for c in codes] == [zxingcpp.BarcodeFormat.QRCode], codes
    return codes[0].text
