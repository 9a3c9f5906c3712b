"""The certification engine of a calibration version: built from its stored exposure control,
never by simulation in a request, refused without it, and cached per process."""

import pytest
from django.core.management import CommandError, call_command

from adaptive import cat
from referentiel import catalogue, engines, services
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import CalibrationVersion, Challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def starter_bank(db):
    load_referentiel(parse_content())
    engines.clear_cache()
    yield Challenge.objects.all()
    engines.clear_cache()


@pytest.fixture
def fitted_version(starter_bank):
    version = CalibrationVersion.objects.create(name="Essai")
    return services.calibration_exposure_fit(version=version)


@pytest.fixture
def no_simulation(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("a simulation ran while building the engine")

    monkeypatch.setattr(cat, "_simulated_tests", refuse)
    monkeypatch.setattr(cat.CatEngine, "_exposure_under", refuse)


def test_the_engine_of_a_version_with_stored_exposure_control_runs_no_simulation(fitted_version, no_simulation):
    built = engines.certification_engine(fitted_version)
    assert fitted_version.exposure_fitted_at is not None
    stored = fitted_version.exposure_parameters
    assert list(built.challenge_ids) == stored["challenge_ids"]
    assert built.engine.exposure_parameters.eligibility.tolist() == stored["eligibility"]
    state = built.engine.start(seed=7)
    first = built.engine.select(state)
    assert Challenge.objects.filter(pk=built.challenge_ids[first]).exists()


def test_a_version_without_exposure_control_is_refused_with_a_message(starter_bank, no_simulation):
    version = CalibrationVersion.objects.create(name="Sans contrôle")
    with pytest.raises(engines.EngineUnavailableError) as refused:
        engines.certification_engine(version)
    assert "n'a pas de contrôle d'exposition calculé" in refused.value.message
    assert "fit_exposure" in refused.value.message


def test_the_engine_asked_for_twice_is_built_once_per_process(fitted_version, no_simulation):
    first = engines.certification_engine(fitted_version)
    assert engines.certification_engine(CalibrationVersion.objects.get(pk=fitted_version.pk)) is first


def test_a_content_change_or_a_new_fit_gives_a_new_engine(fitted_version):
    first = engines.certification_engine(fitted_version)
    Challenge.objects.filter(pk=first.challenge_ids[0]).update(status=Challenge.Status.ARCHIVED)
    catalogue.content_changed()
    after_edit = engines.certification_engine(fitted_version)
    assert after_edit is not first and first.challenge_ids[0] not in after_edit.challenge_ids
    refitted = services.calibration_exposure_fit(version=fitted_version)
    assert engines.certification_engine(refitted) is not after_edit


def test_the_command_fits_the_active_version_offline(starter_bank):
    version = CalibrationVersion.objects.create(name="Active", status=CalibrationVersion.Status.ACTIVE)
    call_command("fit_exposure")
    version.refresh_from_db()
    assert version.exposure_fitted_at is not None and version.exposure_parameters["challenge_ids"]


def test_the_command_says_when_there_is_nothing_to_fit(db):
    with pytest.raises(CommandError, match="Aucune version de calibration active"):
        call_command("fit_exposure")
    with pytest.raises(CommandError, match="Aucune version de calibration n°999"):
        call_command("fit_exposure", calibration=999)
