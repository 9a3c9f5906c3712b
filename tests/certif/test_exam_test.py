"""The certification test on the engine: 32 questions, every competence first, one per tube, the
stored seed and served questions replay the same test, accessibility, removed questions, the
server-side deadline, focus loss, and the active version."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from certif.assessment import course_of, replay
from certif.models import CertificationVersion, ServedChallenge, VersionStatus
from certif.services import invigilation
from certif.services.versions import ensure_active_version
from learners import errors
from learners import services as learner_services
from learners.assessments.answers import correct_value
from learners.assessments.strategies import AnsweredChallenge, AnswerHistory
from learners.models import Answer, Assessment
from referentiel import catalogue
from referentiel.models import Challenge
from tests.certif.exam_support import answer_current, started

pytestmark = pytest.mark.django_db

# A certification answer through the page, then the next question, cost this many queries (the
# session with its user, the locked assessment, the course, the answer's writes; the history, the
# served questions and the live alert to serve). A change that adds one must update it on purpose.
QUERIES_PER_CERTIFICATION_ANSWER = 7
QUERIES_PER_CERTIFICATION_QUESTION = 10


def test_the_first_active_version_takes_the_active_calibration_and_the_domains_seed_settings(certification_bank):
    version = ensure_active_version()
    assert version.status == VersionStatus.ACTIVE and version.calibration_version == certification_bank
    assert (version.maximum_assessment_length, version.assessment_duration_minutes,
            version.challenges_between_same_competence, version.default_probability_to_pick_challenge) == (
        32, 105, 2, 51)
    assert [interval["mesh_level"] for interval in version.global_scoring] == list(range(8))
    assert len(version.competences_scoring) == 16
    assert ensure_active_version() == version
    assert CertificationVersion.objects.count() == 1


def test_a_candidate_answers_32_questions_over_every_competence_then_the_test_ends(exam_session):
    _candidate, course = started(exam_session)
    competences = []
    for _ in range(32):
        challenge = answer_current(course, right=len(competences) % 3 != 0)
        competences.append(challenge.skill.competence.code)
    assert len(set(competences[:16])) == 16
    served = list(ServedChallenge.objects.filter(course=course))
    assert [s.position for s in served] == list(range(1, 33))
    tubes = [s.challenge.skill.tube_id for s in served]
    assert len(set(tubes)) == 32
    assert learner_services.assessment_next_challenge(assessment=course.assessment) is None
    course.refresh_from_db()
    course.assessment.refresh_from_db()
    assert course.assessment.state == Assessment.State.COMPLETED and course.ended_at is not None


def test_the_page_shows_question_n_of_32_and_never_the_right_answer(client, exam_session):
    candidate, course = started(exam_session)
    answer_current(course)
    client.force_login(candidate.user)
    page = client.get(f"/tests/{course.assessment_id}/")
    text = page.content.decode()
    assert page.status_code == 200
    assert "Question 2 / 32" in text and "Signaler un problème" in text
    assert "Explication" not in text and "Parce que" not in text


def test_the_stored_seed_and_answers_replay_the_same_next_question(exam_session):
    _candidate, course = started(exam_session)
    for right in (True, False, True, True):
        answer_current(course, right=right)
    served = learner_services.assessment_next_challenge(assessment=course.assessment)
    history = AnswerHistory(tuple(
        AnsweredChallenge(a.challenge_id, a.result, False)
        for a in Answer.objects.filter(assessment=course.assessment).order_by("created_at", "pk")))
    built, state = replay(course, course.assessment, history)
    assert built.challenge_ids[built.engine.select(state)] == served.pk
    stored = ServedChallenge.objects.get(course=course, challenge=served)
    assert stored.position == 5 and stored.discrimination == pytest.approx(1.2)


def test_a_candidate_with_an_accessibility_adjustment_gets_only_accessible_questions(exam_session):
    _candidate, course = started(exam_session, accessibility_adjustment_needed=True)
    for _ in range(10):
        challenge = answer_current(course)
        assert Challenge.objects.get(pk=challenge.pk).is_accessible


def test_a_validated_alert_removes_the_question_and_its_skill_and_serves_another_skill(exam_session):
    from certif.services import exam

    _candidate, course = started(exam_session)
    answer_current(course)
    current = learner_services.assessment_next_challenge(assessment=course.assessment)
    alert = exam.live_alert_raise(course=course)
    invigilation.live_alert_validate(alert=alert, subcategory="IMAGE_NOT_DISPLAYING")
    course.assessment.refresh_from_db()
    following = learner_services.assessment_next_challenge(assessment=course.assessment)
    assert following.pk != current.pk and following.skill_id != current.skill_id
    assert ServedChallenge.objects.get(course=course, challenge=current).is_removed
    report = course.issue_reports.get()
    assert (report.category, report.subcategory, report.question_number) == ("IN_CHALLENGE", "IMAGE_NOT_DISPLAYING", 2)
    assert report.has_been_automatically_resolved and report.resolved_at
    # The removed question is never asked again in the rest of the test.
    for _ in range(31):
        challenge = answer_current(course)
        assert challenge.skill_id != current.skill_id
    assert learner_services.assessment_next_challenge(assessment=course.assessment) is None


def test_an_answer_after_the_deadline_is_refused_and_ends_the_test(exam_session):
    _candidate, course = started(exam_session)
    challenge = learner_services.assessment_next_challenge(assessment=course.assessment)
    type(course).objects.filter(pk=course.pk).update(deadline=timezone.now() - timedelta(seconds=1))
    with pytest.raises(errors.TimeUpError):
        learner_services.answer_submit(assessment=course.assessment, challenge_id=challenge.pk,
                                       value=correct_value(challenge))
    course.assessment.refresh_from_db()
    assert not Answer.objects.filter(assessment=course.assessment).exists()
    assert course.assessment.state == Assessment.State.COMPLETED


def test_the_deadline_is_1h45_plus_the_candidates_extra_time(exam_session):
    _candidate, course = started(exam_session, extra_time_percentage=30)
    length = course.deadline - course.created_at
    assert abs(length - timedelta(minutes=105 * 1.3)) < timedelta(seconds=5)


def test_a_right_answer_after_leaving_a_focused_question_fails(exam_session):
    _candidate, course = started(exam_session)
    challenge = learner_services.assessment_next_challenge(assessment=course.assessment)
    Challenge.objects.filter(pk=challenge.pk).update(focused=True)
    from referentiel import catalogue

    catalogue.content_changed()
    assessment = Assessment.objects.get(pk=course.assessment_id)
    assert learner_services.focus_out_record(assessment=assessment, challenge_id=challenge.pk)
    answer = learner_services.answer_submit(assessment=assessment, challenge_id=challenge.pk,
                                            value=correct_value(challenge))
    assert answer.result == "focusedOut"


def test_the_course_of_an_assessment_is_read_once_per_request(exam_session, django_assert_max_num_queries):
    _candidate, course = started(exam_session)
    assessment = Assessment.objects.get(pk=course.assessment_id)
    course_of(assessment)
    with django_assert_max_num_queries(0):
        course_of(assessment)


def test_the_course_read_for_a_question_still_gives_its_other_fields_when_asked(exam_session):
    _candidate, course = started(exam_session)
    read = course_of(Assessment.objects.get(pk=course.assessment_id))
    assert (read.pk, read.seed, read.deadline) == (course.pk, course.seed, course.deadline)
    assert read.version.maximum_assessment_length == 32
    # Left out of the question's query, loaded on first access as the ORM does.
    assert read.verification_code == course.verification_code
    assert len(read.version.competences_scoring) == 16
    assert read.version.calibration_version.exposure_parameters == {
        "challenge_ids": [], "eligibility": [], "prices": []}


def test_a_certification_answer_and_the_next_question_cost_a_fixed_number_of_queries(client, exam_session):
    candidate, course = started(exam_session)
    answer_current(course)  # the engine is built here, the first time this process serves
    # every question read once, as a serving process has
    catalogue.snapshot().challenges_preload(Challenge.objects.values_list("pk", flat=True))
    client.force_login(candidate.user)
    url = f"/tests/{course.assessment_id}/"
    challenge = client.get(url).context["challenge"]
    data = {"challenge": challenge.pk, "answer": correct_value(challenge).split(",")}
    with CaptureQueriesContext(connection) as answering:
        assert client.post(url, data).status_code == 302
    with CaptureQueriesContext(connection) as next_question:
        assert client.get(url).status_code == 200
    assert (len(answering), len(next_question)) == (
        QUERIES_PER_CERTIFICATION_ANSWER, QUERIES_PER_CERTIFICATION_QUESTION), "\n".join(
        q["sql"] for q in answering.captured_queries + next_question.captured_queries)


def test_serving_and_answering_never_read_the_calibrations_item_parameters(exam_session, settings):
    # JSON over the whole bank: only building the engine (once per process) needs it. The reads
    # are sent as SQL, not as PostgreSQL's EXECUTE of a prepared statement, so that their
    # columns can be seen here on every database.
    settings.DATABASE_PREPARED_STATEMENTS = False
    _candidate, course = started(exam_session)
    answer_current(course)  # the engine is built here, the first time this process serves
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            answer_current(course)
    assert queries.captured_queries
    assert not [q["sql"] for q in queries.captured_queries if "exposure_parameters" in q["sql"]]
