"""The certificate's read model: what a published, validated course shows, and what stays hidden."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certif import certificates
from certif.certificates import CertificateStatus
from certif.models import ResultStatus
from tests.certif.factories import CourseFactory, SessionFactory
from tests.certif.results import publish, published_course, write_result

pytestmark = pytest.mark.django_db


def test_a_validated_published_course_gives_a_certificate_with_score_band_level_and_identity(learning_referentiel):
    course = published_course(capacity=2.0, candidate__first_name="Lou", candidate__last_name="Durand")

    certificate = certificates.user_certificate(course.user, course.pk)

    assert certificate.full_name == "Lou DURAND"
    assert certificate.pix_score == 469
    assert certificate.max_score == 895
    assert certificate.score_low < 469 < certificate.score_high
    assert certificate.level.label == "Indépendant 4"
    assert certificate.birthplace == "Paris 15e Arrondissement"
    assert certificate.center_name == course.session.center.name
    assert certificate.delivered_at == timezone.localdate()
    assert certificate.verification_code == course.verification_code


def test_the_certificate_lists_the_16_competences_by_area_with_the_referentiel_names(learning_referentiel):
    course = published_course(capacity=2.0)

    certificate = certificates.user_certificate(course.user, course.pk)

    assert [area.code for area in certificate.areas] == ["1", "2", "3", "4", "5"]
    levels = [c for area in certificate.areas for c in area.competences]
    assert len(levels) == 16
    assert {c.level for c in levels} == {5}
    first = certificate.areas[0].competences[0]
    assert first.code == "1.1" and first.name == learning_referentiel.name


def test_pre_initie_is_no_level_and_hides_the_competences():
    course = published_course(capacity=-2.0)

    certificate = certificates.user_certificate(course.user, course.pk)

    assert certificate.pix_score == 52
    assert certificate.level is None
    assert not certificate.has_competences


def test_the_latest_result_of_a_course_counts():
    course = published_course(capacity=2.0)
    write_result(course, capacity=-1.0, status=ResultStatus.CANCELLED)

    [summary] = certificates.user_certifications(course.user)

    assert summary.status == CertificateStatus.CANCELLED
    assert certificates.user_certificate(course.user, course.pk) is None


def test_an_unpublished_result_is_waiting_and_gives_no_certificate():
    course = CourseFactory(candidate__session=SessionFactory())
    write_result(course, capacity=2.0)

    [summary] = certificates.user_certifications(course.user)

    assert summary.status == CertificateStatus.WAITING
    assert certificates.user_certificate(course.user, course.pk) is None
    assert certificates.certificate_by_code(course.verification_code) is None


def test_a_published_session_whose_course_is_not_published_stays_waiting():
    course = CourseFactory(candidate__session=SessionFactory())
    write_result(course, capacity=2.0)
    course.session.published_at = timezone.now()
    course.session.save()

    assert certificates.user_certifications(course.user)[0].status == CertificateStatus.WAITING


def test_rejected_and_cancelled_courses_are_listed_with_their_status_and_no_certificate():
    rejected = published_course(capacity=-5.0, status=ResultStatus.REJECTED)
    cancelled = published_course(status=ResultStatus.CANCELLED, user=rejected.user,
                                 candidate__user=rejected.user)

    statuses = {s.course_id: s.status for s in certificates.user_certifications(rejected.user)}

    assert statuses == {rejected.pk: CertificateStatus.REJECTED, cancelled.pk: CertificateStatus.CANCELLED}
    assert certificates.user_certificate(rejected.user, rejected.pk) is None


def test_a_student_never_gets_another_students_certificate():
    course = published_course()
    other = published_course()

    assert certificates.user_certificate(course.user, other.pk) is None


def test_a_code_is_found_typed_in_lower_case_with_spaces():
    course = published_course()

    found = certificates.certificate_by_code(f"  {course.verification_code.lower()} ")

    assert found.course_id == course.pk


@pytest.mark.parametrize("code", ["", "P-", "P-ABC", "X-2346789B", "P-22222222", "P-2346789A",
                                  "P-2346789BC", "P-ÉÉÉÉÉÉÉÉ"])
def test_a_malformed_code_finds_nothing(code):
    assert certificates.normalize_code(code) is None
    assert certificates.certificate_by_code(code) is None


def test_summaries_are_listed_newest_session_first():
    older = published_course(session=SessionFactory(date=timezone.localdate() - timedelta(days=400)))
    newer = published_course(user=older.user, candidate__user=older.user)

    assert [s.course_id for s in certificates.user_certifications(older.user)] == [newer.pk, older.pk]


def test_the_class_query_counts_stay_flat_with_more_certificates(django_assert_max_num_queries):
    session = SessionFactory(date=timezone.localdate())
    for _ in range(5):
        write_result(CourseFactory(candidate__session=session), capacity=1.5)
    publish(session)

    with django_assert_max_num_queries(6):
        found = certificates.certificates_of(session.courses.all())

    assert len(found) == 5
