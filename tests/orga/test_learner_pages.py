"""The students list (search, filters, sorting, pages, a pinned number of queries), a student's
page, and the import pages (upload, progress, every error, history)."""

import re
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from learners.models import User
from orga.imports import sample
from orga.models import LearnerImport, OrganizationLearner
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db


def names(response):
    return re.findall(r'href="/orga/\d+/eleves/\d+/">([^<]+)</a>', response.content.decode())


@pytest.fixture
def classes(school):
    LearnerFactory(organization=school, last_name="Martin", first_name="Léa", division="6A",
                   user=UserFactory(username="lea.martin", email=None), birthdate=date(2012, 1, 1))
    LearnerFactory(organization=school, last_name="Bernard", first_name="Hugo", division="5B",
                   user=UserFactory(username=None, email="hugo@exemple.fr"), is_certifiable=True,
                   birthdate=date(2013, 1, 1))
    LearnerFactory(organization=school, last_name="Caron", first_name="Inès", division="6A",
                   is_certifiable=False, birthdate=date(2011, 1, 1))
    LearnerFactory(organization=school, last_name="Parti", first_name="Élève", is_disabled=True)


def test_the_list_shows_the_active_students_in_alphabetical_order(teacher_client, school, classes):
    response = teacher_client.get(reverse("orga:learners", args=[school.pk]))
    assert names(response) == ["Bernard", "Caron", "Martin"]
    assert "3 élèves" in response.content.decode()


@pytest.mark.parametrize(("query", "expected"), [
    ({"q": "ines"}, []),  # the search is on letters as typed...
    ({"q": "Inès"}, ["Caron"]),
    ({"q": "mar lé"}, ["Martin"]),
    ({"division": "6A"}, ["Caron", "Martin"]),
    ({"connection": "none"}, ["Caron"]),
    ({"connection": "username"}, ["Martin"]),
    ({"connection": "email"}, ["Bernard"]),
    ({"certifiable": "yes"}, ["Bernard"]),
    ({"certifiable": "no"}, ["Caron"]),
    ({"certifiable": "unknown"}, ["Martin"]),
    ({"sort": "division"}, ["Bernard", "Caron", "Martin"]),
    ({"sort": "-birthdate"}, ["Bernard", "Martin", "Caron"]),
    ({"division": "inconnue"}, ["Bernard", "Caron", "Martin"]),  # a forged choice is ignored
])
def test_search_filters_and_sorting(teacher_client, school, classes, query, expected):
    response = teacher_client.get(reverse("orga:learners", args=[school.pk]), query)
    assert response.status_code == 200
    assert names(response) == expected


def test_the_list_is_paginated_and_a_forged_page_shows_the_last(teacher_client, school):
    OrganizationLearner.objects.bulk_create([
        OrganizationLearner(organization=school, first_name="É", last_name=f"Nom{n:03d}",
                            birthdate=date(2012, 1, 1), division="6A") for n in range(120)])
    url = reverse("orga:learners", args=[school.pk])
    assert len(names(teacher_client.get(url))) == 50
    last = teacher_client.get(url, {"page": "999999999999999999999", "division": "6A"})
    assert names(last)[-1] == "Nom119" and "3 sur 3" in last.content.decode()


@pytest.mark.parametrize("count", [5, 60])
def test_the_list_makes_the_same_number_of_queries_whatever_the_number_of_students(
        teacher_client, school, count, django_assert_num_queries):
    OrganizationLearner.objects.bulk_create([
        OrganizationLearner(organization=school, first_name="É", last_name=f"Nom{n:03d}",
                            birthdate=date(2012, 1, 1), division=f"6{n % 4}") for n in range(count)])
    url = reverse("orga:learners", args=[school.pk])
    teacher_client.get(url)
    # session with its user, membership, terms, classes, count, page
    with django_assert_num_queries(6):
        teacher_client.get(url, {"division": "61", "sort": "birthdate"})


def test_a_student_page_shows_identity_account_and_the_shared_profile_place(teacher_client, school, classes):
    learner = OrganizationLearner.objects.get(last_name="Martin")
    page = teacher_client.get(reverse("orga:learner", args=[school.pk, learner.pk])).content.decode()
    assert "lea.martin" in page and "01/01/2012" in page and "6A" in page
    assert "Profil partagé" in page


def upload(client, school, content, filename, format=LearnerImport.Format.SIECLE_XML):
    return client.post(reverse("orga:import", args=[school.pk]), {
        "format": format, "file": SimpleUploadedFile(filename, content)})


def test_a_teacher_imports_and_reads_the_outcome_and_the_history(teacher_client, school, eager_tasks):
    rows = sample.students(12, seed=3)
    with eager_tasks():
        response = upload(teacher_client, school, sample.siecle_xml("0751234A", rows), "eleves.xml")
    job = LearnerImport.objects.get()
    assert response.url == reverse("orga:import_status", args=[school.pk, job.pk])
    page = teacher_client.get(response.url).content.decode()
    assert "Import terminé" in page and "12 élèves ajoutés" in page
    history = teacher_client.get(reverse("orga:import", args=[school.pk])).content.decode()
    assert "eleves.xml" in history and "Claire Prof" in history


def test_a_file_with_errors_lists_each_by_student_and_field(teacher_client, school, eager_tasks):
    rows = [sample.changed(r, ine="") if i == 1 else r for i, r in enumerate(sample.students(3, seed=4))]
    with eager_tasks():
        response = upload(teacher_client, school, sample.siecle_xml("0751234A", rows), "eleves.xml")
    page = teacher_client.get(response.url).content.decode()
    assert "Le fichier est refusé : 1 erreur" in page
    assert "(sans INE)" in page and "INE (ID_NATIONAL)" in page and "l&#x27;INE manque" in page
    assert not OrganizationLearner.objects.exists()


def test_the_progress_block_is_polled_until_the_job_is_over(teacher_client, school):
    job = LearnerImport.objects.create(organization=school, filename="e.xml", content=b"<a/>",
                                       format=LearnerImport.Format.SIECLE_XML,
                                       status=LearnerImport.Status.VALIDATING, progress=40)
    url = reverse("orga:import_status", args=[school.pk, job.pk])
    block = teacher_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in block and 'value="40"' in block and "<html" not in block
    job.status, job.progress = LearnerImport.Status.IMPORTED, 100
    job.save()
    block = teacher_client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in block and "Import terminé" in block


def test_an_upload_without_file_or_too_big_keeps_the_form_with_a_message(teacher_client, school, settings):
    response = teacher_client.post(reverse("orga:import", args=[school.pk]), {"format": "siecle_xml"})
    assert response.status_code == 422
    assert not LearnerImport.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_job_runs_through_celery_with_or_without_a_worker(school):
    """Eager here; on CI with Redis, a real worker runs it on the committed upload."""
    from orga import services, tasks

    job = services.learner_import_create(organization=school, user=None, filename="e.xml",
                                         content=sample.siecle_xml("0751234A", sample.students(5)),
                                         format=LearnerImport.Format.SIECLE_XML)
    assert tasks.import_learners.delay(job.pk).get(timeout=60) == LearnerImport.Status.IMPORTED
    assert OrganizationLearner.objects.filter(organization=school).count() == 5


def test_the_command_line_import_prints_the_summary_or_every_error(school, tmp_path, capsys):
    good = tmp_path / "eleves.xml"
    good.write_bytes(sample.siecle_xml("0751234A", sample.students(4)))
    call_command("import_learners", "--organization", "0751234a", str(good))
    assert "Import terminé : 4 créés, 0 mis à jour, 0 désactivés, 4 actifs." in capsys.readouterr().out
    bad = tmp_path / "autre.xml"
    bad.write_bytes(sample.siecle_xml("0759999Z", sample.students(4)))
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="Fichier refusé"):
        call_command("import_learners", "--organization", "0751234A", str(bad))
    assert "l'export de l'établissement 0759999Z" in capsys.readouterr().err
    with pytest.raises(CommandError, match="Aucune organisation"):
        call_command("import_learners", "--organization", "0000000X", str(good))


def test_create_organization_is_idempotent_and_says_so(db, capsys):
    from orga.models import Organization

    args = ["create_organization", "--type", "SCO", "--uai", "0751234a", "--name", "Lycée Condorcet"]
    call_command(*args)
    assert "Organisation créée" in capsys.readouterr().out
    call_command(*args)
    assert "existe déjà, rien n'a changé" in capsys.readouterr().out
    organization = Organization.objects.get()
    assert (organization.external_id, organization.is_managing_students) == ("0751234A", True)


def sort_choices(response):
    select = re.search(r'<select class="fr-select" name="sort".*?</select>', response.content.decode(), re.S)
    return re.findall(r"<option [^>]*>([^<]+)</option>", select.group(0))


def test_the_sort_choices_are_each_named_once_in_the_teacher_s_language(teacher_client, teacher, school):
    url = reverse("orga:learners", args=[school.pk])
    assert sort_choices(teacher_client.get(url)) == [
        "nom", "nom (décroissant)", "classe", "classe (décroissant)", "date de naissance",
        "date de naissance (décroissant)"]
    teacher.language = User.Language.EN
    teacher.save(update_fields=["language"])
    assert sort_choices(teacher_client.get(url)) == [
        "name", "name (descending)", "class", "class (descending)", "date of birth",
        "date of birth (descending)"]
