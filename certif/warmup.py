"""Build, when a web process starts, what the first certification question of an exam needs.

The engine of the current version (its bank, its exposure control) and the content snapshot with
the bank's challenges (their Markdown rendered) are built once per process and cached; built lazily, the first candidates
of a room to reach each process wait for the engine (about half a second) while the rest of the
room queues behind them, and the first serving of each question reads it alone (a query each, a
few hundred in each process during the first minutes of an exam). A web
server calls `warm_up()` in each new worker (gunicorn.conf.py); a failure is logged, never fatal:
the engine is then built on the first question, as before.
"""

import logging

from django.db import connections
from django.utils import timezone

from certif.services.versions import version_at
from referentiel import catalogue
from referentiel.engines import certification_engine
from referentiel.templatetags.content import challenge_prerender

logger = logging.getLogger(__name__)


def warm_up() -> bool:
    """True when the current version's engine is now in this process's cache."""
    try:
        content = catalogue.snapshot()
        version = version_at(timezone.now())
        if version is None or version.calibration_version.exposure_fitted_at is None:
            return False
        built = certification_engine(version.calibration_version)
        content.challenges_preload(built.challenge_ids)
        for challenge_id in built.challenge_ids:
            challenge_prerender(content.challenge(challenge_id))
        return True
    except Exception:  # noqa: BLE001 — the process must start whatever happens here
        logger.exception("certification engine not built at start; it will be on first use")
        return False
    finally:
        connections.close_all()  # the worker opens its own when it serves its first request
