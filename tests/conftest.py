import pytest

from tests.fixtures.content import make_content_dir


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.LANGUAGE_CODE = "fr"
    # Pages are rendered without collectstatic's manifest in tests.
    settings.STORAGES = {**settings.STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}


@pytest.fixture
def content_dir(tmp_path):
    """A small content folder: the real framework and one short competence file."""
    return make_content_dir(tmp_path)
