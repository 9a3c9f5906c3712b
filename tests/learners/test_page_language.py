"""Which language a page speaks: the learner's own, else the language switch's choice, else French;
never the browser's."""

import pytest
from django.conf import settings
from django.urls import reverse

from learners.models import User

pytestmark = pytest.mark.django_db


def login_page(client, **headers):
    return client.get(reverse("account_login"), **headers)


def test_a_visitor_gets_french_and_the_response_says_so(client):
    response = login_page(client)
    assert response["Content-Language"] == "fr"
    assert '<html lang="fr"' in response.content.decode()


def test_a_visitor_who_chose_english_gets_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    response = login_page(client)
    assert response["Content-Language"] == "en" and '<html lang="en"' in response.content.decode()


def test_an_english_browser_does_not_switch_the_page_to_english(client):
    response = login_page(client, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response["Content-Language"] == "fr" and "Accept-Language" not in response.get("Vary", "")


def test_a_language_cookie_the_platform_does_not_speak_gives_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "de"
    assert login_page(client)["Content-Language"] == "fr"


def test_a_regional_variant_of_english_in_the_cookie_gives_english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en-gb"
    assert login_page(client)["Content-Language"] == "en"


def test_the_learner_s_own_language_wins_over_the_cookie_of_the_computer(client, student):
    User.objects.filter(pk=student.pk).update(language="en")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    client.force_login(student)
    response = client.get(reverse("learners:profile"))
    assert response["Content-Language"] == "en" and '<html lang="en"' in response.content.decode()


def test_a_learner_without_a_saved_language_follows_the_cookie(client, student):
    User.objects.filter(pk=student.pk).update(language="")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(student)
    assert client.get(reverse("learners:profile"))["Content-Language"] == "en"


def test_the_next_visitor_of_the_same_process_is_back_in_french(client, student):
    User.objects.filter(pk=student.pk).update(language="en")
    client.force_login(student)
    client.get(reverse("learners:profile"))
    client.logout()
    assert login_page(client)["Content-Language"] == "fr"
