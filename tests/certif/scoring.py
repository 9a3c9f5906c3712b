"""Finished certification courses for the scoring, jury, publication and export tests: played
by the real engine of a fitted calibration version, their answers stored as the test core would."""

from django.utils import timezone

from adaptive import estimation
from certif.models import AbortReason, ServedChallenge
from learners.models import Answer
from referentiel import engines, services
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import CalibrationVersion, Challenge
from tests.certif.factories import CourseFactory, SessionFactory, VersionFactory

FAST_EXPOSURE_FIT = {"exposure_fit_examinees": 100, "price_fit_iterations": 3,
                     "exposure_fit_iterations": 3}


def fitted_calibration():
    """The shipped bank loaded and a calibration version with its exposure control fitted."""
    load_referentiel(parse_content())
    engines.clear_cache()
    version = CalibrationVersion.objects.create(name="Calibration de test")
    return services.calibration_exposure_fit(version=version)


def finalized_session(**kwargs):
    return SessionFactory(finalized_at=timezone.now(), **kwargs)


def play(course, outcomes):
    """The course's test as the engine serves it, answered right (True) or wrong (False)."""
    built = engines.certification_engine(course.version.calibration_version)
    engine = built.engine
    state = engine.start(course.seed)
    for position, correct in enumerate(outcomes, start=1):
        index = engine.select(state)
        challenge = Challenge.objects.get(pk=built.challenge_ids[index])
        ServedChallenge.objects.create(
            course=course, challenge=challenge, position=position,
            discrimination=float(engine.discrimination[index]),
            difficulty=float(engine.difficulty[index]))
        Answer.objects.create(assessment=course.assessment, challenge=challenge,
                              result=Answer.Result.OK if correct else Answer.Result.KO)
        engine.update(state, index, correct)
    return course


def finished_course(calibration, outcomes, *, session=None, version=None,
                    abort_reason: str = "", **kwargs):
    """A course of a finalised session, played to the end or left after len(outcomes) answers."""
    version = version or VersionFactory(calibration_version=calibration)
    session = session or finalized_session()
    course = CourseFactory(candidate__session=session, version=version,
                           abort_reason=abort_reason, **kwargs)
    return play(course, outcomes)


def pattern(count, right_every=2):
    """`count` answers, every `right_every`-th one wrong: a middling candidate."""
    return [(n % right_every) != 0 for n in range(1, count + 1)]


def plain_capacity(course):
    """The capacity of the course's counted answers, recomputed here without degradation."""
    served = {row.challenge_id: row for row in course.served_challenges.filter(is_removed=False)}
    answers = [a for a in Answer.objects.filter(assessment=course.assessment).order_by("created_at", "pk")
               if a.challenge_id in served]
    return estimation.reference_estimate(
        [served[a.challenge_id].discrimination for a in answers],
        [served[a.challenge_id].difficulty for a in answers],
        [a.result == Answer.Result.OK for a in answers],
        initial_capacity=course.version.default_candidate_capacity,
        variation_percent=course.version.variation_percent).capacity


__all__ = ["AbortReason", "FAST_EXPOSURE_FIT", "finished_course", "fitted_calibration",
           "finalized_session", "pattern", "plain_capacity", "play"]
