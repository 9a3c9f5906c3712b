"""Writes on the referentiel that are not content loading."""

import math
from dataclasses import dataclass

import numpy as np
from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from adaptive import calibration
from adaptive.cat import CatEngine, NoChallengeLeft
from referentiel import catalogue, engines, selectors
from referentiel.models import CalibratedChallenge, CalibrationVersion, Challenge


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
    catalogue.content_changed()  # the challenges' values in force changed
    return version


# --- calibration from collected answers -----------------------------------------------------

DRIFT_THRESHOLD = 3.0  # standard errors of the change beyond which an item is flagged
DRIFT_ABSOLUTE = 1.0  # or this much on the logit scale, when the previous values have no error


@dataclass(frozen=True)
class ObservedAnswer:
    person: int  # one assessment: the ability is taken as constant within it
    challenge_id: int
    correct: bool


def calibration_draft_create(*, answers, name: str = "") -> CalibrationVersion:
    """Fit 2PL parameters on the collected answers and store them as a draft version.

    The fit pools the discriminations toward the bank's (two-stage empirical Bayes, see
    `adaptive.calibration.calibrate_pooled`): with a few hundred answers per challenge it is what
    brings their error down. Staff read its report (convergence, drift against the active version) in the admin and
    activate it there; nothing changes for learners before that.
    """
    observed = list(answers)
    if not observed:
        raise CalibrationError(_("Aucune réponse collectée : rien à calibrer."))
    challenge_ids = sorted({a.challenge_id for a in observed})
    position = {challenge_id: i for i, challenge_id in enumerate(challenge_ids)}
    previous = _previous_calibration(challenge_ids)
    result = calibration.calibrate_pooled(
        np.array([a.person for a in observed]), np.array([position[a.challenge_id] for a in observed]),
        np.array([a.correct for a in observed], dtype=bool), len(challenge_ids),
        previous=previous,
    )
    slugs = dict(Challenge.objects.filter(pk__in=challenge_ids).values_list("pk", "slug"))
    drift = calibration.drift_report(result, previous, [slugs[i] for i in challenge_ids],
                                     threshold=DRIFT_THRESHOLD, absolute_threshold=DRIFT_ABSOLUTE)
    with transaction.atomic():
        version = CalibrationVersion.objects.create(
            name=name or _("Calibration du %(date)s") % {"date": timezone.localtime().strftime("%d/%m/%Y %H:%M")},
            responses_count=len(observed), report=_report(result, drift),
        )
        CalibratedChallenge.objects.bulk_create([
            CalibratedChallenge(
                version=version, challenge_id=challenge_id,
                discrimination=float(result.discrimination[i]), difficulty=float(result.difficulty[i]),
                discrimination_se=_finite(result.discrimination_se[i]),
                difficulty_se=_finite(result.difficulty_se[i]),
                responses_count=int(result.n_responses[i]),
            )
            for i, challenge_id in enumerate(challenge_ids)
        ])
    return version


class CalibrationError(Exception):
    def __init__(self, message):
        super().__init__(message)
        self.message = message


def _previous_calibration(challenge_ids):
    """The values in force for these challenges, with their errors when a calibration gave them."""
    current = {c.pk: (c.discrimination, c.difficulty)
               for c in Challenge.objects.filter(pk__in=challenge_ids).only("discrimination", "difficulty")}
    errors = {}
    active = CalibrationVersion.objects.filter(status=CalibrationVersion.Status.ACTIVE).first()
    if active:
        errors = {c.challenge_id: (c.discrimination_se, c.difficulty_se)
                  for c in active.calibrated_challenges.filter(challenge_id__in=challenge_ids)}
    nan = float("nan")
    a_se, b_se = zip(*[tuple(nan if v is None else v for v in errors.get(i, (nan, nan))) for i in challenge_ids])
    a, b = zip(*[current[i] for i in challenge_ids])
    count = np.zeros(len(challenge_ids), dtype=int)
    return calibration.CalibrationResult(
        discrimination=np.array(a, dtype=float), difficulty=np.array(b, dtype=float),
        discrimination_se=np.array(a_se, dtype=float), difficulty_se=np.array(b_se, dtype=float),
        n_responses=count, iterations=0, converged=True, log_likelihood=nan,
    )


def _report(result, drift):
    flagged = [d for d in drift if d.flagged]
    return {
        "converged": result.converged, "iterations": result.iterations,
        "log_likelihood": result.log_likelihood, "items": len(drift),
        "responses": int(result.n_responses.sum()),
        "items_with_fewer_than_50_responses": int((result.n_responses < 50).sum()),
        "drift_threshold_z": DRIFT_THRESHOLD, "drift_threshold_absolute": DRIFT_ABSOLUTE,
        "drifted": [
            {"challenge": d.item,
             "discrimination": [round(d.discrimination_before, 3), round(d.discrimination_after, 3)],
             "difficulty": [round(d.difficulty_before, 3), round(d.difficulty_after, 3)],
             "difficulty_z": _finite(d.difficulty_z), "discrimination_z": _finite(d.discrimination_z)}
            for d in flagged
        ],
    }


def _finite(value):
    value = float(value)
    return round(value, 4) if math.isfinite(value) else None


# --- exposure control of the certification, fitted offline ------------------------------------

def calibration_exposure_fit(*, version: CalibrationVersion,
                             locale: str = selectors.CERTIFICATION_LOCALE) -> CalibrationVersion:
    """Fit the certification's exposure control (prices and Sympson-Hetter eligibilities, by
    simulated tests) on this version's parameters, and store it on the version.

    The bank is every certifiable challenge, with the version's values where it calibrated the
    challenge and the values in force otherwise. Parameters go by position in the bank, so the
    challenge ids are stored beside them (read them back with `selectors.calibration_exposure_parameters`).
    A bank the test's rules cannot fill stores nothing and says why in the version's report.
    Long (tens of seconds on a thousand challenges): run it from a worker, never in a request.
    """
    config = engines.certification_config(**settings.CAT_EXPOSURE_FIT)
    challenges, bank = engines.certification_bank(version, locale=locale)
    competences = {c.skill.competence.code for c in challenges}
    parameters, line = {}, None
    if not challenges:
        line = _("Contrôle d'exposition non calculé : aucune épreuve certifiable dans la banque.")
    elif config.max_exposure is None:
        line = _("Contrôle d'exposition non calculé : il est désactivé dans la configuration.")
    else:
        try:
            engine = CatEngine.from_bank(bank, config)
        except NoChallengeLeft:
            line = _(
                "Contrôle d'exposition non calculé : la banque certifiable (%(items)d épreuves, "
                "%(competences)d compétences) est trop petite pour un test de %(length)d questions "
                "avec ses règles (une question par sujet, toutes les compétences d'abord)."
            ) % {"items": len(challenges), "competences": len(competences), "length": config.length}
        except ValueError as error:
            line = _("Contrôle d'exposition non calculé : banque certifiable inutilisable (%(error)s).") % {
                "error": error}
        else:
            fitted = engine.exposure_parameters.to_json()
            parameters = {
                "challenge_ids": [c.pk for c in challenges],
                "eligibility": fitted["eligibility"], "prices": fitted["prices"],
                "max_exposure": config.max_exposure, "fitted_at": timezone.now().isoformat(),
            }
            line = _(
                "Contrôle d'exposition calculé par simulation de %(examinees)d tests sur %(items)d "
                "épreuves : exposition maximale visée %(cap)d %%."
            ) % {"examinees": config.exposure_fit_examinees, "items": len(challenges),
                 "cap": round(config.max_exposure * 100)}
    with transaction.atomic():
        locked = CalibrationVersion.objects.select_for_update().get(pk=version.pk)
        locked.exposure_parameters = parameters
        locked.exposure_fitted_at = timezone.now() if parameters else None
        locked.report = {**locked.report, "exposure": line}
        locked.save(update_fields=["exposure_parameters", "exposure_fitted_at", "report"])
    version.exposure_parameters, version.report = locked.exposure_parameters, locked.report
    version.exposure_fitted_at = locked.exposure_fitted_at
    return version
