"""A new student's whole journey in Chromium, on a desktop screen and on a 360 px phone."""

import pytest
from django.conf import settings
from django.core.signals import request_started
from django.test import Client
from django.utils import timezone
from playwright.sync_api import expect

from learners import services
from learners.models import Assessment, LearnerSession
from referentiel.models import Challenge
from tests.e2e.conftest import serious_accessibility_violations
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def assert_accessible(page, checked):
    """axe-core on each distinct page of the journey (each challenge type counts as one page)."""
    key = page.url.split("?")[0].rstrip("/").rsplit("/", 1)[-1] if "/tests/" not in page.url else None
    if "/tests/" in page.url and "/resultats/" not in page.url:
        key = "challenge-" + page.locator("input[name=challenge]").first.get_attribute("value")
        if page.locator(".challenge-announcement").count():
            key += "-announced"
    if key in checked:
        return
    checked.add(key)
    assert serious_accessibility_violations(page) == [], page.url


def open_main_menu(page, link_name):
    """The main menu's link; on a phone, the menu opens with its button first."""
    menu_button = page.get_by_role("button", name="Menu")
    if menu_button.is_visible():
        menu_button.click()
    return page.get_by_role("navigation", name="Menu principal").get_by_role("link", name=link_name)


def sign_up(page, base_url, username):
    page.goto(f"{base_url}/comptes/signup/")
    page.get_by_label("Prénom").fill("Jade")
    page.locator("#id_last_name").fill("Moreau")
    page.get_by_label("Identifiant").fill(username)
    page.locator("#id_password1").fill("Tres-secret-2026")
    page.get_by_label("Confirme le mot de passe").fill("Tres-secret-2026")
    page.locator("label[for=id_accept_terms]").click()  # the DSFR draws the box on the label


def answer(page, challenge, right):
    if challenge.type in ("QCU", "QCM"):
        numbers = challenge.solution if right else [
            n for n in range(1, len(challenge.proposals) + 1) if n not in challenge.solution][:1]
        for number in numbers:
            page.locator(f"label[for=proposition-{number}]").click()
        return
    for index, field in enumerate(challenge.fields):
        if challenge.type == "QROCM-dep":
            value = challenge.solution[index][0]
        else:
            value = challenge.solution[field["key"]][0]
        locator = page.locator(f"#champ-{field['key']}")
        if field.get("options"):
            wrong = next(o for o in field["options"] if o != value)
            locator.select_option(value if right else wrong)
        else:
            locator.fill(value if right else "je ne sais pas")


@pytest.mark.parametrize("screen", ["page", "phone_page"])
def test_a_new_student_signs_up_takes_a_test_sees_results_and_saves_a_tutorial(
        live_server, learning_referentiel, request, screen):
    page = request.getfixturevalue(screen)
    checked = set()
    sign_up(page, live_server.url, f"jade.{screen}")
    assert_accessible(page, checked)
    page.get_by_role("button", name="Créer mon compte").click()

    page.wait_for_url("**/profil/")
    assert page.locator(".competence-card").count() == 16
    assert_accessible(page, checked)
    page.locator('[data-competence="1.1"] button', has_text="Commencer").click()

    answered = 0
    while "/resultats/" not in page.url:
        page.wait_for_selector("#formulaire-reponse, .challenge-announcement")
        if page.locator(".challenge-announcement").count():  # a timed question, announced first
            assert_accessible(page, checked)
            page.get_by_role("button", name="Afficher la question").click()
            page.locator(".challenge-timer").wait_for()
            assert page.locator(".challenge-timer").is_visible()
        assert_accessible(page, checked)
        challenge = Challenge.objects.get(pk=page.locator("input[name=challenge]").get_attribute("value"))
        answer(page, challenge, right=answered % 3 != 2)  # two right, then one wrong
        with page.expect_navigation():
            page.get_by_role("button", name="Je valide").click()
        answered += 1
        assert answered < 30, "le test ne s'arrête pas"

    assert page.get_by_role("heading", name="Tes résultats").is_visible()
    assert page.locator(".answer-card").count() == answered
    assert page.locator(".answer-card--ko").count() >= 1
    assert "Réponse attendue" in page.content()
    assert_accessible(page, checked)
    save = page.get_by_role("button", name="Enregistrer dans Mes tutos").first
    save.click()
    page.get_by_role("button", name="Retirer de Mes tutos").first.wait_for()
    assert_accessible(page, checked)

    open_main_menu(page, "Mes tutos").click()
    assert page.locator(".tutorial-card").count() >= 1
    assert_accessible(page, checked)

    open_main_menu(page, "Mon profil").click()
    level = page.locator('[data-competence="1.1"] .scorecard__level').inner_text()
    assert level.startswith("Niveau ") and level != "Niveau 0 · 0 pix"
    if screen == "phone_page":
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
    assert page.csp_violations == []


@pytest.fixture
def server_requests():
    """(method, path) of each request the live server (a thread of this process) receives."""
    received = []

    def record(environ, **_):
        received.append((environ["REQUEST_METHOD"], environ["PATH_INFO"]))
    request_started.connect(record, weak=False)
    yield received
    request_started.disconnect(record)


def test_an_answer_costs_one_post_and_one_page_and_a_refusal_is_explained_on_that_page(
        live_server, learning_referentiel, page, server_requests):
    """The page's script posts the answer, then loads the test's page once. Following the
    redirect inside the script as well had the server render each next question twice and lost
    the notice that the redirect carries."""
    sign_up(page, live_server.url, "lina.refus")
    page.get_by_role("button", name="Créer mon compte").click()
    page.wait_for_url("**/profil/")
    page.locator('[data-competence="1.1"] button', has_text="Commencer").click()
    page.wait_for_selector("#formulaire-reponse, .challenge-announcement")
    if page.locator(".challenge-announcement").count():
        page.get_by_role("button", name="Afficher la question").click()
        page.locator("#formulaire-reponse").wait_for()
    test_url = page.url.split("#")[0]
    assessment = Assessment.objects.get(pk=test_url.rstrip("/").rsplit("/", 1)[-1])
    test_path = f"/tests/{assessment.pk}/"
    server_requests.clear()
    # The question on screen is taken back meanwhile (as when an invigilator replaces it).
    services.current_challenge_withdraw(assessment=assessment, challenge_id=assessment.last_challenge_id)
    page.get_by_role("button", name="Je passe").click()
    expect(page.locator(".fr-alert", has_text="n'est plus la question en cours")).to_be_visible()
    assert [method for method, path in server_requests if path == test_path] == ["POST", "GET"]
    assert not assessment.answers.exists()

    server_requests.clear()
    page.wait_for_selector("#formulaire-reponse, .challenge-announcement")
    with page.expect_navigation():
        page.get_by_role("button", name="Je passe").click()
    assert [method for method, path in server_requests if path == test_path] == ["POST", "GET"]
    assert assessment.answers.count() == 1


def test_an_answer_typed_when_the_session_had_ended_is_still_there_after_signing_in_again(
        live_server, page, student, assessment):
    """The session ended while the student was typing: « Je valide » leads to the login page,
    and once signed in, the same question comes back with what was typed, to be sent again."""
    question = Challenge.objects.get(slug="t-recherche-3-a")
    test_path = on_question(live_server, page, student, assessment, question, asked_at=timezone.now())
    page.locator("#champ-signe").fill("moins")
    LearnerSession.objects.all().delete()

    page.get_by_role("button", name="Je valide").click()
    page.wait_for_url(f"**/comptes/login/?next={test_path}")
    assert not assessment.answers.exists()
    page.get_by_label("Adresse e-mail ou identifiant").fill(student.username)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.wait_for_url(live_server.url + test_path)
    expect(page.locator("#champ-signe")).to_have_value("moins")

    with page.expect_navigation():
        page.get_by_role("button", name="Je valide").click()
    answer = assessment.answers.get()
    assert answer.challenge == question and answer.value == {"signe": "moins"}
    if page.locator("#formulaire-reponse").count():  # the next question: the answer is let go
        assert page.evaluate("Object.keys(sessionStorage).filter(k => k.startsWith('reponse-'))") == []


def on_question(live_server, page, student, assessment, question, asked_at):
    """The student signed in on `page`, on the test's page with `question` asked (its time
    started at `asked_at`; None: a timed question still announced); the test's path."""
    Assessment.objects.filter(pk=assessment.pk).update(
        last_challenge=question, last_question_at=asked_at, last_question_state=Assessment.QuestionState.ASKED)
    client = Client()
    client.force_login(student)
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "url": live_server.url,
                               "value": client.cookies[settings.SESSION_COOKIE_NAME].value}])
    test_path = f"/tests/{assessment.pk}/"
    page.goto(live_server.url + test_path)
    return test_path


def announced_timed_question(live_server, page, student, assessment):
    """The student signed in on `page`, on the announcement of the test's timed question."""
    timed = Challenge.objects.get(slug="t-source-1-a")
    test_path = on_question(live_server, page, student, assessment, timed, asked_at=None)
    expect(page.get_by_role("heading", name="Question chronométrée")).to_be_visible()
    return timed, test_path


def test_a_timed_question_comes_in_place_of_its_announcement_in_one_request(
        live_server, page, student, assessment, server_requests):
    """« Afficher la question » brings the question into the page: its time runs from that one
    request, the focus goes to the time left, and the answer is taken as on any question."""
    timed, test_path = announced_timed_question(live_server, page, student, assessment)
    server_requests.clear()

    page.get_by_role("button", name="Afficher la question").click()
    expect(page.locator(".challenge-timer")).to_be_focused()
    expect(page.locator("#consigne")).to_be_visible()
    assert [method for method, path in server_requests if path == test_path] == ["POST"]
    assessment.refresh_from_db()
    assert assessment.last_question_at is not None
    assert serious_accessibility_violations(page) == []

    server_requests.clear()
    page.locator("label[for=proposition-1]").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Je valide").click()
    assert [method for method, path in server_requests if path == test_path] == ["POST", "GET"]
    assert assessment.answers.get().challenge == timed
    assert page.csp_violations == []


def test_a_timed_question_asked_for_once_the_session_ended_leads_to_the_login_page(
        live_server, page, student, assessment):
    _timed, test_path = announced_timed_question(live_server, page, student, assessment)
    LearnerSession.objects.all().delete()
    page.get_by_role("button", name="Afficher la question").click()
    page.wait_for_url(f"**/comptes/login/?next={test_path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Se connecter")
    assessment.refresh_from_db()
    assert assessment.last_question_at is None
