"""Create, edit and delete sessions; edit and delete only while no candidate's test has started."""

from django.db import transaction

from certif.codes import generate_access_code, generate_invigilator_password
from certif.errors import CertifError, ErrorCode, Problem
from certif.models import CertificationCenter, CertificationSession
from certif.rules.sessions import SessionData, validate_session


def _validated(raw, *, center, exclude_pk=None) -> SessionData:
    data, problems = validate_session(raw)
    if problems:
        raise CertifError(*problems)
    clash = CertificationSession.objects.filter(center=center).at(data.date, data.time)
    if clash.exclude(pk=exclude_pk).exists():
        raise CertifError.of(ErrorCode.SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS, "time")
    return data


def session_build(*, center, data: SessionData, user) -> CertificationSession:
    """A new session with its codes (not saved): shared by the form and the bulk import."""
    return CertificationSession(
        center=center, address=data.address, room=data.room, date=data.date, time=data.time,
        examiner=data.examiner, description=data.description, created_by=user,
        access_code=generate_access_code(), invigilator_password=generate_invigilator_password())


@transaction.atomic
def session_create(*, center, user, raw: dict) -> CertificationSession:
    # One creation at a time per centre, so two sessions cannot take the same date and time.
    CertificationCenter.objects.select_for_update().filter(pk=center.pk).first()
    session = session_build(center=center, data=_validated(raw, center=center), user=user)
    session.save()
    return session


def _locked(session) -> CertificationSession:
    locked = CertificationSession.objects.select_for_update().get(pk=session.pk)
    if locked.has_started:
        raise CertifError.of(ErrorCode.SESSION_ALREADY_STARTED)
    return locked


@transaction.atomic
def session_update(*, session, user, raw: dict) -> CertificationSession:
    CertificationCenter.objects.select_for_update().filter(pk=session.center_id).first()
    locked = _locked(session)
    data = _validated(raw, center=locked.center, exclude_pk=locked.pk)
    for field in ("address", "room", "date", "time", "examiner", "description"):
        setattr(locked, field, getattr(data, field))
    locked.save()
    return locked


@transaction.atomic
def session_delete(*, session, user) -> None:
    _locked(session).delete()


def problems_by_field(error: CertifError) -> dict[str, list[Problem]]:
    grouped = {}
    for problem in error.problems:
        grouped.setdefault(problem.field, []).append(problem)
    return grouped
