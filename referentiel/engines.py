"""The certification engine of a calibration version, safe to use in a web process.

Building a `CatEngine` precomputes tables over the whole bank (milliseconds to a second), and
fitting its exposure control simulates thousands of tests (tens of seconds): a request must do
neither. Fitting is an explicit, offline step (the calibration task, `manage.py fit_exposure`)
whose result is stored with the version; here, an engine is built from the stored parameters only
(`allow_fit=False`: a version without them is refused) and cached in each process, bounded, keyed
by the version, the time its parameters were fitted and the content version (which challenges are
certifiable). A request then pays a dictionary lookup.
"""

from __future__ import annotations

import dataclasses
import threading
from collections import OrderedDict
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from adaptive.bank import ItemBank
from adaptive.cat import CatConfig, CatEngine, ExposureNotFitted
from referentiel import catalogue, selectors
from referentiel.models import CalibrationVersion

ENGINES_KEPT = 4  # engines a process keeps (an active version, a new one, a locale or two)


class EngineUnavailableError(Exception):
    """The version cannot serve certification tests; the message says why, in French."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = str(message)


@dataclass(frozen=True)
class CertificationEngine:
    """A CatEngine and, for each of its items, the challenge it stands for."""

    engine: CatEngine
    challenge_ids: tuple[int, ...]

    def index_of(self, challenge_id) -> int:
        return self._positions[challenge_id]

    @property
    def _positions(self):
        positions = self.__dict__.get("_positions_cache")
        if positions is None:
            positions = {challenge_id: i for i, challenge_id in enumerate(self.challenge_ids)}
            object.__setattr__(self, "_positions_cache", positions)
        return positions


def certification_bank(version: CalibrationVersion, *, locale=selectors.CERTIFICATION_LOCALE):
    """The certifiable challenges (validated, of an active skill, in the locale) as an ItemBank,
    with the version's values where it calibrated them and the values in force elsewhere."""
    challenges = list(selectors.certification_challenges(locale=locale))
    calibrated = {challenge_id: (a, b) for challenge_id, a, b in
                  version.calibrated_challenges.values_list("challenge_id", "discrimination", "difficulty")}
    values = [calibrated.get(c.pk, (c.discrimination, c.difficulty)) for c in challenges]
    bank = ItemBank.from_columns(
        [a for a, _b in values], [b for _a, b in values],
        [c.skill.competence.code for c in challenges], tube=[c.skill.tube_id for c in challenges],
        accessible=[c.is_accessible for c in challenges], ids=[c.pk for c in challenges],
    )
    return challenges, bank


def certification_config(**changes) -> CatConfig:
    """The certification test's settings (production values unless changed)."""
    return dataclasses.replace(CatConfig(), **changes)


_engines: OrderedDict = OrderedDict()
_engines_lock = threading.Lock()


def certification_engine(version: CalibrationVersion, *, content_version=None,
                         locale=selectors.CERTIFICATION_LOCALE) -> CertificationEngine:
    """The version's engine, from this process's cache when it has it. Raises
    EngineUnavailableError for a version without stored exposure parameters."""
    if version.exposure_fitted_at is None:
        raise EngineUnavailableError(_(
            "La version de calibration « %(name)s » n'a pas de contrôle d'exposition calculé : "
            "lancez « python manage.py fit_exposure --calibration %(pk)s » avant de l'utiliser pour "
            "une certification.") % {"name": version.name, "pk": version.pk})
    if content_version is None:
        content_version = catalogue.current_version()
    key = (version.pk, version.exposure_fitted_at, content_version, locale)
    with _engines_lock:
        cached = _engines.get(key)
        if cached is not None:
            _engines.move_to_end(key)
            return cached
    built = _build(CalibrationVersion.objects.get(pk=version.pk), locale)
    with _engines_lock:
        _engines[key] = built
        while len(_engines) > ENGINES_KEPT:
            _engines.popitem(last=False)
    return built


def _build(version, locale) -> CertificationEngine:
    challenges, bank = certification_bank(version, locale=locale)
    ids = [c.pk for c in challenges]
    parameters = selectors.calibration_exposure_parameters(version=version, challenge_ids=ids)
    try:
        engine = CatEngine.from_bank(bank, certification_config(exposure_parameters=parameters),
                                     allow_fit=False)
    except ExposureNotFitted:
        raise EngineUnavailableError(_(
            "La version de calibration « %(name)s » n'a pas de contrôle d'exposition calculé.")
            % {"name": version.name}) from None
    except ValueError as error:
        raise EngineUnavailableError(_("Banque certifiable inutilisable : %(error)s") % {"error": error}) from None
    return CertificationEngine(engine, tuple(ids))


def clear_cache() -> None:
    with _engines_lock:
        _engines.clear()
