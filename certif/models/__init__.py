"""Certification's data: centres and their members, sessions, candidates, the INSEE referential."""

from certif.models.candidates import BillingMode, CertificationCandidate, Sex
from certif.models.centers import (
    CertificationCenter,
    CertificationCenterMembership,
    CertifTermsAcceptance,
)
from certif.models.imports import SessionImport
from certif.models.referential import InseeCommune, InseeCountry, InseeReferentialVersion
from certif.models.sessions import CertificationSession, SessionStatus

__all__ = [
    "BillingMode", "CertifTermsAcceptance", "CertificationCandidate", "CertificationCenter",
    "CertificationCenterMembership", "CertificationSession", "InseeCommune", "InseeCountry",
    "InseeReferentialVersion", "SessionImport", "SessionStatus", "Sex",
]
