"""The rough edges a new student met on the test page: a timed question is announced before its
time starts, the header says where they are and how to leave, expected answers name their fields,
and the levels chart names the competences."""

import html
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from learners.assessments.answers import correct_value
from learners.models import Answer, Assessment
from learners.presenters import correct_answer_as_text
from referentiel.models import Challenge

pytestmark = pytest.mark.django_db


def text_of(response):
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())))


@pytest.fixture
def timed(assessment):
    """The student's test, whose question now being asked is the timed one (served just now)."""
    challenge = Challenge.objects.get(slug="t-source-1-a")
    Assessment.objects.filter(pk=assessment.pk).update(
        last_challenge=challenge, last_question_at=None,
        last_question_state=Assessment.QuestionState.ASKED)
    return challenge


def test_a_timed_question_is_announced_and_its_time_waits_for_the_student(student_client, assessment, timed):
    page = student_client.get(reverse("learners:assessment", args=[assessment.pk]))
    text = text_of(page)
    assert "Question chronométrée" in text and "Tu auras 60 secondes pour répondre" in text
    assert "Afficher la question" in text
    assert "quelle est la bonne réponse" not in text  # the question itself is not shown yet
    assessment.refresh_from_db()
    assert assessment.last_question_at is None


def test_the_time_starts_when_the_student_asks_to_see_the_question(student_client, assessment, timed):
    url = reverse("learners:assessment", args=[assessment.pk])
    before = timezone.now()
    response = student_client.post(url, {"challenge": timed.pk, "start_timer": "1"})
    assert response.status_code == 302 and response.url == url
    assessment.refresh_from_db()
    assert assessment.last_question_at >= before
    text = text_of(student_client.get(url))
    assert "quelle est la bonne réponse" in text and "Tu as 60 secondes pour répondre" in text
    started = assessment.last_question_at
    student_client.post(url, {"challenge": timed.pk, "start_timer": "1"})  # a second click
    assessment.refresh_from_db()
    assert assessment.last_question_at == started


def test_the_page_s_script_gets_the_question_in_the_same_request_that_starts_its_time(
        student_client, assessment, timed):
    url = reverse("learners:assessment", args=[assessment.pk])
    before = timezone.now()
    response = student_client.post(url, {"challenge": timed.pk, "start_timer": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    text = text_of(response)
    assert "quelle est la bonne réponse" in text and "Tu as 60 secondes pour répondre" in text
    assert 'id="formulaire-reponse"' in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.last_question_at >= before


def test_the_page_s_script_is_sent_to_the_results_when_the_test_ended_meanwhile(
        student_client, assessment, timed):
    url = reverse("learners:assessment", args=[assessment.pk])
    Assessment.objects.filter(pk=assessment.pk).update(state=Assessment.State.COMPLETED,
                                                       completed_at=timezone.now())
    response = student_client.post(url, {"challenge": timed.pk, "start_timer": "1"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert response["HX-Redirect"] == reverse("learners:results", args=[assessment.pk])


def test_the_time_counts_from_the_click_not_from_the_announcement(student_client, assessment, timed):
    url = reverse("learners:assessment", args=[assessment.pk])
    student_client.post(url, {"challenge": timed.pk, "start_timer": "1"})
    Assessment.objects.filter(pk=assessment.pk).update(
        last_question_at=timezone.now() - timedelta(seconds=timed.timer - 10))
    student_client.post(url, {"challenge": timed.pk, "answer": correct_value(timed)})
    assert Answer.objects.get(challenge=timed).result == Answer.Result.OK


def test_an_answer_after_the_time_since_the_click_is_timed_out(student_client, assessment, timed):
    from learners import services

    url = reverse("learners:assessment", args=[assessment.pk])
    student_client.post(url, {"challenge": timed.pk, "start_timer": "1"})
    Assessment.objects.filter(pk=assessment.pk).update(last_question_at=timezone.now() - timedelta(
        seconds=timed.timer + services.TIMER_GRACE_SECONDS + 5))
    student_client.post(url, {"challenge": timed.pk, "answer": correct_value(timed)})
    assert Answer.objects.get(challenge=timed).result == Answer.Result.TIMED_OUT


def test_an_announced_question_cannot_be_answered_but_can_be_skipped(student_client, assessment, timed):
    url = reverse("learners:assessment", args=[assessment.pk])
    response = student_client.post(url, {"challenge": timed.pk, "answer": correct_value(timed)}, follow=True)
    assert "Cette question est chronométrée" in text_of(response)
    assert not Answer.objects.exists()
    student_client.post(url, {"challenge": timed.pk, "skip": "1"})
    assert Answer.objects.get(challenge=timed).result == Answer.Result.SKIPPED


def test_through_the_api_an_announced_question_gives_nothing_away_until_it_is_shown(student, assessment, timed):
    api = APIClient()
    api.force_authenticate(student)
    announced = api.get(reverse("api:challenge", args=[assessment.pk])).json()
    assert announced["announced"] is True and announced["timer"] == 60
    assert announced["instruction"] == "" and announced["proposals"] == []
    assert announced["seconds_left"] is None
    refused = api.post(reverse("api:answer", args=[assessment.pk]),
                       {"challenge": timed.pk, "answer": 1}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "timer_not_started"
    shown = api.post(reverse("api:start_timed_challenge", args=[assessment.pk]),
                     {"challenge": timed.pk}, format="json").json()
    assert shown["announced"] is False and shown["instruction"] and shown["seconds_left"] == 60


@pytest.mark.parametrize("from_the_script", [False, True])
def test_an_outsider_cannot_start_the_time_of_someone_elses_question(
        client, outsider, assessment, timed, from_the_script):
    client.force_login(outsider)
    headers = {"HTTP_HX_REQUEST": "true"} if from_the_script else {}
    response = client.post(reverse("learners:assessment", args=[assessment.pk]),
                           {"challenge": timed.pk, "start_timer": "1"}, **headers)
    assert response.status_code == 404
    assessment.refresh_from_db()
    assert assessment.last_question_at is None


def test_the_header_says_which_question_and_offers_to_leave_and_come_back(student_client, assessment):
    page = student_client.get(reverse("learners:assessment", args=[assessment.pk]))
    text = text_of(page)
    assert "Question 1" in text
    assert "Le nombre de questions dépend de tes réponses" in text
    assert f'href="{reverse("learners:profile")}" aria-describedby="quitter-aide"' in page.content.decode()
    assert "Quitter le test" in text and "tu reprendras à cette question" in text


def test_after_leaving_the_student_comes_back_to_the_same_question(student_client, assessment):
    url = reverse("learners:assessment", args=[assessment.pk])
    student_client.get(url)
    assessment.refresh_from_db()
    asked = assessment.last_challenge_id
    student_client.get(reverse("learners:profile"))
    page = student_client.get(url)
    assert f'name="challenge" value="{asked}"' in page.content.decode()


def test_a_stale_tab_says_the_question_changed_and_shows_the_current_one(student_client, assessment):
    url = reverse("learners:assessment", args=[assessment.pk])
    student_client.get(url)
    assessment.refresh_from_db()
    current = assessment.last_challenge
    other = Challenge.objects.exclude(pk=current.pk).first()
    response = student_client.post(url, {"challenge": other.pk, "answer": "1"}, follow=True)
    assert "n'est plus la question en cours" in text_of(response)
    assert f'name="challenge" value="{current.pk}"' in response.content.decode()
    assert not Answer.objects.exists()


def test_the_expected_answers_of_a_free_order_question_name_their_fields(learning_referentiel):
    challenge = Challenge.objects.get(slug="t-source-3-a")
    assert correct_answer_as_text(challenge) == [
        "Critère 1 : auteur", "Critère 2 : date", "Dans l'ordre de ton choix ; aussi accepté : source"]


def test_the_expected_answers_of_a_several_field_question_name_their_fields(learning_referentiel):
    challenge = Challenge.objects.get(slug="t-source-2-a")
    assert correct_answer_as_text(challenge) == ["Protocole : https", "Extension : fr"]


def test_each_field_of_a_several_field_question_has_its_own_label(student_client, assessment):
    challenge = Challenge.objects.get(slug="t-source-2-a")
    Assessment.objects.filter(pk=assessment.pk).update(last_challenge=challenge,
                                                       last_question_at=timezone.now())
    body = student_client.get(reverse("learners:assessment", args=[assessment.pk])).content.decode()
    assert re.search(r'<label class="fr-label" for="champ-protocole">Protocole', body)
    assert re.search(r'<label class="fr-label" for="champ-domaine">Extension', body)
    assert 'id="champ-protocole"' in body and 'id="champ-domaine"' in body


def test_the_levels_chart_names_each_competence_and_its_level(student_client, learning_referentiel):
    body = student_client.get(reverse("learners:profile")).content.decode()
    chart = body[body.index('class="profile-chart'):body.index("</figure>")]
    row = re.search(r'<li class="profile-chart__row[^"]*">(.*?)</li>', chart, re.S).group(1)
    spoken = re.sub(r"\s+", " ", html.unescape(re.sub(r'<[^>]*aria-hidden="true"[^>]*>(</progress>)?|<[^>]+>', " ", row)))
    assert re.search(r"1\.1 .*Mener une recherche.* : niveau 0", spoken), spoken
