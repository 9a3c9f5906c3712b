"""The invigilator's page: opened by the session number and its password, no account; the live
list with one status per candidate; authorising, ending a test, handling alerts; one session's
page never shows or touches another's candidates; wrong passwords limited per session."""

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certif.constants import INVIGILATOR_PASSWORD_ATTEMPTS
from certif.errors import CertifError, ErrorCode
from certif.models import CertificationCourse, LiveAlertStatus
from certif.services import exam, invigilation
from learners.models import Assessment
from tests.certif.exam_support import answer_current, enrolled, joined, started, text
from tests.certif.factories import SessionFactory

pytestmark = pytest.mark.django_db


def invigilator(session, client=None):
    client = client or Client()
    response = client.post(reverse("certif:invigilator_login"),
                           {"session_number": session.pk, "password": session.invigilator_password})
    assert response.status_code == 302, text(response)[:500]
    return client


def page(client, session):
    return client.get(reverse("certif:invigilation", args=[session.pk]))


def status_of(response, candidate):
    row = next(row for row in response.context["rows"] if row.candidate.pk == candidate.pk)
    return row.status.label


def test_the_session_number_and_password_open_the_page_without_an_account(exam_session):
    client = invigilator(exam_session)
    response = page(client, exam_session)
    assert response.status_code == 200
    assert f"Session {exam_session.pk}" in text(response)
    assert exam_session.access_code in text(response)


@pytest.mark.parametrize("typed", [{"password": "mauvais"}, {"session_number": "999999"},
                                   {"session_number": "abc"}])
def test_a_wrong_number_or_password_is_refused_in_words(exam_session, typed):
    data = {"session_number": exam_session.pk, "password": exam_session.invigilator_password, **typed}
    response = Client().post(reverse("certif:invigilator_login"), data)
    assert response.status_code == 422
    assert str(ErrorCode.INVIGILATOR_ACCESS_NOT_VALID.label) in text(response)


def test_a_finalised_session_has_no_invigilator_page_any_more(exam_session):
    client = invigilator(exam_session)
    type(exam_session).objects.filter(pk=exam_session.pk).update(finalized_at=timezone.now())
    polled = client.get(reverse("certif:invigilation", args=[exam_session.pk]), HTTP_HX_REQUEST="true")
    assert polled.headers["HX-Redirect"] == reverse("certif:invigilator_login")
    response = page(client, exam_session)
    assert response.status_code == 302
    followed = client.get(response.url)
    assert "espace surveillant n'est plus accessible" in text(followed)
    login = Client().post(reverse("certif:invigilator_login"),
                          {"session_number": exam_session.pk, "password": exam_session.invigilator_password})
    assert login.status_code == 422 and "Cette session est finalisée" in text(login)


def test_wrong_passwords_are_limited_per_session_and_never_per_address(exam_session):
    other = SessionFactory()
    for _ in range(INVIGILATOR_PASSWORD_ATTEMPTS):
        Client().post(reverse("certif:invigilator_login"), {"session_number": exam_session.pk, "password": "x"})
    blocked = Client().post(reverse("certif:invigilator_login"),
                            {"session_number": exam_session.pk, "password": exam_session.invigilator_password})
    assert blocked.status_code == 422 and "Trop de mots de passe erronés" in text(blocked)
    # Same address, another session: not held up.
    invigilator(other)


def test_a_password_opens_only_its_session_and_its_candidates(exam_session):
    other = SessionFactory()
    theirs, their_course = started(other)
    client = invigilator(exam_session)
    assert page(client, other).status_code == 404
    assert theirs.last_name not in text(page(client, exam_session))
    for url in (reverse("certif:invigilation_authorize", args=[exam_session.pk, theirs.pk]),
                reverse("certif:invigilation_end_test", args=[exam_session.pk, theirs.pk]),
                reverse("certif:invigilation_authorize", args=[other.pk, theirs.pk])):
        assert client.post(url).status_code == 404, url
    learner_next(their_course)
    alert = exam.live_alert_raise(course=their_course)
    for name in ("invigilation_dismiss_alert", "invigilation_validate_alert"):
        assert client.post(reverse(f"certif:{name}", args=[exam_session.pk, alert.pk]),
                           {"subcategory": "IMAGE_NOT_DISPLAYING"}).status_code == 404
    alert.refresh_from_db()
    assert alert.status == LiveAlertStatus.ONGOING
    assert Client().get(reverse("certif:invigilation", args=[exam_session.pk])).status_code == 404


def learner_next(course):
    from learners import services as learner_services

    return learner_services.assessment_next_challenge(assessment=Assessment.objects.get(pk=course.assessment_id))


def test_the_list_shows_each_candidate_with_one_status_as_the_day_goes(exam_session):
    client = invigilator(exam_session)
    absent = enrolled(exam_session, last_name="Absent")
    waiting = joined(exam_session, last_name="Attente")
    authorised = joined(exam_session, last_name="Autorise")
    invigilation.candidate_authorize(candidate=authorised)
    in_test, course = started(exam_session, last_name="Entest", extra_time_percentage=33)
    answer_current(course)
    lost, lost_course = started(exam_session, last_name="Perdu")
    CertificationCourse.objects.filter(pk=lost_course.pk).update(last_seen_at=timezone.now() - timedelta(minutes=2))
    alerting, alert_course = started(exam_session, last_name="Alerte")
    learner_next(alert_course)
    exam.live_alert_raise(course=alert_course)
    done, done_course = started(exam_session, last_name="Fini")
    for _ in range(32):
        answer_current(done_course)
    stopped, stopped_course = started(exam_session, last_name="Arrete")
    invigilation.certification_end(candidate=stopped)
    response = page(client, exam_session)
    assert {c.last_name: status_of(response, c) for c in
            (absent, waiting, authorised, in_test, lost, alerting, done, stopped)} == {
        "Absent": "Pas encore arrivé", "Attente": "Attend votre autorisation",
        "Autorise": "Autorisé : peut saisir le code d'accès", "Entest": "En test",
        "Perdu": "Connexion perdue depuis plus d'une minute", "Alerte": "Signalement à traiter",
        "Fini": "Test terminé", "Arrete": "Test arrêté par le surveillant"}
    shown = text(response)
    assert "Question 2 / 32" in shown and "temps majoré : 33 %" in shown
    assert "105 minutes restantes" in shown or "104 minutes restantes" in shown
    # The live part alone, for the page's polling.
    fragment = client.get(reverse("certif:invigilation", args=[exam_session.pk]), HTTP_HX_REQUEST="true")
    assert "<html" not in text(fragment) and 'hx-trigger="every 5s"' in text(fragment)


def test_authorising_lets_the_candidate_enter_once(exam_session):
    client = invigilator(exam_session)
    candidate = joined(exam_session)
    response = client.post(reverse("certif:invigilation_authorize", args=[exam_session.pk, candidate.pk]), follow=True)
    assert "peut maintenant saisir le code d'accès" in text(response)
    assert status_of(response, candidate) == "Autorisé : peut saisir le code d'accès"
    exam.candidate_enter(candidate=candidate, access_code=exam_session.access_code)
    assert status_of(page(client, exam_session), candidate) == "En test"


def test_a_candidate_not_arrived_or_finished_cannot_be_authorised(exam_session):
    absent = enrolled(exam_session)
    with pytest.raises(CertifError) as caught:
        invigilation.candidate_authorize(candidate=absent)
    assert caught.value.code == ErrorCode.CANDIDATE_NOT_ARRIVED and "pas encore rejoint" in caught.value.message
    stopped, _course = started(exam_session)
    invigilation.certification_end(candidate=stopped)
    with pytest.raises(CertifError) as caught:
        invigilation.candidate_authorize(candidate=stopped)
    assert caught.value.code == ErrorCode.CERTIFICATION_ALREADY_ENDED and "déjà terminé" in caught.value.message
    with pytest.raises(CertifError) as caught:
        invigilation.certification_end(candidate=stopped)
    assert caught.value.code == ErrorCode.CERTIFICATION_ALREADY_ENDED
    with pytest.raises(CertifError) as caught:
        invigilation.certification_end(candidate=joined(exam_session))
    assert caught.value.code == ErrorCode.CERTIFICATION_NOT_STARTED and "pas encore commencé" in caught.value.message


def test_ending_a_test_asks_for_confirmation_then_the_candidate_sees_the_end_screen(exam_session):
    client = invigilator(exam_session)
    candidate, course = started(exam_session)
    answer_current(course)
    url = reverse("certif:invigilation_end_test", args=[exam_session.pk, candidate.pk])
    confirmation = client.get(url)
    assert "Cette action est définitive" in text(confirmation)
    assert Assessment.objects.get(pk=course.assessment_id).is_started
    response = client.post(url, follow=True)
    assert status_of(response, candidate) == "Test arrêté par le surveillant"
    course.refresh_from_db()
    assert course.ended_at is not None
    student = Client()
    student.force_login(candidate.user)
    presence = student.post(reverse("certification:presence", args=[course.pk]))
    assert "Ton test est terminé." in text(presence) and "hx-trigger" not in text(presence)
    end = student.get(reverse("learners:assessment", args=[course.assessment_id]), follow=True)
    assert "Le surveillant a mis fin à ton test" in text(end)


def test_a_dismissed_alert_lets_the_candidate_go_on_with_the_same_question(exam_session):
    client = invigilator(exam_session)
    candidate, course = started(exam_session)
    current = learner_next(course)
    alert = exam.live_alert_raise(course=course)
    with pytest.raises(CertifError) as caught:
        exam.live_alert_raise(course=course)
    assert caught.value.code == ErrorCode.LIVE_ALERT_ALREADY_ONGOING and "déjà signalé" in caught.value.message
    response = client.post(reverse("certif:invigilation_dismiss_alert", args=[exam_session.pk, alert.pk]), follow=True)
    assert "Signalement refusé" in text(response)
    assert status_of(response, candidate) == "En test"
    assert learner_next(course).pk == current.pk
    student = Client()
    student.force_login(candidate.user)
    presence = student.post(reverse("certification:presence", args=[course.pk]))
    assert "n'a pas retenu ton signalement" in text(presence)
    again = client.post(reverse("certif:invigilation_dismiss_alert", args=[exam_session.pk, alert.pk]), follow=True)
    assert "Ce signalement a déjà été traité." in text(again)


def test_a_validated_alert_needs_a_subcategory_and_gives_another_question(exam_session):
    client = invigilator(exam_session)
    candidate, course = started(exam_session)
    current = learner_next(course)
    alert = exam.live_alert_raise(course=course)
    url = reverse("certif:invigilation_validate_alert", args=[exam_session.pk, alert.pk])
    for bad in ("", "LINK_NOT_WORKING", "OTHER", "NAME_OR_BIRTHDATE"):
        refused = client.post(url, {"subcategory": bad}, follow=True)
        assert "Choisissez dans la liste la nature du problème constaté." in text(refused), bad
    alert.refresh_from_db()
    assert alert.status == LiveAlertStatus.ONGOING
    response = client.post(url, {"subcategory": "EMBED_NOT_WORKING"}, follow=True)
    assert "reçoit une autre question" in text(response)
    assert status_of(response, candidate) == "En test"
    assert learner_next(course).skill_id != current.skill_id
    report = course.issue_reports.get()
    assert (report.category, report.subcategory) == ("IN_CHALLENGE", "EMBED_NOT_WORKING")


def test_the_candidates_page_reports_its_presence_and_the_alert_state(exam_session):
    candidate, course = started(exam_session)
    learner_next(course)
    CertificationCourse.objects.filter(pk=course.pk).update(last_seen_at=timezone.now() - timedelta(minutes=5))
    student = Client()
    student.force_login(candidate.user)
    raised = student.post(reverse("certification:alert", args=[course.pk]), follow=True)
    assert "Ton signalement est transmis au surveillant" in text(raised)
    presence = student.post(reverse("certification:presence", args=[course.pk]))
    assert "attend le surveillant" in text(presence)
    course.refresh_from_db()
    assert timezone.now() - course.last_seen_at < timedelta(seconds=5)
    alert = course.live_alerts.get()
    invigilation.live_alert_validate(alert=alert, subcategory="IMAGE_NOT_DISPLAYING")
    presence = student.post(reverse("certification:presence", args=[course.pk]))
    assert "Le surveillant a validé ton signalement" in text(presence)


def test_an_alert_without_a_current_question_is_refused(exam_session):
    _candidate, course = started(exam_session)
    with pytest.raises(CertifError) as caught:
        exam.live_alert_raise(course=course)
    assert caught.value.code == ErrorCode.LIVE_ALERT_NO_CURRENT_QUESTION
    assert "pas de question en cours" in caught.value.message
