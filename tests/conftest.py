import os

import pytest

from adaptive.cat import FIT_PROCESSES_VARIABLE
from learners import services
from learners.assessments.answers import correct_value, wrong_value
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import Competence
from tests.factories import UserFactory
from tests.fixtures.content import LEARNING_COMPETENCE, make_content_dir, write_competence

# With a broker (the PostgreSQL and Redis run), this process holds Redis connections that a forked
# child tries to close and can block on: the engine then simulates in this process alone.
if os.environ.get("REDIS_URL"):
    os.environ.setdefault(FIT_PROCESSES_VARIABLE, "1")


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.LANGUAGE_CODE = "fr"
    # Pages are rendered without collectstatic's manifest in tests.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    # Hashing a password the production way takes a quarter of a second; tests make hundreds.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def content_dir(tmp_path):
    """A small content folder: the real framework and one short competence file."""
    return make_content_dir(tmp_path)


@pytest.fixture
def learning_referentiel(tmp_path, db):
    content = make_content_dir(tmp_path)
    write_competence(content, LEARNING_COMPETENCE)
    load_referentiel(parse_content(content))
    return Competence.objects.get(code="1.1")


@pytest.fixture
def competence(learning_referentiel):
    return learning_referentiel


@pytest.fixture
def student(db):
    return UserFactory(first_name="Zoé")


@pytest.fixture
def outsider(db):
    """Another student, who must never see the first one's tests."""
    return UserFactory(first_name="Intrus")


@pytest.fixture
def student_client(client, student):
    client.force_login(student)
    return client


@pytest.fixture
def assessment(student, competence):
    return services.competence_evaluation_start(user=student, competence=competence)


@pytest.fixture
def answer_right():
    def _answer(assessment, challenge):
        return services.answer_submit(assessment=assessment, challenge_id=challenge.pk,
                                      value=correct_value(challenge))
    return _answer


@pytest.fixture
def answer_wrong():
    def _answer(assessment, challenge):
        return services.answer_submit(assessment=assessment, challenge_id=challenge.pk,
                                      value=wrong_value(challenge))
    return _answer
