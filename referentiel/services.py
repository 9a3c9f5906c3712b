"""Writes on the referentiel that are not content loading."""

from django.db import transaction
from django.utils import timezone

from referentiel.models import CalibrationVersion, Challenge


@transaction.atomic
def calibration_version_activate(*, version: CalibrationVersion) -> CalibrationVersion:
    """Make this version the one in force and copy its values onto the challenges."""
    version = CalibrationVersion.objects.select_for_update().get(pk=version.pk)
    if version.status == CalibrationVersion.Status.ACTIVE:
        return version
    CalibrationVersion.objects.filter(status=CalibrationVersion.Status.ACTIVE).update(
        status=CalibrationVersion.Status.ARCHIVED)
    version.status = CalibrationVersion.Status.ACTIVE
    version.activated_at = timezone.now()
    version.save(update_fields=["status", "activated_at"])
    for calibrated in version.calibrated_challenges.all():
        Challenge.objects.filter(pk=calibrated.challenge_id).update(
            discrimination=calibrated.discrimination, difficulty=calibrated.difficulty)
    return version
