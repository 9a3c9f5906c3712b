"""Orga's rules in one place (values of the reference platform unless a comment says otherwise)."""

MEGABYTE = 1024 * 1024
# An upload larger than this is refused before it is read (the reference's limit).
MAX_UPLOAD_BYTES = 20 * MEGABYTE
# A zipped export unpacks to at most this: a SIECLE export of the largest school is far below.
MAX_UNZIPPED_BYTES = 50 * MEGABYTE

# SIECLE: France's country code, the division type, the pseudo-division of inactive students.
FRANCE_COUNTRY_CODE = "100"
DIVISION_STRUCTURE_TYPE = "D"
INACTIVE_DIVISION = "Inactifs"

# Reconciliation: a typed name matches when its edit distance is at most this share of its
# length, after a first pass that demands an exact match.
NAME_TOLERANCE = 0.25

# Generated accounts (their temporary password: `learners.accounts.passwords`).
# A username taken already gets four random digits instead of the day and month of birth.
USERNAME_RANDOM_DIGITS = 4
USERNAME_ATTEMPTS = 50
# Generated credentials can be downloaded (PDF, CSV) for this long after they were shown.
CREDENTIALS_KEPT_SECONDS = 60 * 60

# Invitations: a signed link valid this long; the code is ten upper-case letters and digits.
INVITATION_VALIDITY_DAYS = 7
INVITATION_CODE_LENGTH = 10

# Students list.
LEARNERS_PAGE_SIZE = 50
# Import progress is saved each time it moves by this much while the file is read (percent).
PROGRESS_STEP = 5
