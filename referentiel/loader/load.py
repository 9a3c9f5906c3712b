"""Write the parsed content into the database, idempotently and all at once.

A row is written only when one of its values changed, so a second run changes nothing. Challenges
and skills that left the files are archived, never deleted: answers keep pointing at them.

Each row remembers a fingerprint of what the last load wrote. A row whose values no longer match
it was edited in the admin since: if the files say something else, that is a conflict. The load
then needs a choice (`ConflictChoice`): without one, nothing is written and the conflicts are
named; `KEEP_ADMIN_EDITS` leaves those rows as they are, `OVERWRITE` writes the files' values.
"""

import enum
import hashlib
import json
from collections import Counter
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext as _

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

# Written by the calibration, not by the authors: never a conflict, never in the fingerprint.
CALIBRATED_FIELDS = ("discrimination", "difficulty")

# What the loader writes on the rows it may archive (the keys of their values in `_load`).
_AUTHORED_FIELDS = {
    Skill: ("tube", "competence", "level", "pix_value", "hint", "status"),
    Tutorial: ("tube", "title", "description", "format", "duration_minutes", "source", "link",
               "is_active"),
    Challenge: ("skill", "type", "status", "locale", "instruction", "explanation", "proposals",
                "fields", "solution", "tolerances", "format", "timer", "focused", "shuffled",
                "illustration", "illustration_alt", "attachments", "blindness", "color_blindness"),
}


class ConflictChoice(enum.Enum):
    OVERWRITE = "overwrite"
    KEEP_ADMIN_EDITS = "keep-admin-edits"


@dataclass(frozen=True)
class Conflict:
    """A row edited in the admin since the last load, that the files would change."""

    label: str
    key: str
    fields: tuple
    absent_from_files: bool = False

    def __str__(self):
        if self.absent_from_files:
            return _("%(label)s « %(key)s » : ajouté ou modifié dans l'administration, absent des "
                     "fichiers (il serait archivé)") % {"label": self.label, "key": self.key}
        return _("%(label)s « %(key)s » : modifié dans l'administration depuis le dernier "
                 "chargement (%(fields)s)") % {"label": self.label, "key": self.key,
                                               "fields": ", ".join(self.fields)}


class ContentConflicts(Exception):
    def __init__(self, conflicts):
        self.conflicts = conflicts
        super().__init__("; ".join(map(str, conflicts)))


@dataclass
class LoadReport:
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    archived: Counter = field(default_factory=Counter)
    conflicts: list = field(default_factory=list)
    choice: ConflictChoice | None = None

    @property
    def changed(self):
        return bool(self.created or self.updated or self.archived)

    def lines(self):
        for label, counter in (("créés", self.created), ("modifiés", self.updated),
                               ("archivés", self.archived)):
            if counter:
                yield f"{label} : " + ", ".join(f"{n} {k}" for k, n in sorted(counter.items()))


def stored_value(instance, name):
    """A row's value as the loader compares it (the id of a relation)."""
    model_field = instance._meta.get_field(name)
    return getattr(instance, model_field.attname)


def _comparable(value):
    return value.pk if isinstance(value, models.Model) else value


def fingerprint(values: dict) -> str:
    authored = {k: _comparable(v) for k, v in values.items() if k not in CALIBRATED_FIELDS}
    text = json.dumps(authored, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _upsert(report, model, lookup: dict, values: dict):
    """Create or update one row; write only what changed, and nothing over an admin edit
    unless the report's choice says so."""
    instance = model.objects.filter(**lookup).first()
    wanted = fingerprint(values)
    if instance is None:
        instance = model.objects.create(**lookup, **values, content_fingerprint=wanted)
        report.created[model._meta.model_name] += 1
        return instance
    current = {name: stored_value(instance, name) for name in values}
    changed = [name for name, value in values.items() if current[name] != _comparable(value)]
    edited = instance.content_fingerprint != fingerprint(current)
    authored_changes = [name for name in changed if name not in CALIBRATED_FIELDS]
    if edited and authored_changes:
        report.conflicts.append(Conflict(str(model._meta.verbose_name), str(next(iter(lookup.values()))),
                                         tuple(str(model._meta.get_field(n).verbose_name)
                                               for n in authored_changes)))
        if report.choice is not ConflictChoice.OVERWRITE:
            return instance
    if changed or instance.content_fingerprint != wanted:
        for name in changed:
            setattr(instance, name, values[name])
        instance.content_fingerprint = wanted
        instance.save(update_fields=[*changed, "content_fingerprint"])
        if changed:
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


def load_referentiel(referentiel: Referentiel | None = None, *,
                     choice: ConflictChoice | None = None) -> LoadReport:
    """Load everything in one transaction. Raises ContentConflicts (and writes nothing) when rows
    edited in the admin since the last load differ from the files and no choice was made."""
    referentiel = referentiel or parse_content()
    report = LoadReport(choice=choice)
    with transaction.atomic(), catalogue.one_content_change():
        _load(referentiel, report)
        if report.conflicts and choice is None:
            raise ContentConflicts(report.conflicts)
    return report


def _load(referentiel: Referentiel, report: LoadReport):
    framework = _upsert(report, Framework, {"slug": referentiel.framework_id},
                        {"name": referentiel.framework_name})
    values = pix_values(referentiel)
    seen_skills, seen_challenges, seen_tutorials = set(), set(), set()
    for area_data in referentiel.areas:
        area = _upsert(report, Area, {"code": area_data.code}, {
            "framework": framework, "title_fr": area_data.title, "title_en": area_data.title_en,
            "description_fr": area_data.description, "description_en": area_data.description_en,
            "color": area_data.color,
        })
        for competence_data in area_data.competences:
            competence = _upsert(report, Competence, {"code": competence_data.code}, {
                "area": area, "name_fr": competence_data.name, "name_en": competence_data.name_en,
                "description_fr": competence_data.description,
                "description_en": competence_data.description_en,
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
        status=Skill.Status.ARCHIVED), "status", Skill.Status.ARCHIVED, "name")
    _archive(report, Challenge.objects.exclude(pk__in=seen_challenges).exclude(
        status=Challenge.Status.ARCHIVED), "status", Challenge.Status.ARCHIVED, "slug")
    _archive(report, Tutorial.objects.exclude(pk__in=seen_tutorials).filter(is_active=True),
             "is_active", False, "slug")


def _archive(report, queryset, field_name, value, key_name):
    """Archive the rows that left the files; one created or edited in the admin since the last
    load (its fingerprint no longer matches) is a conflict instead."""
    model = queryset.model
    to_archive = []
    for row in queryset:
        values = {name: stored_value(row, name) for name in _AUTHORED_FIELDS[model]}
        if row.content_fingerprint != fingerprint(values):
            report.conflicts.append(Conflict(str(model._meta.verbose_name), getattr(row, key_name),
                                             (), absent_from_files=True))
            if report.choice is not ConflictChoice.OVERWRITE:
                continue
        to_archive.append(row.pk)
    count = model.objects.filter(pk__in=to_archive).update(**{field_name: value})
    if count:
        report.archived[model._meta.model_name] += count


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
