"""The management commands: centres for provisioning scripts, and the INSEE referential."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certif.codes import generate_access_code, generate_invigilator_password
from certif.constants import ACCESS_CODE_DIGITS, ACCESS_CODE_LETTERS, INVIGILATOR_PASSWORD_ALPHABET
from certif.insee.loader import load_insee_referential
from certif.insee.referential import BirthplaceReferential
from certif.models import CertificationCenter, InseeCommune, InseeCountry
from certif.rules.birthplace import resolve_birthplace
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def run(*args):
    out = StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_a_centre_is_created_once_and_a_second_run_says_nothing_changed():
    user = UserFactory(username="directrice")
    args = ("create_certification_center", "--type", "SCO", "--uai", "0751234a", "--name", "Collège Jean Moulin",
            "--admin", "directrice")
    first = run(*args)
    assert "Centre créé : Collège Jean Moulin (SCO, 0751234A)." in first
    assert "est administrateur du centre" in first
    second = run(*args)
    assert "existe déjà : rien n'a changé" in second and "est déjà membre du centre" in second
    center = CertificationCenter.objects.get()
    assert center.uai == "0751234A" and center.memberships.get().user == user


def test_a_school_centre_needs_a_valid_uai_and_keeps_its_type():
    with pytest.raises(CommandError, match="UAI de 7 chiffres suivis d'une lettre"):
        run("create_certification_center", "--type", "SCO", "--uai", "12345", "--name", "Collège")
    run("create_certification_center", "--type", "SCO", "--uai", "0751234A", "--name", "Collège")
    with pytest.raises(CommandError, match="Un centre de type SCO existe déjà"):
        run("create_certification_center", "--type", "PRO", "--external-id", "0751234A", "--name", "Autre")


def test_an_unknown_admin_account_is_refused():
    with pytest.raises(CommandError, match="Aucun compte n'a l'identifiant"):
        run("create_certification_center", "--type", "PRO", "--name", "Centre", "--admin", "personne")


def test_the_shipped_referential_loads_once_and_knows_communes_and_countries():
    assert "Référentiel INSEE chargé" in run("load_insee_referential")
    assert "déjà à jour" in run("load_insee_referential")
    assert InseeCommune.objects.count() > 39000 and InseeCountry.objects.filter(code="99100").exists()
    for raw, city in (({"birth_insee_code": "13055"}, "Marseille"),
                      ({"birth_postal_code": "97400", "birth_city": "saint denis"}, "Saint-Denis"),
                      ({"birth_postal_code": "20000", "birth_city": "ajaccio"}, "Ajaccio"),
                      ({"birth_insee_code": "2B033"}, "Bastia")):
        raw = {"birth_country": "France", **raw}
        place, problems = resolve_birthplace(raw, BirthplaceReferential.for_birthplaces([raw]))
        assert problems == [] and place.city == city, raw
    assert InseeCountry.objects.filter(common_name="Tchécoslovaquie", is_current=False).exists()


def test_changed_files_replace_the_whole_referential(tmp_path):
    load_insee_referential()
    countries, communes = tmp_path / "pays.csv", tmp_path / "communes.csv"
    countries.write_text("code;nom;nom_officiel;fin\n99100;France;République française;\n", encoding="utf-8")
    communes.write_text("code_insee;code_postal;nom;actuel\n75056;75001;Paris;1\n", encoding="utf-8")
    result = load_insee_referential(countries, communes)
    assert result.changed and (result.countries, result.communes) == (2, 1)
    assert InseeCommune.objects.count() == 1


def test_codes_use_the_domain_s_alphabets():
    for _ in range(200):
        code = generate_access_code()
        assert all(c in ACCESS_CODE_LETTERS for c in code[:4]) and all(c in ACCESS_CODE_DIGITS for c in code[4:])
        password = generate_invigilator_password()
        assert len(set(password)) == 6 and set(password) <= set(INVIGILATOR_PASSWORD_ALPHABET)
