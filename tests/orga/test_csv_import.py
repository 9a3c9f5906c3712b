"""The CSV imports: SIECLE's CSV for schools, the students' CSV for universities (add or replace)."""

import pytest

from orga.models import LearnerImport, OrganizationLearner
from tests.orga.factories import OrganizationFactory
from tests.orga.test_siecle_import import messages, run, snapshot

pytestmark = pytest.mark.django_db

SCO_HEADER = ("Identifiant unique*;Premier prénom*;Deuxième prénom;Troisième prénom;Nom de famille*;"
              "Nom d'usage;Code sexe*;Date de naissance (jj/mm/aaaa)*;Code commune naissance**;"
              "Libellé commune naissance**;Code département naissance*;Code pays naissance*;Statut*;"
              "Code MEF*;Division*")
SCO_LINE = "123456789AB;Chloé;;;Lefèvre;;Féminin;05/12/2012;75056;;075;99100;ST;10010012110;6ème  A"
SUP_HEADER = ("Premier prénom*;Deuxième prénom;Troisième prénom;Nom de famille*;Nom d'usage;"
              "Date de naissance (jj/mm/aaaa)*;Email;Numéro étudiant*;Composante;Équipe pédagogique;"
              "Groupe;Diplôme;Régime")


def csv_file(*lines, encoding="utf-8"):
    return ("\r\n".join(lines) + "\r\n").encode(encoding)


def test_a_siecle_csv_imports_in_utf8_or_windows_1252(school):
    job = run(school, csv_file(SCO_HEADER, SCO_LINE, encoding="cp1252"), filename="eleves.csv",
              format=LearnerImport.Format.SIECLE_CSV)
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    learner = OrganizationLearner.objects.get()
    assert (learner.first_name, learner.last_name, learner.sex) == ("Chloé", "Lefèvre", "F")
    assert (learner.birth_country_code, learner.birth_city_code, learner.division) == ("100", "75056", "6ème A")


def test_a_csv_with_commas_and_a_bom_is_read_too(school):
    content = b"\xef\xbb\xbf" + csv_file(SCO_HEADER.replace(";", ","), SCO_LINE.replace(";", ","))
    job = run(school, content, filename="eleves.csv", format=LearnerImport.Format.SIECLE_CSV)
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)


def test_each_csv_problem_names_its_line_and_its_column(school):
    lines = [SCO_HEADER,
             SCO_LINE,
             "123456789AB;Léo;;;Martin;;Masculin;05/12/2012;75056;;075;99100;ST;1001;6A",
             "223456789AB;;;;Martin;;Garçon;31/02/2012;;;075;100;XX;1001;",
             "323456789AB;Ana;;;Silva;;Féminin;01/01/2012;;;99;99139;ST;1001;6A"]
    job = run(school, csv_file(*lines), filename="eleves.csv", format=LearnerImport.Format.SIECLE_CSV)
    assert job.status == LearnerImport.Status.VALIDATION_ERROR
    assert messages(job) == [
        "Ligne 3, champ « Identifiant unique » : « 123456789AB » figure déjà ligne 2 : chaque élève "
        "doit avoir un identifiant différent.",
        "Ligne 4, champ « Premier prénom » : la valeur est obligatoire et manque.",
        "Ligne 4, champ « Code sexe » : « Garçon » n'est pas un code sexe : écrivez Masculin ou Féminin.",
        "Ligne 4, champ « Date de naissance (jj/mm/aaaa) » : la date « 31/02/2012 » n'existe pas.",
        "Ligne 4, champ « Code pays naissance » : « 100 » n'est pas un code pays de l'INSEE (cinq "
        "chiffres, 99100 pour la France).",
        "Ligne 4, champ « Statut » : le statut « XX » est inconnu (ST : élève, AP : apprenti).",
        "Ligne 4, champ « Division » : la valeur est obligatoire et manque.",
        "Ligne 5, champ « Libellé commune naissance » : l'élève est né à l'étranger : le nom de sa "
        "commune de naissance est obligatoire.",
    ]
    assert not OrganizationLearner.objects.exists()


def test_an_unknown_or_missing_column_is_reported_on_the_header(school):
    header = SCO_HEADER.replace("Division*", "Classe").replace("Statut*;", "")
    job = run(school, csv_file(header, SCO_LINE), filename="eleves.csv",
              format=LearnerImport.Format.SIECLE_CSV)
    assert messages(job) == [
        "Ligne 1, champ « Classe » : cette colonne est inconnue : gardez les colonnes du modèle, sans en ajouter.",
        "Ligne 1, champ « Statut » : cette colonne obligatoire manque dans l'en-tête.",
        "Ligne 1, champ « Division » : cette colonne obligatoire manque dans l'en-tête.",
    ]


def test_a_binary_file_named_csv_is_refused(school):
    job = run(school, b"PK\x03\x04\x00\x00binary", filename="eleves.csv",
              format=LearnerImport.Format.SIECLE_CSV)
    assert messages(job) == ["Le fichier « eleves.csv » n'est pas un fichier texte CSV, malgré son nom."]


@pytest.fixture
def university(db):
    return OrganizationFactory(type="SUP", external_id="UNIV-42", name="Université", is_managing_students=True)


def sup_run(university, lines, mode):
    job = LearnerImport.objects.create(organization=university, filename="etudiants.csv",
                                       content=csv_file(SUP_HEADER, *lines),
                                       format=LearnerImport.Format.SUP_CSV, mode=mode)
    from orga import services

    services.learner_import_run(import_id=job.pk)
    job.refresh_from_db()
    return job


def test_the_sup_file_adds_students_or_replaces_the_list(university):
    first = ["Inès;;;Durand;;01/02/2003;ines@exemple.fr;E001;Sciences;;G1;Licence;Formation initiale",
             "Noé;;;Petit;;03/04/2002;;E002;Lettres;;G2;Master;Apprentissage"]
    job = sup_run(university, first, LearnerImport.Mode.ADD)
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    job = sup_run(university, ["Zoé;;;Roux;;05/06/2004;;E003;;;G1;;"], LearnerImport.Mode.ADD)
    assert (job.created_count, job.disabled_count, job.active_count) == (1, 0, 3)
    job = sup_run(university, ["Zoé;;;Roux;;05/06/2004;;E003;;;G3;;"], LearnerImport.Mode.REPLACE)
    assert (job.updated_count, job.disabled_count, job.active_count) == (1, 2, 1)
    assert OrganizationLearner.objects.get(student_number="E003").group == "G3"


def test_sup_problems_name_their_line(university):
    job = sup_run(university, ["Inès;;;Durand;;01/02/2003;pas-une-adresse;E 001;;;;;"],
                  LearnerImport.Mode.ADD)
    assert messages(job) == [
        "Ligne 2, champ « Email » : « pas-une-adresse » n'est pas une adresse e-mail valide.",
        "Ligne 2, champ « Numéro étudiant » : le numéro étudiant « E 001 » ne peut contenir que des "
        "lettres, des chiffres et les signes _ - \\.",
    ]
    assert snapshot(university) == []


def test_a_school_downloads_the_csv_template_whose_header_imports(teacher_client, school):
    from django.urls import reverse

    response = teacher_client.get(reverse("orga:import_template", args=[school.pk, "siecle_csv"]))
    header = response.content.decode("utf-8")
    assert header.startswith("\ufeffIdentifiant unique*;Premier prénom*;")
    job = run(school, (header.lstrip("\ufeff").strip() + "\r\n" + SCO_LINE + "\r\n").encode(),
              filename="eleves.csv", format=LearnerImport.Format.SIECLE_CSV)
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    assert teacher_client.get(reverse("orga:import_template", args=[school.pk, "sup_csv"])).status_code == 404
