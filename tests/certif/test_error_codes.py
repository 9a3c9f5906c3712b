"""Every error code of the candidate and session rules is exercised by a test with its French message."""

from certif.errors import ErrorCode
from tests.certif import test_candidate_rules, test_import, test_session_rules

# Codes checked outside the tables, with their message, in the named tests.
CHECKED_ELSEWHERE = {
    ErrorCode.SESSION_NOT_FINALIZED: "test_publication",
    ErrorCode.SESSION_NOT_PUBLISHED: "test_publication",
    ErrorCode.SESSION_ALREADY_PUBLISHED: "test_publication",
    ErrorCode.CERTIFICATION_COURSE_NOT_PUBLISHABLE: "test_publication",
    ErrorCode.CERTIFICATION_NOT_FINISHED: "test_scoring",
    ErrorCode.JURY_COMMENT_REQUIRED: "test_jury",
    ErrorCode.JURY_NOTHING_TO_CHANGE: "test_jury",
    ErrorCode.ISSUE_REPORT_ALREADY_RESOLVED: "test_jury",
    ErrorCode.VERSION_NOT_DRAFT: "test_versions_admin",
    ErrorCode.VERSION_SCORING_NOT_VALID: "test_versions_admin",
    ErrorCode.SESSION_WITH_DATE_AND_TIME_ALREADY_EXISTS: "test_session_rules / test_import",
    ErrorCode.SESSION_ALREADY_STARTED: "test_session_rules",
    ErrorCode.INFORMATION_NOT_ALLOWED_WITH_SESSION_ID: "test_import",
    ErrorCode.CANDIDATE_NOT_ALLOWED_FOR_STARTED_SESSION: "test_import",
    ErrorCode.EMPTY_SESSION: "test_import",
    ErrorCode.DUPLICATE_CANDIDATE_IN_SESSION: "test_import",
    ErrorCode.DUPLICATE_CANDIDATE_NOT_ALLOWED_IN_SESSION: "test_import",
    ErrorCode.CANDIDATE_ALREADY_ENROLLED: "test_candidates",
    ErrorCode.CANDIDATE_ON_FINALIZED_SESSION: "test_candidates",
    ErrorCode.CANDIDATE_LINKED_TO_USER: "test_candidates",
    ErrorCode.CENTER_NOT_LINKED_TO_SCHOOL: "test_sco_enrolment",
    ErrorCode.STUDENT_NOT_IN_SCHOOL: "test_sco_enrolment",
    ErrorCode.NO_STUDENT_SELECTED: "test_sco_enrolment",
    ErrorCode.UNKNOWN_COUNTRY_FOR_STUDENT_ENROLMENT: "test_sco_enrolment",
    ErrorCode.STUDENT_BIRTH_CITY_MISSING: "test_sco_enrolment",
    ErrorCode.STUDENT_SEX_MISSING: "test_sco_enrolment",
    ErrorCode.IMPORT_FILE_EMPTY: "test_import",
    ErrorCode.IMPORT_FILE_TOO_LARGE: "test_import",
    ErrorCode.IMPORT_TOO_MANY_LINES: "test_import",
    ErrorCode.IMPORT_NOT_CSV: "test_import",
    ErrorCode.IMPORT_HEADERS_NOT_VALID: "test_import",
    ErrorCode.IMPORT_NO_SESSION_FOR_CANDIDATE: "test_import",
    ErrorCode.IMPORT_ALREADY_CONFIRMED: "test_import",
    ErrorCode.IMPORT_HAS_ERRORS: "test_import",
    # The exam day.
    ErrorCode.JOIN_SESSION_NOT_FOUND: "test_exam_joining",
    ErrorCode.SESSION_NOT_ACCESSIBLE: "test_exam_joining",
    ErrorCode.CANDIDATE_BY_PERSONAL_INFO_NOT_FOUND: "test_exam_joining",
    ErrorCode.CANDIDATE_BY_PERSONAL_INFO_TOO_MANY_MATCHES: "test_exam_joining",
    ErrorCode.UNEXPECTED_USER_ACCOUNT: "test_exam_joining",
    ErrorCode.USER_ALREADY_LINKED_TO_CANDIDATE_IN_SESSION: "test_exam_joining",
    ErrorCode.MATCHING_STUDENT_NOT_RECONCILED: "test_exam_joining",
    ErrorCode.CERTIFICATION_NOT_AVAILABLE: "test_exam_joining",
    ErrorCode.INSTRUCTIONS_NOT_CONFIRMED: "test_exam_joining",
    ErrorCode.INSTRUCTIONS_NOT_SEEN: "test_exam_joining",
    ErrorCode.ACCESS_CODE_NOT_VALID: "test_exam_joining",
    ErrorCode.ACCESS_CODE_TOO_MANY_ATTEMPTS: "test_exam_joining",
    ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_JOIN_SESSION: "test_exam_joining",
    ErrorCode.CANDIDATE_NOT_AUTHORIZED_TO_RESUME_CERTIFICATION_TEST: "test_exam_joining",
    ErrorCode.VERIFICATION_CODE_GENERATION_TOO_MANY_TRIALS: "test_exam_joining",
    ErrorCode.LIVE_ALERT_ALREADY_ONGOING: "test_invigilation",
    ErrorCode.LIVE_ALERT_NO_CURRENT_QUESTION: "test_invigilation",
    ErrorCode.INVIGILATOR_ACCESS_NOT_VALID: "test_invigilation",
    ErrorCode.INVIGILATOR_SESSION_FINALIZED: "test_invigilation",
    ErrorCode.INVIGILATOR_TOO_MANY_ATTEMPTS: "test_invigilation",
    ErrorCode.CANDIDATE_NOT_ARRIVED: "test_invigilation",
    ErrorCode.CERTIFICATION_ALREADY_ENDED: "test_invigilation",
    ErrorCode.CERTIFICATION_NOT_STARTED: "test_invigilation",
    ErrorCode.LIVE_ALERT_ALREADY_HANDLED: "test_invigilation",
    ErrorCode.LIVE_ALERT_SUBCATEGORY_NOT_VALID: "test_invigilation",
    # Finalisation.
    ErrorCode.SESSION_ALREADY_FINALIZED: "test_finalisation",
    ErrorCode.SESSION_WITHOUT_STARTED_CERTIFICATION: "test_finalisation",
    ErrorCode.SESSION_WITH_MISSING_ABORT_REASON: "test_finalisation",
    ErrorCode.SESSION_WITH_ABORT_REASON_ON_COMPLETED_CERTIFICATION_COURSE: "test_finalisation",
    ErrorCode.CERTIFICATION_REPORT_ABORT_REASON_REQUIRED: "test_finalisation",
    ErrorCode.ABORT_REASON_NOT_VALID: "test_finalisation",
    ErrorCode.EXAMINER_COMMENT_TOO_LONG: "test_finalisation",
    ErrorCode.ISSUE_REPORT_CATEGORY_REQUIRED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_CATEGORY_NOT_VALID: "test_finalisation",
    ErrorCode.ISSUE_REPORT_CATEGORY_DEPRECATED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_REQUIRED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_NOT_VALID: "test_finalisation",
    ErrorCode.ISSUE_REPORT_SUBCATEGORY_DEPRECATED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_DESCRIPTION_REQUIRED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_DESCRIPTION_TOO_LONG: "test_finalisation",
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_REQUIRED: "test_finalisation",
    ErrorCode.ISSUE_REPORT_QUESTION_NUMBER_NOT_VALID: "test_finalisation",
    ErrorCode.FINALISATION_NOT_CONFIRMED: "test_finalisation_pages",
}


def test_no_error_code_is_left_without_a_test():
    tabled = {case[1] for case in test_candidate_rules.CASES} | {case[1] for case in test_session_rules.CASES}
    tabled |= {case[2] for case in test_import.SESSION_CASES}
    assert set(ErrorCode) - tabled - set(CHECKED_ELSEWHERE) == set()


def test_every_code_has_a_french_message_and_stays_its_own_name():
    for code in ErrorCode:
        assert code.value == code.name and str(code.label).endswith((".", ")")), code
