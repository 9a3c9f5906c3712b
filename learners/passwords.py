import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MixedCharactersValidator:
    """At least one lowercase letter, one uppercase letter and one digit."""

    def validate(self, password, user=None):
        if not (re.search(r"[a-zà-ÿ]", password) and re.search(r"[A-ZÀ-Þ]", password)
                and re.search(r"\d", password)):
            raise ValidationError(
                _("Le mot de passe doit contenir au moins une minuscule, une majuscule et un chiffre."),
                code="password_not_mixed",
            )

    def get_help_text(self):
        return _("Au moins une minuscule, une majuscule et un chiffre.")
