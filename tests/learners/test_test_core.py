"""The test core serves any kind of test through its strategy: a new kind plugs in without
touching the core, the pages or the API, and the rules of the core hold for it too."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from learners import errors, services
from learners.assessments import strategies
from learners.assessments.answers import correct_value, wrong_value
from learners.assessments.strategies import AssessmentStrategy, Progress
from learners.models import Answer, Assessment
from referentiel.models import Challenge

pytestmark = pytest.mark.django_db

FIXED_LIST = "fixed_list"
LENGTH = 3


class FixedListStrategy(AssessmentStrategy):
    """A minimal kind of test: the first three validated challenges, in id order."""

    type = FIXED_LIST
    deadline_in = None  # a test's own deadline, from its creation
    servable = True

    def __init__(self):
        self.events = []
        self.withdrawn = set()  # what an invigilator took back (certif keeps it in its tables)

    def next_challenge(self, assessment, history):
        if history.count >= LENGTH:
            return None
        return (Challenge.objects.filter(status=Challenge.Status.VALIDATED)
                .exclude(pk__in=history.answered_ids | self.withdrawn).order_by("pk").first())

    def check_servable(self, assessment):
        if not self.servable:
            raise errors.NotServableError("Attends que le surveillant t'autorise à continuer.")

    def deadline(self, assessment):
        return assessment.created_at + self.deadline_in if self.deadline_in is not None else None

    def served(self, assessment, challenge):
        self.events.append(("served", challenge.pk))

    def answered(self, assessment, challenge, answer):
        self.events.append(("answered", challenge.pk, answer.result))

    def completed(self, assessment):
        self.events.append(("completed", assessment.state))

    def progress(self, assessment, history):
        return Progress(history.count + 1, total=LENGTH)

    def title(self, assessment):
        return "Test de démonstration"

    def results_url(self, assessment):
        return reverse("learners:results", kwargs={"assessment_id": assessment.pk})

    def exit_url(self, assessment):
        return reverse("learners:profile")


@pytest.fixture
def fixed_list():
    strategy = strategies.register(FixedListStrategy())
    yield strategy
    strategies.unregister(FIXED_LIST)


@pytest.fixture
def fixed_assessment(fixed_list, student, competence):
    return Assessment.objects.create(user=student, type=FIXED_LIST)


def form_data(challenge, value):
    if challenge.has_proposals:
        return {"challenge": challenge.pk, "answer": value.split(",")}
    return {"challenge": challenge.pk, **{f"field_{key}": text for key, text in value.items()}}


def test_a_new_kind_of_test_runs_whole_through_the_pages(fixed_assessment, fixed_list, student_client):
    url = reverse("learners:assessment", args=[fixed_assessment.pk])
    for number in range(1, LENGTH + 1):
        page = student_client.get(url)
        assert page.status_code == 200
        assert f"Question {number} sur {LENGTH}" in page.content.decode()
        assert "Test de démonstration" in page.content.decode()
        challenge = page.context["challenge"]
        value = correct_value(challenge) if number != 2 else wrong_value(challenge)
        assert student_client.post(url, form_data(challenge, value)).status_code == 302
    end = student_client.get(url)
    assert end.status_code == 302 and end.url == reverse("learners:results", args=[fixed_assessment.pk])
    results = student_client.get(end.url)
    assert results.status_code == 200 and len(results.context["rows"]) == LENGTH
    fixed_assessment.refresh_from_db()
    assert fixed_assessment.state == Assessment.State.COMPLETED
    kinds = [event[0] for event in fixed_list.events]
    assert kinds == ["served", "answered"] * LENGTH + ["completed"]
    assert [e[2] for e in fixed_list.events if e[0] == "answered"] == ["ok", "ko", "ok"]


def test_a_kind_of_test_extends_the_test_page_through_its_blocks(fixed_assessment, fixed_list, student_client,
                                                                 settings):
    from pathlib import Path

    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [
        *settings.TEMPLATES[0]["DIRS"], Path(__file__).parent / "templates"]}]
    fixed_list.page_template = "tests/fixed_list_challenge.html"
    page = student_client.get(reverse("learners:assessment", args=[fixed_assessment.pk])).content.decode()
    assert '<p class="fixed-list-extra">Signaler un problème</p>' in page
    assert 'name="challenge"' in page  # the learner app's page, extended, not replaced


def test_a_new_kind_of_test_runs_whole_through_the_api(fixed_assessment, student):
    api = APIClient()
    api.force_authenticate(student)
    answered = 0
    while True:
        response = api.get(reverse("api:challenge", args=[fixed_assessment.pk]))
        if response.status_code == 204:
            break
        question = response.json()
        assert (question["question_number"], question["question_count"]) == (answered + 1, LENGTH)
        challenge = Challenge.objects.get(pk=question["id"])
        value = correct_value(challenge)
        body = {"challenge": challenge.pk, "answer": value.split(",") if challenge.has_proposals else value}
        assert api.post(reverse("api:answer", args=[fixed_assessment.pk]), body, format="json").status_code == 201
        answered += 1
    assert answered == LENGTH
    results = api.get(reverse("api:results", args=[fixed_assessment.pk])).json()
    assert results["type"] == FIXED_LIST and results["competence"] is None
    assert [a["result"] for a in results["answers"]] == ["ok"] * LENGTH


def test_an_answer_after_the_test_deadline_is_refused_and_ends_the_test(fixed_assessment, fixed_list):
    challenge = services.assessment_next_challenge(assessment=fixed_assessment)
    fixed_list.deadline_in = timedelta(minutes=105)
    Assessment.objects.filter(pk=fixed_assessment.pk).update(
        created_at=timezone.now() - timedelta(minutes=106))
    with pytest.raises(errors.TimeUpError) as refused:
        services.answer_submit(assessment=fixed_assessment, challenge_id=challenge.pk,
                               value=correct_value(challenge))
    assert refused.value.code == "time_up" and "écoulé" in refused.value.message
    assert not Answer.objects.exists()
    assert Assessment.objects.get(pk=fixed_assessment.pk).state == Assessment.State.COMPLETED
    assert ("completed", Assessment.State.COMPLETED) in fixed_list.events


def test_the_api_refuses_a_late_answer_with_the_same_code_as_the_page(fixed_assessment, fixed_list,
                                                                       student, student_client):
    challenge = services.assessment_next_challenge(assessment=fixed_assessment)
    fixed_list.deadline_in = timedelta(0)
    api = APIClient()
    api.force_authenticate(student)
    response = api.post(reverse("api:answer", args=[fixed_assessment.pk]),
                        {"challenge": challenge.pk, "skip": True}, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": str(errors.TimeUpError.default_message), "code": "time_up"}


def test_a_kind_of_test_can_hold_its_questions_back(fixed_assessment, fixed_list, student, student_client):
    fixed_list.servable = False
    page = student_client.get(reverse("learners:assessment", args=[fixed_assessment.pk]), follow=True)
    assert "Attends que le surveillant" in page.content.decode().replace("&#x27;", "'")
    api = APIClient()
    api.force_authenticate(student)
    response = api.get(reverse("api:challenge", args=[fixed_assessment.pk]))
    assert response.status_code == 409 and response.json()["code"] == "not_servable"
    assert Assessment.objects.get(pk=fixed_assessment.pk).last_challenge_id is None


def test_a_withdrawn_question_is_replaced_by_another_at_the_next_serving(fixed_assessment, fixed_list):
    first = services.assessment_next_challenge(assessment=fixed_assessment)
    fixed_list.withdrawn.add(first.pk)
    assert services.current_challenge_withdraw(assessment=fixed_assessment, challenge_id=first.pk)
    with pytest.raises(errors.ChallengeNotAskedError):
        services.answer_submit(assessment=fixed_assessment, challenge_id=first.pk, value="1")
    replacement = services.assessment_next_challenge(assessment=fixed_assessment)
    assert replacement is not None and replacement != first
    assert not services.current_challenge_withdraw(assessment=fixed_assessment, challenge_id=first.pk)


def test_a_kind_of_test_may_fail_a_right_answer_given_after_leaving_a_focused_page(fixed_assessment, fixed_list):
    challenge = services.assessment_next_challenge(assessment=fixed_assessment)
    Challenge.objects.filter(pk=challenge.pk).update(focused=True)
    services.focus_out_record(assessment=fixed_assessment, challenge_id=challenge.pk)
    fixed_list.focus_loss_fails_answer = True
    challenge.focused = True  # the cached copy is refreshed by the content version in real edits
    answer = services.answer_submit(assessment=fixed_assessment, challenge_id=challenge.pk,
                                    value=correct_value(challenge))
    assert answer.result == Answer.Result.FOCUSED_OUT and answer.is_focused_out


def test_an_unknown_kind_of_test_is_refused_with_a_message(student, student_client, competence):
    assessment = Assessment.objects.create(user=student, type="nothing_here")
    with pytest.raises(errors.UnknownAssessmentTypeError):
        services.assessment_next_challenge(assessment=assessment)
    page = student_client.get(reverse("learners:assessment", args=[assessment.pk]), follow=True)
    assert page.status_code == 200
