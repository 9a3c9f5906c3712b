"""A certification version's life (domain §1.1, §1.9): a draft is copied from a version, edited,
then activated, which archives the version active before it. Only a draft changes."""

from django.db import transaction
from django.utils import timezone

from certif.errors import CertifError, ErrorCode
from certif.models import CertificationVersion, VersionStatus
from certif.rules.versions import scoring_problems


@transaction.atomic
def version_activate(*, version) -> CertificationVersion:
    """Activate a draft whose intervals are valid; the scope's active version is archived."""
    versions = CertificationVersion.objects.select_for_update()
    version = versions.get(pk=version.pk)
    if version.status != VersionStatus.DRAFT:
        raise CertifError.of(ErrorCode.VERSION_NOT_DRAFT)
    problems = scoring_problems(version.global_scoring, version.competences_scoring)
    if problems:
        raise CertifError.of(ErrorCode.VERSION_SCORING_NOT_VALID, details=" ".join(problems))
    now = timezone.now()
    for active in versions.filter(scope=version.scope, status=VersionStatus.ACTIVE):
        active.status = VersionStatus.ARCHIVED
        active.expiration_date = now
        active.save(update_fields=["status", "expiration_date"])
    version.status = VersionStatus.ACTIVE
    version.start_date = now
    version.expiration_date = None
    version.save(update_fields=["status", "start_date", "expiration_date"])
    return version


@transaction.atomic
def version_draft_copy(*, version) -> CertificationVersion:
    """A new draft with the settings and intervals of this version."""
    draft = CertificationVersion.objects.get(pk=version.pk)
    draft.pk = None
    draft.status = VersionStatus.DRAFT
    draft.start_date = draft.expiration_date = None
    draft.comment = ""
    draft.save()
    return draft
