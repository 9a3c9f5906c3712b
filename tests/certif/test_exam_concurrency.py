"""Races of the exam day, on PostgreSQL (SQLite has no row locks: these tests need real ones):
a double start gives one course, an entry racing the finalisation enters before it or is
refused, a double-submitted answer is stored once, an answer racing the invigilator's end of the
test is either stored before the end or refused, and two finalisations at once give one
finalisation and one refusal."""

import threading

import pytest
from django.db import connection, connections

from certif.errors import CertifError, ErrorCode
from certif.models import (
    AbortReason,
    CertificationCourse,
    CertificationIssueReport,
    CertificationSession,
)
from certif.rules.finalisation import CourseReport, IssueReportInput
from certif.services import exam, invigilation
from certif.services.finalisation import finalise_session
from learners import errors
from learners import services as learner_services
from learners.assessments.answers import correct_value
from learners.models import Answer, Assessment
from tests.certif.exam_support import joined, started

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql",
                       reason="row locks (select_for_update) need PostgreSQL"),
]


def race(*calls):
    """Run the calls at the same instant, each in its own thread and connection; their results
    (or the exceptions they raised), in order."""
    results = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(position, call):
        try:
            barrier.wait()
            results[position] = call()
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[position] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_a_double_start_creates_one_course(exam_session):
    candidate = joined(exam_session)
    invigilation.candidate_authorize(candidate=candidate)

    def start():
        return exam.candidate_enter(candidate=candidate, access_code=exam_session.access_code,
                                    session_key="meme-navigateur").pk

    for _attempt in range(3):
        results = race(start, start)
        assert all(isinstance(result, int) for result in results), results
        assert len(set(results)) == 1
    assert CertificationCourse.objects.filter(candidate=candidate).count() == 1
    assert Assessment.objects.filter(user=candidate.user, type=Assessment.Type.CERTIFICATION).count() == 1


def test_an_entry_racing_the_finalisation_enters_before_it_or_is_refused(exam_session, monkeypatch):
    from certif import tasks

    monkeypatch.setattr(tasks.score_session, "delay", lambda *args, **kwargs: None)  # no worker here
    started(exam_session)
    late = joined(exam_session)
    invigilation.candidate_authorize(candidate=late)

    def enter():
        return exam.candidate_enter(candidate=late, access_code=exam_session.access_code,
                                    session_key="en-retard").pk

    def finalise():
        reports = [CourseReport(pk, abort_reason=AbortReason.TECHNICAL) for pk in
                   CertificationCourse.objects.filter(session=exam_session).values_list("pk", flat=True)]
        return finalise_session(CertificationSession.objects.get(pk=exam_session.pk), reports=reports,
                                by=None).pk

    entered, finalised = race(enter, finalise)
    session = CertificationSession.objects.get(pk=exam_session.pk)
    course = CertificationCourse.objects.filter(candidate=late).first()
    if isinstance(entered, int):
        assert course is not None and course.pk == entered
        # then the finalisation came after it: refused for want of its report, or covering it
        assert (session.finalized_at is None and isinstance(finalised, CertifError)) or (
            finalised == session.pk and course.abort_reason == AbortReason.TECHNICAL
            and course.created_at <= session.finalized_at), (finalised, session.finalized_at)
    else:
        assert isinstance(entered, CertifError), entered
        assert entered.code == ErrorCode.SESSION_NOT_ACCESSIBLE
        assert course is None and finalised == session.pk and session.finalized_at is not None


def test_a_double_submitted_answer_is_stored_once(exam_session):
    _candidate, course = started(exam_session)
    challenge = learner_services.assessment_next_challenge(assessment=course.assessment)

    def submit():
        return learner_services.answer_submit(
            assessment=Assessment.objects.get(pk=course.assessment_id), challenge_id=challenge.pk,
            value=correct_value(challenge)).pk

    results = race(submit, submit)
    assert all(isinstance(result, int) for result in results), results
    assert len(set(results)) == 1
    assert Answer.objects.filter(assessment_id=course.assessment_id).count() == 1


def test_an_answer_racing_the_invigilators_end_is_stored_before_it_or_refused(exam_session):
    outcomes = set()
    for _attempt in range(6):
        candidate, course = started(exam_session)
        challenge = learner_services.assessment_next_challenge(assessment=course.assessment)

        def submit(course=course, challenge=challenge):
            return learner_services.answer_submit(
                assessment=Assessment.objects.get(pk=course.assessment_id), challenge_id=challenge.pk,
                value=correct_value(challenge))

        def end(candidate=candidate):
            invigilation.certification_end(
                candidate=type(candidate).objects.select_related("course__assessment").get(pk=candidate.pk))

        answered, ended = race(submit, end)
        assert ended is None, ended
        assessment = Assessment.objects.get(pk=course.assessment_id)
        assert assessment.state == Assessment.State.ENDED_BY_INVIGILATOR
        stored = list(Answer.objects.filter(assessment=assessment))
        if isinstance(answered, Answer):
            assert [a.pk for a in stored] == [answered.pk]
            assert stored[0].created_at <= assessment.completed_at
            outcomes.add("stored before the end")
        else:
            assert isinstance(answered, errors.AssessmentNotStartedError), answered
            assert stored == []
            outcomes.add("refused after the end")
    assert outcomes  # one of the two, never both, every time


def test_two_finalisations_at_once_give_one_finalisation_and_one_refusal(exam_session, monkeypatch):
    from certif import tasks

    enqueued = []
    monkeypatch.setattr(tasks.score_session, "delay", enqueued.append)  # no worker needed here
    _candidate, course = started(exam_session)

    def finalise(comment):
        def call():
            return finalise_session(
                CertificationSession.objects.get(pk=exam_session.pk), global_comment=comment, by=None,
                reports=[CourseReport(course.pk, abort_reason=AbortReason.TECHNICAL, issue_reports=(
                    IssueReportInput("FRAUD", description=comment),))]).pk
        return call

    results = race(finalise("première"), finalise("seconde"))
    succeeded = [r for r in results if isinstance(r, int)]
    refusals = [r for r in results if isinstance(r, CertifError)]
    assert len(succeeded) == 1 and len(refusals) == 1, results
    assert refusals[0].code == ErrorCode.SESSION_ALREADY_FINALIZED
    assert refusals[0].message == "Cette session est déjà finalisée : elle ne peut plus être modifiée."
    session = CertificationSession.objects.get(pk=exam_session.pk)
    winner = "première" if results[0] == succeeded[0] else "seconde"
    assert session.examiner_global_comment == winner
    assert list(CertificationIssueReport.objects.filter(course=course).values_list("description", flat=True)) == [winner]
    assert enqueued == [exam_session.pk]  # one scoring, enqueued by the one that committed
