"""Tests that position a learner on skills (`adaptive.positioning`): competence evaluations here,
campaign assessments in `orga`. They share the choice of the next skill from the learner's current
knowledge, the deterministic pick of its challenge, and the knowledge elements an answer writes.
A subclass says which skills are the target and whether old failures are forgotten.
"""

from __future__ import annotations

import abc
from datetime import timedelta

from django.conf import settings

from adaptive import positioning
from learners import selectors
from learners.assessments.strategies import AnswerHistory, AssessmentStrategy
from learners.models import KnowledgeElement
from learners.prepared import PreparedInsert, PreparedQuery

# The skills the assessment already has knowledge of (compiled once: the hot path).
_ASSESSED_SKILLS = PreparedQuery(lambda assessment, **_: (
    KnowledgeElement.objects.filter(assessment_id=assessment).order_by().values_list("skill_id")))
_KNOWLEDGE_INSERT = PreparedInsert(KnowledgeElement)


class PositioningStrategy(AssessmentStrategy):
    """The "smart random" skill positioning over `target_skills`, ending when no skill is left."""

    @abc.abstractmethod
    def target_skills(self, assessment) -> list:
        """The target skills, each with `playable_challenges` (see `referentiel.catalogue`)."""

    def forgets_old_failures(self, assessment) -> bool:
        """Whether failures older than the waiting period may be asked again (improving)."""
        return assessment.is_improving

    def next_challenge(self, assessment, history: AnswerHistory):
        answered = history.answered_ids
        skills = self.target_skills(assessment)
        remaining = {
            skill.pk: [c for c in skill.playable_challenges if c.pk not in answered]
            for skill in skills if skill.playable_challenges
        }
        position_skills = [
            positioning.Skill(id=skill.pk, tube=skill.tube.name, level=skill.level,
                              pix_value=skill.pix_value, playable=bool(remaining[skill.pk]),
                              timed=bool(remaining[skill.pk]) and remaining[skill.pk][0].is_timed)
            for skill in skills if skill.pk in remaining
        ]
        candidates = positioning.next_skill_candidates(
            position_skills, self._knowledge(assessment, remaining.keys()),
            last_answer_timed=history.last is not None and history.last.was_timed,
            is_first_question=history.last is None,
        )
        if not candidates:
            return None
        skill_id = candidates[positioning.pick(assessment.pk, len(candidates))]
        challenges = remaining[skill_id]
        return challenges[positioning.pick(assessment.pk, len(challenges), salt=1)]

    def _knowledge(self, assessment, skill_ids):
        """The learner's current knowledge on the target skills, whatever test it came from.

        When old failures are forgotten, those older than the waiting period can be asked again;
        successes are always kept.
        """
        elements = selectors.current_knowledge_rows(assessment.user_id, skill_ids=list(skill_ids))
        forgets = self.forgets_old_failures(assessment)
        cutoff = assessment.created_at - timedelta(days=settings.DAYS_BEFORE_IMPROVING)
        return [
            positioning.KnowledgeElement(skill_id=e.skill_id, status=e.status, source=e.source,
                                         earned_pix=e.earned_pix)
            for e in elements
            if not (forgets and e.status == KnowledgeElement.Status.INVALIDATED and e.created_at < cutoff)
        ]

    def answered(self, assessment, challenge, answer):
        """The direct and inferred knowledge elements of the answer; each takes its competence
        from its skill."""
        skills = {s.pk: s for s in self.target_skills(assessment) if s.playable_challenges}
        assessed = {skill_id for (skill_id,) in _ASSESSED_SKILLS.rows(assessment=assessment.pk)}
        elements = positioning.knowledge_elements_for_answer(
            [positioning.Skill(id=s.pk, tube=s.tube.name, level=s.level, pix_value=s.pix_value)
             for s in skills.values()],
            assessed, challenge.skill_id, answer.is_ok,
        )
        _KNOWLEDGE_INSERT.insert([
            KnowledgeElement(user_id=assessment.user_id, assessment=assessment, answer=answer,
                             skill_id=e.skill_id, competence_id=skills[e.skill_id].competence_id,
                             source=e.source, status=e.status, earned_pix=e.earned_pix)
            for e in elements
        ])
