"""Publication of a session's results: refused with the list of the courses lacking a result or
with an error one; then every course is published; a batch publishes what it can; unpublication."""

import pytest
from django.test import Client
from django.urls import reverse

from certif.errors import CertifError
from certif.models import CertificationResult, JuryAction, JuryActionType, ResultStatus
from certif.services import publication
from tests.certif.factories import CourseFactory, SessionFactory
from tests.certif.scoring import finalized_session
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def juror(db):
    return UserFactory(is_staff=True, is_superuser=True)


def course_with(session, status, **kwargs):
    course = CourseFactory(candidate__session=session, **kwargs)
    if status is not None:
        CertificationResult.objects.create(course=course, version=course.version, status=status,
                                           pix_score=300 if status == ResultStatus.VALIDATED else None)
    return course


def test_a_session_whose_courses_all_have_a_result_is_published(juror):
    session = finalized_session()
    courses = [course_with(session, ResultStatus.VALIDATED), course_with(session, ResultStatus.REJECTED),
               course_with(session, ResultStatus.CANCELLED)]
    publication.session_publish(session=session, author=juror)
    session.refresh_from_db()
    assert session.published_at is not None
    assert all(course.__class__.objects.get(pk=course.pk).is_published for course in courses)
    assert JuryAction.objects.get(session=session).action == JuryActionType.PUBLISH


def test_publication_is_refused_with_the_list_of_courses_without_result_or_in_error(juror):
    session = finalized_session()
    course_with(session, ResultStatus.VALIDATED)
    missing = course_with(session, None, candidate__last_name="Sansrésultat", candidate__first_name="Léa")
    failed = course_with(session, ResultStatus.ERROR, candidate__last_name="Enerreur")
    with pytest.raises(CertifError) as refused:
        publication.session_publish(session=session, author=juror)
    message = refused.value.message
    assert message.startswith("Publication impossible")
    assert f"Léa SANSRÉSULTAT (passage n° {missing.pk})" in message
    assert f"ENERREUR (passage n° {failed.pk})" in message
    session.refresh_from_db()
    assert session.published_at is None
    assert not session.courses.filter(is_published=True).exists()


def test_an_error_fixed_by_a_later_result_no_longer_stops_the_publication(juror):
    session = finalized_session()
    course = course_with(session, ResultStatus.ERROR)
    CertificationResult.objects.create(course=course, version=course.version, status=ResultStatus.VALIDATED)
    publication.session_publish(session=session, author=juror)
    course.refresh_from_db()
    assert course.is_published


def test_a_session_not_finalised_or_already_published_is_not_published(juror):
    with pytest.raises(CertifError, match="SESSION_NOT_FINALIZED"):
        publication.session_publish(session=SessionFactory(), author=juror)
    session = finalized_session()
    course_with(session, ResultStatus.VALIDATED)
    publication.session_publish(session=session, author=juror)
    with pytest.raises(CertifError, match="SESSION_ALREADY_PUBLISHED"):
        publication.session_publish(session=session, author=juror)


def test_a_batch_publishes_the_ready_sessions_and_says_which_were_refused(juror):
    ready, faulty = finalized_session(), finalized_session()
    course_with(ready, ResultStatus.VALIDATED)
    course_with(faulty, None)
    batch = publication.sessions_publish(sessions=[faulty, ready], author=juror)
    assert [s.pk for s in batch.published] == [ready.pk]
    assert list(batch.refused) == [faulty] and "Publication impossible" in batch.refused[faulty]


def test_unpublishing_hides_the_results_again(juror):
    session = finalized_session()
    course = course_with(session, ResultStatus.VALIDATED)
    publication.session_publish(session=session, author=juror)
    publication.session_unpublish(session=session, author=juror)
    session.refresh_from_db()
    course.refresh_from_db()
    assert session.published_at is None and not course.is_published
    with pytest.raises(CertifError, match="SESSION_NOT_PUBLISHED"):
        publication.session_unpublish(session=session, author=juror)


def test_staff_publish_from_the_session_list_and_read_why_a_session_was_refused(juror):
    client = Client()
    client.force_login(juror)
    ready, faulty = finalized_session(), finalized_session()
    course_with(ready, ResultStatus.VALIDATED)
    course_with(faulty, None, candidate__last_name="Oublié")
    response = client.post(reverse("admin:certif_certificationsession_changelist"), {
        "action": "publish", "_selected_action": [ready.pk, faulty.pk]}, follow=True)
    text = response.content.decode()
    assert f"Sessions publiées : {ready.pk}." in text
    assert f"Session {faulty.pk} non publiée." in text and "OUBLIÉ" in text
    ready.refresh_from_db()
    faulty.refresh_from_db()
    assert ready.published_at is not None and faulty.published_at is None
