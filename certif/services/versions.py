"""The certification version in force (domain §1.1).

The first active version is made from the active calibration version (its exposure control fitted
once, offline, if it has none yet) with the domain's seed settings; later versions are drafted and
activated by staff in the admin.
"""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from certif.constants import (
    DEFAULT_SESSION_DURATION_MINUTES,
    SEED_COMPETENCE_INTERVALS,
    SEED_GLOBAL_INTERVALS,
)
from certif.models import CertificationVersion, VersionScope, VersionStatus
from learners.prepared import PreparedQuery, model_columns
from referentiel import services as referentiel_services
from referentiel.models import CalibrationVersion, Competence

# The domain's seed CORE version (§1.1).
SEED_SETTINGS = {
    "assessment_duration_minutes": DEFAULT_SESSION_DURATION_MINUTES,
    "maximum_assessment_length": 32,
    "minimum_answers_to_validate": 20,
    "challenges_between_same_competence": 2,
    "limit_to_one_question_per_tube": True,
    "enable_passage_by_all_competences": True,
    "variation_percent": 0.5,
    "default_candidate_capacity": -3.0,
    "default_probability_to_pick_challenge": 51,
}


def seed_global_scoring():
    return [{"mesh_level": level, "min": low, "max": high}
            for level, (low, high) in enumerate(SEED_GLOBAL_INTERVALS)]


def seed_competences_scoring(codes):
    return {code: [{"level": level, "min": low, "max": high}
                   for level, (low, high) in enumerate(SEED_COMPETENCE_INTERVALS)]
            for code in codes}


def _active_calibration(*, fit_exposure: bool) -> CalibrationVersion:
    calibration = CalibrationVersion.objects.filter(status=CalibrationVersion.Status.ACTIVE).first()
    if calibration is None:
        calibration = CalibrationVersion.objects.create(
            name=_("Calibration initiale (valeurs du référentiel)"))
        calibration = referentiel_services.calibration_version_activate(version=calibration)
    if fit_exposure and calibration.exposure_fitted_at is None:
        calibration = referentiel_services.calibration_exposure_fit(version=calibration)
    return calibration


@transaction.atomic
def ensure_active_version(*, scope=VersionScope.CORE, fit_exposure=True) -> CertificationVersion:
    """The scope's active version; created, with the seed settings, when there is none."""
    active = (CertificationVersion.objects.select_for_update()
              .filter(scope=scope, status=VersionStatus.ACTIVE).first())
    if active is not None:
        return active
    calibration = _active_calibration(fit_exposure=fit_exposure)
    codes = Competence.objects.order_by("code").values_list("code", flat=True)
    return CertificationVersion.objects.create(
        scope=scope, status=VersionStatus.ACTIVE, start_date=timezone.now(),
        calibration_version=calibration, global_scoring=seed_global_scoring(),
        competences_scoring=seed_competences_scoring(codes),
        comment=_("Version initiale : réglages de référence."), **SEED_SETTINGS)


# Read by every entry into a test (200 in the same second at the start of an exam): compiled once
# per process, with only what an entry and the engine's warm-up read (the rest is loaded on
# access); the few versions of a scope are compared with the moment here.
_VERSION_COLUMNS = model_columns(CertificationVersion, {
    "id", "scope", "status", "start_date", "expiration_date", "calibration_version_id",
    "assessment_duration_minutes", "maximum_assessment_length"})
_VERSIONS_IN_FORCE = {scope: PreparedQuery(lambda scope=scope, **_: (
    CertificationVersion.objects.filter(scope=scope, start_date__isnull=False)
    .exclude(status=VersionStatus.DRAFT).order_by("-start_date", "-pk")
    .values_list(*_VERSION_COLUMNS))) for scope in VersionScope}
_START, _EXPIRATION = _VERSION_COLUMNS.index("start_date"), _VERSION_COLUMNS.index("expiration_date")


def version_at(moment, *, scope=VersionScope.CORE) -> CertificationVersion | None:
    """The version whose validity window contains `moment` (a candidate's joining time)."""
    for row in _VERSIONS_IN_FORCE[VersionScope(scope)].rows():
        if row[_START] <= moment and (row[_EXPIRATION] is None or row[_EXPIRATION] > moment):
            return CertificationVersion.from_db("default", _VERSION_COLUMNS, row)
    return None
