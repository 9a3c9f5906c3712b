"""Tags for the parts of the page layout that every page renders."""

from django import template
from django.conf import settings
from django.urls import get_script_prefix, get_urlconf, reverse

register = template.Library()

_urls: dict[tuple, str] = {}


@register.simple_tag
def fixed_url(name):
    """`{% url name %}` for an address without arguments, reversed once per process: the
    layout's links (the account, signing out, the language) are the same on every page, and
    reversing one costs about 20 µs on each. The key holds all that a reversal depends on here:
    the URLconf (the settings' or the request's) and the script prefix (a deployment under a
    sub-path)."""
    key = (settings.ROOT_URLCONF, get_urlconf(), get_script_prefix(), name)
    url = _urls.get(key)
    if url is None:
        url = _urls[key] = reverse(name)  # the same value whichever thread writes it first
    return url
