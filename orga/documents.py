"""Printable documents (WeasyPrint): the cards of generated accounts, to cut out.

The fonts come with the design system's package (Marianne), read from the local static files:
nothing is fetched from the network when a PDF is made.
"""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONTS = {
    "regular": "dsfr/dist/fonts/Marianne-Regular.woff2",
    "bold": "dsfr/dist/fonts/Marianne-Bold.woff2",
}


def font_urls():
    urls = {}
    for name, path in FONTS.items():
        found = finders.find(path)
        if found:
            urls[name] = f"file://{found}"
    return urls


def pdf_from_template(template, context) -> bytes:
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    html = render_to_string(template, {**context, "fonts": font_urls()})
    # Only local files: a PDF never waits on the network.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    return HTML(string=html, url_fetcher=fetcher).write_pdf()


def credentials_pdf(*, organization, credentials, login_url) -> bytes:
    return pdf_from_template("orga/pdf/credentials.html", {
        "organization": organization, "credentials": credentials, "login_url": login_url})
