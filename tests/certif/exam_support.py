"""What the exam-day tests share: a certifiable bank over the 16 competences (three tubes each,
two skills a tube), its active calibration version with neutral stored exposure parameters (so
no simulation runs in a test), the active certification version, and the steps of a candidate
(join, read the instructions, be authorised, enter)."""

import html

import pytest
from django.core.cache import cache
from django.utils import timezone

from certif.services import exam, invigilation
from certif.services.versions import ensure_active_version
from learners import services as learner_services
from learners.assessments.answers import correct_value, wrong_value
from referentiel import catalogue, engines
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import CalibrationVersion
from tests.certif.factories import CandidateFactory, SessionFactory
from tests.factories import UserFactory
from tests.fixtures.content import make_content_dir, write_competence

COMPETENCES = ("1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2", "3.3", "3.4",
               "4.1", "4.2", "4.3", "5.1", "5.2")
TUBES_PER_COMPETENCE = 3
LETTERS = "abcdefghijklmnop"


def _challenge(slug, difficulty, accessible=True):
    challenge = {"id": slug, "type": "QCU", "instruction": f"Question {slug} : laquelle est juste ?",
                 "proposals": ["Bonne réponse", "Mauvaise réponse"], "solution": [1],
                 "explanation": "Parce que.",
                 "calibration": {"discrimination": 1.2, "difficulty": difficulty}}
    if not accessible:
        challenge["accessibility"] = {"blindness": "KO"}
    return challenge


def write_certification_content(content_dir):
    for c, code in enumerate(COMPETENCES):
        slug = code.replace(".", "-")
        tubes = []
        for t in range(TUBES_PER_COMPETENCE):
            tube = f"c{slug}-t{t}"
            tubes.append({
                "id": f"t-{tube}", "name": f"@sujet{LETTERS[c]}{LETTERS[t]}", "title": f"Sujet {code} n°{t + 1}",
                "description": "Un sujet.", "tutorials": [{
                    "id": f"t-tuto-{tube}", "title": f"Tutoriel {code} {t}", "description": "Une fiche.",
                    "format": "page", "duration": 5, "source": "Éduscol",
                    "link": f"https://example.org/{tube}"}],
                "skills": [{"level": level, "challenges": [
                    _challenge(f"{tube}-{level}", -2.5 + level + t * 0.5 + (c % 4) * 0.2,
                               accessible=(t + level) % 3 != 0)]}
                    for level in (1, 2)],
            })
        write_competence(content_dir, {"competence": code, "thematics": [
            {"id": f"t-th-{slug}", "name": f"Thématique {code}", "tubes": tubes}]})


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Counts of wrong codes live in the cache, keyed by session ids that tests reuse."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def certification_bank(tmp_path, db):
    content = make_content_dir(tmp_path)
    write_certification_content(content)
    load_referentiel(parse_content(content))
    engines.clear_cache()
    calibration = CalibrationVersion.objects.create(
        name="Calibration d'essai", status=CalibrationVersion.Status.ACTIVE,
        activated_at=timezone.now(), exposure_fitted_at=timezone.now(),
        exposure_parameters={"challenge_ids": [], "eligibility": [], "prices": []})
    catalogue.content_changed()
    yield calibration
    engines.clear_cache()


@pytest.fixture
def version(certification_bank):
    return ensure_active_version()


@pytest.fixture
def exam_session(version):
    return SessionFactory()


def enrolled(session, **kwargs):
    return CandidateFactory(session=session, **kwargs)


def joined(session, user=None, **kwargs):
    """A candidate who joined the session with their account and read the instructions."""
    candidate = enrolled(session, **kwargs)
    user = user or UserFactory(first_name=candidate.first_name, last_name=candidate.last_name)
    candidate = exam.candidate_join(user=user, session_number=session.pk,
                                    first_name=candidate.first_name, last_name=candidate.last_name,
                                    birthdate=candidate.birthdate)
    exam.instructions_confirm(candidate=candidate, confirmed=True)
    return candidate


def started(session, **kwargs):
    """A candidate in the test: joined, authorised, entered with the access code."""
    candidate = joined(session, **kwargs)
    invigilation.candidate_authorize(candidate=candidate)
    course = exam.candidate_enter(candidate=candidate, access_code=session.access_code,
                                  session_key="navigateur-1")
    candidate.refresh_from_db()
    return candidate, course


def answer_current(course, *, right=True):
    """Serve the current question (stored first) and answer it; the answered challenge."""
    assessment = course.assessment
    challenge = learner_services.assessment_next_challenge(assessment=assessment)
    assert challenge is not None
    value = correct_value(challenge) if right else wrong_value(challenge)
    learner_services.answer_submit(assessment=assessment, challenge_id=challenge.pk, value=value)
    return challenge


def text(response) -> str:
    """The page as a reader sees it (entities such as &#x27; read as characters)."""
    return html.unescape(response.content.decode())
