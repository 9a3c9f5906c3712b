"""Celery application: the long work (imports, exports, scoring, PDFs, calibration)."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pix.settings")

app = Celery("pix")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
