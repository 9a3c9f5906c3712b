"""Database ids read from a request: one bound and one French message for URLs, forms and the API.

Every id a client sends (in an address, a form field or a JSON body) is read here before it is
used: a whole number from 1 to the largest value of the database's `bigint` (every table's key).
Anything else (negative, zero, too large, not a number) never reaches a query: in an address it
matches no URL, so the answer is the service's 404 page; in a form or a JSON body it is a French
validation error (4xx).
"""

from django import forms
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

MAX_ID = 2**63 - 1  # the largest value of PostgreSQL's bigint (SQLite's integer is as large)
MAX_ID_DIGITS = len(str(MAX_ID))

INVALID_ID_MESSAGE = _("Cet identifiant n'est pas valide : ce doit être un nombre entier positif, "
                       "tel qu'il figure dans l'adresse de la page.")
MISSING_ID_MESSAGE = _("Un identifiant est attendu ici.")


def parse_id(raw) -> int | None:
    """`raw` as a database id, or None when it is not one (strict: digits only, no sign)."""
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return raw if 0 < raw <= MAX_ID else None
    text = str(raw if raw is not None else "").strip()
    if not text.isascii() or not text.isdigit() or len(text) > MAX_ID_DIGITS:
        return None
    value = int(text)
    return value if 0 < value <= MAX_ID else None


class IdConverter:
    """The `<id:name>` path converter: an address whose id cannot exist matches no URL (404)."""

    regex = f"[0-9]{{1,{MAX_ID_DIGITS}}}"

    def to_python(self, value):
        parsed = parse_id(value)
        if parsed is None:
            raise ValueError(value)  # Django then tries the next pattern, and ends in a 404
        return parsed

    def to_url(self, value):
        return str(value)


# The schema says what the converter accepts (drf-spectacular's PATH_CONVERTER_OVERRIDES).
ID_SCHEMA = {"type": "integer", "minimum": 1, "maximum": MAX_ID}

_ERRORS = {"required": MISSING_ID_MESSAGE, "invalid": INVALID_ID_MESSAGE,
           "min_value": INVALID_ID_MESSAGE, "max_value": INVALID_ID_MESSAGE,
           "max_string_length": INVALID_ID_MESSAGE, "null": MISSING_ID_MESSAGE}


class IdFormField(forms.IntegerField):
    """A form field holding a database id."""

    default_error_messages = _ERRORS

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        kwargs.setdefault("widget", forms.HiddenInput)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        parsed = parse_id(value)
        if parsed is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed


class IdSerializerField(serializers.IntegerField):
    """A JSON field holding a database id (a number; a numeric string is accepted too)."""

    default_error_messages = _ERRORS

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        parsed = parse_id(data) if isinstance(data, int | str) else None
        if parsed is None:
            self.fail("invalid")
        return parsed


class CodeConverter:
    """The `<code:name>` path converter, for the codes an address carries (a competence's, a
    campaign's, a certificate's): up to 100 characters, none a control character. PostgreSQL
    refuses a NUL in a query's text, so such an address matches no URL (the service's 404 page)
    rather than reaching the view's query; the view still says whether the code exists."""

    regex = "[^/\x00-\x1f\x7f]{1,100}"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return str(value)
