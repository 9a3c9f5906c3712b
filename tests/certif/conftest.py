from pathlib import Path

import pytest
from django.test import Client

from certif.insee.loader import load_insee_referential
from certif.views.portal import CURRENT_CENTER_KEY
from referentiel import engines
from tests.certif.exam_support import (  # noqa: F401  (the exam day's fixtures)
    _fresh_rate_limits,
    certification_bank,
    exam_session,
    version,
)
from tests.certif.factories import (
    CenterFactory,
    MembershipFactory,
    ScoCenterFactory,
    SessionFactory,
    TermsFactory,
)
from tests.certif.scoring import FAST_EXPOSURE_FIT, fitted_calibration
from tests.factories import UserFactory

SAMPLE = Path(__file__).with_name("data")


@pytest.fixture
def insee(db):
    """A few real communes and countries of the shipped referential, loaded by the real loader."""
    load_insee_referential(SAMPLE / "pays.csv", SAMPLE / "communes.csv")


@pytest.fixture
def center(db):
    return CenterFactory(name="Centre de formation Horizon")


@pytest.fixture
def sco_center(db):
    return ScoCenterFactory(name="Collège Jean Moulin", external_id="0751234A")


def member_of(center, **kwargs):
    user = UserFactory(**kwargs)
    MembershipFactory(center=center, user=user)
    TermsFactory(user=user)
    return user


@pytest.fixture
def admin(center):
    return member_of(center, first_name="Claire", last_name="Lemaire")


@pytest.fixture
def admin_client(client, admin, center):
    client.force_login(admin)
    session = client.session
    session[CURRENT_CENTER_KEY] = center.pk
    session.save()
    return client


@pytest.fixture
def other_center(db):
    return CenterFactory(name="Autre centre")


@pytest.fixture
def outsider(other_center):
    """A member of another centre: everything of `center` answers 404 to them."""
    return member_of(other_center, first_name="Intrus")


@pytest.fixture
def outsider_client(outsider):
    client = Client()
    client.force_login(outsider)
    return client


@pytest.fixture
def session(center):
    return SessionFactory(center=center)


@pytest.fixture
def calibration(settings):
    """A calibration version with its exposure fitted quickly, for the scoring and jury tests."""
    settings.CAT_EXPOSURE_FIT = FAST_EXPOSURE_FIT
    fitted = fitted_calibration()
    yield fitted
    engines.clear_cache()
