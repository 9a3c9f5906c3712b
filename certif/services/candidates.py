"""Enrol candidates one by one or, for a school's centre, from its imported students by class;
withdraw them while they have not joined the session."""

from dataclasses import dataclass

from django.db import transaction

from certif.constants import FRANCE_COUNTRY_CODE
from certif.errors import CertifError, ErrorCode, Problem
from certif.insee.referential import BirthplaceReferential
from certif.models import CertificationCandidate, CertificationSession
from certif.rules.candidates import CandidateData, validate_candidate
from certif.selectors import enrolled_identity_keys, enrolled_learner_ids, linked_school
from certif.text import normalize
from orga import selectors as orga_selectors


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


@dataclass(frozen=True)
class StudentEnrolment:
    enrolled: list
    skipped: int


def _student_name(learner) -> str:
    return f"{learner.first_name} {learner.last_name}".strip()


def _candidate_from_student(session, learner, referential):
    """The candidate SIECLE describes (domain §4.5), or the problem that stops it."""
    student = _student_name(learner)
    if not learner.sex:
        return None, Problem(ErrorCode.STUDENT_SEX_MISSING, params={"student": student})
    country = referential.country(learner.full_country_code) if learner.full_country_code else None
    if country is None:
        return None, Problem(ErrorCode.UNKNOWN_COUNTRY_FOR_STUDENT_ENROLMENT,
                             params={"student": student, "code": learner.birth_country_code or "—"})
    city = " ".join(learner.birth_city.split())
    if country.code == FRANCE_COUNTRY_CODE:
        insee_code = learner.birth_city_code.strip().upper()
        city = city or (referential.current_commune_name(insee_code) or "" if insee_code else "")
    else:
        insee_code = country.code
    if not city or not insee_code:
        return None, Problem(ErrorCode.STUDENT_BIRTH_CITY_MISSING, params={"student": student})
    return CertificationCandidate(
        session=session, organization_learner=learner, division=learner.division,
        last_name=" ".join(learner.last_name.split()), first_name=" ".join(learner.first_name.split()),
        sex=learner.sex, birthdate=learner.birthdate, birth_country=country.common_name,
        birth_insee_code=insee_code, birth_postal_code="", birth_city=city, billing_mode="",
        prepayment_code=""), None


@transaction.atomic
def students_enrol(*, session, learner_ids) -> StudentEnrolment:
    """Enrol students of the centre's linked school, skipping those already in the session.

    Every student must be an active student of that school; the birthplace comes from SIECLE
    (country code, commune's INSEE code and name) and a school never bills its candidates.
    Either all the new students are enrolled or, when one's data stops it, none."""
    locked = CertificationSession.objects.select_for_update().select_related("center").get(pk=session.pk)
    if locked.is_finalized:
        raise CertifError.of(ErrorCode.CANDIDATE_ON_FINALIZED_SESSION)
    school = linked_school(locked.center)
    if school is None:
        raise CertifError.of(ErrorCode.CENTER_NOT_LINKED_TO_SCHOOL)
    ids = set(learner_ids)
    if not ids:
        raise CertifError.of(ErrorCode.NO_STUDENT_SELECTED, "learners")
    learners = list(orga_selectors.learners_by_ids(school, ids))
    if len(learners) != len(ids):
        raise CertifError.of(ErrorCode.STUDENT_NOT_IN_SCHOOL, "learners")
    already = enrolled_learner_ids(locked)
    identities = enrolled_identity_keys(locked)
    referential = BirthplaceReferential.for_birthplaces([
        {"birth_country": learner.full_country_code, "birth_insee_code": learner.birth_city_code}
        for learner in learners])
    candidates, problems, skipped = [], [], 0
    for learner in learners:
        if learner.pk in already:
            skipped += 1
            continue
        candidate, problem = _candidate_from_student(locked, learner, referential)
        if problem is not None:
            problems.append(problem)
            continue
        identity = (normalize(candidate.last_name), normalize(candidate.first_name), candidate.birthdate)
        if identity in identities:  # enrolled by hand, or the same person twice in the school
            skipped += 1
            continue
        identities.add(identity)
        candidates.append(candidate)
    if problems:
        raise CertifError(*problems)
    CertificationCandidate.objects.bulk_create(candidates)
    return StudentEnrolment(enrolled=candidates, skipped=skipped)
