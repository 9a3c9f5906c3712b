"""Every candidate rule of the domain refuses its case with its code and its French message."""

from datetime import date

import pytest

from certif.errors import ErrorCode
from certif.insee.referential import BirthplaceReferential
from certif.rules.candidates import validate_candidate

pytestmark = pytest.mark.django_db

VALID = {
    "last_name": "Durand", "first_name": "Lou", "sex": "F", "birthdate": "17/05/2009",
    "birth_country": "France", "birth_insee_code": "75115", "birth_postal_code": "", "birth_city": "",
    "email": "", "result_recipient_email": "", "external_id": "", "extra_time_percentage": "",
    "billing_mode": "Gratuite", "prepayment_code": "",
}

# (what changes from a valid candidate, the expected code, the French message, billing applies)
CASES = [
    ({"last_name": " "}, ErrorCode.CANDIDATE_LAST_NAME_REQUIRED, "Le nom de naissance est obligatoire.", True),
    ({"last_name": 42}, ErrorCode.CANDIDATE_LAST_NAME_MUST_BE_A_STRING, "Le nom de naissance doit être un texte.", True),
    ({"first_name": ""}, ErrorCode.CANDIDATE_FIRST_NAME_REQUIRED, "Le prénom est obligatoire.", True),
    ({"first_name": ["Lou"]}, ErrorCode.CANDIDATE_FIRST_NAME_MUST_BE_A_STRING, "Le prénom doit être un texte.", True),
    ({"last_name": "D" * 256}, ErrorCode.CANDIDATE_TEXT_TOO_LONG, "Ce texte est trop long : 255 caractères au plus.", True),
    ({"sex": ""}, ErrorCode.CANDIDATE_SEX_REQUIRED, "Le sexe est obligatoire : M ou F.", True),
    ({"sex": "X"}, ErrorCode.CANDIDATE_SEX_NOT_VALID, "Le sexe doit être M ou F.", True),
    ({"birthdate": ""}, ErrorCode.CANDIDATE_BIRTHDATE_REQUIRED, "La date de naissance est obligatoire.", True),
    ({"birthdate": "31/02/2009"}, ErrorCode.CANDIDATE_BIRTHDATE_FORMAT_NOT_VALID,
     "La date de naissance n'est pas valide : écrivez-la au format JJ/MM/AAAA.", True),
    ({"birthdate": "01/01/1900"}, ErrorCode.CANDIDATE_BIRTHDATE_MUST_BE_GREATER,
     "La date de naissance doit être postérieure au 01/01/1900.", True),
    ({"birthdate": "01/01/2999"}, ErrorCode.CANDIDATE_BIRTHDATE_IN_THE_FUTURE,
     "La date de naissance ne peut pas être dans le futur.", True),
    ({"email": "lou@"}, ErrorCode.CANDIDATE_EMAIL_NOT_VALID, "L'adresse e-mail de convocation n'est pas valide.", True),
    ({"result_recipient_email": "prof.exemple.fr"}, ErrorCode.CANDIDATE_RESULT_RECIPIENT_EMAIL_NOT_VALID,
     "L'adresse e-mail du destinataire des résultats n'est pas valide.", True),
    ({"external_id": 1234}, ErrorCode.CANDIDATE_EXTERNAL_ID_MUST_BE_A_STRING, "L'identifiant externe doit être un texte.", True),
    ({"extra_time_percentage": "un tiers"}, ErrorCode.CANDIDATE_EXTRA_TIME_INTEGER,
     "Le temps majoré est un pourcentage entier, par exemple 33 %.", True),
    ({"extra_time_percentage": "33,5%"}, ErrorCode.CANDIDATE_EXTRA_TIME_INTEGER,
     "Le temps majoré est un pourcentage entier, par exemple 33 %.", True),
    ({"extra_time_percentage": "0,33"}, ErrorCode.CANDIDATE_EXTRA_TIME_OUT_OF_RANGE,
     "Le temps majoré est un pourcentage de 1 à 999, par exemple 33 % (et non 0,33).", True),
    ({"extra_time_percentage": "1000"}, ErrorCode.CANDIDATE_EXTRA_TIME_OUT_OF_RANGE,
     "Le temps majoré est un pourcentage de 1 à 999, par exemple 33 % (et non 0,33).", True),
    ({"extra_time_percentage": "-10 %"}, ErrorCode.CANDIDATE_EXTRA_TIME_OUT_OF_RANGE,
     "Le temps majoré est un pourcentage de 1 à 999, par exemple 33 % (et non 0,33).", True),
    ({"billing_mode": ""}, ErrorCode.CANDIDATE_BILLING_MODE_REQUIRED,
     "La tarification part Pix est obligatoire : Gratuite, Prépayée ou Payante.", True),
    ({"billing_mode": "Offerte"}, ErrorCode.CANDIDATE_BILLING_MODE_NOT_VALID,
     "La tarification part Pix doit être Gratuite, Prépayée ou Payante.", True),
    ({"billing_mode": 3}, ErrorCode.CANDIDATE_BILLING_MODE_MUST_BE_A_STRING,
     "La tarification part Pix doit être un texte : Gratuite, Prépayée ou Payante.", True),
    ({"billing_mode": "Gratuite"}, ErrorCode.CANDIDATE_BILLING_MODE_MUST_BE_EMPTY,
     "Un établissement scolaire ne renseigne pas de tarification : laissez ce champ vide.", False),
    ({"billing_mode": "", "prepayment_code": "ABC"}, ErrorCode.CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY,
     "Le code de prépaiement ne se renseigne que pour une tarification Prépayée.", False),
    ({"billing_mode": "Prépayée"}, ErrorCode.CANDIDATE_PREPAYMENT_CODE_REQUIRED,
     "Le code de prépaiement est obligatoire pour une tarification Prépayée.", True),
    ({"billing_mode": "Payante", "prepayment_code": "ABC"}, ErrorCode.CANDIDATE_PREPAYMENT_CODE_MUST_BE_EMPTY,
     "Le code de prépaiement ne se renseigne que pour une tarification Prépayée.", True),
    # Birthplace (domain order: nothing, no country, unknown country, then abroad or France).
    ({"birth_country": "", "birth_insee_code": ""}, ErrorCode.CANDIDATE_BIRTH_INFORMATION_REQUIRED,
     "Le lieu de naissance est obligatoire : le pays, puis le code INSEE de la commune ou son code "
     "postal et son nom.", True),
    ({"birth_country": ""}, ErrorCode.CANDIDATE_BIRTH_COUNTRY_REQUIRED, "Le pays de naissance est obligatoire.", True),
    ({"birth_country": "Atlantide"}, ErrorCode.CANDIDATE_BIRTH_COUNTRY_NOT_FOUND,
     "Ce pays de naissance ne figure pas dans la liste des pays de l'INSEE.", True),
    ({"birth_country": "Belgique", "birth_insee_code": ""}, ErrorCode.CANDIDATE_FOREIGN_BIRTH_CITY_REQUIRED,
     "Pour une naissance à l'étranger, indiquez la ville de naissance.", True),
    ({"birth_country": "Belgique", "birth_insee_code": "", "birth_city": "Liège", "birth_postal_code": "4000"},
     ErrorCode.CANDIDATE_FOREIGN_POSTAL_CODE_MUST_BE_EMPTY,
     "Pour une naissance à l'étranger, laissez le code postal vide.", True),
    ({"birth_country": "Belgique", "birth_insee_code": "75115", "birth_city": "Liège"},
     ErrorCode.CANDIDATE_FOREIGN_INSEE_CODE_NOT_VALID,
     "Pour une naissance à l'étranger, le code INSEE est 99 ou reste vide.", True),
    ({"birth_insee_code": "75115", "birth_postal_code": "75015", "birth_city": "Paris"},
     ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_OR_BIRTH_POSTAL_CODE_AND_BIRTH_CITY_REQUIRED,
     "Pour une naissance en France, indiquez soit le code INSEE de la commune, soit son code postal "
     "et son nom, mais pas les deux.", True),
    ({"birth_insee_code": ""}, ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_OR_BIRTH_POSTAL_CODE_AND_BIRTH_CITY_REQUIRED,
     "Pour une naissance en France, indiquez soit le code INSEE de la commune, soit son code postal "
     "et son nom, mais pas les deux.", True),
    ({"birth_insee_code": "", "birth_city": "Paris"}, ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_REQUIRED,
     "Indiquez aussi le code postal de la commune de naissance.", True),
    ({"birth_insee_code": "", "birth_postal_code": "75015"}, ErrorCode.CANDIDATE_BIRTH_CITY_REQUIRED,
     "Indiquez aussi le nom de la commune de naissance.", True),
    ({"birth_insee_code": "99999"}, ErrorCode.CANDIDATE_BIRTH_INSEE_CODE_NOT_VALID,
     "Ce code INSEE ne correspond à aucune commune du référentiel de l'INSEE.", True),
    ({"birth_insee_code": "", "birth_postal_code": "00001", "birth_city": "Paris"},
     ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_NOT_FOUND, "Ce code postal ne correspond à aucune commune.", True),
    ({"birth_insee_code": "", "birth_postal_code": "42000", "birth_city": "Lyon"},
     ErrorCode.CANDIDATE_BIRTH_POSTAL_CODE_CITY_NOT_VALID,
     "Aucune commune de ce nom n'a le code postal 42000. Communes de ce code postal : Saint-Étienne.", True),
]


def check(raw, has_billing_mode=True):
    referential = BirthplaceReferential.for_birthplaces([raw])
    return validate_candidate(raw, has_billing_mode=has_billing_mode, referential=referential,
                              today=date(2026, 1, 5))


def test_a_valid_candidate_is_cleaned_with_the_referential_s_birthplace(insee):
    data, problems = check(VALID)
    assert problems == []
    assert (data.birthdate, data.birth_city, data.birth_insee_code, data.billing_mode) == (
        date(2009, 5, 17), "Paris 15e Arrondissement", "75115", "FREE")


@pytest.mark.parametrize(("change", "code", "message", "billing"), CASES,
                         ids=[f"{case[1]}-{i}" for i, case in enumerate(CASES)])
def test_each_candidate_rule_refuses_with_its_code_and_french_message(insee, change, code, message, billing):
    raw = {**VALID, **change}
    if not billing:
        raw.setdefault("billing_mode", "")
    data, problems = check(raw, has_billing_mode=billing)
    assert data is None
    assert [(p.code, p.message) for p in problems] == [(code, message)]


def test_every_problem_of_a_candidate_is_reported_at_once(insee):
    _, problems = check({**VALID, "last_name": "", "sex": "Z", "birthdate": "hier", "billing_mode": "non"})
    assert {p.field for p in problems} == {"last_name", "sex", "birthdate", "billing_mode"}


def test_a_percentage_of_extra_time_is_kept_as_a_whole_number(insee):
    for typed, kept in (("33%", 33), ("33 %", 33), ("50", 50), ("", 0), ("0", 0), ("999", 999)):
        data, problems = check({**VALID, "extra_time_percentage": typed})
        assert problems == [] and data.extra_time_percentage == kept, typed


def test_a_prepaid_candidate_keeps_the_prepayment_code(insee):
    data, _ = check({**VALID, "billing_mode": "prépayée", "prepayment_code": " CODE-2026 "})
    assert (data.billing_mode, data.prepayment_code) == ("PREPAID", "CODE-2026")


def test_an_sco_candidate_has_no_billing(insee):
    data, problems = check({**VALID, "billing_mode": ""}, has_billing_mode=False)
    assert problems == [] and data.billing_mode == "" and data.prepayment_code == ""
