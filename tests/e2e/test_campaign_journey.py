"""A campaign in Chromium, on a desktop screen and on a 360 px phone: a teacher creates an
assessment campaign and keeps its dashboard open; a student with a generated account logs in,
chooses their password, enters the code, answers the whole campaign, reads the results and
sends them; the teacher's dashboard shows them without a reload, filters the class, draws the
heatmap, and the downloaded CSV holds the student's row."""

import csv
import io

import pytest

from orga import services
from orga.models import Membership, Organization
from referentiel.models import Challenge
from tests.e2e.conftest import serious_accessibility_violations, watch_csp_violations
from tests.e2e.test_learner_journey import answer, open_main_menu
from tests.factories import PASSWORD, UserFactory
from tests.orga.factories import LearnerFactory, target_profile_over

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENS = {"page": {"viewport": {"width": 1280, "height": 900}},
           "phone_page": {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}}


def assert_accessible(page):
    assert serious_accessibility_violations(page) == [], page.url
    assert page.csp_violations == [], page.url


@pytest.fixture
def school_with_a_class(learning_referentiel):
    school, _ = services.organization_create(type=Organization.Type.SCO, name="Collège Jean Moulin",
                                             external_id="0751234A")
    teacher = UserFactory(first_name="Claire", last_name="Durand", email="claire.durand@college.fr")
    services.terms_accept(user=teacher)
    Membership.objects.create(organization=school, user=teacher, role=Membership.Role.ADMIN)
    zoe = LearnerFactory(organization=school, first_name="Zoé", last_name="Martin", division="6A")
    LearnerFactory(organization=school, first_name="Paul", last_name="Durand", division="5B")
    [credentials] = services.accounts_generate(organization=school, learners=[zoe])
    target_profile_over(learning_referentiel, name="Chercher sur le web")
    return school, teacher, credentials


def log_in(page, base_url, login, password):
    page.goto(f"{base_url}/comptes/login/")
    page.get_by_label("Adresse e-mail ou identifiant").fill(login)
    page.get_by_label("Mot de passe").fill(password)
    page.get_by_role("button", name="Se connecter").click()


@pytest.mark.parametrize("screen", list(SCREENS))
def test_a_class_takes_a_campaign_and_the_teacher_watches_the_results_arrive(live_server, browser, request,
                                                                              screen, school_with_a_class):
    school, teacher, credentials = school_with_a_class
    page = request.getfixturevalue(screen)  # the teacher's

    log_in(page, live_server.url, teacher.email, PASSWORD)
    page.wait_for_url(lambda url: "/comptes/login/" not in url)
    page.goto(f"{live_server.url}/orga/{school.pk}/campagnes/nouvelle/")
    assert_accessible(page)
    page.get_by_label("Type de campagne").select_option("ASSESSMENT")
    page.locator("#id_name").fill("Rentrée 6A")
    page.locator("#id_target_profile").select_option(label="Chercher sur le web")
    page.get_by_role("button", name="Créer la campagne").click()
    page.wait_for_url("**/campagnes/*/")
    code = page.locator(".campaign-code").inner_text()
    assert page.get_by_text("Aucun participant pour le moment.").is_visible()
    assert_accessible(page)
    page.evaluate("window.dashboardNotReloaded = true")

    context = browser.new_context(locale="fr-FR", **SCREENS[screen])
    student = watch_csp_violations(context.new_page())
    student.set_default_timeout(15_000)
    log_in(student, live_server.url, credentials.username, credentials.password)
    student.wait_for_url("**/password/change/")
    student.locator("#id_oldpassword").fill(credentials.password)
    student.locator("#id_password1").fill("Mon-Secret-2026")
    student.locator("#id_password2").fill("Mon-Secret-2026")
    student.locator("main form button[type=submit]").click()
    student.get_by_text("Ton mot de passe est changé").wait_for()
    student.goto(f"{live_server.url}/")
    if "/conditions-d-utilisation/accepter/" in student.url:
        student.locator("label[for=id_accept_terms]").click()
        student.locator("main form button[type=submit]").click()
    open_main_menu(student, "J'ai un code").click()
    student.wait_for_url("**/campagnes/")
    assert_accessible(student)
    student.get_by_label("Code de la campagne").fill(code.lower())
    student.get_by_role("button", name="Accéder à la campagne").click()
    student.wait_for_url(f"**/campagnes/{code}/")
    assert_accessible(student)  # the account is the school's record: no need to look for oneself
    student.get_by_role("button", name="Je commence").click()

    answered, checked = 0, False
    while "/campagnes/participations/" not in student.url:
        student.wait_for_selector("#formulaire-reponse")
        if not checked:
            assert_accessible(student)
            checked = True
        challenge = Challenge.objects.get(pk=student.locator("input[name=challenge]").get_attribute("value"))
        answer(student, challenge, right=True)
        with student.expect_navigation():
            student.get_by_role("button", name="Je valide").click()
        answered += 1
        assert answered < 30, "la campagne ne s'arrête pas"
    if student.get_by_role("link", name="Voir mes résultats").count():
        student.get_by_role("link", name="Voir mes résultats").click()
    student.get_by_role("heading", name="Tes résultats").wait_for()
    assert student.get_by_text("Tu maîtrises 100 % des acquis du parcours").is_visible()
    assert student.locator(".answer-card").count() == answered
    assert_accessible(student)
    student.get_by_role("button", name="J'envoie mes résultats").click()
    student.get_by_text("Tes résultats sont envoyés à Collège Jean Moulin").wait_for()
    assert_accessible(student)
    context.close()

    page.get_by_text("Résultats reçus : 1").wait_for(timeout=20_000)  # polled by htmx, no reload
    assert page.evaluate("window.dashboardNotReloaded") is True
    participants = page.locator("#campaign-live table").last
    assert "Martin Zoé" in participants.inner_text() and "100 %" in participants.inner_text()
    heatmap = page.locator(".orga-heatmap table")
    assert heatmap.get_by_role("rowheader", name="6A").is_visible()
    assert "100 %" in heatmap.locator("tbody tr").first.inner_text()
    background = "element => getComputedStyle(element).backgroundColor"
    cell = heatmap.locator("tbody td.orga-heat--4").first  # 100 %: in the colour of its legend's band
    swatch = page.locator(".orga-legend__swatch.orga-heat--4")
    assert cell.evaluate(background) == swatch.evaluate(background) != "rgb(255, 255, 255)"
    assert_accessible(page)

    page.get_by_label("Classe").select_option("6A")
    page.get_by_role("button", name="Filtrer").click()
    page.wait_for_url("**classe=6A**")
    assert page.get_by_role("heading", name="Résultats reçus de la classe 6A").is_visible()
    assert "Martin Zoé" in page.locator("#campaign-live table").last.inner_text()

    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter les résultats (CSV)").click()
    text = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.DictReader(io.StringIO(text), delimiter=";"))
    [row] = [r for r in rows if r["Nom du Participant"] == "Martin"]
    assert row["Prénom du Participant"] == "Zoé" and row["Classe"] == "6A" and row["Code"] == code
    assert row["Partage (O/N)"] == "Oui" and row["% maitrise de l'ensemble des acquis du profil"] == "1.0"
    assert row["% de progression"] == "1" and row["Palier obtenu (/2)"] == "2"

    page.get_by_role("link", name="Martin Zoé").click()
    page.get_by_role("heading", name="Zoé Martin").wait_for()
    assert page.get_by_role("heading", name="Résultats par compétence").is_visible()
    assert_accessible(page)
