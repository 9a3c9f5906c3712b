"""Long work on the learners' data, run by Celery workers."""

import logging

from celery import shared_task

from learners import selectors
from referentiel import services

logger = logging.getLogger(__name__)


@shared_task(name="learners.calibrate_bank")
def calibrate_bank(name: str = "") -> int | None:
    """Calibrate the bank on the answers collected so far; returns the new draft version's id.

    With no answer yet (a new platform), there is nothing to do: it says so and stops. Once the
    draft is saved, the certification's exposure control is fitted on it by simulation; a failure
    there is logged and leaves the draft as it is (without exposure parameters).
    """
    try:
        version = services.calibration_draft_create(answers=selectors.calibration_answers(), name=name)
    except services.CalibrationError as error:
        logger.info("Calibration non lancée : %s", error.message)
        return None
    try:
        services.calibration_exposure_fit(version=version)
    except Exception:
        logger.exception("Contrôle d'exposition non calculé pour la version %s", version.pk)
    return version.pk
