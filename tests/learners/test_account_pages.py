import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password"])
def test_the_public_account_pages_render_in_french(client, name):
    page = client.get(reverse(name))
    assert page.status_code == 200
    assert '<html lang="fr"' in page.content.decode()


@pytest.mark.parametrize("name", ["account_change_password", "learners:account", "learners:tutorials",
                                  "learners:terms"])
def test_the_signed_in_account_pages_render(student_client, name):
    assert student_client.get(reverse(name)).status_code == 200


def test_a_forgotten_password_sends_a_reset_link_by_e_mail(client, student, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": student.email})
    assert len(mailoutbox) == 1
    assert "/comptes/password/reset/key/" in mailoutbox[0].body


def test_a_student_logs_in_with_a_username_or_an_email(client, student):
    from tests.factories import PASSWORD

    for login in (student.username, student.email):
        client.logout()
        response = client.post(reverse("account_login"), {"login": login, "password": PASSWORD})
        assert response.status_code == 302 and response.url == reverse("learners:profile")


def test_a_wrong_password_is_refused_with_a_message_in_french(client, student):
    response = client.post(reverse("account_login"), {"login": student.username, "password": "faux"})
    assert response.status_code == 200
    assert "incorrect" in response.content.decode()


def test_an_english_browser_still_gets_french_until_english_is_chosen(client):
    page = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert '<html lang="fr"' in page.content.decode()


def test_a_whole_class_behind_one_address_can_log_in_within_a_minute(client, db):
    from tests.factories import PASSWORD, UserFactory

    students = UserFactory.create_batch(40)
    for student in students:
        client.logout()
        response = client.post(reverse("account_login"), {"login": student.username, "password": PASSWORD},
                               REMOTE_ADDR="192.0.2.10")
        assert response.status_code == 302, student.username
