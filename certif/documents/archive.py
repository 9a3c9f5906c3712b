"""One ZIP with every document of a selection of sessions, a folder per session."""

import io
import zipfile

from django.utils.translation import gettext as _

from certif import selectors
from certif.documents.sheets import render_documents, session_parts


def archive_name() -> str:
    return _("documents-sessions.zip")


def sessions_archive(sessions) -> bytes:
    """Every session's documents, laid out in one pass (see `render_pdfs`), a folder per session."""
    candidates = selectors.candidates_by_session(sessions)
    folders, parts = [], []
    for session in sessions:
        for part in session_parts(session, candidates.get(session.pk, [])):
            folders.append(_("session-%(number)s") % {"number": session.number})
            parts.append(part)
    buffer = io.BytesIO()
    # The PDFs are already compressed: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for folder, document in zip(folders, render_documents(parts, title=archive_name())):
            archive.writestr(f"{folder}/{document.file_name}", document.content)
    return buffer.getvalue()
