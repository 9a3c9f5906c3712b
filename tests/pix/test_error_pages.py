"""The service's error pages: French, in the DSFR layout, with DEBUG off; JSON under /api/."""

import html
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError
from django.test import Client
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def assert_service_page(response, status, *texts):
    body = html.unescape(response.content.decode())
    assert response.status_code == status
    assert '<html lang="fr"' in body and 'class="fr-header"' in body and 'class="fr-footer"' in body
    for text in texts:
        assert text in body, text


@pytest.fixture
def lenient_client():
    """A browser's view: the server's error page instead of the exception."""
    return Client(raise_request_exception=False)


def test_debug_is_off_while_these_pages_are_checked():
    assert settings.DEBUG is False


def test_an_unknown_address_gets_the_french_404_page(client):
    assert_service_page(client.get("/nulle-part/"), 404, "Page introuvable", "Aller à l'accueil")


def test_an_unknown_address_of_a_signed_in_student_offers_their_profile(student_client):
    assert_service_page(student_client.get("/nulle-part/"), 404, reverse("learners:profile"))


def test_an_unknown_api_address_answers_in_json_with_a_stable_code(client):
    response = client.get("/api/nulle-part/")
    assert response.status_code == 404
    assert response.json() == {"detail": "Cette adresse ne correspond à aucune ressource.",
                               "code": "not_found"}


def test_a_request_for_an_unknown_host_gets_the_french_400_page(client):
    response = client.get("/", HTTP_HOST="ailleurs.example")
    assert_service_page(response, 400, "Demande incorrecte")


def test_a_forbidden_page_gets_the_french_403_page(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    response = client.get(reverse("admin:referentiel_calibrate_now"))
    assert_service_page(response, 403, "Accès refusé")


def test_a_form_left_open_over_a_logout_says_what_happened_and_offers_to_go_back(student):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(student)
    page = browser.get(reverse("learners:account"))
    stale_token = page.context["csrf_token"]
    browser.logout()  # in another tab
    browser.force_login(student)  # and in again: the old tab's token is no longer valid
    response = browser.post(reverse("learners:account"), {"language": "fr", "csrfmiddlewaretoken": stale_token},
                            HTTP_REFERER="http://testserver/mon-compte/")
    assert_service_page(response, 403, "Page expirée", "la session a changé",
                        'href="http://testserver/mon-compte/"', "Revenir à la page")


def test_the_csrf_page_never_links_back_to_another_site(client):
    browser = Client(enforce_csrf_checks=True)
    response = browser.post(reverse("account_login"), {"login": "x"},
                            HTTP_REFERER="https://ailleurs.example/piege")
    assert_service_page(response, 403, "Page expirée")
    assert "ailleurs.example" not in response.content.decode()


def test_a_bookmarked_button_address_explains_itself_and_leads_to_the_profile(student_client, competence):
    response = student_client.get(reverse("learners:start", args=[competence.code]))
    assert_service_page(response, 405, "Adresse d'un bouton", reverse("learners:profile"))
    assert response["Allow"] == "POST, OPTIONS"


def test_too_many_sign_ups_get_the_429_page_with_the_waiting_time(client, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "signup": "1/m/ip"}
    client.post(reverse("account_signup"), {"username": "premier"})
    response = client.post(reverse("account_signup"), {"username": "second"})
    assert_service_page(response, 429, "Trop de tentatives", "Nouvel essai possible dans")
    assert 55 <= int(response["Retry-After"]) <= 60
    assert any(words in response.content.decode() for words in ("secondes", "1 minute"))


def test_an_unexpected_error_gets_the_french_500_page(lenient_client, monkeypatch):
    from referentiel import views

    monkeypatch.setattr(views.HomeView, "get_context_data", lambda *a, **k: 1 / 0)
    assert_service_page(lenient_client.get("/"), 500, "Erreur du service")


def test_an_unexpected_api_error_answers_in_json(lenient_client, monkeypatch, student):
    from learners import api

    monkeypatch.setattr(api.ProfileApi, "get", lambda *a, **k: 1 / 0)
    lenient_client.force_login(student)
    response = lenient_client.get("/api/profil/")
    assert response.status_code == 500 and response.json()["code"] == "server_error"


def test_a_database_that_does_not_answer_gets_the_503_page(lenient_client, monkeypatch):
    from referentiel import views

    def refuse(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(views, "areas_with_competences", refuse)
    response = lenient_client.get(reverse("competences"))
    assert_service_page(response, 503, "Service momentanément indisponible")
    assert response["Retry-After"] == "30"


def test_a_database_that_does_not_answer_gets_the_503_page_even_with_debug_on(
        lenient_client, monkeypatch, settings, student):
    from django.db import InterfaceError

    from learners import views

    def lost(*args, **kwargs):
        raise InterfaceError("connection already closed")

    settings.DEBUG = True
    monkeypatch.setattr(views.ProfileView, "get_context_data", lost)
    lenient_client.force_login(student)
    response = lenient_client.get(reverse("learners:profile"))
    assert_service_page(response, 503, "Service momentanément indisponible")


def test_a_bad_query_is_a_500_not_a_503(lenient_client, monkeypatch):
    from django.db import ProgrammingError

    from referentiel import views

    def broken(*args, **kwargs):
        raise ProgrammingError("no such column: nulle_part")

    monkeypatch.setattr(views, "areas_with_competences", broken)
    assert_service_page(lenient_client.get(reverse("competences")), 500, "Erreur du service")


STOPPED_DATABASE_SCRIPT = """
import django
django.setup()
from django.test import Client
browser = Client(raise_request_exception=False)
browser.cookies["sessionid"] = "une-session-quelconque"
for path in ("/", "/profil/", "/competences/", "/api/profil/"):
    response = browser.get(path)
    print(path, response.status_code, response.get("Content-Type"), response.content.decode()[:20000].replace("\\n", " "))
"""


def test_with_the_database_stopped_every_page_is_the_french_503_page():
    """A real process whose database server does not answer (nothing listens on the port)."""
    environment = {**os.environ, "DEBUG": "0", "SECRET_KEY": "test-only",
                   "DATABASE_URL": "postgres://postgres@127.0.0.1:9/pix_absente",
                   "DJANGO_SETTINGS_MODULE": "tests.pix.settings_without_manifest", "REDIS_URL": "",
                   "ALLOWED_HOSTS": "testserver"}
    result = subprocess.run([sys.executable, "-c", STOPPED_DATABASE_SCRIPT], env=environment,
                            capture_output=True, text=True, timeout=120,
                            cwd=Path(settings.BASE_DIR))
    lines = {line.split(" ", 1)[0]: line for line in result.stdout.splitlines() if line.startswith("/")}
    assert set(lines) == {"/", "/profil/", "/competences/", "/api/profil/"}, result.stderr[-2000:]
    for path in ("/profil/", "/competences/"):
        assert " 503 " in lines[path] and "Service momentanément indisponible" in lines[path], lines[path]
        assert 'class="fr-header"' in lines[path]
    assert " 503 application/json " in lines["/api/profil/"] and "service_unavailable" in lines["/api/profil/"]
