"""Scoring in a real Celery worker, on PostgreSQL (`.ci/run` starts one and sets
CELERY_WORKER_DATABASE_URL): the task sent through the broker scores the session once, and the
same task delivered again (a worker killed before acknowledging it) writes nothing new."""

import os

import pytest

from certif import tasks
from certif.models import AbortReason, CertificationResult, ResultStatus
from pix.celery import app
from referentiel import engines
from tests.certif.scoring import (
    FAST_EXPOSURE_FIT,
    finalized_session,
    finished_course,
    fitted_calibration,
    pattern,
)

pytestmark = [
    pytest.mark.skipif(not os.environ.get("CELERY_WORKER_DATABASE_URL"),
                       reason="needs a Celery worker on the test database (.ci/run starts one)"),
    pytest.mark.django_db(transaction=True),
]


@pytest.fixture
def worker():
    for _ in range(30):
        if app.control.ping(timeout=1.0):
            return
    pytest.fail("no Celery worker answered within 30 s")


def test_the_worker_scores_a_session_once_and_a_redelivered_task_writes_nothing(settings, worker):
    settings.CAT_EXPOSURE_FIT = FAST_EXPOSURE_FIT
    calibration = fitted_calibration()
    session = finalized_session()
    full = finished_course(calibration, pattern(32), session=session)
    left = finished_course(calibration, pattern(23), session=session, abort_reason=AbortReason.CANDIDATE)
    short = finished_course(calibration, pattern(9), session=session, abort_reason=AbortReason.TECHNICAL)
    first = tasks.score_session.delay(session.pk).get(timeout=120)
    assert sorted(first["written"]) == sorted([full.pk, left.pk, short.pk]) and not first["errors"]
    again = tasks.score_session.delay(session.pk).get(timeout=120)
    assert again["written"] == [] and sorted(again["unchanged"]) == sorted(first["written"])
    assert CertificationResult.objects.filter(course__session=session).count() == 3
    assert full.results.get().status == ResultStatus.VALIDATED
    assert left.results.get().status == ResultStatus.VALIDATED
    assert short.results.get().status == ResultStatus.CANCELLED
    engines.clear_cache()
