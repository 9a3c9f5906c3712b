"""Two submits racing each other, and the SQL cost of one answer-then-next-question cycle."""

import threading

import pytest
from django.db import connection, connections
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from learners import services
from learners.assessments.answers import correct_value
from learners.demo import take_competence_test
from learners.models import Answer, Assessment
from referentiel.models import Tutorial
from tests.factories import UserFactory

# Answering once, then asking for the next question, costs this many SQL queries. A change
# that adds queries per answer must update it on purpose (the cycle is the hot path).
QUERIES_PER_ANSWER = 7
QUERIES_PER_NEXT_CHALLENGE = 7
QUERIES_ON_RESULTS = 7


def submit_in_thread(assessment_id, challenge, results, barrier):
    try:
        barrier.wait()
        answer = services.answer_submit(assessment=Assessment.objects.get(pk=assessment_id),
                                        challenge_id=challenge.pk, value=correct_value(challenge))
        results.append(answer.pk)
    except Exception as error:  # noqa: BLE001 - reported by the assertion below
        results.append(error)
    finally:
        connections.close_all()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_submits_of_the_same_answer_store_one_answer(student, competence):
    assessment = services.competence_evaluation_start(user=student, competence=competence)
    challenge = services.assessment_next_challenge(assessment=assessment)
    results, barrier = [], threading.Barrier(2)
    threads = [threading.Thread(target=submit_in_thread, args=(assessment.pk, challenge, results, barrier))
               for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert Answer.objects.filter(assessment=assessment).count() == 1
    # and the knowledge of that answer was written once
    assert assessment.knowledge_elements.filter(answer__challenge=challenge, source="direct").count() == 1


@pytest.mark.django_db
def test_one_answer_costs_a_fixed_number_of_sql_queries(student_client, student, competence):
    student_client.post(reverse("learners:start", args=["1.1"]))
    assessment = student.assessments.get()
    url = reverse("learners:assessment", args=[assessment.pk])
    challenge = student_client.get(url).context["challenge"]
    value = correct_value(challenge)
    data = {"challenge": challenge.pk, **({"answer": value.split(",")} if challenge.type in ("QCU", "QCM")
                                          else {f"field_{k}": v for k, v in value.items()})}
    with CaptureQueriesContext(connection) as answering:
        assert student_client.post(url, data).status_code == 302
    with CaptureQueriesContext(connection) as next_question:
        assert student_client.get(url).status_code == 200
    assert (len(answering), len(next_question)) == (QUERIES_PER_ANSWER, QUERIES_PER_NEXT_CHALLENGE), (
        "\n".join(q["sql"] for q in answering.captured_queries + next_question.captured_queries))


@pytest.mark.django_db
def test_the_results_page_costs_the_same_queries_however_many_tutorials_it_shows(
        student_client, student, outsider, competence):
    def results_queries(user, level):
        student_client.force_login(user)
        assessment = take_competence_test(user, competence, level=level)
        url = reverse("learners:results", args=[assessment.pk])
        with CaptureQueriesContext(connection) as reading:
            page = student_client.get(url).content.decode()
        return len(reading), page.count('class="fr-card fr-card--no-arrow tutorial-card"')

    # session with its user, assessment (with the content version), answers, failed skills, the
    # competence's knowledge (with its last change), its evaluation, saved tutorials, and the content's tutorials
    # once per process (read from its snapshot afterwards)
    first_queries, _shown = results_queries(student, level=1)
    queries, few = results_queries(outsider, level=3)
    more_queries, many = results_queries(UserFactory(), level=0)
    assert many > few and first_queries == queries + 1
    assert queries == more_queries == QUERIES_ON_RESULTS, queries


@pytest.mark.django_db
def test_a_tutorial_deactivated_by_staff_leaves_the_results_at_once(student_client, student, competence):
    assessment = take_competence_test(student, competence, level=0)
    url = reverse("learners:results", args=[assessment.pk])
    shown = [t for t in Tutorial.objects.filter(is_active=True) if t.title in student_client.get(url).content.decode()]
    assert shown
    shown[0].is_active = False
    shown[0].save()  # a content change: every process reads a new snapshot
    assert shown[0].title not in student_client.get(url).content.decode()
