"""The numbers of the competence framework that every scoring rule shares, defined once.

The content loader, the learner profile, the certification scoring and the tests read them here.
"""

# The 16 competences of the framework, in its order (areas 1 to 5).
COMPETENCE_CODES = (
    "1.1", "1.2", "1.3",
    "2.1", "2.2", "2.3", "2.4",
    "3.1", "3.2", "3.3", "3.4",
    "4.1", "4.2", "4.3",
    "5.1", "5.2",
)  # fmt: skip
COMPETENCE_COUNT = len(COMPETENCE_CODES)

PIX_PER_LEVEL = 8  # each level of a competence is worth 8 pix
MAX_PIX_PER_SKILL = 4.0  # a level with a single skill gives it 4 pix, not 8

# Highest level a learner's profile can show (the platform's setting MAX_REACHABLE_LEVEL, whose
# default this is); the certification has its own ceiling, `adaptive.scoring.MAX_REACHABLE_LEVEL`.
PROFILE_MAX_REACHABLE_LEVEL = 5
