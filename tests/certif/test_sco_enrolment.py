"""A school's centre enrols its imported students by class, with their birthplace from SIECLE."""

import io

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from certif.errors import CertifError, ErrorCode
from certif.selectors import linked_school
from certif.services.candidates import candidate_add, students_enrol
from certif.views.portal import CURRENT_CENTER_KEY
from tests.certif.conftest import member_of
from tests.certif.factories import CandidateFactory, ScoCenterFactory, SessionFactory
from tests.orga.factories import LearnerFactory, OrganizationFactory

pytestmark = pytest.mark.django_db

UAI = "0751234A"


@pytest.fixture
def school(db):
    return OrganizationFactory(name="Collège Jean Moulin", external_id=UAI)


@pytest.fixture
def sco_session(sco_center):
    return SessionFactory(center=sco_center)


@pytest.fixture
def sco_client(client, sco_center):
    client.force_login(member_of(sco_center, first_name="Nadia"))
    session = client.session
    session[CURRENT_CENTER_KEY] = sco_center.pk
    session.save()
    return client


def refusal(session, ids):
    with pytest.raises(CertifError) as refused:
        students_enrol(session=session, learner_ids=ids)
    return refused.value


# The link by UAI.

def test_a_school_centre_is_linked_to_the_orga_school_of_the_same_uai(sco_center, school):
    assert linked_school(sco_center) == school


def test_no_link_without_a_school_managing_its_students_of_that_uai(sco_center, center):
    assert linked_school(sco_center) is None
    school = OrganizationFactory(external_id=UAI, is_managing_students=False)
    assert linked_school(sco_center) is None
    school.is_managing_students, school.archived_at = True, timezone.now()
    school.save()
    assert linked_school(sco_center) is None
    OrganizationFactory(external_id=center.external_id)
    assert linked_school(center) is None  # a training centre never enrols from Orga


# The enrolment.

def test_students_are_enrolled_several_at_once_with_their_class_and_siecle_birthplace(insee, school, sco_session):
    paris = LearnerFactory(organization=school, last_name=" DURAND ", first_name="Léa  Marie", division="3B",
                           sex="F", birth_city="PARIS", birth_city_code="75056")
    no_city = LearnerFactory(organization=school, division="3B", birth_city="", birth_city_code="75115")
    abroad = LearnerFactory(organization=school, division="3B", birth_country_code="131",
                            birth_city="BRUXELLES", birth_city_code="")
    result = students_enrol(session=sco_session, learner_ids=[paris.pk, no_city.pk, abroad.pk])
    assert (len(result.enrolled), result.skipped) == (3, 0)
    lea, resolved, belgian = (sco_session.candidates.get(organization_learner=learner)
                              for learner in (paris, no_city, abroad))
    assert (lea.last_name, lea.first_name, lea.sex, lea.division) == ("DURAND", "Léa Marie", "F", "3B")
    assert (lea.birth_country, lea.birth_insee_code, lea.birth_city) == ("France", "75056", "PARIS")
    assert resolved.birth_city == "Paris 15e Arrondissement"  # missing in SIECLE: the INSEE code's name
    assert (belgian.birth_country, belgian.birth_insee_code, belgian.birth_city) == ("Belgique", "99131", "BRUXELLES")
    assert set(sco_session.candidates.values_list("billing_mode", "prepayment_code")) == {("", "")}


def test_students_already_enrolled_are_skipped(insee, school, sco_session):
    first, second = LearnerFactory(organization=school), LearnerFactory(organization=school)
    students_enrol(session=sco_session, learner_ids=[first.pk])
    result = students_enrol(session=sco_session, learner_ids=[first.pk, second.pk])
    assert (len(result.enrolled), result.skipped) == (1, 1)
    assert sco_session.candidates.count() == 2


def test_a_student_enrolled_by_hand_before_is_skipped_too(insee, school, sco_session):
    learner = LearnerFactory(organization=school, last_name="Martin", first_name="Hugo")
    candidate_add(session=sco_session, raw={"last_name": "MARTIN", "first_name": "hugo", "sex": "M",
                                            "birthdate": learner.birthdate.isoformat(),
                                            "birth_country": "France", "birth_insee_code": "75115"})
    assert students_enrol(session=sco_session, learner_ids=[learner.pk]).skipped == 1
    assert sco_session.candidates.count() == 1


def test_an_unknown_birth_country_stops_the_enrolment_and_names_the_student(insee, school, sco_session):
    fine = LearnerFactory(organization=school)
    lost = LearnerFactory(organization=school, first_name="Inès", last_name="Roux", birth_country_code="999")
    error = refusal(sco_session, [fine.pk, lost.pk])
    assert error.code == ErrorCode.UNKNOWN_COUNTRY_FOR_STUDENT_ENROLMENT
    assert error.message == ("Inès Roux : le pays de naissance importé de SIECLE (code 999) ne figure pas dans "
                             "la liste des pays de l'INSEE. Corrigez-le dans SIECLE puis importez de nouveau "
                             "vos élèves.")
    assert not sco_session.candidates.exists()


def test_a_student_without_birth_city_or_sex_in_siecle_is_explained(insee, school, sco_session):
    abroad = LearnerFactory(organization=school, first_name="Ali", last_name="Ba", birth_country_code="131",
                            birth_city="")
    assert refusal(sco_session, [abroad.pk]).message == (
        "Ali Ba : la commune de naissance manque dans les données importées de SIECLE. Corrigez-la dans "
        "SIECLE puis importez de nouveau vos élèves.")
    unknown = LearnerFactory(organization=school, first_name="Zoé", last_name="Ka", birth_city="",
                             birth_city_code="00000")
    assert refusal(sco_session, [unknown.pk]).code == ErrorCode.STUDENT_BIRTH_CITY_MISSING
    no_sex = LearnerFactory(organization=school, first_name="Sam", last_name="Lo", sex="")
    assert refusal(sco_session, [no_sex.pk]).message == (
        "Sam Lo : le sexe manque dans les données importées de SIECLE. Corrigez-le dans SIECLE puis "
        "importez de nouveau vos élèves.")


def test_only_active_students_of_the_linked_school_are_enrolled(insee, school, sco_session):
    other_school = LearnerFactory(organization=OrganizationFactory())
    gone = LearnerFactory(organization=school, is_disabled=True)
    for learner in (other_school, gone):
        error = refusal(sco_session, [learner.pk])
        assert error.code == ErrorCode.STUDENT_NOT_IN_SCHOOL
        assert error.message == ("Un des élèves choisis n'est pas (ou plus) un élève de votre établissement : "
                                 "rechargez la liste de la classe.")
    assert refusal(sco_session, []).message == "Cochez au moins un élève à inscrire."


def test_a_centre_without_a_linked_school_or_a_finalised_session_enrols_nobody(insee, school, session):
    learner = LearnerFactory(organization=school)
    assert refusal(session, [learner.pk]).message == (
        "Votre centre n'est relié à aucun établissement de Pix Orga qui gère ses élèves : inscrivez vos "
        "candidats un par un ou par import.")
    finalised = SessionFactory(center=ScoCenterFactory(external_id=UAI), finalized_at=timezone.now())
    assert refusal(finalised, [learner.pk]).code == ErrorCode.CANDIDATE_ON_FINALIZED_SESSION


# The pages and the attendance sheet.

def test_the_admin_picks_a_class_ticks_its_students_and_enrols_them(insee, school, sco_client, sco_session):
    enrolled = LearnerFactory(organization=school, division="3B", last_name="Abel")
    CandidateFactory(session=sco_session, organization_learner=enrolled, billing_mode="")
    newcomers = [LearnerFactory(organization=school, division="3B", last_name=f"Nom{i}") for i in range(3)]
    LearnerFactory(organization=school, division="3A", last_name="Autreclasse")
    url = reverse("certif:enrol_students", args=[sco_session.pk])
    detail = sco_client.get(reverse("certif:session", args=[sco_session.pk])).content.decode()
    assert url in detail and "Classe" in detail
    page = sco_client.get(url).content.decode()
    assert '<option value="3A"' in page and '<option value="3B"' in page and "Nom0" not in page
    page = sco_client.get(url, {"division": "3B"}).content.decode()
    assert "Nom0" in page and "Autreclasse" not in page and "déjà inscrit(e) à cette session" in page
    response = sco_client.post(url, {"division": "3B", "learners": [n.pk for n in newcomers[:2]] + [enrolled.pk]},
                               follow=True)
    assert "2 élèves sont inscrits à la session. 1 élève déjà inscrit(e) a été ignoré(e)." in response.content.decode()
    assert sco_session.candidates.count() == 3


def test_a_refused_enrolment_stays_on_the_class_with_the_message(insee, school, sco_client, sco_session):
    lost = LearnerFactory(organization=school, division="3B", first_name="Inès", last_name="Roux",
                          birth_country_code="999")
    response = sco_client.post(reverse("certif:enrol_students", args=[sco_session.pk]),
                               {"division": "3B", "learners": [lost.pk]})
    page = response.content.decode()
    assert response.status_code == 200 and "Inès Roux : le pays de naissance" in page
    assert 'id="erreur-eleves"' in page and "fr-fieldset--error" in page
    assert sco_client.post(reverse("certif:enrol_students", args=[sco_session.pk]),
                           {"learners": ["1" * 30]}).status_code == 404


def test_a_centre_without_linked_school_reads_why_on_the_enrolment_page(admin_client, session):
    page = admin_client.get(reverse("certif:enrol_students", args=[session.pk])).content.decode()
    assert "relié à aucun établissement de Pix Orga" in page
    assert reverse("certif:enrol_students", args=[session.pk]) not in admin_client.get(
        reverse("certif:session", args=[session.pk])).content.decode()


def test_a_school_s_attendance_sheet_shows_the_class_instead_of_the_external_id(insee, school, sco_client,
                                                                               sco_session):
    students_enrol(session=sco_session, learner_ids=[
        LearnerFactory(organization=school, division="3e Bleue", last_name="Lefort").pk])
    response = sco_client.get(reverse("certif:attendance_sheet", args=[sco_session.pk]))
    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "Classe" in text and "3e Bleue" in text and "Identifiant externe" not in text
