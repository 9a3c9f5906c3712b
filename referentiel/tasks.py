"""Long work on the referentiel, run by Celery workers."""

import logging

from celery import shared_task
from django.apps import apps

from referentiel import services

logger = logging.getLogger(__name__)

# Answer results that say the learner did not solve the challenge. "aband" (skipped) counts
# as a failure, as in the reference platform's calibration.
SOLVED = {"ok"}
UNUSED = {"unimplemented"}


def collected_answers():
    """Every answer given in a learner's test, as (assessment, challenge, solved).

    The referentiel does not import the learner app's code (it sits below it); it reads its
    answers table through the app registry, the one place where it needs them.
    """
    answer_model = apps.get_model("learners", "Answer")
    rows = (answer_model.objects.exclude(result__in=UNUSED)
            .values_list("assessment_id", "challenge_id", "result").order_by().iterator(chunk_size=10_000))
    for assessment_id, challenge_id, result in rows:
        yield services.ObservedAnswer(person=assessment_id, challenge_id=challenge_id, correct=result in SOLVED)


@shared_task(name="referentiel.calibrate_bank")
def calibrate_bank(name: str = "") -> int | None:
    """Calibrate the bank on the answers collected so far; returns the new draft version's id.

    With no answer yet (a new platform), there is nothing to do: it says so and stops. Once the
    draft is saved, the certification's exposure control is fitted on it by simulation; a failure
    there is logged and leaves the draft as it is (without exposure parameters).
    """
    try:
        version = services.calibration_draft_create(answers=collected_answers(), name=name)
    except services.CalibrationError as error:
        logger.info("Calibration non lancée : %s", error.message)
        return None
    try:
        services.calibration_exposure_fit(version=version)
    except Exception:
        logger.exception("Contrôle d'exposition non calculé pour la version %s", version.pk)
    return version.pk
