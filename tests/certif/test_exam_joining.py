"""Joining a session, reading the instructions, and entering the test with the access code:
every refusal has its code and its French message, and the pages answer 4xx with it."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from certif.errors import CertifError, ErrorCode
from certif.models import CertificationCourse
from certif.services import exam, invigilation
from learners.models import Assessment
from orga.models import Organization, OrganizationLearner
from tests.certif.exam_support import answer_current, enrolled, joined, started, text
from tests.certif.factories import SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def refusal(call, **kwargs) -> CertifError:
    with pytest.raises(CertifError) as caught:
        call(**kwargs)
    return caught.value


def join(user, session, first_name="Lou", last_name="Durand", birthdate=date(2009, 5, 17), number=None):
    return exam.candidate_join(user=user, session_number=session.pk if number is None else number,
                               first_name=first_name, last_name=last_name, birthdate=birthdate)


# --- joining (domain §5.1) --------------------------------------------------------------------

def test_a_candidate_joins_with_names_written_differently_and_the_joining_time_is_kept(exam_session):
    candidate = enrolled(exam_session, first_name="Zoé", last_name="Lefèvre-Dubois")
    user = UserFactory()
    joined_candidate = join(user, exam_session, first_name="  zoe ", last_name="LEFEVRE DUBOIS")
    assert joined_candidate.pk == candidate.pk
    candidate.refresh_from_db()
    assert candidate.user == user and candidate.reconciled_at is not None
    assert join(user, exam_session, first_name="Zoé", last_name="Lefèvre-Dubois").pk == candidate.pk


@pytest.mark.parametrize(("number", "code", "message"), [
    ("abc", ErrorCode.JOIN_SESSION_NOT_FOUND, "Aucune session ne porte ce numéro"),
    ("999999", ErrorCode.JOIN_SESSION_NOT_FOUND, "vérifie le numéro donné par le surveillant"),
    ("99999999999999999999999", ErrorCode.JOIN_SESSION_NOT_FOUND, "Aucune session"),
])
def test_a_wrong_session_number_is_refused_in_words(exam_session, number, code, message):
    error = refusal(join, user=UserFactory(), session=exam_session, number=number)
    assert error.code == code and message in error.message


def test_a_finalised_session_cannot_be_joined(exam_session):
    enrolled(exam_session, last_name="Durand")
    type(exam_session).objects.filter(pk=exam_session.pk).update(finalized_at="2026-01-01T10:00Z")
    error = refusal(join, user=UserFactory(), session=exam_session)
    assert error.code == ErrorCode.SESSION_NOT_ACCESSIBLE and "finalisée" in error.message


def test_no_matching_candidate_is_refused(exam_session):
    enrolled(exam_session, last_name="Durand")
    error = refusal(join, user=UserFactory(), session=exam_session, birthdate=date(2009, 5, 18))
    assert error.code == ErrorCode.CANDIDATE_BY_PERSONAL_INFO_NOT_FOUND
    assert "tels qu'ils sont écrits sur ta convocation" in error.message


def test_two_matching_candidates_are_refused(exam_session):
    enrolled(exam_session, last_name="Durand")
    enrolled(exam_session, last_name="DURAND")
    error = refusal(join, user=UserFactory(), session=exam_session)
    assert error.code == ErrorCode.CANDIDATE_BY_PERSONAL_INFO_TOO_MANY_MATCHES
    assert "préviens le surveillant" in error.message


def test_a_candidate_already_joined_with_another_account_is_refused(exam_session):
    enrolled(exam_session, last_name="Durand")
    join(UserFactory(), exam_session)
    error = refusal(join, user=UserFactory(), session=exam_session)
    assert error.code == ErrorCode.UNEXPECTED_USER_ACCOUNT and "un autre compte" in error.message


def test_an_account_already_joined_as_another_candidate_of_the_session_is_refused(exam_session):
    enrolled(exam_session, last_name="Durand")
    enrolled(exam_session, last_name="Martin")
    user = UserFactory()
    join(user, exam_session)
    error = refusal(join, user=user, session=exam_session, last_name="Martin")
    assert error.code == ErrorCode.USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION
    assert "sous le nom d'un autre candidat" in error.message


def test_a_school_student_must_join_with_the_account_linked_to_the_enrolled_student(exam_session):
    school = Organization.objects.create(name="Collège", type="SCO", external_id="0751234A")
    owner = UserFactory()
    learner = OrganizationLearner.objects.create(organization=school, first_name="Lou", last_name="Durand",
                                                 birthdate=date(2009, 5, 17), user=owner)
    enrolled(exam_session, last_name="Durand", organization_learner=learner)
    error = refusal(join, user=UserFactory(), session=exam_session)
    assert error.code == ErrorCode.MATCHING_STUDENT_NOT_RECONCILED
    assert "le compte que tu utilises dans ton établissement" in error.message
    assert join(owner, exam_session).user == owner


# --- instructions and entering (domain §5.2) --------------------------------------------------

def test_the_instructions_need_the_confirmation_box(exam_session):
    candidate = enrolled(exam_session, last_name="Durand")
    join(UserFactory(), exam_session)
    error = refusal(exam.instructions_confirm, candidate=candidate, confirmed=False)
    assert error.code == ErrorCode.INSTRUCTIONS_NOT_CONFIRMED and "Coche la case" in error.message


def test_entering_before_reading_the_instructions_is_refused(exam_session):
    candidate = enrolled(exam_session, last_name="Durand")
    candidate = join(UserFactory(), exam_session)
    invigilation.candidate_authorize(candidate=candidate)
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code)
    assert error.code == ErrorCode.INSTRUCTIONS_NOT_SEEN and "Lis d'abord les instructions" in error.message


def test_a_wrong_access_code_is_refused(exam_session):
    candidate = joined(exam_session)
    invigilation.candidate_authorize(candidate=candidate)
    error = refusal(exam.candidate_enter, candidate=candidate, access_code="ZZZZ99")
    assert error.code == ErrorCode.ACCESS_CODE_NOT_VALID and "vérifie-le auprès du surveillant" in error.message
    assert not CertificationCourse.objects.exists()


def test_starting_without_the_invigilators_authorisation_is_refused(exam_session):
    candidate = joined(exam_session)
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code)
    assert error.code == ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION
    assert "attends son autorisation" in error.message


def test_a_start_creates_the_course_with_the_identity_the_version_a_seed_and_a_code(exam_session, version):
    candidate, course = started(exam_session, extra_time_percentage=10)
    assert course.version == version and course.seed > 0
    assert course.verification_code.startswith("P-") and len(course.verification_code) == 10
    assert (course.first_name, course.last_name, course.birthdate) == (
        candidate.first_name, candidate.last_name, candidate.birthdate)
    assert course.assessment.type == Assessment.Type.CERTIFICATION and course.assessment.is_started
    assert not candidate.authorized_to_start  # the authorisation is used up
    exam_session.refresh_from_db()
    assert exam_session.started_at is not None


def test_entering_again_from_the_same_browser_returns_the_same_course(exam_session):
    candidate, course = started(exam_session)
    again = exam.candidate_enter(candidate=candidate, access_code=exam_session.access_code,
                                 session_key="navigateur-1")
    assert again.pk == course.pk and CertificationCourse.objects.count() == 1


def test_a_resume_needs_a_new_authorisation_and_comes_back_to_the_same_question(exam_session):
    candidate, course = started(exam_session)
    answer_current(course)
    from learners import services as learner_services

    current = learner_services.assessment_next_challenge(assessment=course.assessment)
    # Another computer: the access code again, without a new authorisation.
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code,
                    session_key="navigateur-2")
    assert error.code == ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST
    assert "t'y autoriser de nouveau" in error.message
    course.refresh_from_db()
    assert course.entered_at is None  # the old tab is closed out too
    with pytest.raises(learner_services.LearnerError) as suspended:
        learner_services.assessment_next_challenge(assessment=Assessment.objects.get(pk=course.assessment_id))
    assert "demande au surveillant" in suspended.value.message
    invigilation.candidate_authorize(candidate=candidate)
    exam.candidate_enter(candidate=candidate, access_code=exam_session.access_code, session_key="navigateur-2")
    resumed = learner_services.assessment_next_challenge(assessment=Assessment.objects.get(pk=course.assessment_id))
    assert resumed.pk == current.pk


def test_a_finalised_session_cannot_be_entered(exam_session):
    candidate = joined(exam_session)
    invigilation.candidate_authorize(candidate=candidate)
    type(exam_session).objects.filter(pk=exam_session.pk).update(finalized_at="2026-01-01T10:00Z")
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code)
    assert error.code == ErrorCode.SESSION_NOT_ACCESSIBLE


def test_without_a_version_in_force_the_test_cannot_start(certification_bank):
    session = SessionFactory()
    candidate = joined(session)
    invigilation.candidate_authorize(candidate=candidate)
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=session.access_code)
    assert error.code == ErrorCode.CERTIFICATION_NOT_AVAILABLE and "préviens le surveillant" in error.message


def test_wrong_access_codes_are_rate_limited_per_session_not_per_address(exam_session, settings):
    candidate = joined(exam_session)
    other_session = SessionFactory()
    other = joined(other_session)
    from certif.constants import ACCESS_CODE_ATTEMPTS

    for _ in range(ACCESS_CODE_ATTEMPTS):
        refusal(exam.candidate_enter, candidate=candidate, access_code="ZZZZ99")
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code)
    assert error.code == ErrorCode.ACCESS_CODE_TOO_MANY_ATTEMPTS and "réessaie dans" in error.message
    # Another session's candidates are not held up.
    error = refusal(exam.candidate_enter, candidate=other, access_code=other_session.access_code)
    assert error.code == ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION


def test_the_verification_code_is_drawn_again_when_taken(exam_session, monkeypatch):
    first_candidate, first = started(exam_session)
    codes = iter([first.verification_code, "P-BCDFGHJK"])
    monkeypatch.setattr(exam, "draw_verification_code", lambda: next(codes))
    _candidate, second = started(exam_session)
    assert second.verification_code == "P-BCDFGHJK"


def test_too_many_taken_verification_codes_refuse_the_start_in_words(exam_session, monkeypatch):
    _candidate, first = started(exam_session)
    monkeypatch.setattr(exam, "draw_verification_code", lambda: first.verification_code)
    candidate = joined(exam_session)
    invigilation.candidate_authorize(candidate=candidate)
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code)
    assert error.code == ErrorCode.VERIFICATION_CODE_GENERATION_TOO_MANY_TRIALS
    assert "réessaie dans un instant" in error.message


# --- the pages ---------------------------------------------------------------------------------

def test_the_journey_through_the_pages_from_joining_to_the_first_question(client, exam_session):
    candidate = enrolled(exam_session, first_name="Lou", last_name="Durand")
    user = UserFactory()
    client.force_login(user)
    assert client.get(reverse("certification:home")).url == reverse("certification:join")
    page = client.post(reverse("certification:join"), {
        "session_number": exam_session.pk, "first_name": "lou", "last_name": "durand",
        "birthdate": "2009-05-17"})
    assert page.url == reverse("certification:instructions", args=[candidate.pk])
    for step in range(1, 6):
        assert f"Étape {step} sur 5" in text(client.get(page.url, {"etape": step}))
    refused = client.post(page.url, {})
    assert refused.status_code == 422 and "Coche la case" in text(refused)
    entry = client.post(page.url, {"confirmed": "on"})
    assert entry.url == reverse("certification:enter", args=[candidate.pk])
    waiting = client.post(entry.url, {"access_code": exam_session.access_code})
    assert waiting.status_code == 422 and "attends son autorisation" in text(waiting)
    invigilation.candidate_authorize(candidate=candidate)
    test_page = client.post(entry.url, {"access_code": exam_session.access_code.lower()})
    course = CertificationCourse.objects.get()
    assert test_page.url == reverse("learners:assessment", args=[course.assessment_id])
    assert "Question 1 / 32" in text(client.get(test_page.url))


def test_a_bad_join_form_answers_422_with_its_french_messages(client, exam_session):
    client.force_login(UserFactory())
    page = client.post(reverse("certification:join"), {"session_number": "", "birthdate": "31/02/2009"})
    shown = text(page)
    assert page.status_code == 422
    assert "Indique le numéro de la session." in shown and "JJ/MM/AAAA" in shown
    page = client.post(reverse("certification:join"), {
        "session_number": exam_session.pk, "first_name": "Personne", "last_name": "Inconnu",
        "birthdate": "17/05/2009"})
    assert page.status_code == 422 and "Aucun candidat de cette session" in text(page)


def test_another_users_candidacy_and_test_pages_answer_404(client, exam_session):
    candidate, course = started(exam_session)
    client.force_login(UserFactory(first_name="Intrus"))
    for url in (reverse("certification:instructions", args=[candidate.pk]),
                reverse("certification:enter", args=[candidate.pk]),
                reverse("certification:end", args=[course.pk]),
                reverse("learners:assessment", args=[course.assessment_id])):
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("certification:alert", args=[course.pk])).status_code == 404
    assert client.post(reverse("certification:presence", args=[course.pk])).status_code == 404


def test_the_end_screen_follows_the_last_answer(client, exam_session):
    candidate, course = started(exam_session)
    client.force_login(candidate.user)
    for _ in range(32):
        answer_current(course)
    page = client.get(reverse("learners:assessment", args=[course.assessment_id]), follow=True)
    assert "Ton test de certification est terminé" in text(page)
    assert "Montre cet écran au surveillant" in text(page)


def test_the_same_browser_coming_back_later_also_needs_a_new_authorisation(exam_session):
    candidate, course = started(exam_session)
    CertificationCourse.objects.filter(pk=course.pk).update(entered_at=course.entered_at - timedelta(minutes=1))
    error = refusal(exam.candidate_enter, candidate=candidate, access_code=exam_session.access_code,
                    session_key="navigateur-1")
    assert error.code == ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST


# The access-code page (the session with its user, the candidate with its session, the course) and the
# entry (those, then the locked session and candidate, the course, the version in force, the two
# inserts with the savepoint of the course's, the two updates) cost this many queries here, inside
# the test's transaction (its atomic blocks are savepoints). The 200 entries of an exam come in the
# same second: a change that adds one must update these on purpose.
QUERIES_OF_THE_ACCESS_CODE_PAGE = 3
QUERIES_OF_AN_ENTRY = 14


def test_the_access_code_page_and_the_entry_cost_a_fixed_number_of_queries(client, exam_session):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    candidate = joined(exam_session)
    invigilation.candidate_authorize(candidate=candidate)
    client.force_login(candidate.user)
    url = reverse("certification:enter", args=[candidate.pk])
    with CaptureQueriesContext(connection) as page:
        assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as entry:
        assert client.post(url, {"access_code": exam_session.access_code}).status_code == 302
    assert (len(page), len(entry)) == (QUERIES_OF_THE_ACCESS_CODE_PAGE, QUERIES_OF_AN_ENTRY), "\n".join(
        q["sql"] for q in page.captured_queries + entry.captured_queries)
    assert CertificationCourse.objects.get().candidate_id == candidate.pk
