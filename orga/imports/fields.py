"""Checks shared by every format: each returns the clean value or raises Invalid(message)."""

import re
from datetime import date

from django.utils import timezone
from django.utils.translation import gettext as _

MAX_LENGTH = 255
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
DATE = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})$")
INSEE_CITY_CODE = re.compile(r"^(\d{5}|\d[AB]\d{3})$", re.IGNORECASE)
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Invalid(ValueError):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def text(value, *, required=False, max_length=MAX_LENGTH, required_message=None):
    value = " ".join((value or "").split())
    if not value:
        if required:
            raise Invalid(required_message or _("la valeur est obligatoire et manque."))
        return ""
    if CONTROL_CHARACTERS.search(value):
        raise Invalid(_("la valeur contient des caractères de contrôle non autorisés."))
    if len(value) > max_length:
        raise Invalid(_("la valeur dépasse %(max)s caractères.") % {"max": max_length})
    return value


def birthdate(value, *, allow_two_digit_year=False):
    value = (value or "").strip()
    if not value:
        raise Invalid(_("la date de naissance est obligatoire et manque."))
    match = DATE.match(value)
    if not match or (len(match.group(3)) == 2 and not allow_two_digit_year):
        raise Invalid(_("la date « %(value)s » n'est pas au format jj/mm/aaaa.") % {"value": value})
    day, month, year = (int(part) for part in match.groups())
    if len(match.group(3)) == 2:
        # A two-digit year belongs to the last hundred years (students are born in the past).
        this_year = timezone.localdate().year
        year += 2000 if 2000 + year <= this_year else 1900
    try:
        parsed = date(year, month, day)
    except ValueError:
        raise Invalid(_("la date « %(value)s » n'existe pas.") % {"value": value}) from None
    if parsed > timezone.localdate():
        raise Invalid(_("la date de naissance « %(value)s » est dans le futur.") % {"value": value})
    if parsed.year < 1900:
        raise Invalid(_("la date de naissance « %(value)s » est trop ancienne.") % {"value": value})
    return parsed


def email(value):
    value = text(value)
    if value and not EMAIL.match(value):
        raise Invalid(_("« %(value)s » n'est pas une adresse e-mail valide.") % {"value": value})
    return value.lower()


def insee_city_code(value):
    value = (value or "").strip().upper()
    if not INSEE_CITY_CODE.match(value):
        raise Invalid(_("« %(value)s » n'est pas un code INSEE de commune (cinq caractères, par "
                        "exemple 75056 ou 2A004).") % {"value": value})
    return value
