"""The session's access code, the invigilator password and the certificate's verification code,
drawn with the domain's alphabets (§4.1, §5.3, §8.3)."""

import secrets

from certif.constants import (
    ACCESS_CODE_DIGIT_COUNT,
    ACCESS_CODE_DIGITS,
    ACCESS_CODE_LETTER_COUNT,
    ACCESS_CODE_LETTERS,
    INVIGILATOR_PASSWORD_ALPHABET,
    INVIGILATOR_PASSWORD_LENGTH,
    VERIFICATION_CODE_ALPHABET,
    VERIFICATION_CODE_DRAWN,
    VERIFICATION_CODE_PREFIX,
)

_random = secrets.SystemRandom()


def generate_access_code() -> str:
    """4 letters then 2 digits, with replacement: not unique alone, always checked with the session."""
    letters = "".join(secrets.choice(ACCESS_CODE_LETTERS) for _ in range(ACCESS_CODE_LETTER_COUNT))
    digits = "".join(secrets.choice(ACCESS_CODE_DIGITS) for _ in range(ACCESS_CODE_DIGIT_COUNT))
    return letters + digits


def generate_invigilator_password() -> str:
    """6 distinct characters (the reference's partial shuffle, drawn here without its bias)."""
    return "".join(_random.sample(INVIGILATOR_PASSWORD_ALPHABET, INVIGILATOR_PASSWORD_LENGTH))


def draw_verification_code() -> str:
    """"P-" and 8 distinct characters: 24!/16! ≈ 3·10^10 codes, so a guess almost never hits.
    Uniqueness is checked by the caller against the stored codes (and by the unique index)."""
    return VERIFICATION_CODE_PREFIX + "".join(
        _random.sample(VERIFICATION_CODE_ALPHABET, VERIFICATION_CODE_DRAWN))
