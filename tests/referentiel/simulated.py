"""Learners simulated under a 2PL model, for the calibration tests."""

import numpy as np

from learners.models import Answer, Assessment
from tests.factories import UserFactory


def record_simulated_answers(challenges, *, competence, learners: int, seed: int = 7) -> None:
    """One completed assessment per simulated learner, answering every challenge given."""
    rng = np.random.default_rng(seed)
    user, answers = UserFactory(), []
    for ability in rng.normal(0, 1, learners):
        assessment = Assessment.objects.create(user=user, type=Assessment.Type.COMPETENCE_EVALUATION,
                                               competence=competence, state=Assessment.State.COMPLETED)
        for challenge in challenges:
            p = 1 / (1 + np.exp(-challenge.discrimination * (ability - challenge.difficulty)))
            answers.append(Answer(assessment=assessment, challenge=challenge,
                                  result="ok" if rng.random() < p else "ko"))
    Answer.objects.bulk_create(answers)
