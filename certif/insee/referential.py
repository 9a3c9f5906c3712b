"""Look-ups in the INSEE referential, batched: a whole import file is checked in three queries."""

from collections import defaultdict

from certif.models import InseeCommune, InseeCountry
from certif.text import matching_key


class BirthplaceReferential:
    """The countries and communes that a set of birthplaces may refer to, read once."""

    def __init__(self, countries, communes):
        self._countries = defaultdict(list)
        for country in countries:
            self._countries[country.matching_key].append(country)
            self._countries[country.code].append(country)
        self._by_insee_code = defaultdict(list)
        self._by_postal_code = defaultdict(list)
        for commune in communes:
            self._by_insee_code[commune.insee_code].append(commune)
            if commune.postal_code:
                self._by_postal_code[commune.postal_code].append(commune)

    @classmethod
    def for_birthplaces(cls, birthplaces):
        """`birthplaces`: dicts with the keys birth_country, birth_insee_code, birth_postal_code."""
        keys, insee_codes, postal_codes = set(), set(), set()
        for place in birthplaces:
            country = str(place.get("birth_country") or "").strip()
            keys.update({matching_key(country), country})
            insee_codes.add(str(place.get("birth_insee_code") or "").strip())
            postal_codes.add(str(place.get("birth_postal_code") or "").strip())
        keys.discard("")
        insee_codes.discard("")
        postal_codes.discard("")
        countries = InseeCountry.objects.filter(matching_key__in=keys) | InseeCountry.objects.filter(code__in=keys)
        communes = (InseeCommune.objects.filter(insee_code__in=insee_codes)
                    | InseeCommune.objects.filter(postal_code__in=postal_codes))
        return cls(countries, communes)

    def country(self, value):
        """The country named (any of its names, anagram-insensitive) or coded by `value`."""
        value = str(value or "").strip()
        found = self._countries.get(value) or self._countries.get(matching_key(value)) or []
        # A name shared by a former and a current country (Chypre, Kenya...) means the current one.
        return min(found, key=lambda c: (not c.is_current, c.code), default=None)

    def current_commune_name(self, insee_code):
        names = self._by_insee_code.get(insee_code, [])
        chosen = min(names, key=lambda c: (not c.is_current_name, c.name), default=None)
        return chosen.name if chosen else None

    def communes_with_postal_code(self, postal_code):
        return self._by_postal_code.get(postal_code, [])
