"""The birthplace rules (domain §4.4), checked in the domain's order against the INSEE referential.

France is given by the commune's INSEE code alone, or by its postal code and name; abroad, by the
country and the city. Names match whatever their accents, hyphens, case or word order.
"""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from certif.constants import FOREIGN_INSEE_CODE, FRANCE_COUNTRY_CODE
from certif.errors import ErrorCode, Problem
from certif.text import matching_key

MAX_CITIES_LISTED = 12


@dataclass(frozen=True)
class Birthplace:
    country: str
    insee_code: str
    postal_code: str
    city: str


def _text(value):
    return str(value).strip() if value is not None else ""


def resolve_birthplace(raw: dict, referential) -> tuple[Birthplace | None, list[Problem]]:
    country_value = _text(raw.get("birth_country"))
    insee_code = _text(raw.get("birth_insee_code"))
    postal_code = _text(raw.get("birth_postal_code"))
    city = _text(raw.get("birth_city"))
    if not any((country_value, insee_code, postal_code, city)):
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_INFORMATION_REQUIRED, "birth_country")]
    if not country_value:
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_COUNTRY_REQUIRED, "birth_country")]
    country = referential.country(country_value)
    if country is None:
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_COUNTRY_NOT_FOUND, "birth_country")]
    if country.code != FRANCE_COUNTRY_CODE:
        return _abroad(country, insee_code, postal_code, city)
    return _in_france(referential, insee_code, postal_code, city)


def _abroad(country, insee_code, postal_code, city):
    problems = []
    if not city:
        problems.append(Problem(ErrorCode.CANDIDATE_FOREIGN_BIRTH_CITY_REQUIRED, "birth_city"))
    if postal_code:
        problems.append(Problem(ErrorCode.CANDIDATE_FOREIGN_POSTAL_CODE_MUST_BE_EMPTY,
                                "birth_postal_code"))
    # The domain wants "99"; the country's own code (99xxx) says the same and is accepted (ours).
    if insee_code not in ("", FOREIGN_INSEE_CODE, country.code):
        problems.append(Problem(ErrorCode.CANDIDATE_FOREIGN_INSEE_CODE_NOT_VALID, "birth_insee_code"))
    if problems:
        return None, problems
    return Birthplace(country=country.common_name, insee_code=country.code, postal_code="",
                      city=city), []


def _in_france(referential, insee_code, postal_code, city):
    france = "France"
    if (insee_code and postal_code) or not (insee_code or postal_code or city):
        return None, [Problem(
            ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_OR_BIRTH_POSTAL_CODE_AND_BIRTH_CITY_REQUIRED,
            "birth_insee_code")]
    if insee_code:
        name = referential.current_commune_name(insee_code)
        if name is None:
            return None, [Problem(ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_NOT_VALID, "birth_insee_code")]
        return Birthplace(country=france, insee_code=insee_code, postal_code="", city=name), []
    if not postal_code:
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_REQUIRED, "birth_postal_code")]
    if not city:
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_CITY_REQUIRED, "birth_city")]
    communes = referential.communes_with_postal_code(postal_code)
    if not communes:
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_NOT_FOUND, "birth_postal_code")]
    key = matching_key(city)
    matches = [c for c in communes if matching_key(c.name) == key]
    if not matches:
        names = sorted({c.name for c in communes})
        listed = ", ".join(names[:MAX_CITIES_LISTED])
        if len(names) > MAX_CITIES_LISTED:
            listed = _("%(cities)s et %(count)s autres") % {
                "cities": listed, "count": len(names) - MAX_CITIES_LISTED}
        return None, [Problem(ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID, "birth_city",
                              {"postal_code": postal_code, "cities": listed})]
    commune = min(matches, key=lambda c: (not c.is_current_name, c.insee_code))
    return Birthplace(country=france, insee_code=commune.insee_code, postal_code=postal_code,
                      city=commune.name), []
