"""Constants of certification, each defined once (values from the domain facts unless marked ours)."""

from datetime import date

# Session access code: 4 letters then 2 digits, drawn with replacement.
ACCESS_CODE_LETTERS = "BCDFGHJKMPQRTVWXY"
ACCESS_CODE_DIGITS = "2346789"
ACCESS_CODE_LETTER_COUNT = 4
ACCESS_CODE_DIGIT_COUNT = 2
# Invigilator password: 6 distinct characters of this alphabet.
INVIGILATOR_PASSWORD_ALPHABET = "23456789bcdfghjkmpqrstvwxyBCDFGHJKMPQRSTVWXY!*?"
INVIGILATOR_PASSWORD_LENGTH = 6

DEFAULT_SESSION_DURATION_MINUTES = 105
SESSION_VERSION = 3

# INSEE: France's country code; a foreign birthplace's INSEE code is "99" (or the country's code).
FRANCE_COUNTRY_CODE = "99100"
FOREIGN_INSEE_CODE = "99"
INSEE_CODE_LENGTH = 5

MIN_BIRTHDATE = date(1900, 1, 1)
# Extra time as a whole percentage, 0 <= x < 1000 (the domain's decimal 0 <= x < 10).
MAX_EXTRA_TIME_PERCENTAGE = 1000

# Lengths of the stored texts (ours: the domain gives none).
NAME_MAX_LENGTH = 255
SESSION_TEXT_MAX_LENGTH = 255
SESSION_DESCRIPTION_MAX_LENGTH = 2000
PREPAYMENT_CODE_MAX_LENGTH = 100

# Attendance sheet.
CANDIDATES_PER_ATTENDANCE_PAGE = 20
ATTENDANCE_TEXT_MAX_CHARS = 21
ATTENDANCE_ADDRESS_MAX_CHARS = 22
ATTENDANCE_EXAMINER_MAX_CHARS = 40

# Bulk import (ours): a 500-line file weighs about 100 kB.
IMPORT_MAX_BYTES = 5 * 1024 * 1024
IMPORT_MAX_LINES = 5000
# A ZIP of documents is built in the request (ours): about 0.27 s a session (docs/PERFORMANCE.md).
ZIP_MAX_SESSIONS = 40

SESSIONS_PER_PAGE = 20

# The day of the exam and its results.
EXAMINER_COMMENT_MAX_LENGTH = 500
# Finalisation (domain §7.2): an in-challenge issue report names a question from 1 to 500; the
# length of a report's description is ours.
ISSUE_REPORT_QUESTION_NUMBER_MIN = 1
ISSUE_REPORT_QUESTION_NUMBER_MAX = 500
ISSUE_REPORT_DESCRIPTION_MAX_LENGTH = 2000
# Verification code: "P-" and 8 distinct characters of this alphabet (domain §8.3).
VERIFICATION_CODE_PREFIX = "P-"
VERIFICATION_CODE_ALPHABET = "2346789BCDFGHJKMPQRTVWXY"
VERIFICATION_CODE_DRAWN = 8
VERIFICATION_CODE_LENGTH = len(VERIFICATION_CODE_PREFIX) + VERIFICATION_CODE_DRAWN
VERIFICATION_CODE_MAX_TRIES = 1000

# The exam day (domain §5).
# The domain's seed intervals (§1.7), used by the first active version: capacity bounds of the
# global mesh levels 0..7 and of the competence levels 0..7 (the same for every competence).
SEED_GLOBAL_INTERVALS = ((-4.67, -1.4), (-1.4, -0.519), (-0.519, 0.6), (0.6, 1.5), (1.5, 2.25),
                         (2.25, 3.1), (3.1, 4), (4, 8))
SEED_COMPETENCE_INTERVALS = ((-8, -2), (-2, -1), (-1, 0.5), (0.5, 1), (1, 2), (2, 3), (3, 4), (4, 8))
# The candidate's page tells the server it is open every PRESENCE_SECONDS; past
# CONNECTION_LOST_SECONDS without news, the invigilator sees a lost connection.
PRESENCE_SECONDS = 15
CONNECTION_LOST_SECONDS = 60
# The browser that just entered the access code may send it again this long after (a double
# click); later, a new authorisation is needed (a closed tab, a crash).
ENTRY_REPEAT_SECONDS = 10
# The invigilator's list refreshes itself this often.
INVIGILATOR_REFRESH_SECONDS = 5
# Wrong invigilator passwords and access codes, counted per session (never per address alone:
# a whole room shares one): this many in RATE_LIMIT_WINDOW_SECONDS, then a wait.
INVIGILATOR_PASSWORD_ATTEMPTS = 10
ACCESS_CODE_ATTEMPTS = 30
RATE_LIMIT_WINDOW_SECONDS = 300
# Scoring (ours): the confidence band shown with the score is capacity -/+ 1.96 standard errors
# (95 %), turned into scores through the version's intervals.
CONFIDENCE_Z = 1.96
# The public verification page (ours): what it reads of a typed code, and the code's prefix that
# one of its rate limits counts by ("P-" and the first characters drawn).
VERIFICATION_INPUT_MAX_CHARS = 40
VERIFICATION_PREFIX_CHARS = 3
