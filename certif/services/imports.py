"""The bulk import: validate a file and keep its lines, then confirm and create everything at once."""

from django.db import transaction
from django.utils import timezone

from certif.bulk.parsing import read_lines
from certif.bulk.validation import referenced_session_ids, validate_import
from certif.errors import CertifError, ErrorCode
from certif.models import (
    CertificationCandidate,
    CertificationCenter,
    CertificationSession,
    SessionImport,
)
from certif.services.candidates import candidate_from_data
from certif.services.sessions import session_build


def session_import_validate(*, center, user, uploaded) -> SessionImport:
    """Read and check the whole file; an unreadable file raises, a readable one is kept with its report."""
    lines = read_lines(uploaded, center)
    plan = validate_import(center, lines)
    return SessionImport.objects.create(
        center=center, created_by=user, file_name=(uploaded.name or "")[:255], lines=lines,
        report=plan.report(), session_count=len(plan.sessions), candidate_count=plan.candidate_count)


class _StaleImport(Exception):
    """The file no longer passes: another session or candidate was created since its validation."""

    def __init__(self, report):
        super().__init__()
        self.report = report


def session_import_confirm(*, session_import, user) -> SessionImport:
    """Create the file's sessions and candidates in one transaction, after checking it again."""
    try:
        return _confirm(session_import, user)
    except _StaleImport as stale:
        SessionImport.objects.filter(pk=session_import.pk).update(report=stale.report)
        raise CertifError.of(ErrorCode.IMPORT_HAS_ERRORS) from None


@transaction.atomic
def _confirm(session_import, user) -> SessionImport:
    CertificationCenter.objects.select_for_update().filter(pk=session_import.center_id).first()
    locked = SessionImport.objects.select_for_update().select_related("center").get(pk=session_import.pk)
    if locked.status == SessionImport.Status.CONFIRMED:
        raise CertifError.of(ErrorCode.IMPORT_ALREADY_CONFIRMED)
    center = locked.center
    existing = {s.pk: s for s in CertificationSession.objects.select_for_update().filter(
        center=center, pk__in=referenced_session_ids(locked.lines))}
    plan = validate_import(center, locked.lines, sessions=existing)
    if plan.has_errors:
        raise _StaleImport(plan.report())
    candidates, session_ids = [], []
    for planned in plan.sessions:
        session = planned.existing
        if session is None:
            session = session_build(center=center, data=planned.data, user=user)
            session.save()
        session_ids.append(session.pk)
        candidates += [candidate_from_data(session=session, data=data) for data in planned.candidates]
    CertificationCandidate.objects.bulk_create(candidates, batch_size=500)
    locked.status = SessionImport.Status.CONFIRMED
    locked.confirmed_at = timezone.now()
    locked.report = plan.report()
    locked.created_session_ids = session_ids
    locked.session_count, locked.candidate_count = len(plan.sessions), len(candidates)
    locked.save()
    return locked
