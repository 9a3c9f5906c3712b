"""One status in words per candidate: every combination of a candidate's state gives exactly one
of the documented statuses, by the documented order."""

import itertools
from datetime import UTC, datetime, timedelta

import pytest

from certif.rules.candidate_status import CandidateState, CandidateStatus, candidate_status

NOW = datetime(2026, 6, 2, 10, 0, tzinfo=UTC)
SEEN = (None, NOW - timedelta(seconds=10), NOW - timedelta(seconds=61))


def all_states():
    for joined, authorized, has_course, started, by_invigilator, entered, seen, alert in itertools.product(
            (False, True), (False, True), (False, True), (False, True), (False, True), (False, True),
            SEEN, (False, True)):
        if has_course and not joined:
            continue  # a course is always a joined candidate's
        if not has_course and (started or by_invigilator or entered or seen or alert):
            continue  # those describe a course
        if started and by_invigilator:
            continue  # a test ended by the invigilator is no longer started
        yield CandidateState(joined=joined, authorized=authorized, has_course=has_course,
                             test_started=started, ended_by_invigilator=by_invigilator,
                             entered=entered, last_seen_at=seen, has_ongoing_alert=alert)


def expected(state):
    """The rules of the invigilator's page, written out once more as a table would read them."""
    if state.has_course and not state.test_started:
        return "ended_by_invigilator" if state.ended_by_invigilator else "finished"
    if state.has_course and state.has_ongoing_alert:
        return "alert"
    if state.joined and state.authorized:
        return "authorized"
    if state.has_course and state.entered:
        recent = state.last_seen_at is not None and NOW - state.last_seen_at <= timedelta(minutes=1)
        return "in_test" if recent else "connection_lost"
    return "waiting" if state.joined else "not_arrived"


def test_every_combination_of_a_candidates_state_gives_exactly_one_status():
    states = list(all_states())
    seen_statuses = set()
    for state in states:
        status = candidate_status(state, NOW)
        assert isinstance(status, CandidateStatus), state
        assert status == expected(state), state
        seen_statuses.add(status)
    assert seen_statuses == set(CandidateStatus)  # and every status can happen
    assert len(states) == 76  # the impossible combinations left out above


@pytest.mark.parametrize(("state", "status"), [
    (CandidateState(joined=False, authorized=False, has_course=False), "Pas encore arrivé"),
    (CandidateState(joined=True, authorized=False, has_course=False), "Attend votre autorisation"),
    (CandidateState(joined=True, authorized=True, has_course=False), "Autorisé : peut saisir le code d'accès"),
    (CandidateState(joined=True, authorized=False, has_course=True, test_started=True, entered=True,
                    last_seen_at=NOW), "En test"),
    (CandidateState(joined=True, authorized=False, has_course=True, test_started=True, entered=True,
                    last_seen_at=NOW - timedelta(minutes=2)), "Connexion perdue depuis plus d'une minute"),
    (CandidateState(joined=True, authorized=False, has_course=True, test_started=True, entered=False),
     "Attend votre autorisation"),
    (CandidateState(joined=True, authorized=True, has_course=True, test_started=True, entered=True,
                    last_seen_at=NOW, has_ongoing_alert=True), "Signalement à traiter"),
    (CandidateState(joined=True, authorized=False, has_course=True), "Test terminé"),
    (CandidateState(joined=True, authorized=False, has_course=True, ended_by_invigilator=True),
     "Test arrêté par le surveillant"),
])
def test_each_status_reads_in_words(state, status):
    assert candidate_status(state, NOW).label == status
