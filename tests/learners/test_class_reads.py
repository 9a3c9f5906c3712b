"""The knowledge and levels of a whole class, read in a few queries whatever its size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from learners import selectors
from learners.demo import take_competence_test
from learners.models import KnowledgeElement
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_levels_of_many_students_are_those_of_each_student_alone(competence):
    students = [UserFactory() for _ in range(4)]
    for level, student in enumerate(students):
        if level:
            take_competence_test(student, competence, level=level)
    levels = selectors.competence_levels_of_users([s.pk for s in students])
    for student in students:
        card = selectors.scorecard(student, competence)
        if card.is_not_started:
            assert student.pk not in levels
        else:
            assert (levels[student.pk]["1.1"].level, levels[student.pk]["1.1"].pix) == (card.level, card.pix)


def test_a_reset_competence_counts_for_nothing_in_the_class_reads(competence):
    student = UserFactory()
    take_competence_test(student, competence, level=2)
    for element in selectors.current_knowledge_elements(student).values():
        KnowledgeElement.objects.create(user=student, skill_id=element.skill_id, competence_id=element.competence_id,
                                        source=element.source, status=KnowledgeElement.Status.RESET)
    assert selectors.current_knowledge_elements_of_users([student.pk]) == {}


def test_the_levels_of_500_students_take_two_queries(competence):
    model = UserFactory()
    take_competence_test(model, competence, level=2)
    elements = list(KnowledgeElement.objects.filter(user=model))
    students = [UserFactory.build() for _ in range(500)]
    for student in students:
        student.password = model.password
    from learners.models import User

    created = User.objects.bulk_create(students)
    KnowledgeElement.objects.bulk_create([
        KnowledgeElement(user=student, skill_id=e.skill_id, competence_id=e.competence_id, source=e.source,
                         status=e.status, earned_pix=e.earned_pix)
        for student in created for e in elements
    ])
    ids = [s.pk for s in created]
    with CaptureQueriesContext(connection) as queries:
        levels = selectors.competence_levels_of_users(ids)
    assert len(queries) == 2  # the competences, then the newest element of each (student, skill)
    assert len(levels) == 500
    assert {levels[i]["1.1"].level for i in ids} == {selectors.scorecard(model, competence).level}
