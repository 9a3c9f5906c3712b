"""The SCO school's certification results in Orga: CSV by class, the class's certificates in one
PDF, a ZIP of selected sessions; the school's admins and members only."""

import csv
import html
import io
import zipfile

import pytest
from django.urls import reverse
from pypdf import PdfReader

from adaptive.framework import COMPETENCE_CODES
from certif.models import ResultStatus
from orga import services as orga_services
from orga.models import Membership, Organization
from tests.certif.factories import CourseFactory, ScoCenterFactory, SessionFactory
from tests.certif.results import publish, write_result
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory, MembershipFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def member(organization, role=Membership.Role.MEMBER):
    user = UserFactory()
    orga_services.terms_accept(user=user)
    MembershipFactory(organization=organization, user=user, role=role)
    return user


@pytest.fixture
def school():
    return OrganizationFactory(name="Collège Jean Moulin", external_id="0751234A",
                               type=Organization.Type.SCO)


def student_course(school, session, division, *, capacity=2.0, status=ResultStatus.VALIDATED,
                   **identity):
    learner = LearnerFactory(organization=school, division=division, **identity)
    course = CourseFactory(candidate__session=session, candidate__organization_learner=learner,
                           candidate__division=division, **{f"candidate__{k}": v for k, v in identity.items()})
    write_result(course, capacity=capacity, status=status)
    return course


@pytest.fixture
def session(school):
    return SessionFactory(center=ScoCenterFactory(external_id=school.external_id))


@pytest.fixture
def courses(school, session):
    made = [student_course(school, session, "3A", first_name="Lou", last_name="Durand"),
            student_course(school, session, "3A", first_name="=HYPERLIEN()", last_name="Martin"),
            student_course(school, session, "3A", first_name="Ana", last_name="Roux",
                           status=ResultStatus.REJECTED, capacity=-5),
            student_course(school, session, "3B", first_name="Noé", last_name="Petit")]
    publish(session)
    return made


@pytest.fixture
def member_client(client, school):
    client.force_login(member(school))
    return client


def url(name, school, **query):
    address = reverse(f"certificates:{name}", kwargs={"organization_id": school.pk})
    if query:
        from urllib.parse import urlencode

        address += "?" + urlencode(query, doseq=True)
    return address


def read_csv(response) -> list[list[str]]:
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(content), delimiter=";"))


def test_the_page_lists_the_classes_and_sessions_with_published_results(member_client, school, courses, session):
    page = member_client.get(url("school", school)).content.decode()

    assert "3A" in page and "3B" in page
    assert f'value="{session.pk}"' in page


def test_the_orga_menu_of_a_school_links_to_its_certifications(member_client, school):
    page = member_client.get(reverse("orga:learners", args=[school.pk])).content.decode()

    assert url("school", school) in page


def test_the_class_csv_has_the_domain_columns_and_values(member_client, school, courses):
    response = member_client.get(url("division_csv", school, classe="3A"))

    rows = read_csv(response)
    header, lines = rows[0], rows[1:]
    assert response["Content-Type"].startswith("text/csv")
    assert header[:9] == ["Numéro de certification", "Prénom", "Nom", "Date de naissance",
                          "Lieu de naissance", "Identifiant externe", "Statut", "Niveau atteint",
                          "Nombre de Pix"]
    assert header[9:25] == list(COMPETENCE_CODES)
    by_name = {line[2]: line for line in lines}
    assert set(by_name) == {"Durand", "Martin", "Roux"}
    lou = by_name["Durand"]
    assert lou[6:9] == ["Validée", "Indépendant 4", "469"]
    assert lou[9:25] == ["5"] * 16
    ana = by_name["Roux"]
    assert ana[6:9] == ["Rejetée", "Sous le niveau minimal", "0"]
    assert ana[9:25] == ["-"] * 16
    assert lou[3] == "17/05/2009"


def test_the_csv_neutralises_a_formula_typed_in_a_name(member_client, school, courses):
    rows = read_csv(member_client.get(url("division_csv", school, classe="3A")))

    assert "'=HYPERLIEN()" in [line[1] for line in rows]


def test_an_unpublished_result_is_not_in_the_exports(member_client, school, courses):
    other = SessionFactory(center=courses[0].session.center)
    student_course(school, other, "3A", first_name="Invisible", last_name="Caché")

    rows = read_csv(member_client.get(url("division_csv", school, classe="3A")))

    assert "Caché" not in [line[2] for line in rows]


def test_the_class_pdf_holds_every_validated_certificate_two_pages_each(member_client, school, courses):
    response = member_client.get(url("division_pdf", school, classe="3A"))

    reader = PdfReader(io.BytesIO(response.content))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert response["Content-Type"] == "application/pdf"
    assert len(reader.pages) == 4
    assert "Lou DURAND" in text and "MARTIN" in text and "ROUX" not in text


def test_a_class_without_a_validated_certificate_gets_a_message(member_client, school, session):
    student_course(school, session, "4C", status=ResultStatus.CANCELLED)
    publish(session)

    response = member_client.get(url("division_pdf", school, classe="4C"), follow=True)

    assert "aucune certification n'y est validée" in html.unescape(response.content.decode())


def test_an_unknown_class_is_a_404(member_client, school, courses):
    assert member_client.get(url("division_csv", school, classe="5Z")).status_code == 404
    assert member_client.get(url("division_pdf", school)).status_code == 404


def test_the_zip_holds_one_csv_per_selected_session(member_client, school, courses, session):
    second = SessionFactory(center=session.center)
    student_course(school, second, "3B", first_name="Inès", last_name="Blanc")
    publish(second)

    response = member_client.get(url("sessions_zip", school, sessions=[session.pk, second.pk]))

    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    names = archive.namelist()
    assert len(names) == 2 and all(name.endswith(".csv") for name in names)
    assert any(f"session-{second.pk}-" in name for name in names)
    content = "".join(archive.read(name).decode("utf-8-sig") for name in names)
    assert "Blanc" in content and "Durand" in content


def test_the_zip_of_no_session_asks_to_tick_one(member_client, school, courses):
    response = member_client.get(url("sessions_zip", school), follow=True)

    assert "Cochez au moins une session" in response.content.decode()


def test_the_zip_refuses_a_session_that_is_not_the_schools(member_client, school, courses):
    other = SessionFactory()
    CourseFactory(candidate__session=other)
    publish(other)

    assert member_client.get(url("sessions_zip", school, sessions=[other.pk])).status_code == 404
    assert member_client.get(url("sessions_zip", school, sessions=["abc"])).status_code == 404


def test_a_teacher_of_another_school_gets_404_everywhere(client, school, courses, session):
    client.force_login(member(OrganizationFactory(type=Organization.Type.SCO, external_id="0759999Z"),
                              role=Membership.Role.ADMIN))

    for address in (url("school", school), url("division_csv", school, classe="3A"),
                    url("division_pdf", school, classe="3A"),
                    url("sessions_zip", school, sessions=[session.pk])):
        assert client.get(address).status_code == 404


def test_another_schools_results_are_not_in_this_schools_exports(member_client, school, courses, session):
    other_school = OrganizationFactory(type=Organization.Type.SCO, external_id="0758888K")
    student_course(other_school, session, "3A", first_name="Autre", last_name="Ailleurs")
    publish(session)

    rows = read_csv(member_client.get(url("division_csv", school, classe="3A")))

    assert "Ailleurs" not in [line[2] for line in rows]


def test_a_non_school_organisation_has_no_certification_page(client):
    organization = OrganizationFactory(type=Organization.Type.SUP, external_id="SUP-1")
    client.force_login(member(organization, role=Membership.Role.ADMIN))

    assert client.get(url("school", organization)).status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in(client, school):
    response = client.get(url("school", school))

    assert response.status_code == 302
