"""Finalising a session, without HTTP (domain §7.1–§7.3): the checks in the domain's order, each
with its code and French message; the issue reports validated by the table of §7.2; what a
finalisation writes; the scoring enqueued once the transaction commits; and the session locked
afterwards (no enrolment, no start, no invigilator)."""

from unittest import mock

import pytest

from certif import tasks
from certif.errors import CertifError, ErrorCode
from certif.models import (
    AbortReason,
    CertificationCourse,
    CertificationIssueReport,
    CertificationResult,
    IssueReportCategory,
    IssueReportSubcategory,
    LiveAlertStatus,
)
from certif.rules.finalisation import (
    DEPRECATED_CATEGORIES,
    DEPRECATED_SUBCATEGORIES,
    CourseReport,
    IssueReportInput,
    current_categories,
    current_subcategories,
    validate_issue_report,
)
from certif.services import exam, invigilation
from certif.services.candidates import candidate_add
from certif.services.finalisation import finalise_session
from learners import services as learner_services
from learners.models import Assessment
from tests.certif.exam_support import answer_current, enrolled, joined, started
from tests.certif.factories import SessionFactory

pytestmark = pytest.mark.django_db

C, S = IssueReportCategory, IssueReportSubcategory


def name(course):
    return f"{course.first_name} {course.last_name}"


def finish(course):
    """The test is completed (as after its 32nd answer)."""
    learner_services.assessment_end(assessment=course.assessment)
    course.refresh_from_db()
    return course


def refused(session, **kwargs) -> CertifError:
    kwargs.setdefault("reports", [])
    with pytest.raises(CertifError) as raised:
        finalise_session(session, global_comment=kwargs.pop("global_comment", ""), by=None, **kwargs)
    return raised.value


@pytest.fixture
def enqueued():
    """The scoring task's `delay`, replaced: what finalisation enqueues (no worker in tests)."""
    with mock.patch.object(tasks.score_session, "delay") as delay:
        yield delay


@pytest.fixture
def room(exam_session):
    """A session of the exam day: Alice finished, Basile ended by the invigilator, Chloé still in
    her test with an open alert, and Denis, enrolled, who never came."""
    alice = finish(started(exam_session, first_name="Alice", last_name="Bernard")[1])
    basile_candidate, basile = started(exam_session, first_name="Basile", last_name="Chevalier")
    answer_current(basile)
    invigilation.certification_end(candidate=basile_candidate)
    basile.refresh_from_db()
    _chloe_candidate, chloe = started(exam_session, first_name="Chloé", last_name="Dumas")
    answer_current(chloe)
    learner_services.assessment_next_challenge(assessment=chloe.assessment)
    exam.live_alert_raise(course=chloe)
    enrolled(exam_session, first_name="Denis", last_name="Morel")
    return exam_session, alice, basile, chloe


def reasons(basile, chloe, **extra):
    return [CourseReport(basile.pk, abort_reason=AbortReason.CANDIDATE),
            CourseReport(chloe.pk, abort_reason=AbortReason.TECHNICAL), *extra.values()]


# --- the checks, in order ------------------------------------------------------------------------

def test_an_already_finalised_session_is_refused_first(room, enqueued):
    session, _alice, basile, chloe = room
    finalise_session(session, reports=reasons(basile, chloe), by=None)
    error = refused(session, reports=[])  # even with everything else wrong
    assert error.code == ErrorCode.SESSION_ALREADY_FINALIZED
    assert error.message == "Cette session est déjà finalisée : elle ne peut plus être modifiée."
    assert enqueued.call_count == 0  # no commit in this test's transaction: nothing ran


def test_a_session_where_nobody_started_is_refused(exam_session):
    joined(exam_session)
    error = refused(exam_session)
    assert error.code == ErrorCode.SESSION_WITHOUT_STARTED_CERTIFICATION
    assert error.message == ("Aucun candidat n'a commencé son test dans cette session : il n'y a "
                             "rien à finaliser.")
    exam_session.refresh_from_db()
    assert exam_session.finalized_at is None


def test_fewer_abort_reasons_than_unfinished_tests_names_those_missing(room):
    session, _alice, basile, chloe = room
    error = refused(session, reports=[CourseReport(basile.pk, abort_reason=AbortReason.CANDIDATE)])
    assert [p.code for p in error.problems] == [ErrorCode.SESSION_WITH_MISSING_ABORT_REASON]
    assert error.message == ("Chaque test non terminé doit avoir sa raison d'abandon : indiquez-la "
                             f"pour {name(chloe)}.")
    assert error.problems[0].field == f"course-{chloe.pk}-abort_reason"


def test_more_abort_reasons_than_unfinished_tests_names_the_finished_one(room):
    session, alice, basile, chloe = room
    reports = [*reasons(basile, chloe), CourseReport(alice.pk, abort_reason=AbortReason.TECHNICAL)]
    error = refused(session, reports=reports)
    assert error.code == ErrorCode.SESSION_WITH_ABORT_REASON_ON_COMPLETED_CERTIFICATION_COURSE
    assert error.message == f"{name(alice)} a terminé son test : retirez la raison d'abandon indiquée."
    assert error.problems[0].field == f"course-{alice.pk}-abort_reason"


def test_as_many_reasons_as_unfinished_tests_but_one_on_a_finished_test_names_the_unfinished(room):
    session, alice, basile, chloe = room
    reports = [CourseReport(alice.pk, abort_reason=AbortReason.TECHNICAL),
               CourseReport(basile.pk, abort_reason=AbortReason.CANDIDATE), CourseReport(chloe.pk)]
    error = refused(session, reports=reports)
    assert error.code == ErrorCode.CERTIFICATION_REPORT_ABORT_REASON_REQUIRED
    assert error.message == f"Le test de {name(chloe)} n'est pas terminé : indiquez la raison de l'abandon."


def test_an_abort_reason_out_of_the_list_is_refused(room):
    session, _alice, basile, chloe = room
    error = refused(session, reports=[CourseReport(basile.pk, abort_reason="lassitude"),
                                      CourseReport(chloe.pk, abort_reason=AbortReason.TECHNICAL)])
    codes = [p.code for p in error.problems]
    assert codes == [ErrorCode.SESSION_WITH_MISSING_ABORT_REASON, ErrorCode.ABORT_REASON_NOT_VALID]
    assert error.problems[1].message == (
        f"{name(basile)} : choisissez la raison de l'abandon dans la liste (abandon du candidat ou "
        "problème technique).")


def test_the_ordered_checks_lead_and_every_field_problem_follows(room):
    session, alice, basile, chloe = room
    reports = [CourseReport(alice.pk, examiner_comment="x" * 501,
                            issue_reports=(IssueReportInput(C.FRAUD, key="r-0"),
                                           IssueReportInput(C.SIGNATURE_ISSUE, key="r-1"))),
               CourseReport(basile.pk, abort_reason=AbortReason.CANDIDATE)]
    error = refused(session, reports=reports, global_comment="y" * 2001)
    assert [(p.code, p.field) for p in error.problems] == [
        (ErrorCode.SESSION_WITH_MISSING_ABORT_REASON, f"course-{chloe.pk}-abort_reason"),
        (ErrorCode.EXAMINER_COMMENT_TOO_LONG, f"course-{alice.pk}-examiner_comment"),
        (ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED, "r-1-description"),
        (ErrorCode.SESSION_TEXT_TOO_LONG, "examiner_global_comment"),
    ]
    assert error.problems[1].message == (
        f"Le commentaire sur {name(alice)} est trop long : 500 caractères au plus.")
    assert error.problems[3].message == "Ce texte est trop long : 2000 caractères au plus."
    assert not CertificationIssueReport.objects.filter(course__session=session, category=C.FRAUD).exists()
    session.refresh_from_db()
    assert session.finalized_at is None


def test_reports_must_be_of_the_sessions_started_tests(room):
    session, _alice, basile, chloe = room
    elsewhere = started(SessionFactory(), first_name="Eve")[1]
    with pytest.raises(ValueError):
        finalise_session(session, reports=[*reasons(basile, chloe), CourseReport(elsewhere.pk)],
                         global_comment="", by=None)


# --- issue reports (domain §7.2) --------------------------------------------------------------------

def report(category, subcategory="", description="", question_number=None):
    return validate_issue_report(IssueReportInput(category, subcategory, description, question_number),
                                 candidate="Alice Bernard")


@pytest.mark.parametrize(("category", "subcategory", "description", "question_number", "expected"), [
    # Description required, no subcategory (forced empty), no question number (dropped).
    (C.NON_BLOCKING_CANDIDATE_ISSUE, "", "Arrivé en retard", None, (C.NON_BLOCKING_CANDIDATE_ISSUE, "", None)),
    (C.NON_BLOCKING_TECHNICAL_ISSUE, S.IMAGE_NOT_DISPLAYING, "Écran figé", "12",
     (C.NON_BLOCKING_TECHNICAL_ISSUE, "", None)),
    (C.SIGNATURE_ISSUE, "", "A oublié de signer", None, (C.SIGNATURE_ISSUE, "", None)),
    (C.NON_BLOCKING_CANDIDATE_ISSUE, "", "  ", None, ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED),
    (C.NON_BLOCKING_TECHNICAL_ISSUE, "", "", None, ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED),
    (C.SIGNATURE_ISSUE, "", "", None, ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED),
    (C.SIGNATURE_ISSUE, "", "x" * 2001, None, ErrorCode.ISSUE_REPORT_DESCRIPTION_TOO_LONG),
    # Description and subcategory required, among two.
    (C.CANDIDATE_INFORMATIONS_CHANGES, S.NAME_OR_BIRTHDATE, "Nom mal orthographié", None,
     (C.CANDIDATE_INFORMATIONS_CHANGES, S.NAME_OR_BIRTHDATE, None)),
    (C.CANDIDATE_INFORMATIONS_CHANGES, S.EXTRA_TIME_PERCENTAGE, "Tiers temps oublié", "3",
     (C.CANDIDATE_INFORMATIONS_CHANGES, S.EXTRA_TIME_PERCENTAGE, None)),
    (C.CANDIDATE_INFORMATIONS_CHANGES, "", "Nom mal orthographié", None,
     ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED),
    (C.CANDIDATE_INFORMATIONS_CHANGES, S.NAME_OR_BIRTHDATE, "", None, ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED),
    (C.CANDIDATE_INFORMATIONS_CHANGES, S.WEBSITE_BLOCKED, "Nom", None, ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID),
    # In a question: question number 1–500 and subcategory required, description optional.
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "7", (C.IN_CHALLENGE, S.FILE_NOT_OPENING, 7)),
    (C.IN_CHALLENGE, S.ACCESSIBILITY_ISSUE, "Lecteur d'écran", 500, (C.IN_CHALLENGE, S.ACCESSIBILITY_ISSUE, 500)),
    (C.IN_CHALLENGE, S.SKIP_ON_OOPS, "", " 1 ", (C.IN_CHALLENGE, S.SKIP_ON_OOPS, 1)),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "", ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", None, ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "0", ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "501", ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "3,5", ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID),
    (C.IN_CHALLENGE, S.FILE_NOT_OPENING, "", "-2", ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID),
    (C.IN_CHALLENGE, "", "", "4", ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED),
    (C.IN_CHALLENGE, S.NAME_OR_BIRTHDATE, "", "4", ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID),
    (C.IN_CHALLENGE, "INVENTED", "", "4", ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID),
    # Fraud: nothing required.
    (C.FRAUD, "", "", None, (C.FRAUD, "", None)),
    (C.FRAUD, S.OTHER, "", None, ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED),
    # Deprecated subcategories and categories, refused.
    (C.IN_CHALLENGE, S.LINK_NOT_WORKING, "", "4", ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED),
    (C.IN_CHALLENGE, S.OTHER, "", "4", ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED),
    (C.TECHNICAL_PROBLEM, "", "Panne", None, ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED),
    (C.OTHER, "", "Autre", None, ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED),
    (C.LATE_OR_LEAVING, S.LEFT_EXAM_ROOM, "", None, ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED),
    (C.CONNECTION_OR_END_SCREEN, "", "", None, ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED),
    # No category, or one out of the list.
    ("", "", "Quelque chose", None, ErrorCode.ISSUE_REPORT_CATEGORY_REQUIRED),
    ("PANNE", "", "Quelque chose", None, ErrorCode.ISSUE_REPORT_CATEGORY_NOT_VALID),
])
def test_issue_reports_follow_the_domains_table(category, subcategory, description, question_number, expected):
    cleaned, problems = report(category, subcategory, description, question_number)
    if isinstance(expected, ErrorCode):
        assert cleaned is None and [p.code for p in problems] == [expected]
    else:
        assert problems == []
        assert (cleaned.category, cleaned.subcategory, cleaned.question_number) == expected
        assert cleaned.description == description.strip()


ISSUE_REPORT_MESSAGES = {
    ErrorCode.ISSUE_REPORT_CATEGORY_REQUIRED: "Signalement pour Alice Bernard : choisissez sa catégorie.",
    ErrorCode.ISSUE_REPORT_CATEGORY_NOT_VALID:
        "Signalement pour Alice Bernard : choisissez sa catégorie dans la liste.",
    ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED:
        "Signalement pour Alice Bernard : cette catégorie n'est plus utilisée, choisissez-en une autre "
        "dans la liste.",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED:
        "Signalement pour Alice Bernard : précisez le problème (la sous-catégorie) pour cette catégorie.",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID:
        "Signalement pour Alice Bernard : ce problème (la sous-catégorie) ne correspond pas à la "
        "catégorie choisie.",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED:
        "Signalement pour Alice Bernard : ce problème (la sous-catégorie) n'est plus utilisé, "
        "choisissez-en un autre dans la liste.",
    ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED: "Signalement pour Alice Bernard : décrivez ce qui s'est passé.",
    ErrorCode.ISSUE_REPORT_DESCRIPTION_TOO_LONG:
        "Signalement pour Alice Bernard : la description est trop longue, 2000 caractères au plus.",
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED:
        "Signalement pour Alice Bernard : indiquez le numéro de la question concernée.",
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID:
        "Signalement pour Alice Bernard : le numéro de la question est un nombre entier de 1 à 500.",
}
MESSAGE_CASES = {
    ErrorCode.ISSUE_REPORT_CATEGORY_REQUIRED: ("",),
    ErrorCode.ISSUE_REPORT_CATEGORY_NOT_VALID: ("PANNE",),
    ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED: (C.OTHER,),
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED: (C.IN_CHALLENGE, "", "", "2"),
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID: (C.IN_CHALLENGE, S.NAME_OR_BIRTHDATE, "", "2"),
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED: (C.IN_CHALLENGE, S.LINK_NOT_WORKING, "", "2"),
    ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED: (C.SIGNATURE_ISSUE,),
    ErrorCode.ISSUE_REPORT_DESCRIPTION_TOO_LONG: (C.FRAUD, "", "x" * 2001),
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED: (C.IN_CHALLENGE, S.SKIP_ON_OOPS),
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID: (C.IN_CHALLENGE, S.SKIP_ON_OOPS, "", "1000"),
}


@pytest.mark.parametrize("code", list(ISSUE_REPORT_MESSAGES))
def test_each_issue_report_refusal_speaks_french_and_names_the_candidate(code):
    _cleaned, problems = report(*MESSAGE_CASES[code])
    assert [(p.code, p.message) for p in problems] == [(code, ISSUE_REPORT_MESSAGES[code])]


def test_the_lists_offered_leave_the_deprecated_out():
    assert set(current_categories()) == set(C) - DEPRECATED_CATEGORIES
    assert current_subcategories(C.CANDIDATE_INFORMATIONS_CHANGES) == [S.NAME_OR_BIRTHDATE,
                                                                       S.EXTRA_TIME_PERCENTAGE]
    assert len(current_subcategories(C.IN_CHALLENGE)) == 10
    assert not set(current_subcategories(C.IN_CHALLENGE)) & DEPRECATED_SUBCATEGORIES
    assert current_subcategories(C.FRAUD) == []


# --- what a finalisation writes -------------------------------------------------------------------

def test_a_finalisation_writes_the_reports_the_session_and_ends_the_tests_still_started(room, enqueued):
    session, alice, basile, chloe = room
    reports = [
        CourseReport(alice.pk, has_seen_end_test_screen=True, examiner_comment="  RAS  ",
                     issue_reports=(IssueReportInput(C.CANDIDATE_INFORMATIONS_CHANGES, S.NAME_OR_BIRTHDATE,
                                                     "Prénom : Alicia", "9"),)),
        CourseReport(basile.pk, abort_reason=AbortReason.CANDIDATE, examiner_comment="   "),
        CourseReport(chloe.pk, abort_reason=AbortReason.TECHNICAL, examiner_comment="x" * 500,
                     issue_reports=(IssueReportInput(C.IN_CHALLENGE, S.WEBSITE_BLOCKED, "", "2"),
                                    IssueReportInput(C.FRAUD, question_number="4"))),
    ]
    finalised = finalise_session(session, reports=reports, global_comment="  Coupure réseau à 10 h. ",
                                 has_incident=True, has_joining_issue=False, by=None)
    session.refresh_from_db()
    assert session.is_finalized and session.status == "finalized" and finalised.pk == session.pk
    assert session.examiner_global_comment == "Coupure réseau à 10 h."
    assert (session.has_incident, session.has_joining_issue) == (True, False)
    courses = {c.pk: c for c in CertificationCourse.objects.filter(session=session).select_related("assessment")}
    alice, basile, chloe = courses[alice.pk], courses[basile.pk], courses[chloe.pk]
    assert (alice.has_seen_end_test_screen, alice.abort_reason, alice.examiner_comment) == (True, "", "RAS")
    assert (basile.has_seen_end_test_screen, basile.abort_reason, basile.examiner_comment) == (
        False, AbortReason.CANDIDATE, "")
    assert (chloe.abort_reason, len(chloe.examiner_comment)) == (AbortReason.TECHNICAL, 500)
    # The v3 automatic jury: the test still started ends due to finalisation; the others keep
    # their end.
    assert alice.assessment.state == Assessment.State.COMPLETED
    assert basile.assessment.state == Assessment.State.ENDED_BY_INVIGILATOR
    assert chloe.assessment.state == Assessment.State.ENDED_DUE_TO_FINALIZATION
    assert chloe.ended_at is not None and chloe.assessment.completed_at is not None
    assert chloe.entered_at is None
    assert not chloe.live_alerts.filter(status=LiveAlertStatus.ONGOING).exists()
    assert not session.candidates.filter(authorized_to_start=True).exists()
    written = list(CertificationIssueReport.objects.filter(course__session=session, resolved_at__isnull=True)
                   .order_by("pk").values_list("course_id", "category", "subcategory", "description",
                                               "question_number"))
    assert written == [
        (alice.pk, C.CANDIDATE_INFORMATIONS_CHANGES, S.NAME_OR_BIRTHDATE, "Prénom : Alicia", None),
        (chloe.pk, C.IN_CHALLENGE, S.WEBSITE_BLOCKED, "", 2),
        (chloe.pk, C.FRAUD, "", "", None),
    ]


def test_the_scoring_is_enqueued_once_the_finalisation_commits(room, enqueued,
                                                              django_capture_on_commit_callbacks):
    session, _alice, basile, chloe = room
    with django_capture_on_commit_callbacks() as callbacks:
        finalise_session(session, reports=reasons(basile, chloe), by=None)
        assert enqueued.call_count == 0  # not before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    enqueued.assert_called_once_with(session.pk)


def test_a_refused_finalisation_enqueues_nothing(room, enqueued, django_capture_on_commit_callbacks):
    session, *_courses = room
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        refused(session, reports=[])
    assert callbacks == [] and enqueued.call_count == 0


def test_the_enqueued_scoring_scores_every_test_of_the_finalised_session(room, enqueued,
                                                                       django_capture_on_commit_callbacks):
    session, alice, basile, chloe = room
    with django_capture_on_commit_callbacks(execute=True):
        finalise_session(session, reports=reasons(basile, chloe), by=None)
    (session_id,), _kwargs = enqueued.call_args
    report = tasks.score_session(session_id)  # what the worker runs
    assert sorted(report["written"]) == sorted([alice.pk, basile.pk, chloe.pk])
    assert report["refused"] == [] and report["errors"] == []
    assert CertificationResult.objects.filter(course__session=session).count() == 3


# --- afterwards, the session is locked ---------------------------------------------------------------

def test_after_finalisation_no_enrolment_no_start_and_no_invigilator(room, enqueued, insee):
    session, _alice, basile, chloe = room
    waiting = joined(session, first_name="Élodie", last_name="Faure")
    finalise_session(session, reports=reasons(basile, chloe), by=None)
    with pytest.raises(CertifError) as enrol:
        candidate_add(session=session, raw={"last_name": "Nouveau", "first_name": "Noé", "sex": "M",
                                            "birthdate": "01/02/2003", "birth_country": "France",
                                            "birth_insee_code": "75115", "billing_mode": "Gratuite"})
    assert enrol.value.code == ErrorCode.CANDIDATE_ON_FINALIZED_SESSION
    with pytest.raises(CertifError) as start:
        exam.candidate_enter(candidate=waiting, access_code=session.access_code)
    assert start.value.code == ErrorCode.SESSION_NOT_ACCESSIBLE
    assert start.value.message == ("Cette session est finalisée : on ne peut plus la rejoindre ni y "
                                   "passer le test.")
    with pytest.raises(CertifError) as join:
        exam.candidate_join(user=waiting.user, session_number=session.pk, first_name=waiting.first_name,
                            last_name=waiting.last_name, birthdate=waiting.birthdate)
    assert join.value.code == ErrorCode.SESSION_NOT_ACCESSIBLE
    with pytest.raises(CertifError) as invigilator:
        invigilation.invigilator_session_open(session_number=session.pk,
                                              password=session.invigilator_password)
    assert invigilator.value.code == ErrorCode.INVIGILATOR_SESSION_FINALIZED
    with pytest.raises(CertifError) as authorise:
        invigilation.candidate_authorize(candidate=waiting)
    assert authorise.value.code == ErrorCode.INVIGILATOR_SESSION_FINALIZED
    assert not CertificationCourse.objects.filter(candidate=waiting).exists()
