"""One status in words per candidate on the invigilator's page.

The reference shows several overlapping flags per candidate (authorised, started, alert, ...),
which confuses invigilators; here one pure function of the candidate's state gives exactly one
status, the first that applies in this order:

1. the test is over: ended by the invigilator, or finished (all its questions, its time up, or
   stopped otherwise);
2. a live alert waits for the invigilator;
3. the invigilator authorised the candidate to start or resume, and the candidate has not entered
   the access code yet;
4. in the test but out of touch for more than a minute: connection lost;
5. in the test (question n / 32, time left);
6. joined the session (or came back to the access code) and waits for the authorisation;
7. not arrived yet.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from certif.constants import CONNECTION_LOST_SECONDS


class CandidateStatus(models.TextChoices):
    NOT_ARRIVED = "not_arrived", _("Pas encore arrivé")
    WAITING = "waiting", _("Attend votre autorisation")
    AUTHORIZED = "authorized", _("Autorisé : peut saisir le code d'accès")
    IN_TEST = "in_test", _("En test")
    CONNECTION_LOST = "connection_lost", _("Connexion perdue depuis plus d'une minute")
    ALERT = "alert", _("Signalement à traiter")
    FINISHED = "finished", _("Test terminé")
    ENDED_BY_INVIGILATOR = "ended_by_invigilator", _("Test arrêté par le surveillant")


# Statuses whose test can still be ended by the invigilator.
STATUSES_IN_PROGRESS = frozenset({CandidateStatus.IN_TEST, CandidateStatus.CONNECTION_LOST,
                                  CandidateStatus.ALERT})


@dataclass(frozen=True)
class CandidateState:
    """What the status is computed from."""

    joined: bool  # the candidate's account is linked (domain §5.1)
    authorized: bool  # authorized_to_start, not used up yet
    has_course: bool
    test_started: bool = False  # the course's assessment is still started
    ended_by_invigilator: bool = False
    entered: bool = False  # the course's current entry is open
    last_seen_at: datetime | None = None
    has_ongoing_alert: bool = False


def candidate_status(state: CandidateState, now: datetime) -> CandidateStatus:
    if state.has_course and not state.test_started:
        return (CandidateStatus.ENDED_BY_INVIGILATOR if state.ended_by_invigilator
                else CandidateStatus.FINISHED)
    if state.has_course and state.has_ongoing_alert:
        return CandidateStatus.ALERT
    if state.authorized and state.joined:
        return CandidateStatus.AUTHORIZED
    if state.has_course and state.entered:
        lost = (state.last_seen_at is None
                or now - state.last_seen_at > timedelta(seconds=CONNECTION_LOST_SECONDS))
        return CandidateStatus.CONNECTION_LOST if lost else CandidateStatus.IN_TEST
    if state.joined:
        return CandidateStatus.WAITING
    return CandidateStatus.NOT_ARRIVED
