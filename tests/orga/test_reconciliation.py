"""Linking a connected student to the learner the school imported, with the domain's tolerance and
guards; messages never show another student's data beyond a masked identifier."""

from datetime import date

import pytest

from orga import selectors, services
from orga.errors import ReconciliationError
from orga.services import Codes
from tests.factories import UserFactory
from tests.orga.factories import LearnerFactory

pytestmark = pytest.mark.django_db
BIRTHDATE = date(2012, 12, 5)


@pytest.fixture
def chloe(school):
    return LearnerFactory(organization=school, first_name="Chloé", middle_name="Marie",
                          last_name="Lefèvre-Dubois", preferred_last_name="Martin", birthdate=BIRTHDATE,
                          national_student_id="123456789AB")


def reconcile(user, school, first_name, last_name, birthdate=BIRTHDATE):
    return services.learner_reconcile(user=user, organization=school, first_name=first_name,
                                      last_name=last_name, birthdate=birthdate)


@pytest.mark.parametrize(("first_name", "last_name"), [
    ("Chloé", "Lefèvre-Dubois"), ("chloe", "LEFEVRE DUBOIS"), ("Chloe", "Lefevre Dubois"),
    ("Marie", "Lefèvre-Dubois"), ("Chloé", "Martin"), ("Cloé", "Lefevre-Dubois"),
])
def test_a_student_is_found_despite_case_accents_punctuation_and_a_typo(school, chloe, first_name, last_name):
    student = UserFactory()
    assert reconcile(student, school, first_name, last_name) == chloe
    chloe.refresh_from_db()
    assert chloe.user == student
    assert selectors.learner_is_reconciled(learner=chloe, user=student)


def test_a_wrong_birthdate_or_a_far_name_finds_nobody(school, chloe):
    for first_name, last_name, birthdate in (("Chloé", "Lefèvre-Dubois", date(2012, 12, 6)),
                                             ("Zoé", "Lefèvre-Dubois", BIRTHDATE)):
        with pytest.raises(ReconciliationError) as refused:
            reconcile(UserFactory(), school, first_name, last_name, birthdate)
        assert refused.value.code == Codes.NOT_FOUND
        assert "Aucun élève de cet établissement" in refused.value.message


def test_two_learners_matching_alike_are_told_apart_by_exactness_or_not_at_all(school, chloe):
    LearnerFactory(organization=school, first_name="Cloé", last_name="Lefèvre-Dubois", birthdate=BIRTHDATE)
    assert reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois") == chloe  # exact pass first
    with pytest.raises(ReconciliationError):
        reconcile(UserFactory(), school, "Choé", "Lefèvre-Dubois")  # one typo from both: ambiguous


def test_a_disabled_learner_cannot_be_joined(school, chloe):
    chloe.is_disabled = True
    chloe.save()
    with pytest.raises(ReconciliationError):
        reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois")


def test_a_learner_linked_to_another_account_shows_only_its_masked_username(school, chloe):
    chloe.user = UserFactory(username="chloe.lefevredubois0512", email=None)
    chloe.save()
    with pytest.raises(ReconciliationError) as refused:
        reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois")
    assert refused.value.code == Codes.ALREADY_LINKED_BY_USERNAME
    assert "c***.l***0512" in refused.value.message and "lefevre" not in refused.value.message


def test_a_learner_linked_by_email_shows_a_masked_address(school, chloe):
    chloe.user = UserFactory(email="chloe.martin@exemple.fr")
    chloe.save()
    with pytest.raises(ReconciliationError) as refused:
        reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois")
    assert refused.value.code in (Codes.ALREADY_LINKED_BY_EMAIL, Codes.ALREADY_LINKED_BY_USERNAME)


def test_an_account_already_linked_to_another_student_of_the_school_is_refused(school, chloe):
    student = UserFactory()
    LearnerFactory(organization=school, user=student, first_name="Autre")
    with pytest.raises(ReconciliationError) as refused:
        reconcile(student, school, "Chloé", "Lefèvre-Dubois")
    assert refused.value.code == Codes.USER_HAS_ANOTHER_LEARNER


def test_the_same_ine_linked_to_another_account_in_another_school_is_refused(school, other_school, chloe):
    LearnerFactory(organization=other_school, national_student_id="123456789AB",
                   user=UserFactory(username="chloe.l0512", email=None))
    with pytest.raises(ReconciliationError) as refused:
        reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois")
    assert refused.value.code == Codes.LINKED_ELSEWHERE_BY_USERNAME
    assert "c***" in refused.value.message


def test_an_account_that_seems_to_be_someone_elses_is_refused(school, other_school, chloe):
    student = UserFactory()
    LearnerFactory(organization=other_school, user=student, national_student_id="999999999ZZ",
                   birthdate=date(2010, 1, 1))
    with pytest.raises(ReconciliationError) as refused:
        reconcile(student, school, "Chloé", "Lefèvre-Dubois")
    assert refused.value.code == Codes.ACCOUNT_OF_SOMEONE_ELSE


def test_a_student_who_moved_school_keeps_one_account_and_joins_by_ine(school, other_school, chloe):
    student = UserFactory()
    LearnerFactory(organization=other_school, user=student, national_student_id="123456789AB")
    assert services.learner_reconcile_automatically(user=student, organization=school) == chloe
    assert reconcile(student, school, "Chloé", "Lefèvre-Dubois") == chloe  # idempotent


def test_a_teacher_detaches_an_account_which_can_then_join_again(teacher_client, school, chloe):
    from django.urls import reverse

    student = UserFactory()
    reconcile(student, school, "Chloé", "Lefèvre-Dubois")
    teacher_client.post(reverse("orga:detach_account", args=[school.pk, chloe.pk]))
    chloe.refresh_from_db()
    assert chloe.user is None
    assert reconcile(UserFactory(), school, "Chloé", "Lefèvre-Dubois") == chloe


def test_certification_reads_classes_and_learners_by_uai(school, chloe):
    LearnerFactory(organization=school, division="3B")
    assert selectors.organization_for_uai("0751234a") == school
    assert selectors.divisions(school) == ["3B", "6A"]
    assert list(selectors.learners_of_division(school, "6A")) == [chloe]
    assert list(selectors.learners_by_ids(school, [chloe.pk])) == [chloe]


def test_a_university_student_joins_by_student_number_and_birthdate(db):
    from tests.orga.factories import OrganizationFactory

    university = OrganizationFactory(type="SUP", external_id="UNIV-1")
    learner = LearnerFactory(organization=university, student_number="E-001", birthdate=BIRTHDATE,
                             national_student_id="")
    student = UserFactory()
    assert services.learner_reconcile_by_student_number(
        user=student, organization=university, student_number="e-001", birthdate=BIRTHDATE) == learner
    with pytest.raises(ReconciliationError) as refused:
        services.learner_reconcile_by_student_number(
            user=UserFactory(), organization=university, student_number="E-001", birthdate=BIRTHDATE)
    assert refused.value.code in (Codes.ALREADY_LINKED_BY_USERNAME, Codes.ALREADY_LINKED_BY_EMAIL)
    with pytest.raises(ReconciliationError, match="Aucun étudiant"):
        services.learner_reconcile_by_student_number(
            user=UserFactory(), organization=university, student_number="E-002", birthdate=BIRTHDATE)
