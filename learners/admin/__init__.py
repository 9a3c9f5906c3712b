"""The learner app in the admin: users, tests and answers, and the calibration of the bank."""

from learners.admin import calibration  # noqa: F401  (registers its model admins)
