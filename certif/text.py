"""The domain's normalisation of names: what two spellings of one name have in common.

`normalize` strips accents (NFD), upper-cases and keeps only [0-9A-Z]: "Marie-Hélène" and
"marie helene" are equal. `matching_key` (birthplaces) also sorts the characters, so the words'
order does not matter either. Ligatures are spelt out first (Œ is not decomposed by NFD) and, for
places, "St" and "Ste" read as "Saint" and "Sainte" (ours: a common way to type a commune).
"""

import re
import unicodedata

LIGATURES = str.maketrans({"Œ": "OE", "œ": "oe", "Æ": "AE", "æ": "ae", "ß": "ss"})
NOT_ALPHANUMERIC = re.compile(r"[^0-9A-Z]+")
PLACE_ABBREVIATIONS = {"ST": "SAINT", "STE": "SAINTE"}


def _plain_upper(value) -> str:
    decomposed = unicodedata.normalize("NFD", str(value or "").translate(LIGATURES))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).upper()


def normalize(value) -> str:
    return NOT_ALPHANUMERIC.sub("", _plain_upper(value))


def matching_key(value) -> str:
    words = [PLACE_ABBREVIATIONS.get(word, word)
             for word in NOT_ALPHANUMERIC.split(_plain_upper(value)) if word]
    return "".join(sorted("".join(words)))


def truncate(value, limit) -> str:
    """The text cut to `limit` characters, the last one an ellipsis when it is cut."""
    value = str(value or "")
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "…"
