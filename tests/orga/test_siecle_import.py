"""The SIECLE XML import: every valid file imports exactly, every invalid one is refused whole,
with its own French message, and changes nothing."""

import io
import zipfile
from datetime import date

import pytest

from orga import services
from orga.imports import sample
from orga.models import LearnerImport, OrganizationLearner
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

UAI = "0751234A"


def student(number, **fields):
    base = sample.SampleStudent(eleve_id=str(1000 + number), ine=f"{number:09d}AB",
                                last_name=f"NOM{number}", first_name=f"Prénom{number}",
                                birthdate=date(2013, 3, number % 28 + 1))
    return sample.changed(base, **fields)


def run(school, content, filename="ElevesSansAdresses.xml", format=LearnerImport.Format.SIECLE_XML):
    job = services.learner_import_create(organization=school, user=None, filename=filename,
                                         content=content, format=format)
    services.learner_import_run(import_id=job.pk)
    job.refresh_from_db()
    return job


def messages(job):
    return [p.as_text() for p in services.learner_import_problems(job)]


def snapshot(school):
    return list(OrganizationLearner.objects.filter(organization=school).order_by("pk").values())


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.fixture
def imported(school):
    """A school whose list was imported once: refused files must leave it as it is."""
    run(school, sample.siecle_xml(UAI, [student(n) for n in range(1, 4)]))
    return snapshot(school)


def test_an_iso_8859_15_export_keeps_every_accent_and_ligature(school):
    rows = [student(1, last_name="BŒUF", first_name="Œlwen", middle_name="Zoé"),
            student(2, last_name="LEFÈVRE-DUBOIS", first_name="Anaïs", division="3ème B")]
    job = run(school, sample.siecle_xml(UAI, rows, encoding="ISO-8859-15"))
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    first, second = OrganizationLearner.objects.order_by("national_student_id")
    assert (first.last_name, first.first_name, first.middle_name) == ("BŒUF", "Œlwen", "Zoé")
    assert (second.last_name, second.first_name, second.division) == ("LEFÈVRE-DUBOIS", "Anaïs", "3ème B")


def test_every_field_needed_later_is_kept_and_nothing_else(school):
    job = run(school, sample.siecle_xml(UAI, [student(1, sex="2", city_code="2A004", province="02A",
                                                      city="AJACCIO", preferred_last_name="MARTIN")]))
    assert job.status == LearnerImport.Status.IMPORTED
    learner = OrganizationLearner.objects.get()
    assert (learner.national_student_id, learner.sex, learner.birthdate) == ("000000001AB", "F", date(2013, 3, 2))
    assert (learner.birth_country_code, learner.birth_city_code, learner.birth_province_code,
            learner.birth_city) == ("100", "2A004", "02A", "AJACCIO")
    assert learner.full_country_code == "99100"
    assert (learner.preferred_last_name, learner.division, learner.status) == ("MARTIN", "6A", "ST")
    assert job.content is None  # the file (addresses, phones...) is not kept


def test_a_zipped_export_imports_like_the_xml_itself(school):
    job = run(school, zipped({"ElevesSansAdresses.xml": sample.siecle_xml(UAI, [student(1), student(2)])}),
              filename="export.zip")
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    assert OrganizationLearner.objects.count() == 2


def test_a_utf8_file_declared_as_such_imports(school):
    job = run(school, sample.siecle_xml(UAI, [student(1, first_name="Maëlys")], encoding="UTF-8"))
    assert job.status == LearnerImport.Status.IMPORTED
    assert OrganizationLearner.objects.get().first_name == "Maëlys"


def test_a_file_without_declaration_in_siecle_encoding_is_read_as_iso_8859_15(school):
    document = sample.siecle_xml(UAI, [student(1, first_name="Œlwen")], declare=False,
                                 encoding="ISO-8859-15")
    job = run(school, document)
    assert job.status == LearnerImport.Status.IMPORTED, messages(job)
    assert OrganizationLearner.objects.get().first_name == "Œlwen"


def test_leavers_and_students_without_a_class_are_not_imported(school):
    rows = [student(1), student(2, leaving_date="15/01/2026"), student(3, division="")]
    job = run(school, sample.siecle_xml(UAI, rows))
    assert job.status == LearnerImport.Status.IMPORTED
    assert list(OrganizationLearner.objects.values_list("national_student_id", flat=True)) == ["000000001AB"]


@pytest.mark.parametrize(("rows", "expected"), [
    ([student(1, ine="")], "Élève NOM1 Prénom1 (sans INE), champ « INE (ID_NATIONAL) » : l'INE manque"),
    ([student(1), student(2, ine="000000001AB")],
     "Élève NOM2 Prénom2 (INE 000000001AB), champ « INE (ID_NATIONAL) » : l'INE 000000001AB est aussi "
     "celui de NOM1 Prénom1 (INE 000000001AB)"),
    ([student(1, birthdate=date(2013, 2, 1))], None),
], ids=["missing INE", "duplicate INE", "valid"])
def test_ine_problems_name_the_student_and_the_field(school, rows, expected):
    job = run(school, sample.siecle_xml(UAI, rows))
    if expected is None:
        assert job.status == LearnerImport.Status.IMPORTED
        return
    assert job.status == LearnerImport.Status.VALIDATION_ERROR
    assert any(message.startswith(expected) for message in messages(job)), messages(job)
    assert not OrganizationLearner.objects.exists()


def test_an_impossible_birthdate_is_refused_with_the_student_and_the_date(school, imported):
    document = sample.siecle_xml(UAI, [student(1)]).replace(b"02/03/2013", b"31/02/2013")
    job = run(school, document)
    assert job.status == LearnerImport.Status.VALIDATION_ERROR
    assert messages(job) == ["Élève NOM1 Prénom1 (INE 000000001AB), champ « date de naissance "
                             "(DATE_NAISS) » : la date « 31/02/2013 » n'existe pas."]
    assert snapshot(school) == imported


def test_every_problem_of_the_file_is_reported_at_once(school, imported):
    rows = [student(1, sex="3"), student(2, first_name=""), student(3, city_code=""),
            student(4, birthdate=date(2013, 1, 1))]
    document = sample.siecle_xml(UAI, rows).replace(b"01/01/2013", b"2013-01-01")
    job = run(school, document)
    assert messages(job) == [
        "Élève NOM1 Prénom1 (INE 000000001AB), champ « sexe (CODE_SEXE) » : le code sexe « 3 » est "
        "inconnu (1 : masculin, 2 : féminin).",
        "Élève NOM2 (INE 000000002AB), champ « prénom (PRENOM) » : la valeur est obligatoire et manque.",
        "Élève NOM3 Prénom3 (INE 000000003AB), champ « commune de naissance (code INSEE) "
        "(CODE_COMMUNE_INSEE_NAISS) » : l'élève est né en France : le code INSEE de sa commune de "
        "naissance est obligatoire.",
        "Élève NOM4 Prénom4 (INE 000000004AB), champ « date de naissance (DATE_NAISS) » : la date "
        "« 2013-01-01 » n'est pas au format jj/mm/aaaa.",
    ]
    assert snapshot(school) == imported


def zip_bomb():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open("eleves.xml", "w", force_zip64=True) as member:
            member.write(b"<BEE_ELEVES>")
            chunk = b" " * (1024 * 1024)
            for _ in range(51):
                member.write(chunk)
    return buffer.getvalue()


BOMB = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
        b"<BEE_ELEVES>&lol3;</BEE_ELEVES>")
EXTERNAL = (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
            b"<BEE_ELEVES><PARAMETRES><UAJ>&xxe;</UAJ></PARAMETRES></BEE_ELEVES>")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"


@pytest.mark.parametrize(("build", "filename", "expected"), [
    (lambda: sample.siecle_xml("0759999Z", [student(1)]), "eleves.xml",
     "Ce fichier est l'export de l'établissement 0759999Z, pas du vôtre (0751234A)"),
    (lambda: sample.siecle_xml(UAI, [student(1), student(2)])[:-200], "eleves.xml",
     "Le fichier XML est incomplet"),
    (lambda: b"", "eleves.xml", "Le fichier « eleves.xml » est vide."),
    (lambda: BOMB, "eleves.xml", "Le fichier déclare des entités XML"),
    (lambda: EXTERNAL, "eleves.xml", "Le fichier fait appel à une entité externe (« file:///etc/passwd »)"),
    (lambda: PNG, "eleves.xml", "Le fichier « eleves.xml » n'est pas un fichier XML, malgré son nom"),
    (lambda: PNG, "eleves.zip", "Le fichier « eleves.zip » n'est pas une archive ZIP, malgré son nom."),
    (zip_bomb, "eleves.zip", "Une fois décompressé, le fichier de l'archive « eleves.zip » dépasse 50"),
    (lambda: zipped({"../eleves.xml": sample.siecle_xml(UAI, [student(1)])}), "eleves.zip",
     "L'archive « eleves.zip » contient un fichier rangé dans un chemin (« ../eleves.xml »)"),
    (lambda: zipped({"a.xml": b"<a/>", "b.xml": b"<b/>"}), "eleves.zip",
     "L'archive « eleves.zip » contient 2 fichiers"),
    (lambda: b"<html><body>Bonjour</body></html>", "eleves.xml",
     "Ce fichier XML n'est pas un export SIECLE des élèves"),
    (lambda: b"%PDF-1.4", "eleves.pdf", "Le fichier « eleves.pdf » n'est ni un export SIECLE XML (.xml)"),
    (lambda: sample.siecle_xml(UAI, [student(1, leaving_date="01/01/2026")]), "eleves.xml",
     "Le fichier ne contient aucun élève à importer"),
], ids=["another school", "truncated", "empty", "xml bomb", "external entity", "png named xml",
        "png named zip", "zip bomb", "zip member with a path", "two zip members", "not siecle",
        "wrong extension", "nobody to import"])
def test_a_hostile_or_wrong_file_is_refused_whole_with_its_own_message(school, imported, build,
                                                                         filename, expected):
    job = run(school, build(), filename=filename)
    assert job.status == LearnerImport.Status.VALIDATION_ERROR
    assert len(messages(job)) == 1 and messages(job)[0].startswith(expected), messages(job)
    assert snapshot(school) == imported
    assert job.content is None


def test_a_re_import_updates_adds_and_disables_without_losing_accounts(school):
    run(school, sample.siecle_xml(UAI, [student(1), student(2), student(3)]))
    leaver = OrganizationLearner.objects.get(national_student_id="000000003AB")
    account = UserFactory()
    OrganizationLearner.objects.filter(pk=leaver.pk).update(user=account)
    job = run(school, sample.siecle_xml(UAI, [student(1, division="5B"), student(2), student(4)]))
    assert (job.created_count, job.updated_count, job.disabled_count, job.active_count) == (1, 1, 1, 3)
    leaver.refresh_from_db()
    assert leaver.is_disabled and leaver.user == account
    assert OrganizationLearner.objects.get(national_student_id="000000001AB").division == "5B"
    comeback = run(school, sample.siecle_xml(UAI, [student(1), student(2), student(3)]))
    leaver.refresh_from_db()
    assert not leaver.is_disabled and leaver.user == account
    assert (comeback.created_count, comeback.disabled_count, comeback.active_count) == (0, 1, 3)


def test_running_the_job_twice_writes_once(school):
    job = services.learner_import_create(organization=school, user=None, filename="e.xml",
                                         content=sample.siecle_xml(UAI, [student(1)]),
                                         format=LearnerImport.Format.SIECLE_XML)
    services.learner_import_run(import_id=job.pk)
    services.learner_import_run(import_id=job.pk)
    job.refresh_from_db()
    assert job.status == LearnerImport.Status.IMPORTED and job.created_count == 1
    assert OrganizationLearner.objects.count() == 1


def test_a_second_upload_waits_for_the_running_one(school):
    services.learner_import_create(organization=school, user=None, filename="e.xml", content=b"<a/>",
                                   format=LearnerImport.Format.SIECLE_XML)
    with pytest.raises(services.imports.ImportRefused, match="déjà en cours"):
        services.learner_import_create(organization=school, user=None, filename="e.xml",
                                       content=b"<a/>", format=LearnerImport.Format.SIECLE_XML)


def test_a_file_over_20_megabytes_is_refused_before_it_is_read(school):
    with pytest.raises(services.imports.ImportRefused, match="la limite est de 20"):
        services.learner_import_create(organization=school, user=None, filename="e.xml",
                                       content=b" " * (20 * 1024 * 1024 + 1),
                                       format=LearnerImport.Format.SIECLE_XML)
