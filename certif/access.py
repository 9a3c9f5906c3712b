"""Fetch an object of Pix Certif and check that the user may see it, in one call.

A user sees what belongs to a centre they are an active member of; anything else answers 404,
exactly like something that does not exist.
"""

from django.http import Http404
from django.shortcuts import get_object_or_404

from certif.models import (
    CertificationCandidate,
    CertificationCenterMembership,
    CertificationCourse,
    CertificationSession,
    LiveAlert,
    SessionImport,
)
from learners.prepared import PreparedQuery, model_columns


def _member_center_ids(user):
    return CertificationCenterMembership.objects.filter(
        user=user, disabled_at__isnull=True).values("center_id")


def membership_for_user(user, center_id) -> CertificationCenterMembership:
    return get_object_or_404(
        CertificationCenterMembership.objects.select_related("center"),
        user=user, center_id=center_id, disabled_at__isnull=True)


def session_for_member(user, session_id) -> CertificationSession:
    return get_object_or_404(
        CertificationSession.objects.select_related("center"),
        pk=session_id, center_id__in=_member_center_ids(user))


def candidate_for_member(user, session_id, candidate_id) -> CertificationCandidate:
    return get_object_or_404(
        CertificationCandidate.objects.select_related("session__center"),
        pk=candidate_id, session_id=session_id, session__center_id__in=_member_center_ids(user))


def session_import_for_member(user, import_id) -> SessionImport:
    return get_object_or_404(SessionImport.objects.select_related("center"),
                             pk=import_id, center_id__in=_member_center_ids(user))


def sessions_for_member(user, center, session_ids) -> list[CertificationSession]:
    """Sessions of the user's current centre, all of them or none (404 when one is not theirs)."""
    ids = set(session_ids)
    sessions = list(CertificationSession.objects.select_related("center").filter(
        pk__in=ids, center=center, center_id__in=_member_center_ids(user)).order_by("date", "time", "pk"))
    if not ids or len(sessions) != len(ids):
        raise Http404
    return sessions


# --- the exam day -----------------------------------------------------------------------------

# Read on each of the candidate's pages, and by the 200 entries of a whole exam in one second:
# compiled once per process (building this query's SQL cost more than running it).
_CANDIDATE_COLUMNS = model_columns(CertificationCandidate)
_SESSION_COLUMNS = model_columns(CertificationSession)
_USER_CANDIDATE = PreparedQuery(lambda pk, user, **_: (
    CertificationCandidate.objects.filter(pk=pk, user_id=user).values_list(
        *_CANDIDATE_COLUMNS, *(f"session__{name}" for name in _SESSION_COLUMNS))))


def candidate_for_user(user, candidate_id) -> CertificationCandidate:
    """The user's own candidacy (they joined the session as this candidate), with its session."""
    rows = _USER_CANDIDATE.rows(pk=candidate_id, user=user.pk)
    if not rows:
        raise Http404
    split = len(_CANDIDATE_COLUMNS)
    candidate = CertificationCandidate.from_db("default", _CANDIDATE_COLUMNS, rows[0][:split])
    candidate.session = CertificationSession.from_db("default", _SESSION_COLUMNS, rows[0][split:])
    return candidate


def course_for_user(user, course_id) -> CertificationCourse:
    return get_object_or_404(CertificationCourse.objects.select_related("session", "assessment"),
                             pk=course_id, user=user)


# The sessions this browser opened with their invigilator password (kept in its Django session).
INVIGILATED_SESSIONS_KEY = "certif_invigilated_sessions"


def remember_invigilated_session(request, session) -> None:
    opened = [pk for pk in request.session.get(INVIGILATED_SESSIONS_KEY, []) if pk != session.pk]
    request.session[INVIGILATED_SESSIONS_KEY] = [*opened, session.pk][-10:]


def session_for_invigilator(request, session_id) -> CertificationSession:
    """A session this browser opened with its invigilator password, still open: else 404."""
    if session_id not in request.session.get(INVIGILATED_SESSIONS_KEY, []):
        raise Http404
    return get_object_or_404(CertificationSession.objects.select_related("center"),
                             pk=session_id, finalized_at__isnull=True)


def candidate_for_invigilator(request, session_id, candidate_id) -> CertificationCandidate:
    session = session_for_invigilator(request, session_id)
    return get_object_or_404(CertificationCandidate.objects.select_related("session"),
                             pk=candidate_id, session=session)


def live_alert_for_invigilator(request, session_id, alert_id) -> LiveAlert:
    session = session_for_invigilator(request, session_id)
    return get_object_or_404(LiveAlert.objects.select_related("course__candidate"),
                             pk=alert_id, course__session=session)
def own_certificate(user, course_id):
    """The signed-in student's certificate of this course: 404 when absent, another student's,
    unpublished or not validated."""
    from certif.certificates import user_certificate

    certificate = user_certificate(user, course_id) if user.is_authenticated else None
    if certificate is None:
        raise Http404
    return certificate
