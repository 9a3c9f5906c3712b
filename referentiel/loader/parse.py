"""Read and validate the content files, without Django.

Every problem is reported as a ``ContentError`` naming the file, the item and the field, so that
an author can fix it without reading code. Nothing here writes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from adaptive.framework import COMPETENCE_CODES
from referentiel.checking import ALL_TOLERANCES, SolutionSpec, check_answer, correct_answers
from referentiel.enums import (
    CONTENT_LOCALES,
    Accessibility,
    AnswerFormat,
    ChallengeStatus,
    ChallengeType,
    TutorialFormat,
)

CONTENT_DIR = Path(__file__).resolve().parent.parent / "content"
MEDIA_DIR = CONTENT_DIR / "media"
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
TUBE_NAME = re.compile(r"^@[A-Za-z][A-Za-z0-9]*[A-Za-z]$")
FIELD_KEY = re.compile(r"^[a-z0-9_]+$")
HEX_COLOR = re.compile(r"^#[0-9A-Fa-f]{6}$")
CHALLENGE_TYPES = tuple(ChallengeType.values)
STATUSES = tuple(ChallengeStatus.values)
LOCALES = CONTENT_LOCALES
ACCESSIBILITY_VALUES = tuple(Accessibility.values)
TUTORIAL_FORMATS = tuple(TutorialFormat.values)
MEDIA_EXTENSIONS = (".png", ".svg", ".jpg", ".jpeg", ".csv", ".txt", ".ods", ".odt", ".json")


class ContentError(Exception):
    """A content file is invalid; the message says where and why."""

    def __init__(self, file, item, field_name, message):
        self.file, self.item, self.field, self.reason = file, item, field_name, message
        where = f"{file}"
        if item:
            where += f", élément « {item} »"
        if field_name:
            where += f", champ « {field_name} »"
        super().__init__(f"{where} : {message}")


@dataclass
class TutorialData:
    id: str
    title: str
    description: str
    format: str
    duration: int
    source: str
    link: str


@dataclass
class ChallengeData:
    id: str
    type: str
    instruction: str
    explanation: str
    proposals: list
    solution: object
    fields: list
    tolerances: list
    format: str
    timer: int | None
    focused: bool
    illustration: dict | None
    attachments: list
    shuffled: bool
    locale: str
    status: str
    blindness: str
    color_blindness: str
    discrimination: float | None
    difficulty: float | None

    def solution_spec(self) -> SolutionSpec:
        return SolutionSpec(
            type=self.type,
            solution=self.solution,
            tolerances=tuple(self.tolerances),
            select_keys=tuple(f["key"] for f in self.fields if f.get("options")),
            is_number=self.format == AnswerFormat.NUMBER,
        )


@dataclass
class SkillData:
    name: str
    level: int
    hint: str
    challenges: list[ChallengeData]


@dataclass
class TubeData:
    id: str
    name: str
    title: str
    description: str
    tutorials: list[TutorialData]
    skills: list[SkillData]


@dataclass
class ThematicData:
    id: str
    name: str
    tubes: list[TubeData]


@dataclass
class CompetenceData:
    code: str
    name: str
    description: str
    thematics: list[ThematicData] = field(default_factory=list)
    name_en: str = ""
    description_en: str = ""


@dataclass
class AreaData:
    code: str
    title: str
    color: str
    description: str
    competences: list[CompetenceData]
    title_en: str = ""
    description_en: str = ""


@dataclass
class Referentiel:
    framework_id: str
    framework_name: str
    areas: list[AreaData]

    def competences(self):
        return [c for area in self.areas for c in area.competences]

    def challenges(self):
        return [
            challenge
            for competence in self.competences()
            for thematic in competence.thematics
            for tube in thematic.tubes
            for skill in tube.skills
            for challenge in skill.challenges
        ]


class _Reader:
    """Reads one mapping, remembering where it is for error messages."""

    def __init__(self, file, item, data):
        self.file, self.item = file, item
        if not isinstance(data, dict):
            raise ContentError(file, item, None, "une table (clé: valeur) est attendue")
        self.data = data

    def error(self, field_name, message):
        return ContentError(self.file, self.item, field_name, message)

    def text(self, key, *, required=True, default=""):
        value = self.data.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                raise self.error(key, "valeur obligatoire manquante")
            return default
        if not isinstance(value, (str, int, float)) or isinstance(value, bool):
            raise self.error(key, "un texte est attendu")
        return str(value).strip()

    def slug(self, key="id"):
        value = self.text(key)
        if not SLUG.match(value):
            raise self.error(key, f"« {value} » n'est pas un identifiant valide (a-z, 0-9, -)")
        return value

    def integer(self, key, *, required=True, low=None, high=None):
        value = self.data.get(key)
        if value is None and not required:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.error(key, "un nombre entier est attendu")
        if (low is not None and value < low) or (high is not None and value > high):
            raise self.error(key, f"doit être compris entre {low} et {high}")
        return value

    def boolean(self, key):
        value = self.data.get(key, False)
        if not isinstance(value, bool):
            raise self.error(key, "true ou false est attendu")
        return value

    def choice(self, key, choices, default):
        value = self.data.get(key, default)
        if value not in choices:
            raise self.error(key, f"« {value} » n'est pas parmi {', '.join(map(str, choices))}")
        return value

    def items(self, key, *, required=True):
        value = self.data.get(key)
        if value is None and not required:
            return []
        if not isinstance(value, list) or (required and not value):
            raise self.error(key, "une liste non vide est attendue")
        return value


def _load_yaml(path: Path):
    try:
        with path.open(encoding="utf-8") as stream:
            return yaml.safe_load(stream)
    except UnicodeDecodeError:
        raise ContentError(path.name, None, None, "le fichier n'est pas encodé en UTF-8") from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (ligne {mark.line + 1}, colonne {mark.column + 1})" if mark else ""
        raise ContentError(path.name, None, None, f"YAML illisible{where}") from None


def parse_content(content_dir: Path = CONTENT_DIR) -> Referentiel:
    """Read every file and return the whole referentiel, or raise the first ContentError."""
    framework_path = content_dir / "framework.yaml"
    if not framework_path.exists():
        raise ContentError("framework.yaml", None, None, "fichier introuvable")
    referentiel = _parse_framework(framework_path)
    by_code = {c.code: c for c in referentiel.competences()}
    ids = _IdRegistry()
    media_dir = content_dir / "media"
    for path in sorted((content_dir / "competences").glob("*.yaml")):
        reader = _Reader(path.name, None, _load_yaml(path))
        code = reader.text("competence")
        if code not in by_code:
            raise reader.error("competence", f"compétence « {code} » inconnue")
        if by_code[code].thematics:
            raise reader.error("competence", f"la compétence {code} est déjà décrite ailleurs")
        by_code[code].thematics = [
            _parse_thematic(path.name, raw, ids, media_dir)
            for raw in reader.items("thematics")
        ]
    return referentiel


def _parse_framework(path: Path) -> Referentiel:
    name = path.name
    root = _Reader(name, None, _load_yaml(path))
    framework = _Reader(name, "framework", root.data.get("framework"))
    areas = []
    for raw_area in root.items("areas"):
        area = _Reader(name, raw_area.get("code") if isinstance(raw_area, dict) else None, raw_area)
        competences = []
        for raw in area.items("competences"):
            reader = _Reader(name, raw.get("code") if isinstance(raw, dict) else None, raw)
            code = reader.text("code")
            if code not in COMPETENCE_CODES:
                raise reader.error("code", f"« {code} » n'est pas un code de compétence connu")
            competences.append(CompetenceData(
                code, reader.text("name"), reader.text("description"),
                name_en=reader.text("name_en", required=False),
                description_en=reader.text("description_en", required=False)))
        color = area.text("color")
        if not HEX_COLOR.match(color):
            raise area.error("color", f"« {color} » : une couleur s'écrit #RRVVBB (par exemple #F24645)")
        areas.append(AreaData(area.text("code"), area.text("title"), color,
                              area.text("description"), competences,
                              title_en=area.text("title_en", required=False),
                              description_en=area.text("description_en", required=False)))
    codes = sorted(c.code for a in areas for c in a.competences)
    if codes != sorted(COMPETENCE_CODES):
        raise ContentError(name, None, "areas", "les 16 compétences doivent être décrites une fois")
    return Referentiel(framework.slug(), framework.text("name"), areas)


class _IdRegistry:
    def __init__(self):
        self.seen = {}

    def claim(self, reader: _Reader, value: str):
        if value in self.seen:
            raise reader.error("id", f"identifiant « {value} » déjà utilisé ({self.seen[value]})")
        self.seen[value] = reader.file


def _parse_thematic(file, raw, ids, media_dir) -> ThematicData:
    reader = _Reader(file, raw.get("id") if isinstance(raw, dict) else None, raw)
    thematic_id = reader.slug()
    ids.claim(reader, thematic_id)
    tubes = [_parse_tube(file, tube, ids, media_dir) for tube in reader.items("tubes")]
    return ThematicData(thematic_id, reader.text("name"), tubes)


def _parse_tube(file, raw, ids, media_dir) -> TubeData:
    reader = _Reader(file, raw.get("id") if isinstance(raw, dict) else None, raw)
    tube_id = reader.slug()
    ids.claim(reader, tube_id)
    name = reader.text("name")
    if not TUBE_NAME.match(name):
        raise reader.error("name", f"« {name} » : un nom de sujet commence par @ et n'a que des lettres")
    tutorials = [_parse_tutorial(file, t, ids) for t in reader.items("tutorials")]
    skills = []
    for raw_skill in reader.items("skills"):
        skill_reader = _Reader(file, f"{name} (acquis)", raw_skill)
        level = skill_reader.integer("level", low=1, high=8)
        skill_name = f"{name}{level}"
        skill_reader.item = skill_name
        if any(s.level == level for s in skills):
            raise skill_reader.error("level", f"le niveau {level} apparaît deux fois dans {name}")
        challenges = [
            _parse_challenge(file, c, ids, media_dir) for c in skill_reader.items("challenges")
        ]
        skills.append(SkillData(skill_name, level, skill_reader.text("hint", required=False),
                                challenges))
    return TubeData(tube_id, name, reader.text("title"), reader.text("description"), tutorials,
                    sorted(skills, key=lambda s: s.level))


def _parse_tutorial(file, raw, ids) -> TutorialData:
    reader = _Reader(file, raw.get("id") if isinstance(raw, dict) else None, raw)
    tutorial_id = reader.slug()
    ids.claim(reader, tutorial_id)
    link = reader.text("link")
    if not link.startswith("https://"):
        raise reader.error("link", "le lien doit commencer par https://")
    return TutorialData(
        tutorial_id, reader.text("title"), reader.text("description"),
        reader.choice("format", TUTORIAL_FORMATS, "page"),
        reader.integer("duration", low=1, high=600), reader.text("source"), link,
    )


def _parse_fields(reader: _Reader, challenge_type):
    fields = []
    for raw in reader.items("fields"):
        field_reader = _Reader(reader.file, f"{reader.item} (champ)", raw)
        key = field_reader.text("key")
        if not FIELD_KEY.match(key):
            raise field_reader.error("key", f"« {key} » : seulement a-z, 0-9 et _")
        options = field_reader.items("options", required=False)
        fields.append({
            "key": key,
            "label": field_reader.text("label"),
            "placeholder": field_reader.text("placeholder", required=False),
            "options": [_option_text(field_reader, option) for option in options],
        })
    keys = [f["key"] for f in fields]
    if len(set(keys)) != len(keys):
        raise reader.error("fields", "deux champs ont la même clé")
    if challenge_type == ChallengeType.QROC and len(fields) != 1:
        raise reader.error("fields", "une QROC a exactement un champ")
    if challenge_type in (ChallengeType.QROCM_IND, ChallengeType.QROCM_DEP) and len(fields) < 2:
        raise reader.error("fields", "une QROCM a au moins deux champs")
    return fields


def _option_text(reader, option):
    if isinstance(option, bool) or not isinstance(option, str | int | float):
        raise reader.error("options", "chaque option doit être un texte (mettez-la entre guillemets)")
    return str(option)


def _parse_solution(reader: _Reader, challenge_type, proposals, fields):
    solution = reader.data.get("solution")
    if ChallengeType(challenge_type).has_proposals:
        if not isinstance(solution, list) or not solution or not all(
            isinstance(i, int) and not isinstance(i, bool) for i in solution
        ):
            raise reader.error("solution", "une liste de numéros de propositions est attendue")
        if any(i < 1 or i > len(proposals) for i in solution) or len(set(solution)) != len(solution):
            raise reader.error("solution", "un numéro ne correspond à aucune proposition")
        if challenge_type == ChallengeType.QCU and len(solution) != 1:
            raise reader.error("solution", "une QCU a exactement une bonne réponse")
        return sorted(solution)
    if challenge_type == ChallengeType.QROCM_DEP:
        if not isinstance(solution, list) or len(solution) < len(fields) or not all(
            isinstance(group, list) and group for group in solution
        ):
            raise reader.error("solution", "une liste de groupes de variantes (au moins un par champ) est attendue")
        return [[str(v) for v in group] for group in solution]
    if not isinstance(solution, dict):
        raise reader.error("solution", "une table champ: [variantes] est attendue")
    keys = {f["key"] for f in fields}
    if set(solution) != keys:
        raise reader.error("solution", f"les clés doivent être exactement : {', '.join(sorted(keys))}")
    normalised = {}
    for key, variants in solution.items():
        if not isinstance(variants, list) or not variants:
            raise reader.error("solution", f"« {key} » : une liste de variantes est attendue")
        normalised[key] = [str(v) for v in variants]
        options = next(f["options"] for f in fields if f["key"] == key)
        if options and not set(normalised[key]) <= set(options):
            raise reader.error("solution", f"« {key} » : la réponse doit être une des options")
    return normalised


def _parse_media(reader: _Reader, name, media_dir: Path, field_name="attachments"):
    if not isinstance(name, str) or "/" in name or not name.lower().endswith(MEDIA_EXTENSIONS):
        raise reader.error(field_name, f"« {name} » : nom de fichier de média invalide")
    if not (media_dir / name).is_file():
        raise reader.error(field_name, f"« {name} » introuvable dans media/")
    return name


def parse_challenge(raw, *, source="administration", media_dir: Path = MEDIA_DIR) -> ChallengeData:
    """One challenge, as it would be written in a content file, checked by the same rules as the
    loader (the admin's form uses it): a ``ContentError`` names the field and says why."""
    return _parse_challenge(source, raw, _IdRegistry(), media_dir)


def _parse_challenge(file, raw, ids, media_dir) -> ChallengeData:
    reader = _Reader(file, raw.get("id") if isinstance(raw, dict) else None, raw)
    challenge_id = reader.slug()
    ids.claim(reader, challenge_id)
    challenge_type = reader.choice("type", CHALLENGE_TYPES, None)
    proposals, fields = [], []
    if ChallengeType(challenge_type).has_proposals:
        raw_proposals = reader.items("proposals")
        if not all(isinstance(p, str | int | float) and not isinstance(p, bool) for p in raw_proposals):
            # An unquoted "Texte : suite" is read by YAML as a table, "oui"/"non" as booleans.
            raise reader.error("proposals", "chaque proposition doit être un texte (mettez-la entre guillemets)")
        proposals = [str(p).strip() for p in raw_proposals]
        if len(proposals) < 2:
            raise reader.error("proposals", "au moins deux propositions")
        if len(set(proposals)) != len(proposals):
            raise reader.error("proposals", "deux propositions sont identiques")
    else:
        fields = _parse_fields(reader, challenge_type)
    solution = _parse_solution(reader, challenge_type, proposals, fields)
    tolerances = reader.data.get("tolerances", list(ALL_TOLERANCES))
    if not isinstance(tolerances, list) or not set(tolerances) <= set(ALL_TOLERANCES):
        raise reader.error("tolerances", "une liste parmi t1, t2, t3 est attendue")
    illustration = reader.data.get("illustration")
    if illustration is not None:
        ill = _Reader(file, challenge_id, illustration)
        illustration = {"file": _parse_media(reader, ill.text("file"), media_dir, "illustration"),
                        "alt": ill.text("alt")}
    accessibility = _Reader(file, challenge_id, reader.data.get("accessibility") or {})
    calibration = _Reader(file, challenge_id, reader.data.get("calibration") or {})
    challenge = ChallengeData(
        id=challenge_id,
        type=challenge_type,
        instruction=reader.text("instruction"),
        explanation=reader.text("explanation"),
        proposals=proposals,
        solution=solution,
        fields=fields,
        tolerances=sorted(tolerances),
        format=reader.choice("format", tuple(AnswerFormat.values), AnswerFormat.TEXT),
        timer=reader.integer("timer", required=False, low=5, high=3600),
        focused=reader.boolean("focused"),
        illustration=illustration,
        attachments=[_parse_media(reader, a, media_dir)
                     for a in reader.items("attachments", required=False)],
        shuffled=reader.boolean("shuffled"),
        locale=reader.choice("locale", LOCALES, "fr"),
        status=reader.choice("status", STATUSES, ChallengeStatus.VALIDATED),
        blindness=accessibility.choice("blindness", ACCESSIBILITY_VALUES, Accessibility.RAS),
        color_blindness=accessibility.choice("color_blindness", ACCESSIBILITY_VALUES,
                                             Accessibility.RAS),
        discrimination=_optional_float(calibration, "discrimination", 0.05, 5),
        difficulty=_optional_float(calibration, "difficulty", -6, 6),
    )
    _check_key_accepts_itself(reader, challenge)
    return challenge


def _optional_float(reader: _Reader, key, low, high):
    value = reader.data.get(key)
    if value is None:
        return None
    if not isinstance(value, (int, float)) or isinstance(value, bool) or not low <= value <= high:
        raise reader.error(key, f"un nombre entre {low} et {high} est attendu")
    return float(value)


def _check_key_accepts_itself(reader: _Reader, challenge: ChallengeData):
    """A key that its own checker refuses is a bug in the content, caught at load time."""
    spec = challenge.solution_spec()
    for answer in correct_answers(spec, [f["key"] for f in challenge.fields]):
        if not check_answer(spec, answer).is_ok:
            raise reader.error("solution", f"la réponse attendue {answer} est refusée par le correcteur")
