"""One ZIP with every document of a selection of sessions, a folder per session."""

import io
import zipfile

from django.utils.translation import gettext as _

from certif.documents.sheets import session_documents


def archive_name() -> str:
    return _("documents-sessions.zip")


def sessions_archive(sessions) -> bytes:
    buffer = io.BytesIO()
    # The PDFs are already compressed: storing them is as small and much faster.
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_STORED) as archive:
        for session in sessions:
            folder = _("session-%(number)s") % {"number": session.number}
            for document in session_documents(session):
                archive.writestr(f"{folder}/{document.file_name}", document.content)
    return buffer.getvalue()
