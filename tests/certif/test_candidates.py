"""Enrolling a candidate by hand: the rules, duplicates, finalised sessions, withdrawal."""

import pytest
from django.utils import timezone

from certif.errors import CertifError, ErrorCode
from certif.services.candidates import candidate_add, candidate_remove
from tests.certif.factories import CandidateFactory, SessionFactory
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

RAW = {"last_name": " Dupont-Lefèvre ", "first_name": "Zoé  Marie", "sex": "f", "birthdate": "2010-02-03",
       "birth_country": "99100", "birth_postal_code": "51300", "birth_city": "vitry le francois",
       "billing_mode": "FREE", "extra_time_percentage": "33", "accessibility_adjustment_needed": True}


def test_a_candidate_is_enrolled_with_trimmed_names_and_the_referential_s_birthplace(insee, session):
    candidate = candidate_add(session=session, raw=RAW)
    assert (candidate.last_name, candidate.first_name, candidate.sex) == ("Dupont-Lefèvre", "Zoé Marie", "F")
    assert (candidate.birth_insee_code, candidate.birth_postal_code, candidate.birth_city,
            candidate.birth_country) == ("51649", "51300", "Vitry-le-François", "France")
    assert candidate.extra_time_percentage == 33 and candidate.accessibility_adjustment_needed


def test_the_same_person_cannot_be_enrolled_twice_in_a_session(insee, session):
    candidate_add(session=session, raw=RAW)
    with pytest.raises(CertifError) as refused:
        candidate_add(session=session, raw={**RAW, "last_name": "DUPONT LEFEVRE", "first_name": "zoe marie"})
    assert refused.value.code == ErrorCode.CANDIDATE_ALREADY_ENROLLED
    assert refused.value.message == ("Un candidat de mêmes nom, prénom et date de naissance est déjà inscrit "
                                     "à cette session.")
    assert candidate_add(session=session, raw={**RAW, "birthdate": "2010-02-04"}).pk


def test_no_candidate_joins_a_finalised_session(insee, center):
    session = SessionFactory(center=center, finalized_at=timezone.now())
    with pytest.raises(CertifError) as refused:
        candidate_add(session=session, raw=RAW)
    assert refused.value.message == "Cette session est finalisée : on ne peut plus y inscrire de candidat."


def test_an_sco_centre_never_bills_its_candidates(insee, sco_center):
    session = SessionFactory(center=sco_center)
    with pytest.raises(CertifError) as refused:
        candidate_add(session=session, raw=RAW)
    assert refused.value.code == ErrorCode.CANDIDATE_BILLING_MODE_MUST_BE_EMPTY
    assert candidate_add(session=session, raw={**RAW, "billing_mode": ""}).billing_mode == ""


def test_a_candidate_who_joined_with_their_account_cannot_be_withdrawn(session):
    joined = CandidateFactory(session=session, user=UserFactory(), reconciled_at=timezone.now())
    with pytest.raises(CertifError) as refused:
        candidate_remove(candidate=joined)
    assert refused.value.message == ("Ce candidat a déjà rejoint la session avec son compte : il ne peut plus "
                                     "être retiré.")
    waiting = CandidateFactory(session=session)
    candidate_remove(candidate=waiting)
    assert list(session.candidates.all()) == [joined]
