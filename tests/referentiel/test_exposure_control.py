"""The certification's exposure control, fitted by simulation after a calibration and stored with it."""

import datetime

import pytest
from django.urls import reverse

from adaptive.cat import CatConfig, CatEngine, NoChallengeLeft
from learners import tasks
from referentiel import selectors, services
from referentiel.loader.load import load_referentiel
from referentiel.loader.parse import parse_content
from referentiel.models import CalibratedChallenge, CalibrationVersion, Challenge, Competence
from tests.referentiel.simulated import record_simulated_answers

pytestmark = pytest.mark.django_db


def answer(challenges, learners=200):
    record_simulated_answers(challenges, competence=Competence.objects.first(), learners=learners)


@pytest.fixture
def starter_bank(db):
    """The real starter content (252 challenges, 16 competences), answered on a few challenges."""
    load_referentiel(parse_content())
    answer(list(Challenge.objects.order_by("pk")[:6]))
    return Challenge.objects.all()


def test_the_task_stores_exposure_parameters_aligned_with_the_certifiable_challenges(starter_bank):
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())
    stored = version.exposure_parameters
    certifiable = list(Challenge.objects.filter(status=Challenge.Status.VALIDATED, locale="fr")
                       .order_by("pk").values_list("pk", flat=True))
    assert stored["challenge_ids"] == certifiable
    assert len(stored["eligibility"]) == len(stored["prices"]) == len(certifiable)
    assert all(0 <= k <= 1 for k in stored["eligibility"])
    assert all(price >= 0 for price in stored["prices"])
    assert min(stored["eligibility"]) < 1  # the lottery does hold some challenges back
    assert stored["max_exposure"] == 0.25
    assert datetime.datetime.fromisoformat(stored["fitted_at"])
    assert "Contrôle d'exposition calculé" in version.report["exposure"]
    assert version.calibrated_challenges.count() == 6

    # A certification engine takes them back without fitting, whatever the order of its bank.
    challenges = list(starter_bank.select_related("skill__competence").order_by("-pk"))  # another order
    parameters = selectors.calibration_exposure_parameters(
        version=version, challenge_ids=[c.pk for c in challenges])
    engine = CatEngine(
        [c.discrimination for c in challenges], [c.difficulty for c in challenges],
        [c.skill.competence.code for c in challenges], [c.skill.tube_id for c in challenges],
        CatConfig(exposure_parameters=parameters),
    )
    by_id = dict(zip(version.exposure_parameters["challenge_ids"], version.exposure_parameters["eligibility"],
                     strict=True))
    assert engine.exposure_parameters.eligibility.tolist() == [by_id[c.pk] for c in challenges]


def test_the_reader_aligns_parameters_on_another_order_and_leaves_unknown_challenges_neutral():
    version = CalibrationVersion.objects.create(name="Essai", exposure_parameters={
        "challenge_ids": [10, 20, 30], "eligibility": [0.5, 0.8, 1.0], "prices": [0.1, 0.0, 0.2],
        "max_exposure": 0.25, "fitted_at": "2025-01-01T00:00:00+00:00",
    })
    assert selectors.calibration_exposure_parameters(version=version, challenge_ids=[30, 99, 10]) == {
        "eligibility": [1.0, 1.0, 0.5], "prices": [0.2, 0.0, 0.1],
    }


def test_the_reader_gives_nothing_for_a_version_without_exposure_parameters():
    version = CalibrationVersion.objects.create(name="Essai")
    assert selectors.calibration_exposure_parameters(version=version, challenge_ids=[1, 2]) is None


def test_a_bank_too_small_keeps_its_calibration_and_explains_why_in_the_report(competence):
    answer(list(Challenge.objects.all()))
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())
    assert version.exposure_parameters == {}
    assert "trop petite pour un test de 32 questions" in version.report["exposure"]
    assert version.report["converged"] is True
    assert version.calibrated_challenges.count() == Challenge.objects.count()


def test_the_bank_takes_the_version_values_where_it_has_them_and_the_current_ones_elsewhere(
        competence, monkeypatch):
    first, second, archived, inaccessible, *_ = Challenge.objects.order_by("pk")
    Challenge.objects.filter(pk=archived.pk).update(status=Challenge.Status.ARCHIVED)
    Challenge.objects.filter(pk=inaccessible.pk).update(blindness=Challenge.Accessibility.KO)
    version = CalibrationVersion.objects.create(name="Essai")
    CalibratedChallenge.objects.create(version=version, challenge=first, discrimination=1.7, difficulty=2.5)
    built = []

    def spy(bank, config):
        built.append(bank)
        raise NoChallengeLeft

    monkeypatch.setattr(services.CatEngine, "from_bank", spy)

    services.calibration_exposure_fit(version=version)

    bank = built[0]
    ids = [int(i) for i in bank.ids]
    assert archived.pk not in ids and first.pk in ids
    assert (bank.discrimination[ids.index(first.pk)], bank.difficulty[ids.index(first.pk)]) == (1.7, 2.5)
    assert bank.difficulty[ids.index(second.pk)] == second.difficulty
    assert not bank.accessible[ids.index(inaccessible.pk)] and bank.accessible[ids.index(first.pk)]


def test_a_failed_exposure_fit_loses_nothing_of_the_calibration(competence, monkeypatch):
    answer(list(Challenge.objects.all()), learners=50)

    def broken(**kwargs):
        raise RuntimeError("panne")

    monkeypatch.setattr(services, "calibration_exposure_fit", broken)
    version = CalibrationVersion.objects.get(pk=tasks.calibrate_bank())
    assert version.calibrated_challenges.count() == Challenge.objects.count()
    assert version.exposure_parameters == {}


def test_staff_see_which_versions_have_exposure_parameters(admin_client):
    CalibrationVersion.objects.create(name="Avec", exposure_parameters={"challenge_ids": [1]})
    CalibrationVersion.objects.create(name="Sans")
    page = admin_client.get(reverse("admin:referentiel_calibrationversion_changelist")).content.decode()
    assert "Contrôle d&#x27;exposition" in page
    assert page.count('field-has_exposure_parameters"><img src="/static/admin/img/icon-yes.svg"') == 1
    assert page.count('field-has_exposure_parameters"><img src="/static/admin/img/icon-no.svg"') == 1
