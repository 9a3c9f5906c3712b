"""Certif's long work, run by Celery workers (or in the request when there is no worker)."""

from celery import shared_task

from certif.models import CertificationSession
from certif.services import scoring


@shared_task(name="certif.score_session", acks_late=True)
def score_session(session_id: int) -> dict | None:
    """Score every course of the session. Acknowledged once done: a worker killed halfway has the
    task delivered again, and scoring again what was already scored writes nothing new."""
    session = CertificationSession.objects.filter(pk=session_id).first()
    if session is None:
        return None
    return scoring.score_session(session).as_dict()
