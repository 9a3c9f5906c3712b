"""HTML templates to PDF with WeasyPrint, with the DSFR's Marianne font read from the package.

No network: the URL fetcher only opens the font files and refuses anything else, so a name typed
in a candidate field can never make the server fetch a URL.
"""

import atexit
import contextlib
import gc
import threading
from pathlib import Path

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string

FONT_FILES = {
    ("normal", "400"): "dsfr/dist/fonts/Marianne-Regular.woff",
    ("normal", "700"): "dsfr/dist/fonts/Marianne-Bold.woff",
}
_local = threading.local()


def _font_paths():
    paths = {}
    for key, name in FONT_FILES.items():
        found = finders.find(name)
        if found:
            paths[key] = Path(found).resolve()
    return paths


def _font_css(paths):
    return "\n".join(
        f"@font-face {{ font-family: Marianne; font-style: {style}; font-weight: {weight}; "
        f"src: url('{path.as_uri()}'); }}" for (style, weight), path in paths.items())


def _resources():
    """Per thread: the font configuration and stylesheet, built once (fonts never change)."""
    if not hasattr(_local, "resources"):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        paths = _font_paths()
        allowed = {path.as_uri() for path in paths.values()}
        config = FontConfiguration()
        fonts = CSS(string=_font_css(paths), font_config=config, url_fetcher=_fetcher(allowed))
        _local.resources = (config, fonts, allowed)
    return _local.resources


@atexit.register
def _release():
    # Free WeasyPrint's font configuration before the interpreter dismantles its modules.
    _local.__dict__.pop("resources", None)


def _fetcher(allowed):
    from weasyprint.urls import URLFetcher

    class FontsOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            if url not in allowed:
                raise ValueError("Ressource externe refusée dans un document PDF.")
            return super().fetch(url, headers)

    return FontsOnlyFetcher(allowed_protocols={"file"})


@contextlib.contextmanager
def _without_cycle_collection():
    """Layout builds hundreds of thousands of objects: the cycle collector's passes over them cost
    a quarter of the time (measured: 4.4 s against 3.3 s of CPU for 10 sessions). It runs again,
    and frees the layout's cycles, as soon as the documents are written."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def render_pdfs(template_name: str, context: dict, count: int) -> list[bytes]:
    """Lay out once an HTML page holding `count` documents, then write each one's pages as a PDF.

    Document n begins on the page holding the element of id "document-n". One layout for many
    documents saves the parsing, the style cascade and the fonts' set-up of each (the ZIP of a
    day's sessions holds twenty documents or more).
    """
    from weasyprint import HTML

    config, fonts, allowed = _resources()
    html = render_to_string(template_name, context)
    with _without_cycle_collection():
        rendered = HTML(string=html, url_fetcher=_fetcher(allowed), base_url="file:///nonexistent/").render(
            stylesheets=[fonts], font_config=config)
        pages_of = [[] for _ in range(count)]
        current = 0
        for page in rendered.pages:
            starts = [int(name.split("-")[1]) for name in page.anchors if name.startswith("document-")]
            if starts:
                current = max(starts) - 1
            pages_of[current].append(page)
        return [rendered.copy(pages).write_pdf() for pages in pages_of]
