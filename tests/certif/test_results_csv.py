"""The centre's CSV of a session's results: only once published, the domain's columns and values,
streamed and formula-safe; a member of another centre gets 404."""

import csv
import io
from datetime import date, time

import pytest
from django.urls import reverse
from django.utils import timezone

from adaptive.framework import COMPETENCE_CODES
from certif.jury_comments import AutoJuryComment
from certif.models import CertificationResult, CompetenceMark, ResultStatus
from tests.certif.factories import CourseFactory, SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(center):
    session = SessionFactory(center=center, date=date(2026, 11, 5), time=time(9, 30),
                             finalized_at=timezone.now(), published_at=timezone.now())
    return session


def course_with(session, status, *, score=None, mesh=None, level=None, comment="", **identity):
    course = CourseFactory(candidate__session=session, is_published=True,
                           **{f"candidate__{k}": v for k, v in identity.items()})
    result = CertificationResult.objects.create(
        course=course, version=course.version, status=status, pix_score=score,
        reached_mesh_index=mesh, auto_jury_comment=comment)
    if level is not None:
        CompetenceMark.objects.bulk_create(
            CompetenceMark(result=result, competence_code=code, level=level) for code in COMPETENCE_CODES)
    return course


def rows_of(response):
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_centre_downloads_the_results_of_a_published_session(admin_client, published):
    validated = course_with(published, ResultStatus.VALIDATED, score=469, mesh=4, level=5,
                            last_name="Arnaud", first_name="Léo")
    course_with(published, ResultStatus.REJECTED, score=None, last_name="Bernard",
                comment=AutoJuryComment.REJECTED_DUE_TO_LACK_OF_ANSWERS)
    course_with(published, ResultStatus.CANCELLED, last_name="Carré", comment=AutoJuryComment.CANCELLED_BY_JURY)
    response = admin_client.get(reverse("certif:session_results_csv", args=[published.pk]))
    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"].startswith("text/csv")
    assert f'filename="20261105_0930_resultats_session_{published.pk}.csv"' in response["Content-Disposition"]
    header, *rows = rows_of(response)
    assert header[:9] == ["Numéro de certification", "Prénom", "Nom", "Date de naissance",
                          "Lieu de naissance", "Identifiant externe", "Statut", "Niveau atteint",
                          "Nombre de Pix"]
    assert header[9:25] == list(COMPETENCE_CODES)
    assert header[25:] == ["Commentaire jury pour l'organisation", "Session", "Centre de certification",
                           "Date de passage de la certification"]
    arnaud, bernard, carre = rows
    assert arnaud[:9] == [str(validated.pk), "Léo", "Arnaud", "17/05/2009", "Paris 15e Arrondissement",
                          "", "Validée", "Indépendant 4", "469"]
    assert arnaud[9:25] == ["5"] * 16
    assert arnaud[26:28] == [str(published.pk), "Centre de formation Horizon"]
    assert arnaud[28] == timezone.localdate().strftime("%d/%m/%Y")
    assert bernard[6:9] == ["Rejetée", "Niveau insuffisant", "0"]
    assert bernard[9:25] == ["-"] * 16
    assert "pas répondu à assez de questions" in bernard[25]
    assert carre[6:9] == ["Annulée", "-", "-"] and carre[25] == "Certification annulée par le jury."


def test_a_name_that_looks_like_a_formula_is_neutralised(admin_client, published):
    course_with(published, ResultStatus.VALIDATED, score=200, mesh=2, level=2,
                first_name="=HYPERLINK(\"http://x\")")
    _header, row = rows_of(admin_client.get(reverse("certif:session_results_csv", args=[published.pk])))
    assert row[1] == "'=HYPERLINK(\"http://x\")"


def test_the_results_of_an_unpublished_session_are_not_given(admin_client, session):
    session.finalized_at = timezone.now()
    session.save()
    course_with(session, ResultStatus.VALIDATED, score=300, mesh=3, level=3)
    response = admin_client.get(reverse("certif:session_results_csv", args=[session.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse("certif:session", args=[session.pk])
    assert "ne sont pas encore publiés" in response.content.decode()
    assert "Résultats de la session (CSV)" not in response.content.decode()


def test_the_session_page_offers_the_results_once_published(admin_client, published):
    page = admin_client.get(reverse("certif:session", args=[published.pk])).content.decode()
    assert reverse("certif:session_results_csv", args=[published.pk]) in page


def test_a_member_of_another_centre_gets_404(outsider_client, published):
    course_with(published, ResultStatus.VALIDATED, score=300, mesh=3, level=3)
    response = outsider_client.get(reverse("certif:session_results_csv", args=[published.pk]))
    assert response.status_code == 404


def test_someone_logged_out_is_sent_to_log_in(client, published):
    response = client.get(reverse("certif:session_results_csv", args=[published.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
