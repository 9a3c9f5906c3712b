"""Write the bank from the database back to the content files (`export_referentiel`).

The files written read back to the same rows: loading them right after changes nothing. Only
what the files describe is written: active skills, challenges that are not archived, active
tutorials; calibrated IRT values stay in the database (a file value would force them).
"""

import shutil
from pathlib import Path

import yaml

from referentiel.checking import ALL_TOLERANCES
from referentiel.enums import AnswerFormat, ChallengeStatus
from referentiel.models import Area, Challenge, Competence, Framework, Skill

HEADER = ("# Written by `python manage.py export_referentiel` from the database; "
          "format in README.md.\n")


class _Dumper(yaml.SafeDumper):
    pass


def _text(dumper, value):
    style = "|" if "\n" in value and not any(line != line.rstrip() for line in value.split("\n")) else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def _dump(path: Path, data):
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    path.write_text(HEADER + text, encoding="utf-8")


def _with_english(data: dict, row, *names):
    for name in names:
        english = getattr(row, f"{name}_en")
        if english:
            data[f"{name}_en"] = english
    return data


def framework_data():
    framework = Framework.objects.get()
    return {
        "framework": {"id": framework.slug, "name": framework.name},
        "areas": [
            _with_english({
                "code": area.code, "title": area.title_fr, "color": area.color,
                "description": area.description_fr,
                "competences": [
                    _with_english({"code": c.code, "name": c.name_fr,
                                   "description": c.description_fr}, c, "name", "description")
                    for c in area.competences.order_by("code")
                ],
            }, area, "title", "description")
            for area in Area.objects.order_by("code")
        ],
    }


def _challenge(challenge: Challenge):
    data = {"id": challenge.slug, "type": challenge.type}
    for name, default in (("status", ChallengeStatus.VALIDATED), ("locale", "fr"), ("format", AnswerFormat.TEXT)):
        if getattr(challenge, name) != default:
            data[name] = getattr(challenge, name)
    if challenge.timer is not None:
        data["timer"] = challenge.timer
    for name in ("focused", "shuffled"):
        if getattr(challenge, name):
            data[name] = True
    data["instruction"] = challenge.instruction
    if challenge.type in (Challenge.Type.QCU, Challenge.Type.QCM):
        data["proposals"] = list(challenge.proposals)
    else:
        data["fields"] = [
            {key: value for key, value in field.items() if value or key in ("key", "label")}
            for field in challenge.fields
        ]
    data["solution"] = challenge.solution
    if sorted(challenge.tolerances) != sorted(ALL_TOLERANCES):
        data["tolerances"] = list(challenge.tolerances)
    if challenge.illustration:
        data["illustration"] = {"file": challenge.illustration, "alt": challenge.illustration_alt}
    if challenge.attachments:
        data["attachments"] = list(challenge.attachments)
    if (challenge.blindness, challenge.color_blindness) != ("RAS", "RAS"):
        data["accessibility"] = {"blindness": challenge.blindness,
                                 "color_blindness": challenge.color_blindness}
    data["explanation"] = challenge.explanation
    return data


def _skill(skill: Skill):
    data = {"level": skill.level}
    if skill.hint:
        data["hint"] = skill.hint
    data["challenges"] = [_challenge(c) for c in skill.challenges.exclude(
        status=Challenge.Status.ARCHIVED).order_by("slug")]
    return data


def competence_data(competence: Competence):
    thematics = []
    for thematic in competence.thematics.order_by("position"):
        tubes = []
        for tube in thematic.tubes.order_by("position"):
            skills = [s for s in tube.skills.filter(status=Skill.Status.ACTIVE).order_by("level")]
            if not skills:
                continue
            tubes.append({
                "id": tube.slug, "name": tube.name, "title": tube.title,
                "description": tube.description,
                "tutorials": [
                    {"id": t.slug, "title": t.title, "description": t.description, "format": t.format,
                     "duration": t.duration_minutes, "source": t.source, "link": t.link}
                    for t in tube.tutorials.filter(is_active=True).order_by("slug")
                ],
                "skills": [_skill(s) for s in skills],
            })
        if tubes:
            thematics.append({"id": thematic.slug, "name": thematic.name, "tubes": tubes})
    return {"competence": competence.code, "thematics": thematics}


def export_referentiel(content_dir: Path, *, media_from: Path | None = None) -> list[Path]:
    """Write framework.yaml and one file per competence; copy the media when exporting
    elsewhere than the media's folder. Returns the files written."""
    (content_dir / "competences").mkdir(parents=True, exist_ok=True)
    if media_from is not None and media_from.resolve() != (content_dir / "media").resolve():
        shutil.copytree(media_from, content_dir / "media", dirs_exist_ok=True)
    written = [content_dir / "framework.yaml"]
    _dump(written[0], framework_data())
    for competence in Competence.objects.order_by("code"):
        data = competence_data(competence)
        path = content_dir / "competences" / f"{competence.code}.yaml"
        if data["thematics"]:
            _dump(path, data)
            written.append(path)
    for stale in set((content_dir / "competences").glob("*.yaml")) - set(written):
        stale.unlink()  # a competence left with nothing to describe
    return written
