"""Reads on the referentiel for pages and the API."""

from django.db.models import Prefetch

from referentiel.models import Area, CalibrationVersion, Challenge, Competence, Skill


def areas_with_competences():
    return Area.objects.prefetch_related(
        Prefetch("competences", queryset=Competence.objects.order_by("code"))
    ).order_by("code")


# The certification is taken in French: its bank, and so its exposure rates, are those of the
# French challenges.
CERTIFICATION_LOCALE = "fr"


def certification_challenges(*, locale: str = CERTIFICATION_LOCALE):
    """The challenges a certification test may serve: validated, of an active skill, in the locale."""
    return (Challenge.objects
            .filter(status=Challenge.Status.VALIDATED, skill__status=Skill.Status.ACTIVE, locale=locale)
            .select_related("skill__competence")
            .only("pk", "discrimination", "difficulty", "blindness", "color_blindness",
                  "skill__tube_id", "skill__competence__code")
            .order_by("pk"))


def calibration_exposure_parameters(*, version: CalibrationVersion, challenge_ids) -> dict | None:
    """The version's exposure parameters in the order of `challenge_ids`, for
    `CatConfig(exposure_parameters=...)`. A challenge the fit did not cover is neutral (always
    eligible, no price). None when the version has no exposure parameters: the caller decides,
    and must not pass None to CatConfig in a request (the engine would fit them there).
    """
    stored = version.exposure_parameters
    if not stored:
        return None
    position = {challenge_id: i for i, challenge_id in enumerate(stored["challenge_ids"])}
    eligibility, prices = [], []
    for challenge_id in challenge_ids:
        i = position.get(challenge_id)
        eligibility.append(1.0 if i is None else stored["eligibility"][i])
        prices.append(0.0 if i is None else stored["prices"][i])
    return {"eligibility": eligibility, "prices": prices}
