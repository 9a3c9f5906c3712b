"""Render content Markdown safely: authors write Markdown, learners get sanitised HTML."""

import functools
import re

import markdown as markdown_lib
import nh3
from django import template
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import mark_safe

from referentiel.models import Area

register = template.Library()

HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "code", "pre", "ul", "ol", "li", "blockquote", "table", "thead",
    "tbody", "tr", "th", "td", "h3", "h4", "kbd", "span", "a", "hr",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}, "td": set(), "span": {"lang"}}


@register.filter(is_safe=True)
def markdown(text):
    return mark_safe(_rendered(text or ""))


# The same instruction is rendered for every learner it is served to: the HTML is a pure function
# of the text, kept for the most recent texts (a few hundred kilobytes at most).
@functools.lru_cache(maxsize=2048)
def _rendered(text):
    html = markdown_lib.markdown(text, extensions=["tables", "sane_lists", "fenced_code"])
    return nh3.clean(html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, link_rel="noopener noreferrer")


# Inside a label (a proposal): only what a line of text may hold.
INLINE_TAGS = {"strong", "em", "code", "kbd", "span", "br"}


@register.filter(is_safe=True)
def inline_markdown(text):
    """A one-line Markdown text (a proposal: `code`, **bold**, *italics*) as inline HTML."""
    return mark_safe(_rendered_inline(text or ""))


@functools.lru_cache(maxsize=4096)
def _rendered_inline(text):
    html = markdown_lib.markdown(text).strip()
    if not (html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1):
        return escape(text)  # a line Markdown reads as a block (« 1. », « - »): shown as written
    return nh3.clean(html[3:-4], tags=INLINE_TAGS, attributes={"span": {"lang"}}).strip()


def challenge_prerender(challenge) -> None:
    """Render a challenge's instruction and proposals into the caches above (a web process about
    to serve it): otherwise the first serving of each question in each process renders it, several
    hundred renderings in the first minutes of an exam, when a whole room starts at once."""
    _rendered(challenge.instruction or "")
    for text in challenge.proposals or ():
        _rendered_inline(text or "")


@register.filter
def content_media(file_name):
    """URL of an illustration or attachment shipped with the content files."""
    return static(f"contenu/{file_name}")


@register.simple_tag(takes_context=True)
def area_colors_style(context):
    """Each area's colour as a class ``area-color-<code>``, in a <style> element carrying the CSP
    nonce: the policy refuses inline style attributes, and the colours come from the content."""
    rules = "".join(
        f".area-color-{code}{{--area-color:{color}}}"
        for code, color in Area.objects.values_list("code", "color")
        if code.isalnum() and HEX_COLOR.match(color)
    )
    return format_html('<style nonce="{}">{}</style>', context.get("CSP_NONCE", ""), mark_safe(rules))
