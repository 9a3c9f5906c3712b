"""The learner app in the admin: users, tests and answers, and the calibration of the bank."""

from learners.admin import assessments, calibration, users  # noqa: F401  (register their admins)
