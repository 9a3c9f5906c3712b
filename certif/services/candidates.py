"""Enrol candidates one by one, and withdraw them while they have not joined the session."""

from django.db import transaction

from certif.errors import CertifError, ErrorCode
from certif.insee.referential import BirthplaceReferential
from certif.models import CertificationCandidate, CertificationSession
from certif.rules.candidates import CandidateData, validate_candidate
from certif.selectors import enrolled_identity_keys


def candidate_from_data(*, session, data: CandidateData) -> CertificationCandidate:
    return CertificationCandidate(session=session, **{
        field: getattr(data, field) for field in CandidateData.__dataclass_fields__})


@transaction.atomic
def candidate_add(*, session, raw: dict) -> CertificationCandidate:
    """Check the candidate with the domain's rules and enrol them, refusing a second enrolment."""
    locked = CertificationSession.objects.select_for_update().select_related("center").get(pk=session.pk)
    if locked.is_finalized:
        raise CertifError.of(ErrorCode.CANDIDATE_ON_FINALIZED_SESSION)
    data, problems = validate_candidate(raw, has_billing_mode=locked.center.has_billing_mode,
                                        referential=BirthplaceReferential.for_birthplaces([raw]))
    if problems:
        raise CertifError(*problems)
    if data.identity_key in enrolled_identity_keys(locked):
        raise CertifError.of(ErrorCode.CANDIDATE_ALREADY_ENROLLED)
    candidate = candidate_from_data(session=locked, data=data)
    candidate.save()
    return candidate


@transaction.atomic
def candidate_remove(*, candidate) -> None:
    CertificationSession.objects.select_for_update().filter(pk=candidate.session_id).first()
    locked = CertificationCandidate.objects.select_related("session").get(pk=candidate.pk)
    if locked.is_linked:
        raise CertifError.of(ErrorCode.CANDIDATE_LINKED_TO_USER)
    if locked.session.is_finalized:
        raise CertifError.of(ErrorCode.CANDIDATE_ON_FINALIZED_SESSION)
    locked.delete()
