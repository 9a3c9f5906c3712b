"""Queries compiled once and run again with other values give what the ORM gives."""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test.utils import CaptureQueriesContext

from learners import selectors
from learners.demo import take_competence_test
from learners.models import KnowledgeElement, User
from learners.prepared import PreparedQuery, _markers, _numbered
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_prepared_query_gives_the_orms_rows_for_other_values(competence):
    students = [UserFactory(), UserFactory()]
    for level, student in enumerate(students, start=1):
        take_competence_test(student, competence, level=level)
    for student in students:
        skills = list(KnowledgeElement.objects.filter(user=student).values_list("skill_id", flat=True))
        rows = selectors.current_knowledge_rows(student.pk, skill_ids=skills[:3])
        expected = {e.skill_id: e.status for e in selectors.current_knowledge_elements(
            student, skill_ids=skills[:3]).values()}
        assert {row.skill_id: row.status for row in rows} == expected
    assert selectors.current_knowledge_rows(students[0].pk, skill_ids=[]) == []


def test_a_prepared_query_keeps_literal_percent_signs_and_converts_values(student):
    query = PreparedQuery(lambda user, **_: User.objects.filter(pk=user, username__contains="%")
                          .values_list("username", "date_joined"))
    User.objects.filter(pk=student.pk).update(username="a%b")
    [(username, joined)] = query.rows(user=student.pk)
    assert username == "a%b" and joined.tzinfo is not None
    assert query.rows(user=student.pk + 1000) == []
    assert _markers("a = %s AND b LIKE '%%s' AND c = %s") == [4, 32]


def test_the_sql_given_to_postgresql_to_prepare_numbers_its_parameters():
    assert _numbered("a = %s AND b LIKE '%%s' AND c IN (%s, %s)") == "a = $1 AND b LIKE '%s' AND c IN ($2, $3)"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own prepared statements")
@pytest.mark.django_db(transaction=True)
def test_on_postgresql_a_prepared_query_is_prepared_once_per_connection_and_survives_a_rollback(student):
    query = PreparedQuery(lambda user, **_: User.objects.filter(pk=user).values_list("username"))
    with pytest.raises(RuntimeError), transaction.atomic():  # prepared in a transaction undone
        assert query.rows(user=student.pk) == [(student.username,)]
        raise RuntimeError("rolled back")
    with CaptureQueriesContext(connection) as again:
        assert query.rows(user=student.pk) == [(student.username,)]
    assert [q["sql"].split(" ")[0] for q in again.captured_queries] == ["EXECUTE"]
    connection.close()  # a new connection prepares it again
    assert query.rows(user=student.pk) == [(student.username,)]
    assert query.rows(user=student.pk + 1000) == []


def test_behind_a_transaction_pooler_a_prepared_query_sends_its_sql_as_it_is(student, settings):
    settings.DATABASE_PREPARED_STATEMENTS = False
    query = PreparedQuery(lambda user, **_: User.objects.filter(pk=user).values_list("username"))
    with CaptureQueriesContext(connection) as run:
        assert query.rows(user=student.pk) == [(student.username,)]
    assert run.captured_queries[0]["sql"].startswith("SELECT ")


@pytest.mark.django_db(transaction=True)
def test_a_prepared_query_runs_on_the_connection_of_its_own_thread(student):
    query = PreparedQuery(lambda user, **_: User.objects.filter(pk=user).values_list("pk"))
    assert query.rows(user=student.pk) == [(student.pk,)]
    found = []

    def other_thread():
        try:
            found.extend(query.rows(user=student.pk))
        finally:
            connections.close_all()

    thread = threading.Thread(target=other_thread)
    thread.start()
    thread.join(timeout=30)
    assert found == [(student.pk,)]


def test_an_expired_session_signs_the_learner_out(student_client):
    from django.urls import reverse
    from django.utils import timezone

    from learners.models import LearnerSession

    assert student_client.get(reverse("learners:profile")).status_code == 200
    LearnerSession.objects.update(expire_date=timezone.now())
    response = student_client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_a_deactivated_account_is_signed_out_at_its_next_request(student_client, student):
    from django.urls import reverse

    User.objects.filter(pk=student.pk).update(is_active=False)
    response = student_client.get(reverse("learners:profile"))
    assert response.status_code == 302 and "/comptes/login/" in response.url


def test_one_competences_card_read_by_the_prepared_queries_is_the_card_of_the_whole_profile(competence):
    student = UserFactory()
    take_competence_test(student, competence, level=2)
    [whole] = [card for card in selectors.scorecards(student) if card.competence.pk == competence.pk]
    one = selectors.scorecard(student, competence)
    assert (one.pix, one.level, one.status, one.days_before_improving, one.days_before_reset) == (
        whole.pix, whole.level, whole.status, whole.days_before_improving, whole.days_before_reset)
    assert one.assessment.pk == whole.assessment.pk and one.assessment.state == whole.assessment.state
    assert selectors.competence_evaluation(UserFactory(), competence) is None


def test_the_results_pages_reads_give_the_orms_objects(competence):
    from learners import access
    from learners.models import Answer, Assessment

    student = UserFactory()
    take_competence_test(student, competence, level=1)
    expected = Assessment.objects.select_related("competence").get(user=student)
    assessment = access.assessment_for_learner(student, expected.pk)
    assert [getattr(assessment, f.attname) for f in Assessment._meta.concrete_fields] == [
        getattr(expected, f.attname) for f in Assessment._meta.concrete_fields]
    assert assessment.competence.code == competence.code and assessment.content_version is not None
    answers = selectors.assessment_answers(assessment)
    assert [(a.pk, a.value, a.result, a.challenge.pk) for a in answers] == [
        (a.pk, a.value, a.result, a.challenge_id)
        for a in Answer.objects.filter(assessment=expected).order_by("created_at", "pk")]
    assert access.competence_by_code(competence.code).pk == competence.pk


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own prepared statements")
def test_on_postgresql_the_results_page_executes_prepared_statements_only(student_client, student, competence):
    from django.urls import reverse

    from learners.models import Assessment

    take_competence_test(student, competence, level=1)
    url = reverse("learners:results", args=[Assessment.objects.get(user=student).pk])
    assert student_client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as again:
        assert student_client.get(url).status_code == 200
    assert {q["sql"].split(" ")[0] for q in again.captured_queries} == {"EXECUTE"}
