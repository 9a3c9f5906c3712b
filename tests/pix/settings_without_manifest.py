"""The production settings, with static files served without collectstatic's manifest (a test
process has not run collectstatic)."""

from pix.settings import *  # noqa: F403

STORAGES = {**STORAGES, "staticfiles": {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
