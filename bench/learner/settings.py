"""Settings for the learner benchmark: the project's settings, with two changes.

- Static files are collected to a temporary directory (BENCH_STATIC_ROOT), so that the benchmark
  leaves nothing in the checkout; BENCH_PLAIN_STATIC=1 serves static URLs without the manifest (no
  collectstatic needed; used by profile_cycle.py, whose pages never load their assets).
- allauth's per-IP login limit (its default, 30 a minute per IP) is lifted: every simulated student
  comes from 127.0.0.1. The project keeps that default, which a real class behind one address
  also meets (see docs/PERFORMANCE.md).
"""

import os

from pix.settings import *  # noqa: F403
from pix.settings import ACCOUNT_RATE_LIMITS, STORAGES

STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT") or STATIC_ROOT  # noqa: F405
if os.environ.get("BENCH_PLAIN_STATIC"):
    STORAGES = {**STORAGES, "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
ACCOUNT_RATE_LIMITS = {**ACCOUNT_RATE_LIMITS, "login": "100000/m/ip"}
