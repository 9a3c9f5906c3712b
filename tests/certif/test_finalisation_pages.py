"""The finalisation page of a session, for a member of its centre: one row per candidate who
started, the issue reports added per candidate (without JavaScript), every problem at the top and
beside its field with nothing typed lost, the confirmation, and a second submit refused in words.
A member of another centre gets a 404."""

from unittest import mock

import pytest
from django.urls import reverse

from certif import tasks
from certif.errors import ErrorCode
from certif.models import AbortReason, CertificationIssueReport, CertificationSession
from certif.services import invigilation
from learners import services as learner_services
from tests.certif.exam_support import answer_current, enrolled, started, text
from tests.certif.factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def enqueued():
    with mock.patch.object(tasks.score_session, "delay") as delay:
        yield delay


@pytest.fixture
def room(version, center):
    """The centre's session after the exam: Alice finished, Basile ended by the invigilator,
    Chloé enrolled but never came."""
    session = SessionFactory(center=center)
    _alice_candidate, alice = started(session, first_name="Alice", last_name="Bernard")
    learner_services.assessment_end(assessment=alice.assessment)
    basile_candidate, basile = started(session, first_name="Basile", last_name="Chevalier")
    answer_current(basile)
    invigilation.certification_end(candidate=basile_candidate)
    enrolled(session, first_name="Chloé", last_name="Dumas")
    return session, alice, basile


def url(session):
    return reverse("certif:finalise_session", args=[session.pk])


def form_data(alice, basile, reports=None, **overrides):
    """What the page posts: both candidates' rows, their report formsets, the session's fields."""
    reports = reports or {}
    data = {
        f"course-{alice.pk}-has_seen_end_test_screen": "on",
        f"course-{alice.pk}-examiner_comment": "",
        f"course-{basile.pk}-abort_reason": AbortReason.CANDIDATE,
        f"course-{basile.pk}-examiner_comment": "Parti avant la fin.",
        "examiner_global_comment": "", "confirmed": "on",
    }
    for course in (alice, basile):
        rows = reports.get(course.pk, [])
        data[f"reports-{course.pk}-TOTAL_FORMS"] = str(len(rows))
        data[f"reports-{course.pk}-INITIAL_FORMS"] = "0"
        for index, row in enumerate(rows):
            data.update({f"reports-{course.pk}-{index}-{key}": value for key, value in row.items()})
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_session_page_links_to_the_finalisation_once_a_test_has_started(admin_client, room, center):
    session, _alice, _basile = room
    assert "Finaliser la session" in text(admin_client.get(reverse("certif:session", args=[session.pk])))
    unstarted = SessionFactory(center=center)
    page = text(admin_client.get(reverse("certif:session", args=[unstarted.pk])))
    assert "Finaliser la session" not in page


def test_the_page_shows_a_row_per_candidate_who_started(admin_client, room):
    session, alice, basile = room
    response = admin_client.get(url(session))
    assert response.status_code == 200
    page = text(response)
    assert "Alice Bernard" in page and "Basile Chevalier" in page and "Chloé Dumas" not in page
    assert "Test terminé" in page and "Test non terminé (arrêté par le surveillant)" in page
    assert f'name="course-{basile.pk}-abort_reason"' in page
    assert f'name="course-{alice.pk}-abort_reason"' not in page  # a finished test has no reason
    assert f'name="course-{alice.pk}-has_seen_end_test_screen"' in page
    assert 'name="add_report"' in page and "Je confirme avoir vérifié ces informations" in page
    assert f'name="reports-{alice.pk}-TOTAL_FORMS" value="0"' in page  # rows come with "add"


def test_an_outsider_gets_a_404(outsider_client, room):
    session, alice, basile = room
    assert outsider_client.get(url(session)).status_code == 404
    assert outsider_client.post(url(session), form_data(alice, basile)).status_code == 404
    assert not CertificationSession.objects.get(pk=session.pk).is_finalized


def test_a_session_without_a_started_test_has_a_message_and_no_form(admin_client, session, version):
    enrolled(session)
    page = text(admin_client.get(url(session)))
    assert str(ErrorCode.SESSION_WITHOUT_STARTED_CERTIFICATION.label) in page
    assert 'id="finalisation"' not in page


def test_problems_are_shown_at_the_top_and_beside_their_field_and_nothing_typed_is_lost(admin_client, room):
    session, alice, basile = room
    data = form_data(alice, basile, reports={alice.pk: [
        {"category": "SIGNATURE_ISSUE", "description": "", "question_number": ""},
        {"category": "IN_CHALLENGE", "subcategory": "FILE_NOT_OPENING", "description": "Le PDF",
         "question_number": "600"},
    ]}, **{f"course-{basile.pk}-abort_reason": "", f"course-{alice.pk}-examiner_comment": "Très calme",
           "examiner_global_comment": "Coupure de courant à 10 h", "has_incident": "on"})
    response = admin_client.post(url(session), data)
    assert response.status_code == 422
    page = text(response)
    missing = ("Chaque test non terminé doit avoir sa raison d'abandon : indiquez-la pour Basile "
               "Chevalier.")
    assert "La session n'est pas finalisée : corrigez les points suivants." in page
    assert f'<a href="#id_course-{basile.pk}-abort_reason">{missing}</a>' in page
    assert f'id="id_course-{basile.pk}-abort_reason-erreur">{missing}</p>' in page
    assert f'aria-describedby=" id_course-{basile.pk}-abort_reason-erreur"' in page
    signature = "Signalement pour Alice Bernard : décrivez ce qui s'est passé."
    assert f'<a href="#id_reports-{alice.pk}-0-description">{signature}</a>' in page
    number = "Signalement pour Alice Bernard : le numéro de la question est un nombre entier de 1 à 500."
    assert f'id="id_reports-{alice.pk}-1-question_number-erreur">{number}</p>' in page
    # What was typed is there again.
    assert ">Très calme</textarea>" in page and ">Coupure de courant à 10 h</textarea>" in page
    assert ">Le PDF</textarea>" in page and 'value="600"' in page
    assert '<option value="FILE_NOT_OPENING" selected>' in page
    assert f'name="course-{alice.pk}-has_seen_end_test_screen" id="id_course-{alice.pk}-has_seen_end_test_screen" checked' in page
    assert 'name="has_incident" id="id_has_incident" checked' in page
    assert not CertificationSession.objects.get(pk=session.pk).is_finalized
    assert not CertificationIssueReport.objects.filter(course__session=session).exists()


def test_the_confirmation_box_must_be_ticked(admin_client, room, enqueued):
    session, alice, basile = room
    response = admin_client.post(url(session), form_data(alice, basile, confirmed=None))
    assert response.status_code == 422
    message = str(ErrorCode.FINALISATION_NOT_CONFIRMED.label)
    assert message == ("Cochez la case de confirmation : une fois finalisée, la session ne pourra "
                       "plus être modifiée.")
    assert f'<a href="#id_confirmed">{message}</a>' in text(response)
    assert not CertificationSession.objects.get(pk=session.pk).is_finalized


def test_a_missing_confirmation_is_shown_with_every_other_problem_at_once(admin_client, room, enqueued):
    session, alice, basile = room
    response = admin_client.post(url(session), form_data(
        alice, basile, confirmed=None, **{f"course-{basile.pk}-abort_reason": ""}))
    assert response.status_code == 422
    page = text(response)
    assert f'<a href="#id_course-{basile.pk}-abort_reason">' in page
    assert f'<a href="#id_confirmed">{ErrorCode.FINALISATION_NOT_CONFIRMED.label}</a>' in page
    assert not CertificationSession.objects.get(pk=session.pk).is_finalized
    enqueued.assert_not_called()


def test_adding_a_report_row_without_javascript_keeps_what_was_typed(admin_client, room):
    session, alice, basile = room
    data = form_data(alice, basile, reports={basile.pk: [{"category": "FRAUD", "description": "Téléphone"}]},
                     add_report=str(basile.pk), **{f"course-{basile.pk}-examiner_comment": "À revoir"})
    response = admin_client.post(url(session), data)
    assert response.status_code == 200
    page = text(response)
    assert f'name="reports-{basile.pk}-TOTAL_FORMS" value="2"' in page
    assert f'id="id_reports-{basile.pk}-1-category" autofocus' in page
    assert ">Téléphone</textarea>" in page and ">À revoir</textarea>" in page
    assert '<optgroup label="Problème sur une question">' in page
    assert "ancienne catégorie" not in page and "ancienne sous-catégorie" not in page
    assert "corrigez les points suivants" not in page
    assert not CertificationSession.objects.get(pk=session.pk).is_finalized
    # A forged course id adds nothing.
    forged = admin_client.post(url(session), form_data(alice, basile, add_report="999999"))
    assert forged.status_code == 200 and "autofocus" not in text(forged)


def test_a_finalisation_goes_to_the_session_page_which_shows_it_read_only(
        admin_client, admin, room, enqueued, django_capture_on_commit_callbacks):
    session, alice, basile = room
    data = form_data(alice, basile, reports={
        alice.pk: [{"category": "CANDIDATE_INFORMATIONS_CHANGES", "subcategory": "NAME_OR_BIRTHDATE",
                    "description": "Prénom : Alicia"},
                   {"category": "FRAUD", "DELETE": "on"}, {}],
    }, examiner_global_comment="Session sans histoire.", has_joining_issue="on")
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(url(session), data)
    assert response.status_code == 302 and response.url == reverse("certif:session", args=[session.pk])
    enqueued.assert_called_once_with(session.pk)
    session.refresh_from_db()
    assert session.is_finalized and session.has_joining_issue and not session.has_incident
    assert session.finalized_by == admin  # who finalised is kept, and shown below
    reports = list(CertificationIssueReport.objects.filter(course__session=session)
                   .values_list("category", "description"))
    assert reports == [("CANDIDATE_INFORMATIONS_CHANGES", "Prénom : Alicia")]  # the removed and blank rows left out
    page = text(admin_client.get(response.url))
    assert f"La session {session.number} est finalisée." in page
    assert "Finalisée" in page and "Session sans histoire." in page
    assert f"par {admin.get_full_name() or admin.username}" in page
    assert "Modification des informations du candidat : Nom, prénom ou date de naissance" in page
    assert "Abandon du candidat" in page and "Parti avant la fin." in page
    assert "Finaliser la session" not in page and "Inscrire un candidat" not in page


def test_a_second_submit_is_refused_in_words(admin_client, room, enqueued):
    session, alice, basile = room
    assert admin_client.post(url(session), form_data(alice, basile)).status_code == 302
    again = admin_client.post(url(session), form_data(alice, basile))
    assert again.status_code == 409
    page = text(again)
    assert "Cette session est déjà finalisée : elle ne peut plus être modifiée." in page
    assert 'id="finalisation"' not in page
    assert "Cette session est déjà finalisée" in text(admin_client.get(url(session)))
