"""Certification's data: centres and their members, sessions, candidates, the INSEE referential,
versions, the courses of the exam day and their results."""

from certif.models.candidates import BillingMode, CertificationCandidate, Sex
from certif.models.centers import (
    CertificationCenter,
    CertificationCenterMembership,
    CertifTermsAcceptance,
)
from certif.models.courses import (
    AbortReason,
    CertificationCourse,
    CertificationIssueReport,
    IssueReportCategory,
    IssueReportSubcategory,
    LiveAlert,
    LiveAlertStatus,
    ServedChallenge,
)
from certif.models.imports import SessionImport
from certif.models.referential import InseeCommune, InseeCountry, InseeReferentialVersion
from certif.models.results import (
    CertificationResult,
    CompetenceMark,
    JuryAction,
    JuryActionType,
    ResultStatus,
)
from certif.models.sessions import CertificationSession, SessionStatus
from certif.models.versions import CertificationVersion, VersionScope, VersionStatus

__all__ = [
    "AbortReason", "CertificationCourse", "CertificationIssueReport", "CertificationResult",
    "CertificationVersion", "CompetenceMark", "IssueReportCategory", "IssueReportSubcategory",
    "JuryAction", "JuryActionType", "LiveAlert", "LiveAlertStatus", "ResultStatus",
    "ServedChallenge", "VersionScope", "VersionStatus",
    "BillingMode", "CertifTermsAcceptance", "CertificationCandidate", "CertificationCenter",
    "CertificationCenterMembership", "CertificationSession", "InseeCommune", "InseeCountry",
    "InseeReferentialVersion", "SessionImport", "SessionStatus", "Sex",
]
