"""The pages a French public service must have, linked from every page's footer."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

SERVICE_PAGES = {
    "accessibility": ("Déclaration d'accessibilité", "État de conformité", "Défenseur des droits"),
    "legal_notices": ("Mentions légales", "Éditeur", "Hébergement"),
    "personal_data": ("Données personnelles", "Combien de temps", "CNIL", "Tes droits"),
}


@pytest.mark.parametrize("name", SERVICE_PAGES)
def test_each_service_page_is_linked_from_the_footer_of_every_page(client, name):
    footer = client.get(reverse("home")).content.decode().split('id="pied-de-page"')[1]
    assert f'href="{reverse(name)}"' in footer


@pytest.mark.parametrize("name", SERVICE_PAGES)
def test_each_service_page_reads_in_french_with_its_required_sections(client, name):
    body = client.get(reverse(name)).content.decode().replace("&#x27;", "'")
    for text in SERVICE_PAGES[name]:
        assert text in body, text


def test_the_accessibility_statement_names_its_state_tested_pages_gaps_and_contact(client, settings):
    body = client.get(reverse("accessibility")).content.decode().replace("&#x27;", "'")
    assert "non conforme avec le référentiel général d'amélioration de l'accessibilité" in body
    assert "360 pixels" in body and "axe-core" in body
    assert "Non-conformités connues" in body
    assert settings.SERVICE_IDENTITY["contact_email"] in body


def test_the_personal_data_page_says_what_is_kept_about_a_student_and_for_how_long(client, settings):
    body = client.get(reverse("personal_data")).content.decode().replace("&#x27;", "'")
    assert "Tes réponses aux questions" in body
    assert f"{settings.SESSION_COOKIE_AGE // 86400} jours au plus" in body
    assert settings.SERVICE_IDENTITY["privacy_email"] in body


def test_a_deployment_names_who_runs_it_on_the_legal_notices(client, settings):
    settings.SERVICE_IDENTITY = {**settings.SERVICE_IDENTITY, "publisher": "Académie de Lyon",
                                 "hosting": "Centre de données de l'académie"}
    body = client.get(reverse("legal_notices")).content.decode().replace("&#x27;", "'")
    assert "Académie de Lyon" in body and "Centre de données de l'académie" in body


def test_a_student_with_a_temporary_password_can_still_read_them(client):
    client.force_login(UserFactory(must_change_password=True))
    for name in SERVICE_PAGES:
        assert client.get(reverse(name)).status_code == 200


def test_the_sign_up_checkbox_links_to_the_terms(client):
    body = client.get(reverse("account_signup")).content.decode()
    checkbox = body.split('id="id_accept_terms"')[1][:800]
    assert f'href="{reverse("learners:terms")}"' in checkbox


def test_the_deployment_check_asks_for_the_legal_notices_identity(settings, capsys):
    settings.SERVICE_IDENTITY = {**settings.SERVICE_IDENTITY, "hosting": ""}
    from pix.checks import service_identity_check

    warnings = service_identity_check(None)
    assert warnings and "SERVICE_HOSTING" in warnings[0].msg
    call_command("check")  # an ordinary check (not --deploy) stays quiet about it
