"""The page and the API read an answer the same way and refuse it with the same words and code."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from learners import errors, services
from learners.assessments import answers
from learners.assessments.answers import correct_value, wrong_value
from learners.models import Answer, Assessment

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(student):
    client = APIClient()
    client.force_authenticate(student)
    return client


def served(assessment, kind):
    """Serve challenges until one whose proposals or fields match `kind`: in the small bank the
    easier challenges have proposals and the harder ones fields, so answer wrong to look for
    proposals and right to look for fields."""
    for _ in range(20):
        challenge = services.assessment_next_challenge(assessment=assessment)
        if challenge.has_proposals == (kind == "proposals"):
            return challenge
        value = wrong_value(challenge) if kind == "proposals" else correct_value(challenge)
        services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=value)
    raise AssertionError(f"no {kind} challenge served")


def test_a_proposal_that_does_not_exist_is_malformed_on_the_page_and_in_the_api(
        assessment, student_client, api):
    challenge = served(assessment, "proposals")
    url = reverse("learners:assessment", args=[assessment.pk])
    page = student_client.post(url, {"challenge": challenge.pk, "answer": "99"})
    assert page.status_code == 422
    assert str(errors.MalformedAnswerError.default_message) in page.content.decode().replace("&#x27;", "'")
    response = api.post(reverse("api:answer", args=[assessment.pk]),
                        {"challenge": challenge.pk, "answer": [99]}, format="json")
    assert response.status_code == 422
    assert response.json() == {"detail": str(errors.MalformedAnswerError.default_message),
                               "code": "answer_malformed"}
    assert not Answer.objects.filter(challenge=challenge).exists()


def test_an_answer_of_the_wrong_shape_is_told_apart_from_an_empty_one(assessment, api):
    challenge = served(assessment, "proposals")
    url = reverse("api:answer", args=[assessment.pk])
    wrong_shape = api.post(url, {"challenge": challenge.pk, "answer": {"a": "b"}}, format="json")
    empty = api.post(url, {"challenge": challenge.pk, "answer": None}, format="json")
    assert (wrong_shape.json()["code"], empty.json()["code"]) == ("answer_malformed", "empty_answer")
    assert wrong_shape.status_code == empty.status_code == 422
    assert empty.json()["detail"] == str(errors.EmptyAnswerError.default_message)


def test_a_nul_character_typed_in_a_field_is_dropped_before_it_is_stored(assessment):
    challenge = served(assessment, "fields")
    key = challenge.fields[0]["key"]
    value = answers.stored_value(challenge, answers.from_api(challenge=challenge.pk,
                                                             answer={key: "ab\x00c"}))
    assert value[key] == "abc"


def test_typed_fields_the_question_does_not_have_are_malformed(assessment):
    challenge = served(assessment, "fields")
    submitted = answers.from_api(challenge=challenge.pk, answer={"not_a_field": "x"})
    with pytest.raises(errors.MalformedAnswerError):
        answers.stored_value(challenge, submitted)


def test_the_form_and_the_json_of_the_same_answer_store_the_same_value(assessment):
    challenge = served(assessment, "proposals")
    from django.http import QueryDict

    form = QueryDict(mutable=True)
    form.setlist("answer", ["2", "1"] if not challenge.is_single_choice else ["2"])
    form["challenge"] = str(challenge.pk)
    json_answer = [2, 1] if not challenge.is_single_choice else 2
    assert answers.stored_value(challenge, answers.from_form(form)) == answers.stored_value(
        challenge, answers.from_api(challenge=challenge.pk, answer=json_answer))


def test_an_answer_after_the_question_timer_is_stored_with_the_same_notice_on_both(assessment, api,
                                                                                  student_client):
    challenge = served(assessment, "proposals")
    challenge.__class__.objects.filter(pk=challenge.pk).update(timer=30)
    challenge.timer = 30  # the cached copy: real edits change the content version
    Assessment.objects.filter(pk=assessment.pk).update(last_question_at=timezone.now() - timedelta(minutes=5))
    response = api.post(reverse("api:answer", args=[assessment.pk]),
                        {"challenge": challenge.pk, "answer": challenge.solution}, format="json")
    assert response.status_code == 201
    assert response.json()["notice"] == {"code": "timed_out", "detail": str(errors.TIMED_OUT_NOTICE)}
    assert Answer.objects.get(challenge=challenge).result == Answer.Result.TIMED_OUT
