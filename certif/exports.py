"""The centre's CSV of a session's results (domain §8.5): one row per course, the domain's columns
and values, streamed and formula-safe with the project's CSV writer."""

from django.utils import timezone
from django.utils.translation import gettext as _

from adaptive.framework import COMPETENCE_CODES
from certif import result_selectors
from certif.jury_comments import comment_for_organization
from certif.levels import BELOW_MINIMUM_LABEL, mesh_level_label
from certif.models import CertificationCourse, ResultStatus
from orga.exports import csv_lines

NOT_APPLICABLE = "-"
DATE_FORMAT = "%d/%m/%Y"
CHUNK = 500  # courses read at a time: memory stays flat whatever the session's size


def results_header():
    return [
        _("Numéro de certification"), _("Prénom"), _("Nom"), _("Date de naissance"),
        _("Lieu de naissance"), _("Identifiant externe"), _("Statut"), _("Niveau atteint"),
        _("Nombre de Pix"), *COMPETENCE_CODES, _("Commentaire jury pour l'organisation"),
        _("Session"), _("Centre de certification"), _("Date de passage de la certification"),
    ]


def _score(result):
    if result is None or result.status in (ResultStatus.CANCELLED, ResultStatus.ERROR):
        return NOT_APPLICABLE
    if result.status == ResultStatus.REJECTED:
        return 0
    return result.pix_score


def _reached_level(result):
    if result is not None and result.status == ResultStatus.VALIDATED:
        return mesh_level_label(result.reached_mesh_index) or NOT_APPLICABLE
    if result is not None and result.status == ResultStatus.REJECTED:
        return str(BELOW_MINIMUM_LABEL)
    return NOT_APPLICABLE


def _levels(result):
    if result is None or result.status != ResultStatus.VALIDATED:
        return [NOT_APPLICABLE] * len(COMPETENCE_CODES)
    marks = {mark.competence_code: mark.level for mark in result.competence_marks.all()}
    return [max(marks[code], 0) if code in marks else NOT_APPLICABLE for code in COMPETENCE_CODES]


def _comment(result):
    if result is None:
        return ""
    return result.comment_for_organization or comment_for_organization(result.auto_jury_comment)


def _row(course, result, session):
    return [
        course.pk, course.first_name, course.last_name, course.birthdate.strftime(DATE_FORMAT),
        course.birthplace, course.external_id,
        result.get_status_display().capitalize() if result else NOT_APPLICABLE,
        _reached_level(result), _score(result), *_levels(result), _comment(result),
        session.pk, session.center.name,
        timezone.localtime(course.created_at).strftime(DATE_FORMAT),
    ]


def _rows(session):
    courses = CertificationCourse.objects.filter(session=session).order_by("last_name", "first_name", "pk")
    ids = list(courses.values_list("pk", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = list(courses.filter(pk__in=ids[start:start + CHUNK]))
        results = result_selectors.latest_results_by_course(chunk)
        for course in chunk:
            yield _row(course, results.get(course.pk), session)


def session_results_lines(session):
    """The file, line by line (the content of a streamed response)."""
    return csv_lines(results_header(), _rows(session))


def session_results_file_name(session) -> str:
    stamp = timezone.localtime(session.starts_at).strftime("%Y%m%d_%H%M")
    return f"{stamp}_resultats_session_{session.pk}.csv"
