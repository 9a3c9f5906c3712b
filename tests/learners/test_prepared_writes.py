"""The writes of every answer and every question served, written once per process, store what the
ORM's `create` and `save` store."""

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from learners import services
from learners.models import Answer, Assessment, CompetenceEvaluation, KnowledgeElement
from learners.prepared import PreparedInsert, PreparedUpdate

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(student, competence):
    return services.competence_evaluation_start(user=student, competence=competence)


def an_answer(assessment, challenge, **fields):
    return Answer(assessment=assessment, challenge=challenge, value=fields.pop("value", {"champ": "42 %"}),
                  result=Answer.Result.OK, **fields)


def test_an_inserted_row_gets_its_id_its_defaults_and_its_creation_time(assessment, competence):
    challenge = competence.skills.first().challenges.first()
    before = timezone.now()
    answer = an_answer(assessment, challenge)
    PreparedInsert(Answer).insert([answer])
    stored = Answer.objects.get(pk=answer.pk)
    assert not answer._state.adding and answer.challenge == challenge
    assert stored.value == {"champ": "42 %"} and stored.result_details == {}
    assert stored.result == Answer.Result.OK and not stored.timed_out and stored.time_spent == 0
    assert stored.created_at == answer.created_at and stored.created_at >= before


def test_several_rows_are_inserted_in_one_query_each_with_its_own_id(assessment, student, competence):
    skills = list(competence.skills.all()[:3])
    elements = [KnowledgeElement(user=student, assessment=assessment, skill=skill, competence=competence,
                                 source=KnowledgeElement.Source.DIRECT, status=KnowledgeElement.Status.VALIDATED,
                                 earned_pix=float(n)) for n, skill in enumerate(skills)]
    with CaptureQueriesContext(connection) as written:
        PreparedInsert(KnowledgeElement).insert(elements)
    assert len(written) == 1
    for n, element in enumerate(elements):
        stored = KnowledgeElement.objects.get(pk=element.pk)
        assert (stored.skill_id, stored.earned_pix) == (skills[n].pk, float(n))
    PreparedInsert(KnowledgeElement).insert([])  # nothing to write: no query


def test_a_second_answer_to_the_same_question_is_refused_by_the_database(assessment, competence):
    challenge = competence.skills.first().challenges.first()
    insert = PreparedInsert(Answer)
    insert.insert([an_answer(assessment, challenge)])
    with pytest.raises(IntegrityError), transaction.atomic():
        insert.insert([an_answer(assessment, challenge)])
    assert Answer.objects.filter(assessment=assessment).count() == 1


def test_an_update_writes_the_named_fields_and_the_time_of_the_change(assessment, competence):
    challenge = competence.skills.first().challenges.first()
    update = PreparedUpdate(Assessment, ["last_challenge", "last_question_state", "updated_at"])
    before = Assessment.objects.get(pk=assessment.pk).updated_at
    assessment.last_challenge_id, assessment.last_question_state = challenge.pk, Assessment.QuestionState.ASKED
    assessment.state = Assessment.State.COMPLETED  # not named: not written
    update.save(assessment)
    stored = Assessment.objects.get(pk=assessment.pk)
    assert (stored.last_challenge_id, stored.last_question_state) == (challenge.pk, "asked")
    assert stored.state == Assessment.State.STARTED and stored.updated_at > before


def test_an_update_of_a_row_that_is_gone_fails_as_save_does(assessment):
    update = PreparedUpdate(Assessment, ["last_question_state", "updated_at"])
    assessment.pk = assessment.pk + 10_000
    with pytest.raises(DatabaseError), transaction.atomic():
        update.save(assessment)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own prepared statements")
def test_on_postgresql_the_writes_are_prepared_once_per_connection(assessment, competence):
    challenges = [skill.challenges.first() for skill in competence.skills.all()[:2]]
    insert = PreparedInsert(Answer)
    insert.insert([an_answer(assessment, challenges[0])])
    with CaptureQueriesContext(connection) as again:
        insert.insert([an_answer(assessment, challenges[1], value="3,5")])
    assert [q["sql"].split(" ")[0] for q in again.captured_queries] == ["EXECUTE"]
    assert Answer.objects.get(challenge=challenges[1], assessment=assessment).value == "3,5"


def test_no_receiver_listens_to_the_saves_that_the_prepared_writes_skip():
    from django.db.models.signals import post_save, pre_save

    for model in (Answer, KnowledgeElement, Assessment, CompetenceEvaluation):
        assert not pre_save.has_listeners(model) and not post_save.has_listeners(model), model
