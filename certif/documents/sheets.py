"""The attendance sheet and the invigilator's kit of a session, as PDF files."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.translation import gettext as _

from certif import selectors
from certif.constants import (
    ATTENDANCE_ADDRESS_MAX_CHARS,
    ATTENDANCE_EXAMINER_MAX_CHARS,
    ATTENDANCE_TEXT_MAX_CHARS,
    CANDIDATES_PER_ATTENDANCE_PAGE,
    DEFAULT_SESSION_DURATION_MINUTES,
)
from certif.documents.pdf import render_pdf


@dataclass(frozen=True)
class Document:
    file_name: str
    content: bytes


def attendance_sheet_name(session) -> str:
    return _("feuille-d-emargement-session-%(number)s.pdf") % {"number": session.number}


def invigilator_kit_name(session) -> str:
    return _("kit-surveillant-session-%(number)s.pdf") % {"number": session.number}


def _pages(candidates):
    size = CANDIDATES_PER_ATTENDANCE_PAGE
    return [candidates[i:i + size] for i in range(0, len(candidates), size)]


def attendance_sheet(session, candidates=None) -> Document | None:
    """None when the session has no candidate: there is nothing to sign."""
    candidates = list(candidates if candidates is not None else selectors.session_candidates(session))
    if not candidates:
        return None
    pages = _pages(candidates)
    content = render_pdf("certif/documents/attendance_sheet.html", {
        "session": session, "center": session.center, "pages": pages, "page_count": len(pages),
        "text_max": ATTENDANCE_TEXT_MAX_CHARS, "address_max": ATTENDANCE_ADDRESS_MAX_CHARS,
        "examiner_max": ATTENDANCE_EXAMINER_MAX_CHARS,
    })
    return Document(attendance_sheet_name(session), content)


def _end_time(session, extra_percentage=0):
    minutes = DEFAULT_SESSION_DURATION_MINUTES * (100 + extra_percentage) / 100
    start = datetime.combine(session.date, session.time)
    return (start + timedelta(minutes=round(minutes))).time()


def invigilator_kit(session, candidates=None) -> Document:
    candidates = list(candidates if candidates is not None else selectors.session_candidates(session))
    start = datetime.combine(session.date, session.time)
    extra_time = [(c, _end_time(session, c.extra_time_percentage)) for c in candidates
                  if c.extra_time_percentage]
    content = render_pdf("certif/documents/invigilator_kit.html", {
        "session": session, "center": session.center, "candidate_count": len(candidates),
        "arrival": (start - timedelta(minutes=15)).time(), "end": _end_time(session),
        "duration": DEFAULT_SESSION_DURATION_MINUTES, "extra_time": extra_time,
        "printed_at": timezone.localtime(),
    })
    return Document(invigilator_kit_name(session), content)


def session_documents(session) -> list[Document]:
    candidates = list(selectors.session_candidates(session))
    documents = [attendance_sheet(session, candidates), invigilator_kit(session, candidates)]
    return [document for document in documents if document is not None]
