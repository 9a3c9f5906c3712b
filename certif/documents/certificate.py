"""The PDF certificate (domain §8.4): page 1 the identity, the centre, the dates, the score over 895
with its confidence band, the level and the verification code with its QR code; page 2 the 16
competence levels by area. One certificate, or all the certificates of a class in one file.

The QR code is drawn by segno as inline SVG markup: the page fetches nothing, not even an image.
"""

import re
from collections.abc import Callable, Sequence

import segno
from django.conf import settings
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _

from certif.certificates import Certificate
from certif.documents.pdf import render_pdfs
from certif.documents.sheets import Document

TEMPLATE = "certif/pdf/certificates.html"
QR_ERROR_LEVEL = "m"  # 15 % of the symbol may be damaged (a folded or stained paper)


def verification_path(code: str) -> str:
    return reverse("certificates:verify_code", kwargs={"code": code})


def verification_url(code: str, request=None) -> str:
    """The verification page's absolute address: the request's host, else the site's address."""
    path = verification_path(code)
    if request is not None:
        return request.build_absolute_uri(path)
    return f"{settings.SITE_URL.rstrip('/')}{path}"


_XML_DECLARATION = re.compile(r"^<\?xml[^>]*>\s*")


def qr_svg(url: str) -> str:
    """The QR code of this address as an <svg> element sized by the stylesheet."""
    qr = segno.make(url, error=QR_ERROR_LEVEL, micro=False)
    svg = qr.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True,
                        title=_("QR code vers la page de vérification"))
    return mark_safe(_XML_DECLARATION.sub("", svg))  # noqa: S308 - segno's own markup


UrlFor = Callable[[str], str]


def _context(certificates: Sequence[Certificate], url_for: UrlFor, title: str) -> dict:
    items = []
    for certificate in certificates:
        url = url_for(certificate.verification_code)
        items.append({"c": certificate, "url": url, "qr": qr_svg(url)})
    return {"title": title, "certificates": items}


def certificate_file_name(certificate: Certificate) -> str:
    return _("certificat-pix-%(name)s.pdf") % {
        "name": slugify(f"{certificate.first_name} {certificate.last_name}") or certificate.course_id}


def certificate_pdf(certificate: Certificate, url_for: UrlFor) -> Document:
    title = _("Certificat Pix de %(name)s") % {"name": certificate.full_name}
    [content] = render_pdfs(TEMPLATE, _context([certificate], url_for, title), 1)
    return Document(certificate_file_name(certificate), content)


def certificates_pdf(certificates: Sequence[Certificate], url_for: UrlFor, file_name: str,
                     title: str) -> Document:
    """Every certificate in one PDF, two pages each, in the given order."""
    [content] = render_pdfs(TEMPLATE, _context(certificates, url_for, title), 1)
    return Document(file_name, content)
