from django import template

from certif.text import truncate

register = template.Library()


@register.filter
def cut_to(value, limit):
    """The text cut to `limit` characters with an ellipsis (the attendance sheet's long texts)."""
    return truncate(value, int(limit))
