"""What a new student meets on the account pages: a welcome, a temporary password explained, the
rules in a list, "tu" and one vocabulary, waiting times, and no server error on a race."""

import html
import re

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from learners.models import User
from tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "Mon-Propre-Secret-7"
FORMAL = re.compile(r"\b(vous|votre|vos)\b|nom d'utilisateur|courriel", re.IGNORECASE)


def visible_text(response):
    body = response.content.decode()
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", body, flags=re.S)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def sign_up(client, **fields):
    data = {"first_name": "Jade", "last_name": "Moreau", "password1": "Tres-secret-2026",
            "password2": "Tres-secret-2026", "accept_terms": "on", **fields}
    return client.post(reverse("account_signup"), data)


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_a_new_account_is_welcomed_with_its_username_explained(client):
    response = sign_up(client, username="jade.moreau")
    assert response.status_code == 302
    [message] = messages_of(response)
    assert message.startswith("Bienvenue sur Pix École, Jade !")
    assert "« jade.moreau »" in message and "note-le" in message
    assert "Connexion" not in message


def test_an_account_with_only_an_e_mail_is_told_the_username_chosen_for_it(client):
    response = sign_up(client, email="jade@exemple.fr")
    user = User.objects.get(email="jade@exemple.fr")
    assert user.username
    assert f"« {user.username} »" in messages_of(response)[0]


def test_a_temporary_password_page_says_why_and_moves_on_after_the_change(client):
    student = UserFactory(must_change_password=True)
    client.force_login(student)
    page = visible_text(client.get(reverse("account_change_password")))
    assert "mot de passe provisoire" in page and "Choisis ton mot de passe" in page
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302 and response.url == reverse("learners:profile")
    student.refresh_from_db()
    assert not student.must_change_password
    assert client.get(response.url).status_code == 200


def test_the_temporary_password_cannot_be_kept_as_the_new_one(client):
    student = UserFactory(must_change_password=True)
    client.force_login(student)
    response = client.post(reverse("account_change_password"), {
        "oldpassword": PASSWORD, "password1": PASSWORD, "password2": PASSWORD})
    assert response.status_code == 200
    assert "différent du mot de passe provisoire" in visible_text(response)
    student.refresh_from_db()
    assert student.must_change_password


def test_the_password_pages_show_their_rules_as_a_list_and_link_the_forgotten_password(student_client):
    response = student_client.get(reverse("account_change_password"))
    body = response.content.decode()
    assert body.count('<li class="fr-message fr-message--info">') == 4
    assert 'aria-describedby=" id_password1-regles"' in body or "id_password1-regles" in body
    assert f'href="{reverse("account_reset_password")}"' in body and "Mot de passe oublié ?" in body


def test_two_different_passwords_are_refused_with_tu(client):
    response = sign_up(client, username="jade", password2="Autre-secret-2026")
    assert "Les deux mots de passe ne sont pas identiques" in visible_text(response)


@pytest.mark.parametrize("name", ["account_login", "account_signup", "account_reset_password",
                                  "account_reset_password_done"])
def test_the_public_account_pages_never_say_vous(client, name):
    text = visible_text(client.get(reverse(name)))
    assert not FORMAL.search(text), FORMAL.search(text)


@pytest.mark.parametrize("name", ["account_change_password", "account_logout", "learners:account",
                                  "account_email"])
def test_the_signed_in_account_pages_never_say_vous(student_client, name):
    text = visible_text(student_client.get(reverse(name)))
    assert not FORMAL.search(text), FORMAL.search(text)


def test_the_reset_e_mail_says_tu_and_gives_the_username(client, student, mailoutbox):
    client.post(reverse("account_reset_password"), {"email": student.email})
    body = mailoutbox[0].body
    assert not FORMAL.search(body) and f"« {student.username} »" in body


def test_form_errors_speak_of_the_identifiant_with_tu(client):
    UserFactory(username="jade")
    text = visible_text(sign_up(client, username="jade"))
    assert "Cet identifiant est déjà utilisé : choisis-en un autre." in text
    assert not FORMAL.search(text)


def test_a_locked_out_login_says_how_long_to_wait(client, student, settings):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login_failed": "2/5m/key"}
    for _ in range(2):
        client.post(reverse("account_login"), {"login": student.username, "password": "faux"})
    text = visible_text(client.post(reverse("account_login"), {"login": student.username, "password": PASSWORD}))
    assert "nouvel essai possible dans 5 minutes" in text


def test_two_sign_ups_with_the_same_username_at_once_end_in_the_forms_error(client, monkeypatch):
    """The other sign-up is written between this one's check and its save: the unique
    constraint refuses the save, and the student gets the form's French error, not a 500."""
    from learners.accounts.adapters import AccountAdapter

    UserFactory(username="jade.moreau")
    checks = []
    original = AccountAdapter.clean_username

    def checked_before_the_other_was_written(self, username, shallow=False):
        checks.append(username)
        return username if len(checks) == 1 else original(self, username, shallow)

    monkeypatch.setattr(AccountAdapter, "clean_username", checked_before_the_other_was_written)
    response = sign_up(client, username="jade.moreau")
    assert response.status_code == 200
    assert "Cet identifiant est déjà utilisé" in visible_text(response)
    assert User.objects.filter(username="jade.moreau").count() == 1


OFF_SITE = ["https://ailleurs.example/piege", "//ailleurs.example", "/\\ailleurs.example",
            "javascript:alert(1)", "http://testserver@ailleurs.example/", "\thttps://ailleurs.example"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_a_next_that_is_not_local_is_ignored_everywhere(client, student, learning_referentiel, target):
    from referentiel.models import Tutorial

    client.force_login(student)
    tutorial = Tutorial.objects.first()
    redirects = [
        client.post(reverse("learners:save_tutorial", args=[tutorial.pk]), {"next": target}),
        client.post(reverse("set_language"), {"language": "fr", "next": target}),
    ]
    newcomer = UserFactory(terms_accepted_at=None)
    client.force_login(newcomer)
    redirects.append(client.post(f"{reverse('learners:accept_terms')}?next={target}", {"accept_terms": "on"}))
    client.logout()
    redirects.append(client.post(reverse("account_login"), {
        "login": student.username, "password": PASSWORD, "next": target}))
    for response in redirects:
        assert response.status_code == 302
        assert response.url.startswith("/") and not response.url.startswith(("//", "/\\")), response.url


def test_a_local_next_is_followed(student_client, learning_referentiel):
    from referentiel.models import Tutorial

    tutorial = Tutorial.objects.first()
    response = student_client.post(reverse("learners:save_tutorial", args=[tutorial.pk]),
                                   {"next": "/mes-tutos/?page=2"})
    assert response.url == "/mes-tutos/?page=2"


def test_the_tutorial_cards_have_no_list_bullets():
    from pathlib import Path

    from django.conf import settings

    css = (Path(settings.BASE_DIR) / "static" / "css" / "pix.css").read_text()
    assert re.search(r"\.tutorial-list[^{]*\{[^}]*list-style: none", css)


def test_an_e_mail_address_is_added_from_the_reworded_page(student_client):
    from allauth.account.models import EmailAddress

    response = student_client.post(reverse("account_email"), {"action_add": "", "email": "nouvelle@exemple.fr"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(email="nouvelle@exemple.fr").exists()
