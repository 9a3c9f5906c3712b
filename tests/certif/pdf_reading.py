"""Reading a certificate PDF as its reader would: its text, and the QR codes a phone would scan.

The QR code is drawn as vector paths (segno's inline SVG), not as an image: the page is
rasterised (PDFium) and the raster decoded (zxing-cpp), as a camera would see the printed page."""

import io

import pypdfium2
import zxingcpp
from pypdf import PdfReader

# 2 × 72 dpi: a module of the QR code spans several pixels, and a page renders in a few ms.
RENDER_SCALE = 2


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def without_spaces(text: str) -> str:
    """The text as one word, to look for a code in it: extraction may put a space inside a code
    where a kerned pair of letters leaves a gap (« BQ JD84 », « P-4FC73Q JM »)."""
    return "".join(text.split())


def qr_codes(content: bytes, page_number: int = 0) -> list[str]:
    """The texts of the QR codes found on one page of the PDF, top to bottom."""
    document = pypdfium2.PdfDocument(content)
    try:
        image = document[page_number].render(scale=RENDER_SCALE).to_pil()
        found = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    finally:
        document.close()
    return [code.text for code in sorted(found, key=lambda code: code.position.top_left.y)]
