"""Orga's personas: the school's admin teacher and member teacher, and an outsider who runs
another school and must get 404 on everything of the first one."""

import pytest

from orga import services
from orga.models import Membership
from tests.factories import UserFactory
from tests.orga.factories import MembershipFactory, OrganizationFactory


@pytest.fixture
def school(db):
    return OrganizationFactory(name="Collège Jean Moulin", external_id="0751234A")


@pytest.fixture
def other_school(db):
    return OrganizationFactory(name="Collège Victor Hugo", external_id="0759999Z")


def _member(organization, role, first_name):
    user = UserFactory(first_name=first_name, last_name="Prof")
    services.terms_accept(user=user)
    return MembershipFactory(organization=organization, user=user, role=role)


@pytest.fixture
def admin_membership(school):
    return _member(school, Membership.Role.ADMIN, "Claire")


@pytest.fixture
def teacher(admin_membership):
    return admin_membership.user


@pytest.fixture
def member_membership(school):
    return _member(school, Membership.Role.MEMBER, "Marc")


@pytest.fixture
def outsider_membership(other_school):
    return _member(other_school, Membership.Role.ADMIN, "Intrus")


@pytest.fixture
def teacher_client(client, teacher):
    client.force_login(teacher)
    return client


@pytest.fixture
def outsider_client(client, outsider_membership):
    client.force_login(outsider_membership.user)
    return client


@pytest.fixture
def eager_tasks(monkeypatch, django_capture_on_commit_callbacks):
    """Run Orga's tasks in this process when this test's transaction "commits", even on CI where a
    real worker would not see the test's uncommitted rows."""
    from orga import tasks

    monkeypatch.setattr(tasks.import_learners.app.conf, "task_always_eager", True)
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def target_profile(learning_referentiel):
    from tests.orga.factories import target_profile_over

    return target_profile_over(learning_referentiel)


@pytest.fixture
def campaign(school, teacher, target_profile):
    return services.campaign_create(organization=school, creator=teacher, type="ASSESSMENT",
                                    name="Rentrée 6A", title="Chercher sur le web",
                                    target_profile=target_profile)


@pytest.fixture
def collection(school, teacher):
    return services.campaign_create(organization=school, creator=teacher, type="PROFILES_COLLECTION",
                                    name="Collecte de profils")


@pytest.fixture
def pupil(school):
    """An imported student of the school with an account linked to their record."""
    from tests.factories import UserFactory
    from tests.orga.factories import LearnerFactory

    user = UserFactory(first_name="Zoé", last_name="Martin")
    LearnerFactory(organization=school, user=user, first_name="Zoé", last_name="Martin", division="6A")
    return user
