"""The student's "Mes certifications", their certificate page and its PDF."""

import io
import re

import pytest
import segno
from django.urls import reverse
from pypdf import PdfReader

from certif.certificates import certificates_of
from certif.documents.certificate import certificates_pdf, qr_svg
from certif.models import CertificationCourse, ResultStatus
from tests.certif.factories import CourseFactory, SessionFactory
from tests.certif.pdf_reading import pdf_text, qr_codes, without_spaces
from tests.certif.results import published_course, write_result
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

MINE = reverse("certificates:mine")


@pytest.fixture
def course():
    return published_course(capacity=2.0, candidate__first_name="Lou", candidate__last_name="Durand")


@pytest.fixture
def owner_client(client, course):
    client.force_login(course.user)
    return client


def test_mes_certifications_asks_to_sign_in(client):
    response = client.get(MINE)

    assert response.status_code == 302
    assert "/comptes/" in response["Location"]


def test_mes_certifications_lists_each_course_with_its_status(owner_client, course):
    waiting = CourseFactory(user=course.user, candidate__user=course.user,
                            candidate__session=SessionFactory())
    write_result(waiting, capacity=3.0)
    published_course(status=ResultStatus.REJECTED, capacity=-5, user=course.user,
                     candidate__user=course.user)
    published_course(status=ResultStatus.CANCELLED, user=course.user, candidate__user=course.user)

    page = owner_client.get(MINE).content.decode()

    for label in ("Validée", "Rejetée", "Annulée", "En attente des résultats"):
        assert label in page
    assert reverse("certificates:certificate", args=[course.pk]) in page
    assert reverse("certificates:certificate", args=[waiting.pk]) not in page


def test_the_learner_menu_links_to_mes_certifications(owner_client):
    page = owner_client.get(reverse("learners:profile")).content.decode()

    assert MINE in page


def test_an_unpublished_result_is_never_shown(client):
    course = CourseFactory(candidate__session=SessionFactory())
    write_result(course, capacity=3.0)
    client.force_login(course.user)

    page = client.get(MINE).content.decode()

    assert "En attente des résultats" in page
    assert str(course.version) not in page
    assert client.get(reverse("certificates:certificate", args=[course.pk])).status_code == 404
    assert client.get(reverse("certificates:certificate_pdf", args=[course.pk])).status_code == 404


def test_the_certificate_page_shows_score_band_level_and_a_shareable_link(owner_client, course):
    page = owner_client.get(reverse("certificates:certificate", args=[course.pk])).content.decode()

    assert "Lou DURAND" in page
    assert "469" in page and "895" in page
    assert "Indépendant 4" in page
    assert f"http://testserver/verification/{course.verification_code}/" in page


def test_another_student_gets_404_on_the_certificate_and_its_pdf(client, course):
    client.force_login(UserFactory(first_name="Intrus"))

    assert client.get(reverse("certificates:certificate", args=[course.pk])).status_code == 404
    assert client.get(reverse("certificates:certificate_pdf", args=[course.pk])).status_code == 404


def test_a_forged_huge_id_is_a_404(owner_client):
    assert owner_client.get(f"{MINE}99999999999999999999/").status_code == 404


def test_the_pdf_holds_identity_score_band_level_code_and_the_competences(owner_client, course):
    response = owner_client.get(reverse("certificates:certificate_pdf", args=[course.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "certificat-pix-lou-durand.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    first, second = (page.extract_text() for page in reader.pages)
    assert "Lou DURAND" in first
    assert "17/05/2009" in first and "Paris 15e Arrondissement" in first
    assert "469" in first and "895" in first
    assert re.search(r"de \d+ à \d+ pix", first)
    assert "Indépendant 4" in first
    joined = without_spaces(first)
    assert course.verification_code in joined
    assert f"http://testserver/verification/{course.verification_code}/" in joined
    assert "5.2" in second and "niveau 5" in second


def test_the_qr_code_drawn_in_the_pdf_encodes_the_verification_address():
    url = "https://pix.example/verification/P-2346789B/"

    svg = qr_svg(url)

    expected = segno.make(url, error="m", micro=False)
    assert svg.startswith("<svg")
    assert f'viewBox="0 0 {(expected.symbol_size(scale=1, border=2)[0]) * 4}' in svg
    assert expected.svg_inline(scale=4, border=2, dark="#000", light="#fff", omitsize=True,
                               title="QR code vers la page de vérification") == svg


def test_the_qr_code_of_the_downloaded_pdf_scans_to_the_verification_page_of_its_code(owner_client,
                                                                                    course):
    content = owner_client.get(reverse("certificates:certificate_pdf", args=[course.pk])).content

    assert qr_codes(content, page_number=0) == [
        f"http://testserver/verification/{course.verification_code}/"]
    assert qr_codes(content, page_number=1) == []  # the competences' page has none


def test_each_certificate_of_a_class_pdf_scans_to_its_own_code():
    first, second = published_course(capacity=1.0), published_course(capacity=2.5)
    courses = CertificationCourse.objects.filter(pk__in=[first.pk, second.pk]).order_by("pk")

    document = certificates_pdf(certificates_of(courses), "https://pix.example/verification/{}/".format,
                                "classe.pdf", "Classe")

    assert [qr_codes(document.content, page_number=n) for n in (0, 2)] == [
        [f"https://pix.example/verification/{first.verification_code}/"],
        [f"https://pix.example/verification/{second.verification_code}/"]]


def test_a_pre_initie_certificate_has_no_level_pill_and_no_competence_levels(client):
    course = published_course(capacity=-2.0)
    client.force_login(course.user)

    text = pdf_text(client.get(reverse("certificates:certificate_pdf", args=[course.pk])).content)

    assert "52" in text
    assert "Niveau " not in text.split("Niveaux par compétence")[0]
    assert "ne permet pas encore" in text
