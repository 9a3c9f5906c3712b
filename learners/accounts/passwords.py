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


# Temporary passwords given by staff or a teacher: 6 letters without the ones read alike (i, l,
# o) and 2 digits, as on the reference platform; easy to copy from a printed sheet, to be
# replaced at the first login (`must_change_password`).
TEMPORARY_PASSWORD_LETTERS = "abcdefghjkmnpqrstuvwxyz"
TEMPORARY_PASSWORD_DIGITS = "0123456789"


def temporary_password() -> str:
    import secrets

    letters = "".join(secrets.choice(TEMPORARY_PASSWORD_LETTERS) for _ in range(6))
    return letters + "".join(secrets.choice(TEMPORARY_PASSWORD_DIGITS) for _ in range(2))
