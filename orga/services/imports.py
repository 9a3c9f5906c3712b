"""Importing a student list: upload, validate everything, then write everything or nothing.

The job (a Celery task, or the command line) reads the whole file first and reports every
problem; only a file without any problem is written, in one transaction that also records the
outcome, so that a worker killed halfway leaves either the old list or the new one. A re-import
updates learners by INE (or student number), adds the new ones and disables those no longer in
the file; accounts, answers and participations stay attached to the learner rows it keeps.
"""

import logging
from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orga import imports
from orga.constants import PROGRESS_STEP
from orga.errors import ImportRefused
from orga.imports import FileRefused, Problem
from orga.models import LearnerImport, Organization, OrganizationLearner

logger = logging.getLogger(__name__)
Status = LearnerImport.Status
Format = LearnerImport.Format
# Fields an import writes; the others (account, certifiability) belong to later steps.
WRITTEN = ("last_name", "preferred_last_name", "first_name", "middle_name", "third_name", "sex",
           "birthdate", "birth_city", "birth_city_code", "birth_province_code",
           "birth_country_code", "mef_code", "status", "national_student_id", "division", "email",
           "student_number", "department", "educational_team", "group", "diploma", "study_scheme")
BATCH = 1000
# An import still running after this long is taken as lost (worker killed) and does not block.
STALE_AFTER = timedelta(minutes=15)


def formats_for(organization):
    if organization.imports_siecle:
        return [Format.SIECLE_XML, Format.SIECLE_CSV]
    if organization.imports_students_csv:
        return [Format.SUP_CSV]
    return []


@transaction.atomic
def learner_import_create(*, organization, user, filename, content, format, mode=LearnerImport.Mode.REPLACE):
    """Record an upload; the job is enqueued once this transaction commits."""
    if format not in formats_for(organization):
        raise ImportRefused(_("Cette organisation n'importe pas de fichier de ce format."))
    try:
        imports.files.check_size(len(content))
    except FileRefused as error:
        raise ImportRefused(error.message, error.code) from None
    Organization.objects.select_for_update().get(pk=organization.pk)
    running = organization.imports.exclude(status__in=LearnerImport.FINISHED).filter(
        created_at__gte=timezone.now() - STALE_AFTER)
    if running.exists():
        raise ImportRefused(_("Un import est déjà en cours pour cette organisation : attendez "
                              "qu'il se termine."), "import_running")
    if format != Format.SUP_CSV:
        mode = LearnerImport.Mode.REPLACE
    return LearnerImport.objects.create(organization=organization, created_by=user,
                                        filename=filename[:255], size=len(content),
                                        content=content, format=format, mode=mode)


def learner_import_enqueue(job):
    from orga import tasks

    transaction.on_commit(lambda: tasks.import_learners.delay(job.pk))


def _save(job, **values):
    for name, value in values.items():
        setattr(job, name, value)
    LearnerImport.objects.filter(pk=job.pk).update(**values)


def learner_import_run(*, import_id):
    """Validate, then write; idempotent: a finished import is left as it is."""
    job = LearnerImport.objects.select_related("organization").filter(pk=import_id).first()
    if job is None or job.is_finished:
        return job
    _save(job, status=Status.VALIDATING, progress=1)
    reading = _read(job)
    if reading is None or reading.problems:
        return job
    _save(job, status=Status.IMPORTING, progress=90)
    try:
        with transaction.atomic():
            counts = _write(job, reading.rows)
            _save(job, status=Status.IMPORTED, progress=100, content=None,
                  finished_at=timezone.now(), **counts)
    except Exception:
        logger.exception("Import %s : échec de l'enregistrement", job.pk)
        _finish_with(job, Status.IMPORT_ERROR, [Problem(message=_(
            "L'enregistrement des élèves a échoué ; rien n'a été modifié. Réessayez, et "
            "contactez le support si l'échec se répète."))])
    return job


def _finish_with(job, status, problems):
    _save(job, status=status, errors=[p.as_dict() for p in problems], content=None,
          finished_at=timezone.now(), progress=100)


def _read(job):
    last = {"progress": 1}

    def on_progress(fraction):
        progress = max(1, min(89, int(fraction * 89)))
        if progress >= last["progress"] + PROGRESS_STEP:  # a few writes, not one per student
            last["progress"] = progress
            _save(job, progress=progress)

    try:
        reading = imports.read_learners(bytes(job.content or b""), filename=job.filename,
                                        format=job.format, uai=job.organization.external_id,
                                        on_progress=on_progress)
    except FileRefused as error:
        _finish_with(job, Status.VALIDATION_ERROR, [Problem(message=error.message)])
        return None
    if reading.problems:
        _finish_with(job, Status.VALIDATION_ERROR, reading.problems)
    return reading


def _write(job, rows):
    organization = Organization.objects.select_for_update().get(pk=job.organization_id)
    key = imports.KEYS[job.format]
    existing = {
        values[key].upper(): values
        for values in OrganizationLearner.objects.filter(organization=organization)
        .exclude(**{key: ""}).values("pk", "is_disabled", *WRITTEN).iterator(chunk_size=2000)
    }
    in_file = {row[key].upper() for row in rows}
    disabled = 0
    if job.mode == LearnerImport.Mode.REPLACE:
        gone = [v["pk"] for k, v in existing.items() if k not in in_file and not v["is_disabled"]]
        for start in range(0, len(gone), BATCH):
            disabled += OrganizationLearner.objects.filter(pk__in=gone[start:start + BATCH]).update(
                is_disabled=True, updated_at=timezone.now())
    to_create, to_update, changed = [], [], set()
    for row in rows:
        values = {name: row.get(name, "") for name in WRITTEN}
        current = existing.get(row[key].upper())
        if current is None:
            to_create.append(OrganizationLearner(organization=organization, **values))
            continue
        differences = {name for name in WRITTEN if current[name] != values[name]}
        if current["is_disabled"] or differences:
            changed |= differences
            to_update.append(OrganizationLearner(pk=current["pk"], is_disabled=False,
                                                 updated_at=timezone.now(), **values))
    OrganizationLearner.objects.bulk_create(to_create, batch_size=BATCH)
    # Only the fields that changed somewhere: a new school year mostly moves classes, and each
    # field updated costs a CASE over the whole batch.
    OrganizationLearner.objects.bulk_update(to_update, [*sorted(changed), "is_disabled", "updated_at"],
                                            batch_size=BATCH // 2)
    active = OrganizationLearner.objects.filter(organization=organization, is_disabled=False).count()
    return {"created_count": len(to_create), "updated_count": len(to_update),
            "disabled_count": disabled, "active_count": active}


def learner_import_problems(job):
    return [Problem.from_dict(data) for data in job.errors]

