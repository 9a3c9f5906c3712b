"""The results CSV of the school's certifications (domain §8.5): by class, and one file per session
in the ZIP of selected sessions. Streamed and formula-safe with Orga's CSV writer."""

import zipfile
from collections.abc import Iterable

from django.utils.text import slugify
from django.utils.translation import gettext as _

from adaptive.framework import COMPETENCE_CODES
from certif import certificates
from certif.certificates import PRE_BEGINNER_LABEL, CertificateStatus, global_level
from orga.exports import csv_lines

DATE_FORMAT = "%d/%m/%Y"
EMPTY = "-"


def header() -> list[str]:
    return [_("Numéro de certification"), _("Prénom"), _("Nom"), _("Date de naissance"),
            _("Lieu de naissance"), _("Identifiant externe"), _("Statut"), _("Niveau atteint"),
            _("Nombre de Pix"), *COMPETENCE_CODES, _("Commentaire jury pour l'organisation"),
            _("Session"), _("Centre de certification"), _("Date de passage de la certification")]


def _level_label(course, status) -> str:
    if status == CertificateStatus.VALIDATED:
        level = global_level(course.latest_result.reached_mesh_index)
        return str(level.label) if level else str(PRE_BEGINNER_LABEL)
    if status == CertificateStatus.REJECTED:
        return _("Sous le niveau minimal")
    return EMPTY


def _score(course, status):
    if status == CertificateStatus.VALIDATED:
        return course.latest_result.pix_score or 0
    if status == CertificateStatus.REJECTED:
        return 0
    return EMPTY


def row(course) -> list:
    status = certificates.status_of(course)
    result = course.latest_result
    validated = status == CertificateStatus.VALIDATED
    levels = [max(course.competence_levels.get(code, 0), 0) if validated else EMPTY
              for code in COMPETENCE_CODES]
    comment = result.comment_for_organization if result is not None else ""
    return [course.pk, course.first_name, course.last_name, course.birthdate.strftime(DATE_FORMAT),
            course.birthplace, course.external_id, str(status.label), _level_label(course, status),
            _score(course, status), *levels, comment, course.session_id, course.session.center.name,
            course.session.date.strftime(DATE_FORMAT)]


def results_lines(courses) -> Iterable[bytes]:
    return csv_lines(header(), (row(course) for course in certificates.with_results(courses)))


def division_file_name(division) -> str:
    return _("resultats-certification-%(division)s.csv") % {"division": slugify(division) or "classe"}


def division_pdf_name(division) -> str:
    return _("certificats-%(division)s.pdf") % {"division": slugify(division) or "classe"}


def session_file_name(session) -> str:
    return _("resultats-session-%(number)s-%(date)s.csv") % {
        "number": session.number, "date": f"{session.date:%Y%m%d}_{session.time:%H%M}"}


def zip_name() -> str:
    return _("resultats-sessions.zip")


class _Sink:
    """An unseekable file for zipfile: what it writes is handed back in chunks."""

    def __init__(self):
        self.chunks = []

    def write(self, data):
        self.chunks.append(bytes(data))
        return len(data)

    def flush(self):
        pass

    def drain(self):
        chunks, self.chunks = self.chunks, []
        return chunks


def sessions_zip(school, sessions) -> Iterable[bytes]:
    """A ZIP with the school's results of each session, built and sent piece by piece."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for session in sessions:
            courses = certificates.school_courses(school).filter(session=session).order_by(
                "last_name", "first_name", "pk")
            with archive.open(session_file_name(session), "w") as member:
                for line in results_lines(courses):
                    member.write(line)
                    yield from sink.drain()
    yield from sink.drain()
