"""Write the parsed content into the database, idempotently and all at once.

A row is written only when one of its values changed, so a second run changes nothing. Challenges
and skills that left the files are archived, never deleted: answers keep pointing at them.
"""

from collections import Counter
from dataclasses import dataclass, field

from django.db import transaction

from adaptive import positioning
from referentiel import catalogue
from referentiel.enums import ChallengeStatus
from referentiel.loader.parse import Referentiel, parse_content
from referentiel.models import (
    INITIAL_DIFFICULTY_BY_LEVEL,
    INITIAL_DISCRIMINATION,
    Area,
    Challenge,
    Competence,
    Framework,
    Skill,
    Thematic,
    Tube,
    Tutorial,
)


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    archived: Counter = field(default_factory=Counter)

    @property
    def changed(self):
        return bool(self.created or self.updated or self.archived)

    def lines(self):
        for label, counter in (("créés", self.created), ("modifiés", self.updated),
                               ("archivés", self.archived)):
            if counter:
                yield f"{label} : " + ", ".join(f"{n} {k}" for k, n in sorted(counter.items()))


def _upsert(report, model, lookup: dict, values: dict):
    """Create or update one row; write only what changed."""
    instance = model.objects.filter(**lookup).first()
    if instance is None:
        instance = model.objects.create(**lookup, **values)
        report.created[model._meta.model_name] += 1
        return instance
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    if changed:
        for name in changed:
            setattr(instance, name, values[name])
        instance.save(update_fields=changed)
        report.updated[model._meta.model_name] += 1
    return instance


def pix_values(referentiel: Referentiel) -> dict[str, float]:
    """Each skill's pix value by the framework's rule (`adaptive.positioning.pix_values`).

    Only skills with at least one validated challenge count, as on the reference platform.
    """
    values = {}
    for competence in referentiel.competences():
        skills = [s for th in competence.thematics for t in th.tubes for s in t.skills]
        counted = [(s.name, competence.code, s.level) for s in skills
                   if any(c.status == ChallengeStatus.VALIDATED for c in s.challenges)]
        values.update(positioning.pix_values(counted))
        values.update({s.name: 0.0 for s in skills if s.name not in values})
    return values


def load_referentiel(referentiel: Referentiel | None = None) -> LoadReport:
    referentiel = referentiel or parse_content()
    report = LoadReport()
    with transaction.atomic(), catalogue.one_content_change():
        _load(referentiel, report)
    return report


def _load(referentiel: Referentiel, report: LoadReport):
    framework = _upsert(report, Framework, {"slug": referentiel.framework_id},
                        {"name": referentiel.framework_name})
    values = pix_values(referentiel)
    seen_skills, seen_challenges, seen_tutorials = set(), set(), set()
    for area_data in referentiel.areas:
        area = _upsert(report, Area, {"code": area_data.code}, {
            "framework": framework, "title": area_data.title,
            "description": area_data.description, "color": area_data.color,
        })
        for competence_data in area_data.competences:
            competence = _upsert(report, Competence, {"code": competence_data.code}, {
                "area": area, "name": competence_data.name,
                "description": competence_data.description,
            })
            tube_position = 0
            for th_position, thematic_data in enumerate(competence_data.thematics):
                thematic = _upsert(report, Thematic, {"slug": thematic_data.id}, {
                    "competence": competence, "name": thematic_data.name,
                    "position": th_position,
                })
                for tube_data in thematic_data.tubes:
                    tube = _upsert(report, Tube, {"slug": tube_data.id}, {
                        "competence": competence, "thematic": thematic,
                        "name": tube_data.name, "title": tube_data.title,
                        "description": tube_data.description, "position": tube_position,
                    })
                    tube_position += 1
                    tutorials = [_load_tutorial(report, tube, t) for t in tube_data.tutorials]
                    seen_tutorials.update(t.pk for t in tutorials)
                    for skill_data in tube_data.skills:
                        skill = _upsert(report, Skill, {"name": skill_data.name}, {
                            "tube": tube, "competence": competence, "level": skill_data.level,
                            "pix_value": values[skill_data.name], "hint": skill_data.hint,
                            "status": Skill.Status.ACTIVE,
                        })
                        seen_skills.add(skill.pk)
                        if {t.pk for t in skill.tutorials.all()} != {t.pk for t in tutorials}:
                            skill.tutorials.set(tutorials)
                            report.updated["skill tutorials"] += 1
                        for challenge_data in skill_data.challenges:
                            challenge = _load_challenge(report, skill, skill_data.level,
                                                        challenge_data)
                            seen_challenges.add(challenge.pk)
    _archive(report, Skill.objects.exclude(pk__in=seen_skills).exclude(
        status=Skill.Status.ARCHIVED), "status", Skill.Status.ARCHIVED, "skill")
    _archive(report, Challenge.objects.exclude(pk__in=seen_challenges).exclude(
        status=Challenge.Status.ARCHIVED), "status", Challenge.Status.ARCHIVED, "challenge")
    _archive(report, Tutorial.objects.exclude(pk__in=seen_tutorials).filter(is_active=True),
             "is_active", False, "tutorial")


def _archive(report, queryset, field_name, value, label):
    count = queryset.update(**{field_name: value})
    if count:
        report.archived[label] += count


def _load_tutorial(report, tube, data):
    return _upsert(report, Tutorial, {"slug": data.id}, {
        "tube": tube, "title": data.title, "description": data.description,
        "format": data.format, "duration_minutes": data.duration, "source": data.source,
        "link": data.link, "is_active": True,
    })


def _load_challenge(report, skill, level, data):
    existing = Challenge.objects.filter(slug=data.id).values("discrimination", "difficulty").first()
    # Calibrated values from answers win over the initial guess; the file can still force them.
    discrimination = data.discrimination or (existing or {}).get(
        "discrimination", INITIAL_DISCRIMINATION)
    difficulty = data.difficulty if data.difficulty is not None else (existing or {}).get(
        "difficulty", INITIAL_DIFFICULTY_BY_LEVEL[level])
    illustration = data.illustration or {}
    return _upsert(report, Challenge, {"slug": data.id}, {
        "skill": skill, "type": data.type, "status": data.status, "locale": data.locale,
        "instruction": data.instruction, "explanation": data.explanation,
        "proposals": data.proposals, "fields": data.fields, "solution": data.solution,
        "tolerances": data.tolerances, "format": data.format, "timer": data.timer,
        "focused": data.focused, "shuffled": data.shuffled,
        "illustration": illustration.get("file", ""),
        "illustration_alt": illustration.get("alt", ""),
        "attachments": data.attachments, "blindness": data.blindness,
        "color_blindness": data.color_blindness,
        "discrimination": discrimination, "difficulty": difficulty,
    })
