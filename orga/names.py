"""Names as the reconciliation and the usernames compare and write them.

The reference standardises names with the answer checker's t1 (case, accents, spaces) then t2
(punctuation). We also spell out the ligatures first: t1 alone would drop « œ » and turn
« Lœtitia » into « ltitia ».
"""

from orga.constants import NAME_TOLERANCE
from referentiel.checking import levenshtein, pre_treat, t1, t2

LIGATURES = str.maketrans({"œ": "oe", "Œ": "OE", "æ": "ae", "Æ": "AE", "ß": "ss"})


def standardize(name: str) -> str:
    """Lower-case ASCII letters and digits only: « Lefèvre-Dubois » → « lefevredubois »."""
    return t2(t1(pre_treat(name or "").translate(LIGATURES)))


def is_close(typed: str, known: str, *, tolerance: float) -> bool:
    """Both already standardised; with tolerance 0, an exact match."""
    if not typed or not known:
        return False
    if tolerance == 0:
        return typed == known
    return levenshtein(typed, known) / len(typed) <= tolerance


TOLERANCES = (0, NAME_TOLERANCE)


def obfuscate_username(username: str) -> str:
    """« jean.dupont0512 » → « j***.d***0512 »: enough for its owner to recognise it."""
    head, _, tail = username.partition(".")
    digits = "".join(c for c in tail if c.isdigit())
    letters = tail[: len(tail) - len(digits)] if digits and tail.endswith(digits) else tail
    hidden_tail = (letters[:1] + "***" if letters else "") + (digits if tail.endswith(digits) else "")
    return f"{head[:1]}***" + (f".{hidden_tail}" if tail else "")


def obfuscate_email(email: str) -> str:
    """« jean.dupont@exemple.fr » → « j***@e***.fr »."""
    local, _, domain = email.partition("@")
    name, dot, extension = domain.rpartition(".")
    return f"{local[:1]}***@{name[:1]}***{dot}{extension}"
