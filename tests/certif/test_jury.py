"""The staff jury: decisions with a required comment, recorded with who and when, each followed by
a rescore; the admin's pages for a course and the jury's lists of sessions."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from certif.errors import CertifError
from certif.jury_comments import AutoJuryComment
from certif.models import (
    AbortReason,
    CertificationIssueReport,
    IssueReportCategory,
    IssueReportSubcategory,
    JuryAction,
    JuryActionType,
    ResultStatus,
)
from certif.services import jury, scoring
from tests.certif.factories import CourseFactory
from tests.certif.scoring import (
    finalized_session,
    finished_course,
    pattern,
)
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def juror(db):
    return UserFactory(first_name="Jeanne", last_name="Juré", is_staff=True, is_superuser=True)


@pytest.fixture
def staff_client(juror):
    client = Client()
    client.force_login(juror)
    return client


@pytest.fixture
def scored_course(calibration):
    course = finished_course(calibration, pattern(32, right_every=3))
    scoring.score_course(course)
    return course


def test_a_cancellation_with_a_comment_cancels_the_result_and_says_who_and_why(scored_course, juror):
    scored = jury.course_cancel(course=scored_course, author=juror, comment="Candidat remplacé")
    assert scored.result.status == ResultStatus.CANCELLED
    assert scored.result.auto_jury_comment == AutoJuryComment.CANCELLED_BY_JURY
    assert scored.result.juror == juror
    action = JuryAction.objects.get(course=scored_course)
    assert (action.action, action.author, action.comment) == (
        JuryActionType.CANCEL, juror, "Candidat remplacé")
    assert action.created_at is not None
    scored_course.session.refresh_from_db()
    assert scored_course.session.assigned_certification_officer == juror


def test_a_decision_without_a_comment_is_refused_and_changes_nothing(scored_course, juror):
    with pytest.raises(CertifError) as refused:
        jury.course_cancel(course=scored_course, author=juror, comment="   ")
    assert "Indiquez un commentaire" in refused.value.message
    scored_course.refresh_from_db()
    assert not scored_course.is_cancelled and not JuryAction.objects.exists()
    assert scored_course.results.count() == 1


def test_an_uncancellation_gives_the_scored_result_back(scored_course, juror):
    validated = scored_course.results.latest()
    jury.course_cancel(course=scored_course, author=juror, comment="Erreur d'identité")
    back = jury.course_uncancel(course=scored_course, author=juror, comment="Identité vérifiée").result
    assert back.status == ResultStatus.VALIDATED and back.pix_score == validated.pix_score
    assert scored_course.results.count() == 3


def test_a_rejection_for_fraud_and_its_lifting(scored_course, juror):
    rejected = jury.course_reject_for_fraud(course=scored_course, author=juror,
                                            comment="Téléphone utilisé").result
    assert (rejected.status, rejected.auto_jury_comment, rejected.pix_score) == (
        ResultStatus.REJECTED, AutoJuryComment.FRAUD, None)
    lifted = jury.course_unreject(course=scored_course, author=juror, comment="Doute levé").result
    assert lifted.status == ResultStatus.VALIDATED
    assert list(JuryAction.objects.values_list("action", flat=True)) == [
        JuryActionType.UNREJECT, JuryActionType.REJECT_FOR_FRAUD]


def test_the_same_decision_twice_is_refused(scored_course, juror):
    jury.course_cancel(course=scored_course, author=juror, comment="Annulée")
    with pytest.raises(CertifError) as refused:
        jury.course_cancel(course=scored_course, author=juror, comment="Encore")
    assert "déjà dans cet état" in refused.value.message


def test_a_rescore_is_recorded_even_when_the_result_does_not_change(scored_course, juror):
    scored = jury.course_rescore(course=scored_course, author=juror, comment="Contrôle")
    assert not scored.created
    assert JuryAction.objects.get().action == JuryActionType.RESCORE


def test_an_issue_report_resolved_by_hand_keeps_its_resolution(scored_course, juror):
    report = CertificationIssueReport.objects.create(
        course=scored_course, category=IssueReportCategory.IN_CHALLENGE,
        subcategory=IssueReportSubcategory.IMAGE_NOT_DISPLAYING, question_number=4)
    jury.issue_report_resolve(report=report, author=juror, comment="Image vérifiée, sans effet")
    report.refresh_from_db()
    assert report.resolved_at is not None and report.resolution == "Image vérifiée, sans effet"
    assert not report.has_been_automatically_resolved
    with pytest.raises(CertifError) as refused:
        jury.issue_report_resolve(report=report, author=juror, comment="Encore")
    assert refused.value.message == "Ce signalement est déjà résolu."


def test_a_published_session_is_not_judged_again(scored_course, juror):
    scored_course.session.published_at = timezone.now()
    scored_course.session.save()
    with pytest.raises(CertifError) as refused:
        jury.course_cancel(course=scored_course, author=juror, comment="Trop tard")
    assert "déjà publiés" in refused.value.message
    assert not JuryAction.objects.exists()


# --- the admin -------------------------------------------------------------------------------


def test_the_jury_reads_a_course_with_its_answers_results_and_decisions(staff_client, scored_course):
    CertificationIssueReport.objects.create(course=scored_course, category=IssueReportCategory.FRAUD)
    response = staff_client.get(reverse("admin:certif_certificationcourse_change", args=[scored_course.pk]))
    text = response.content.decode()
    assert response.status_code == 200
    assert "Réponses, dans l&#x27;ordre" in text or "réponses, dans l" in text.lower()
    assert text.count("<tr><td>") >= 32
    assert "Suspicion de fraude" in text and "Résoudre" in text
    assert "Annuler la certification" in text and "Rejeter pour fraude" in text


def test_the_jury_cancels_a_course_from_the_admin_with_a_comment(staff_client, scored_course):
    url = reverse("admin:certif_certificationcourse_decide", args=[scored_course.pk, "annuler"])
    assert staff_client.get(url).status_code == 200
    refused = staff_client.post(url, {"comment": ""})
    assert refused.status_code == 400 and "Indiquez un commentaire" in refused.content.decode()
    response = staff_client.post(url, {"comment": "Candidat absent de la feuille d'émargement"})
    assert response.status_code == 302
    scored_course.refresh_from_db()
    assert scored_course.is_cancelled
    assert scored_course.results.latest().status == ResultStatus.CANCELLED


def test_a_refused_decision_in_the_admin_says_why(staff_client, scored_course):
    url = reverse("admin:certif_certificationcourse_decide", args=[scored_course.pk, "desannuler"])
    response = staff_client.post(url, {"comment": "Rien à désannuler"})
    assert response.status_code == 400 and "déjà dans cet état" in response.content.decode()


def test_the_jury_resolves_an_issue_report_from_the_admin(staff_client, scored_course):
    report = CertificationIssueReport.objects.create(
        course=scored_course, category=IssueReportCategory.IN_CHALLENGE,
        subcategory=IssueReportSubcategory.WEBSITE_BLOCKED, question_number=3)
    url = reverse("admin:certif_certificationcourse_resolve", args=[scored_course.pk, report.pk])
    assert staff_client.post(url, {"comment": "Site accessible ensuite"}).status_code == 302
    report.refresh_from_db()
    assert report.resolution == "Site accessible ensuite"


def test_someone_who_is_not_staff_cannot_reach_the_jury_pages(scored_course):
    client = Client()
    client.force_login(UserFactory())
    url = reverse("admin:certif_certificationcourse_decide", args=[scored_course.pk, "annuler"])
    response = client.post(url, {"comment": "Intrusion"})
    assert response.status_code == 302 and "/login/" in response["Location"]
    scored_course.refresh_from_db()
    assert not scored_course.is_cancelled


def test_the_jury_lists_tell_the_sessions_to_publish_from_those_needing_action(staff_client, calibration):
    ready = finalized_session(room="Salle prête")
    scoring.score_course(finished_course(calibration, pattern(32), session=ready))
    reported = finalized_session(room="Salle signalée")
    course = finished_course(calibration, pattern(32), session=reported)
    scoring.score_course(course)
    CertificationIssueReport.objects.create(course=course, category=IssueReportCategory.IN_CHALLENGE,
                                            subcategory=IssueReportSubcategory.EMBED_NOT_WORKING,
                                            question_number=2)
    unscored = finalized_session(room="Salle sans résultat")
    CourseFactory(candidate__session=unscored, abort_reason=AbortReason.TECHNICAL)
    base = reverse("admin:certif_certificationsession_changelist")
    to_publish = staff_client.get(base, {"jury": "a-publier"}).content.decode()
    needing = staff_client.get(base, {"jury": "action-requise"}).content.decode()
    assert "Salle prête" in to_publish and "Salle signalée" not in to_publish
    assert "Salle sans résultat" not in to_publish
    assert "Salle signalée" in needing and "Salle sans résultat" in needing
    assert "Salle prête" not in needing
