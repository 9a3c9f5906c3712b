"""Settings for Orga's benchmarks: the project's, with static URLs served without the manifest
(the pages measured are rendered, their assets are never loaded, and no collectstatic is needed)."""

from pix.settings import *  # noqa: F403
from pix.settings import STORAGES

STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
