import pytest


@pytest.fixture(autouse=True)
def _fast_exposure_fit(settings):
    """A calibration fits the certification's exposure control: on a few simulated tests here."""
    settings.CAT_EXPOSURE_FIT = {"exposure_fit_examinees": 100, "price_fit_iterations": 3,
                                 "exposure_fit_iterations": 3}
