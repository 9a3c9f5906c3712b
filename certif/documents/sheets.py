"""The attendance sheet and the invigilator's kit of a session, as PDF files."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import NamedTuple

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
from certif.documents.pdf import render_pdfs

TEMPLATE = "certif/pdf/documents.html"


@dataclass(frozen=True)
class Document:
    file_name: str
    content: bytes


def attendance_sheet_name(session) -> str:
    return _("feuille-d-emargement-session-%(number)s.pdf") % {"number": session.number}


def invigilator_kit_name(session) -> str:
    return _("kit-surveillant-session-%(number)s.pdf") % {"number": session.number}


class Part(NamedTuple):
    """One document to lay out: its file name, its fragment template and that template's context."""

    file_name: str
    template: str
    context: dict


def _pages(candidates):
    size = CANDIDATES_PER_ATTENDANCE_PAGE
    return [candidates[i:i + size] for i in range(0, len(candidates), size)]


def _end_time(session, extra_percentage=0):
    minutes = DEFAULT_SESSION_DURATION_MINUTES * (100 + extra_percentage) / 100
    start = datetime.combine(session.date, session.time)
    return (start + timedelta(minutes=round(minutes))).time()


def attendance_sheet_part(session, candidates) -> Part | None:
    """None when the session has no candidate: there is nothing to sign."""
    if not candidates:
        return None
    pages = _pages(candidates)
    return Part(attendance_sheet_name(session), "certif/pdf/_attendance_sheet.html", {
        "session": session, "center": session.center, "pages": pages, "page_count": len(pages),
        "text_max": ATTENDANCE_TEXT_MAX_CHARS, "address_max": ATTENDANCE_ADDRESS_MAX_CHARS,
        "examiner_max": ATTENDANCE_EXAMINER_MAX_CHARS})


def invigilator_kit_part(session, candidates) -> Part:
    start = datetime.combine(session.date, session.time)
    extra_time = [(c, _end_time(session, c.extra_time_percentage)) for c in candidates
                  if c.extra_time_percentage]
    return Part(invigilator_kit_name(session), "certif/pdf/_invigilator_kit.html", {
        "session": session, "center": session.center, "candidate_count": len(candidates),
        "arrival": (start - timedelta(minutes=15)).time(), "end": _end_time(session),
        "duration": DEFAULT_SESSION_DURATION_MINUTES, "extra_time": extra_time,
        "printed_at": timezone.localtime()})


def render_documents(parts, title="") -> list[Document]:
    parts = [part for part in parts if part is not None]
    if not parts:
        return []
    contents = render_pdfs(TEMPLATE, {"title": title, "documents": [
        {"template": part.template, "context": part.context} for part in parts]}, len(parts))
    return [Document(part.file_name, content) for part, content in zip(parts, contents)]


def _candidates(session, candidates):
    return list(candidates if candidates is not None else selectors.session_candidates(session))


def attendance_sheet(session, candidates=None) -> Document | None:
    part = attendance_sheet_part(session, _candidates(session, candidates))
    documents = render_documents([part], title=_("Feuille d'émargement — session %(number)s") % {
        "number": session.number})
    return documents[0] if documents else None


def invigilator_kit(session, candidates=None) -> Document:
    part = invigilator_kit_part(session, _candidates(session, candidates))
    return render_documents([part], title=_("Kit du surveillant — session %(number)s") % {
        "number": session.number})[0]


def session_parts(session, candidates) -> list[Part]:
    return [p for p in (attendance_sheet_part(session, candidates), invigilator_kit_part(session, candidates)) if p]
