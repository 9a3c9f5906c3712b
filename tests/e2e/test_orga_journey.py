"""A teacher's start of the year in Chromium, on a desktop screen and on a 360 px phone: accept the
invitation, import the school's SIECLE export and watch it progress, read every error of a broken
file, generate a class's accounts and download their cards; a student logs in with one of them."""

import io
import threading
import time

import pytest
from django.db import connection
from pypdf import PdfReader

from orga import services, tasks
from orga.imports import sample
from orga.models import Organization
from tests.e2e.conftest import serious_accessibility_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UAI = "0751234A"
PASSWORD = "Prof-Secret-2026"


def assert_accessible(page):
    assert serious_accessibility_violations(page) == [], page.url


@pytest.fixture
def worker_in_background(monkeypatch):
    """The import job as a worker would run it: later, in another thread, while the page polls."""

    def delay(import_id):
        def run():
            time.sleep(1.5)  # long enough for the page to show the job waiting
            try:
                services.learner_import_run(import_id=import_id)
            finally:
                connection.close()

        threading.Thread(target=run, daemon=True).start()

    monkeypatch.setattr(tasks.import_learners, "delay", delay)


def student(number, **fields):
    return sample.changed(sample.students(1, seed=number, start=number)[0], **fields)


@pytest.mark.parametrize("screen", ["page", "phone_page"])
def test_a_teacher_imports_the_school_and_prints_a_class_s_accounts(live_server, request, screen,
                                                                   worker_in_background):
    page = request.getfixturevalue(screen)
    school, _ = services.organization_create(type=Organization.Type.SCO, name="Collège Jean Moulin",
                                             external_id=UAI)
    invitation = services.invitation_create(organization=school, email=f"claire.{screen}@college.fr",
                                            notify=False)

    page.goto(f"{live_server.url}/orga/invitation/{services.invitation_token(invitation)}/")
    assert_accessible(page)
    page.get_by_label("Prénom").fill("Claire")
    page.get_by_label("Nom", exact=True).fill("Durand")
    page.locator("#id_password1").fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.locator("label[for=id_accept_terms]").click()
    page.get_by_role("button", name="Créer mon compte et rejoindre l'organisation").click()

    page.wait_for_url("**/orga/conditions-d-utilisation/**")
    assert_accessible(page)
    page.locator("label[for=id_accept_terms]").click()
    page.get_by_role("button", name="Continuer").click()
    page.wait_for_url("**/eleves/")
    assert_accessible(page)
    page.get_by_role("link", name="Importer la liste des élèves").click()

    rows = sample.students(24, divisions=("6A", "6B", "5A"), seed=7)
    page.wait_for_url("**/import/")
    assert_accessible(page)
    page.set_input_files("#id_file", files=[{"name": "ElevesSansAdresses.xml", "mimeType": "text/xml",
                                             "buffer": sample.siecle_xml(UAI, rows)}])
    page.get_by_role("button", name="Importer", exact=True).click()
    page.wait_for_url("**/import/*/")
    progress = page.locator("progress#import-progression")
    assert progress.is_visible()  # the job has not started: the page shows it waiting
    assert_accessible(page)
    page.get_by_text("Import terminé").wait_for()  # refreshed by htmx, without a reload
    assert page.get_by_text("24 élèves ajoutés").is_visible()

    broken = [rows[0], sample.changed(rows[1], ine=""), sample.changed(rows[2], sex="7")]
    page.goto(f"{live_server.url}/orga/{school.pk}/import/")
    page.set_input_files("#id_file", files=[{"name": "export-errone.xml", "mimeType": "text/xml",
                                             "buffer": sample.siecle_xml(UAI, broken)}])
    page.get_by_role("button", name="Importer", exact=True).click()
    page.get_by_text("Le fichier est refusé : 2 erreurs").wait_for()
    errors = page.locator("table.orga-errors tbody tr")
    assert errors.count() == 2
    missing_ine = errors.nth(0).inner_text()
    assert f"{rows[1].last_name} {rows[1].first_name} (sans INE)" in missing_ine
    assert "INE (ID_NATIONAL)" in missing_ine and "l'INE manque" in missing_ine
    wrong_sex = errors.nth(1).inner_text()
    assert rows[2].ine in wrong_sex and "sexe (CODE_SEXE)" in wrong_sex and "« 7 » est inconnu" in wrong_sex
    assert_accessible(page)

    page.goto(f"{live_server.url}/orga/{school.pk}/eleves/")
    assert page.get_by_text("24 élèves").is_visible()
    row = page.locator("tbody tr").first  # each student's selection box is drawn inside its row
    box, row_box = row.locator("input[name=learner]").bounding_box(), row.bounding_box()
    assert row_box["y"] <= box["y"] and box["y"] + box["height"] <= row_box["y"] + row_box["height"]
    page.get_by_label("Classe", exact=True).last.select_option("6A")
    page.get_by_role("button", name="Générer pour la classe").click()
    page.wait_for_url("**/comptes/*/")
    assert_accessible(page)
    first = page.locator("tbody tr").first.locator("td")
    username, password = first.nth(3).inner_text(), first.nth(4).inner_text()
    assert page.locator("tbody tr").count() == 8
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger les fiches à imprimer (PDF)").click()
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(open(download.value.path(), "rb").read())).pages)
    assert username in text and password in text and "/comptes/login/" in text

    page.goto(f"{live_server.url}/orga/{school.pk}/equipe/")
    assert page.get_by_role("cell", name="Claire Durand", exact=True).is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/comptes/login/")
    page.get_by_label("Adresse e-mail ou identifiant").fill(username)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url("**/password/change/")
    page.goto(f"{live_server.url}/profil/")  # the temporary password opens nothing else
    page.wait_for_url("**/password/change/")
    assert page.get_by_role("heading", name="Choisis ton mot de passe").is_visible()
    assert page.get_by_text("Ton établissement t'a donné un mot de passe provisoire").is_visible()
    page.locator("#id_oldpassword").fill(password)
    page.locator("#id_password1").fill("Mon-Secret-2026")
    page.locator("#id_password2").fill("Mon-Secret-2026")
    page.locator("main form button[type=submit]").click()
    page.get_by_text("Ton mot de passe est changé").wait_for()
    page.goto(f"{live_server.url}/profil/")
    page.wait_for_url("**/conditions-d-utilisation/accepter/**")  # then the learner app's terms
