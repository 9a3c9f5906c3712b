"""Two people or two clicks at the same moment: the row locks leave one coherent outcome."""

import threading

import pytest
from django.db import connections

from learners.models import User
from orga import services
from orga.errors import OrgaError
from orga.models import Membership, OrganizationLearner
from tests.orga.factories import LearnerFactory, MembershipFactory

pytestmark = pytest.mark.django_db(transaction=True)


def race(*calls):
    results, barrier = [None] * len(calls), threading.Barrier(len(calls))

    def run(index, call):
        try:
            barrier.wait()
            results[index] = call()
        except Exception as error:  # noqa: BLE001 - reported by the assertions
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_administrators_demoting_each_other_at_once_leave_one_administrator(school):
    first, second = MembershipFactory(organization=school), MembershipFactory(organization=school)
    results = race(*(lambda m=m: services.membership_change_role(
        membership=m, role=Membership.Role.MEMBER, by=m.user) for m in (first, second)))
    assert sum(isinstance(r, OrgaError) for r in results) == 1, results
    assert Membership.objects.filter(organization=school, role=Membership.Role.ADMIN).count() == 1


def test_a_double_click_on_generate_gives_each_student_one_account(school):
    learners = [LearnerFactory(organization=school, first_name="Léa", last_name=f"Martin{n}")
                for n in range(5)]
    results = race(*(lambda: services.accounts_generate(organization=school, learners=learners)
                     for _ in range(2)))
    assert not any(isinstance(r, Exception) for r in results), results
    assert User.objects.filter(username__startswith="lea.martin").count() == 5
    assert OrganizationLearner.objects.filter(user__isnull=True).count() == 0


def test_two_students_claiming_the_same_learner_at_once_give_one_link_and_one_clear_refusal(school):
    from datetime import date

    from orga.errors import ReconciliationError
    from tests.factories import UserFactory

    learner = LearnerFactory(organization=school, first_name="Inès", last_name="Caron",
                             birthdate=date(2012, 1, 1))
    students = [UserFactory(), UserFactory()]
    results = race(*(lambda s=s: services.learner_reconcile(
        user=s, organization=school, first_name="Inès", last_name="Caron",
        birthdate=date(2012, 1, 1)) for s in students))
    assert sum(isinstance(r, OrganizationLearner) for r in results) == 1, results
    assert sum(isinstance(r, ReconciliationError) for r in results) == 1, results
    learner.refresh_from_db()
    assert learner.user in students
