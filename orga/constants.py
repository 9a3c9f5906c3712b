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

# Campaign codes: six letters without I, L and O, then three digits without 0 and 1; drawn at
# random until unused (a code is never reused, archived campaigns keep theirs).
CAMPAIGN_CODE_LETTERS = "ABCDEFGHJKMNPQRSTUVWXYZ"
CAMPAIGN_CODE_DIGITS = "23456789"
CAMPAIGN_CODE_LETTER_COUNT = 6
CAMPAIGN_CODE_DIGIT_COUNT = 3
CAMPAIGN_CODE_ATTEMPTS = 20
# The landing page's text, at most (the reference's limit).
CAMPAIGN_TEXT_MAX_LENGTH = 5000
# Campaigns and participants per page.
CAMPAIGNS_PAGE_SIZE = 25
PARTICIPANTS_PAGE_SIZE = 50
# The dashboard's live parts are refreshed this often (seconds).
DASHBOARD_REFRESH_SECONDS = 5
# Tubes shown as "topics to work on": the lowest mastery first.
TOPICS_TO_WORK_ON = 5
# The heatmap's colours: mastery (or mean level) cut into this many bands, the number always shown.
HEATMAP_BANDS = 5
# The distribution of mastery: bands of 10 %.
MASTERY_DISTRIBUTION_BANDS = 10
# A retake (and a reset retake) opens this many full days after the results were sent
# (the reference's MINIMUM_DELAY_IN_DAYS_BEFORE_RETRYING).
RETAKE_WAITING_DAYS = 4
# Exports read participations in batches of this many (memory stays flat with the row count).
EXPORT_BATCH_SIZE = 500
# Export dates: the start and share dates in Paris time; the file name in the reference's zone.
EXPORT_TIME_ZONE = "Europe/Paris"
EXPORT_FILENAME_TIME_ZONE = "Europe/Berlin"
# Certifiability of a profile (v2 "placement profile"): `learners.selectors.CERTIFIABLE_COMPETENCES`
# competences at this level or more.
CERTIFIABLE_LEVEL = 1
