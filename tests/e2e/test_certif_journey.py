"""A school centre admin prepares certification sessions in Chromium (desktop and 360 px phone):
enrols a class of the linked school, adds a free candidate, imports sessions, downloads the ZIP."""

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

from certif.insee.loader import load_insee_referential
from certif.models import CertificationCandidate, CertificationSession
from tests.certif.factories import MembershipFactory, ScoCenterFactory, in_days
from tests.e2e.conftest import serious_accessibility_violations
from tests.factories import PASSWORD, UserFactory
from tests.orga.factories import LearnerFactory, OrganizationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SAMPLE = Path(__file__).parents[1] / "certif" / "data"


@pytest.fixture
def centre_admin(db):
    """The admin of a school's centre linked to its Orga school, which imported two classes."""
    load_insee_referential(SAMPLE / "pays.csv", SAMPLE / "communes.csv")
    center = ScoCenterFactory(name="Collège Jean Moulin", external_id="0751234A")
    school = OrganizationFactory(name="Collège Jean Moulin", external_id="0751234A")
    for last_name in ("Girard", "Hamon", "Ivanov"):
        LearnerFactory(organization=school, division="3B", last_name=last_name, first_name="Noé")
    LearnerFactory(organization=school, division="3A", last_name="Joly", birth_country_code="131",
                   birth_city="LIEGE")
    user = UserFactory(username="claire.admin", first_name="Claire", last_name="Lemaire")
    MembershipFactory(center=center, user=user)
    return user


def assert_accessible(page, checked, key):
    if key not in checked:
        checked.add(key)
        assert serious_accessibility_violations(page) == [], page.url


def log_in(page, base_url, next_url="/certif/"):
    page.goto(f"{base_url}/comptes/login/?next={next_url}")
    page.locator("#id_login").fill("claire.admin")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()


def filled_template(template_bytes, day, error_on_second_line):
    """The downloaded template with two sessions of two candidates (and an error when asked)."""
    reader = csv.reader(io.StringIO(template_bytes.decode("utf-8-sig")), delimiter=";")
    headers = next(reader)
    index = {h: i for i, h in enumerate(headers)}

    def line(values):
        row = [""] * len(headers)
        for header, value in values.items():
            if header in index:  # a school's template has no billing columns
                row[index[header]] = value
        return row

    def session(room, time):
        return {"* Nom du site": "Collège Jean Moulin", "* Nom de la salle": room,
                "* Date de début (format: JJ/MM/AAAA)": day.strftime("%d/%m/%Y"),
                "* Heure de début (heure locale format: HH:MM)": time, "* Surveillant(s)": "Mme Vasseur"}

    def candidate(last_name, sex="F", **other):
        return {"* Nom de naissance": last_name, "* Prénom": "Inès", "* Date de naissance (format: JJ/MM/AAAA)":
                "04/03/2009", "* Sexe (M ou F)": sex, "Code INSEE de la commune de naissance": "75115",
                "* Pays de naissance": "France", "* Tarification part Pix (Gratuite, Prépayée ou Payante)":
                "Gratuite", **other}

    rows = [line({**session("Salle Nord", "09:00"), **candidate("Aubert")}),
            line(candidate("Bouvier", sex="X" if error_on_second_line else "F")),
            line({**session("Salle Sud", "14:00"), **candidate("Carpentier")}),
            line(candidate("Dumas"))]
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def test_a_centre_admin_prepares_sessions_and_downloads_their_documents(live_server, centre_admin, page, tmp_path):
    checked = set()
    log_in(page, live_server.url)
    page.wait_for_url("**/certif/conditions-d-utilisation/accepter/**")
    assert_accessible(page, checked, "terms")
    page.locator("label[for=id_accept_terms]").click()
    page.get_by_role("button", name="Accéder à Pix Certif").click()

    page.wait_for_url("**/certif/sessions/")
    assert_accessible(page, checked, "empty list")
    page.get_by_role("link", name="Créer une session").click()
    assert_accessible(page, checked, "session form")
    day = in_days(30)
    page.get_by_label("Nom du site").fill("Collège Jean Moulin")
    page.get_by_label("Nom de la salle").fill("Salle Est")
    page.locator("#id_date").fill(day.isoformat())
    page.locator("#id_time").fill("10:30")
    page.get_by_label("Surveillant(s)").fill("M. Delmas")
    page.get_by_role("button", name="Créer la session").click()
    page.wait_for_url(re.compile(r"/certif/sessions/\d+/$"))
    number = page.url.rstrip("/").rsplit("/", 1)[-1]  # other journeys may have made sessions before
    page.get_by_role("heading", name=f"Session {number}", exact=True).wait_for()
    assert_accessible(page, checked, "session")

    page.get_by_role("link", name="Inscrire des élèves").click()
    page.get_by_label("Classe").select_option("3B")
    page.get_by_role("button", name="Afficher les élèves").click()
    page.locator("#eleves").wait_for()
    assert "Joly" not in page.locator("#eleves").inner_text()
    assert_accessible(page, checked, "students of a class")
    page.get_by_role("button", name="Inscrire les élèves cochés").click()
    page.get_by_text("3 élèves sont inscrits à la session.").wait_for()
    assert page.locator(".candidate-table").get_by_text("3B").count() == 3

    page.get_by_role("link", name="Inscrire un candidat").click()
    page.get_by_label("Nom de naissance").fill("Moreau")
    page.get_by_label("Prénom").fill("Jade")
    page.locator("label[for=sex-F]").click()
    page.locator("#id_birthdate").fill("2010-03-04")
    page.locator("label[for=birthplace_mode-postal]").click()
    assert page.locator("#id_birth_insee_code").is_hidden()
    page.locator("#id_birth_postal_code").fill("51300")
    page.locator("#id_birth_city").fill("Reims")
    assert_accessible(page, checked, "candidate form")
    page.get_by_role("button", name="Inscrire le candidat").click()
    error = page.locator("#id_birth_city-erreur")
    error.wait_for()
    assert "Aucune commune de ce nom n'a le code postal 51300" in error.inner_text()
    assert "Vitry-le-François" in error.inner_text()
    assert_accessible(page, checked, "candidate form with an error")
    page.locator("#id_birth_city").fill("vitry le francois")
    page.get_by_role("button", name="Inscrire le candidat").click()
    page.get_by_text("Moreau est inscrit(e) à la session.").wait_for()
    assert page.locator(".candidate-table").get_by_text("Vitry-le-François").is_visible()

    page.get_by_role("navigation", name="Menu principal").get_by_role("link", name="Import en masse").click()
    assert_accessible(page, checked, "import")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger le modèle (CSV)").click()
    template = Path(download.value.path()).read_bytes()
    wrong, right = tmp_path / "sessions.csv", tmp_path / "sessions-corrige.csv"
    wrong.write_bytes(filled_template(template, day, error_on_second_line=True))
    right.write_bytes(filled_template(template, day, error_on_second_line=False))
    page.locator("#id_file").set_input_files(str(wrong))
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("heading", name="1 erreur à corriger").wait_for()
    row = page.locator(".import-problems tbody tr")
    assert row.count() == 1
    assert [cell.inner_text() for cell in row.locator("td").all()] == [
        "3", "Sexe", "Le sexe doit être M ou F.", "CANDIDATE_SEX_NOT_VALID"]
    assert_accessible(page, checked, "import report with an error")
    page.get_by_role("link", name="Importer un fichier corrigé").click()
    page.locator("#id_file").set_input_files(str(right))
    page.get_by_role("button", name="Vérifier le fichier").click()
    page.get_by_role("heading", name="Le fichier est prêt à être importé").wait_for()
    assert_accessible(page, checked, "import report ready")
    page.get_by_role("button", name="Confirmer l'import").click()
    page.get_by_role("heading", name="Import confirmé").wait_for()
    assert CertificationCandidate.objects.count() == 8

    north, south = CertificationSession.objects.filter(room__in=["Salle Nord", "Salle Sud"]).order_by("time")
    page.get_by_role("link", name="Voir les sessions").click()
    assert_accessible(page, checked, "list")
    page.locator(f"label[for=choisir-{north.pk}]").click()
    page.locator(f"label[for=choisir-{south.pk}]").click()
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger les documents des sessions cochées (ZIP)").click()
    archive = zipfile.ZipFile(download.value.path())
    assert len(archive.namelist()) == 4

    def sheet_text(session):
        content = archive.read(f"session-{session.pk}/feuille-d-emargement-session-{session.pk}.pdf")
        return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)

    assert "Aubert" in sheet_text(north) and "Bouvier" in sheet_text(north) and "Salle Nord" in sheet_text(north)
    assert "Carpentier" in sheet_text(south) and "Dumas" in sheet_text(south) and "Aubert" not in sheet_text(south)


def test_the_pages_of_pix_certif_are_accessible_on_a_phone(live_server, centre_admin, phone_page):
    from certif.services.candidates import candidate_add
    from certif.services.centers import certif_terms_accept
    from certif.services.sessions import session_create

    certif_terms_accept(user=centre_admin)
    center = centre_admin.certification_center_memberships.get().center
    session = session_create(center=center, user=centre_admin, raw={
        "address": "Collège Jean Moulin", "room": "Salle Est", "date": in_days(30).isoformat(), "time": "10:30",
        "examiner": "M. Delmas"})
    candidate_add(session=session, raw={"last_name": "Moreau", "first_name": "Jade", "sex": "F",
                                        "birthdate": "04/03/2010", "birth_country": "Belgique",
                                        "birth_city": "Liège"})
    log_in(phone_page, live_server.url)
    phone_page.wait_for_url("**/certif/sessions/")
    for path in ("/certif/sessions/", f"/certif/sessions/{session.pk}/",
                 f"/certif/sessions/{session.pk}/candidats/ajouter/",
                 f"/certif/sessions/{session.pk}/candidats/eleves/?division=3B", "/certif/sessions/nouvelle/",
                 "/certif/import/", "/certif/equipe/"):
        phone_page.goto(live_server.url + path)
        assert serious_accessibility_violations(phone_page) == [], path
        assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360, path
    phone_page.goto(f"{live_server.url}/certif/sessions/{session.pk}/candidats/ajouter/")
    phone_page.get_by_role("button", name="Inscrire le candidat").click()
    phone_page.locator(".fr-alert--error").wait_for()
    assert serious_accessibility_violations(phone_page) == []
