"""Birthplaces checked against the INSEE referential, with the domain's normalisation."""

import pytest

from certif.errors import ErrorCode
from certif.insee.referential import BirthplaceReferential
from certif.rules.birthplace import Birthplace, resolve_birthplace
from certif.text import matching_key, normalize

pytestmark = pytest.mark.django_db


def resolve(**raw):
    return resolve_birthplace(raw, BirthplaceReferential.for_birthplaces([raw]))


def test_a_current_commune_given_by_its_insee_code_takes_the_referential_s_name(insee):
    assert resolve(birth_country="FRANCE", birth_insee_code="75115", birth_city="paris") == (
        Birthplace("France", "75115", "", "Paris 15e Arrondissement"), [])


def test_a_former_commune_s_insee_code_gives_the_current_commune_s_name(insee):
    place, _ = resolve(birth_country="France", birth_insee_code="01015")
    assert place.city == "Arboys en Bugey"


def test_a_postal_code_shared_by_several_communes_finds_the_one_named(insee):
    place, problems = resolve(birth_country="France", birth_postal_code="51300", birth_city="Blacy")
    assert problems == [] and (place.insee_code, place.city) == ("51065", "Blacy")
    place, _ = resolve(birth_country="France", birth_postal_code="51300", birth_city="Vitry-le-François")
    assert place.insee_code == "51649"


def test_a_wrong_city_for_a_shared_postal_code_lists_the_communes_of_that_code(insee):
    place, [problem] = resolve(birth_country="France", birth_postal_code="51300", birth_city="Reims")
    assert place is None and problem.code == ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID
    assert problem.message == ("Aucune commune de ce nom n'a le code postal 51300. Communes de ce code "
                               "postal : Bassu, Bassuet, Bignicourt-sur-Marne, Blacy, Vitry-le-François.")


@pytest.mark.parametrize("typed", ["vitry le francois", "VITRY-LE-FRANCOIS", "Vitry le François",
                                   "  vitry   le  françois "])
def test_a_city_with_accents_and_hyphens_typed_without_them_is_found(insee, typed):
    place, problems = resolve(birth_country="france", birth_postal_code="51300", birth_city=typed)
    assert problems == [] and place.city == "Vitry-le-François"


def test_an_apostrophe_a_diaeresis_and_st_for_saint_are_understood(insee):
    assert resolve(birth_country="France", birth_postal_code="94240", birth_city="lhay les roses")[0].city == "L'Haÿ-les-Roses"
    assert resolve(birth_country="France", birth_postal_code="42100", birth_city="St Etienne")[0].city == "Saint-Étienne"


def test_a_former_commune_s_name_is_found_under_its_postal_code(insee):
    place, _ = resolve(birth_country="France", birth_postal_code="01300", birth_city="arbignieu")
    assert (place.insee_code, place.city) == ("01015", "Arbignieu")


def test_a_foreign_country_stores_its_code_and_the_city_typed(insee):
    assert resolve(birth_country="belgique", birth_city="Liège") == (
        Birthplace("Belgique", "99131", "", "Liège"), [])
    assert resolve(birth_country="Royaume du Maroc", birth_insee_code="99", birth_city="Rabat")[0].insee_code == "99350"
    assert resolve(birth_country="99134", birth_insee_code="99134", birth_city="Madrid")[0].country == "Espagne"


def test_a_name_shared_by_a_former_and_a_current_country_means_the_current_one(insee):
    assert resolve(birth_country="Chypre", birth_city="Nicosie")[0].insee_code == "99254"
    assert resolve(birth_country="République fédérale d'Allemagne", birth_city="Bonn")[0].insee_code == "99109"


@pytest.mark.parametrize(("raw", "code"), [
    ({"birth_country": "France", "birth_insee_code": "75999"}, ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_NOT_VALID),
    ({"birth_country": "France", "birth_postal_code": "75099", "birth_city": "Paris"},
     ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_NOT_FOUND),
    ({"birth_country": "Utopie", "birth_city": "Amaurote"}, ErrorCode.CANDIDATE_BIRTH_COUNTRY_NOT_FOUND),
])
def test_an_unknown_code_or_country_is_refused(insee, raw, code):
    place, [problem] = resolve(**raw)
    assert place is None and problem.code == code


def test_the_domain_s_normalisation_ignores_accents_hyphens_case_and_spelled_out_ligatures():
    assert normalize("Marie-Hélène d'Œuvray") == normalize("MARIE HELENE DOEUVRAY") == "MARIEHELENEDOEUVRAY"
    assert matching_key("Le Puy") == matching_key("Puy (Le)")
