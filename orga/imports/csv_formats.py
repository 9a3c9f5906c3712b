"""The CSV student lists: SIECLE's CSV (schools without the XML export) and the SUP students' file.

The header names the columns (asterisks mark the required ones and may be left out); the
separator is found from the header; every cell of every line is checked and each problem is
reported with its line (the header is line 1) and its column.
"""

import csv
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from orga.imports import fields
from orga.imports.problems import FileRefused, Problem
from orga.imports.siecle_xml import Reading

FRANCE_FULL_CODE = "99100"
COUNTRY_CODE = re.compile(r"^99[1-5]\d\d$")
SEXES = {"masculin": "M", "féminin": "F"}
STATUSES = {"ST", "AP"}
STUDENT_NUMBER = re.compile(r"^[A-Za-z0-9_\\-]+$")


@dataclass(frozen=True)
class Column:
    label: str
    field: str
    required: bool = False
    check: object = None  # value -> clean value, may raise fields.Invalid


@dataclass
class Format:
    columns: tuple
    key: str  # the field that identifies a learner from one import to the next
    first_column: str
    cross_checks: list = field(default_factory=list)

    def column(self, label):
        return next((c for c in self.columns if c.label == label), None)


def _sex(value):
    sex = SEXES.get(value.strip().lower())
    if not sex:
        raise fields.Invalid(_("« %(value)s » n'est pas un code sexe : écrivez Masculin ou Féminin.")
                             % {"value": value})
    return sex


def _status(value):
    if value not in STATUSES:
        raise fields.Invalid(_("le statut « %(value)s » est inconnu (ST : élève, AP : apprenti).")
                             % {"value": value})
    return value


def _country(value):
    if not COUNTRY_CODE.match(value):
        raise fields.Invalid(_("« %(value)s » n'est pas un code pays de l'INSEE (cinq chiffres, "
                               "99100 pour la France).") % {"value": value})
    return value[2:]


def _province(value):
    if not 2 <= len(value) <= 3:
        raise fields.Invalid(_("« %(value)s » n'est pas un code de département (deux ou trois "
                               "caractères).") % {"value": value})
    return value


def _student_number(value):
    if not STUDENT_NUMBER.match(value):
        raise fields.Invalid(_("le numéro étudiant « %(value)s » ne peut contenir que des lettres, "
                               "des chiffres et les signes _ - \\.") % {"value": value})
    return value


def _birthplace_checks(row, raw, line, problems):
    """The birthplace: in France an INSEE code is required, abroad the city's name."""
    country = raw.get("Code pays naissance", "")
    if not COUNTRY_CODE.match(country):
        return
    city_code, city = raw.get("Code commune naissance", ""), raw.get("Libellé commune naissance", "")
    if country == FRANCE_FULL_CODE:
        if not city_code:
            problems.append(Problem(line=line, field="Code commune naissance", message=_(
                "l'élève est né en France : le code INSEE de sa commune est obligatoire.")))
        else:
            try:
                row["birth_city_code"] = fields.insee_city_code(city_code)
            except fields.Invalid as error:
                problems.append(Problem(line=line, field="Code commune naissance", message=error.message))
    elif not city:
        problems.append(Problem(line=line, field="Libellé commune naissance", message=_(
            "l'élève est né à l'étranger : le nom de sa commune de naissance est obligatoire.")))


SIECLE_CSV = Format(
    columns=(
        Column("Identifiant unique", "national_student_id", True, lambda v: v.upper()),
        Column("Premier prénom", "first_name", True),
        Column("Deuxième prénom", "middle_name"),
        Column("Troisième prénom", "third_name"),
        Column("Nom de famille", "last_name", True),
        Column("Nom d'usage", "preferred_last_name"),
        Column("Code sexe", "sex", True, _sex),
        Column("Date de naissance (jj/mm/aaaa)", "birthdate", True,
               lambda v: fields.birthdate(v, allow_two_digit_year=True)),
        Column("Code commune naissance", "birth_city_code"),  # checked with the country
        Column("Libellé commune naissance", "birth_city"),
        Column("Code département naissance", "birth_province_code", True, _province),
        Column("Code pays naissance", "birth_country_code", True, _country),
        Column("Statut", "status", True, _status),
        Column("Code MEF", "mef_code", True),
        Column("Division", "division", True),
    ),
    key="national_student_id", first_column="Premier prénom",
    cross_checks=[_birthplace_checks],
)

SUP_CSV = Format(
    columns=(
        Column("Premier prénom", "first_name", True),
        Column("Deuxième prénom", "middle_name"),
        Column("Troisième prénom", "third_name"),
        Column("Nom de famille", "last_name", True),
        Column("Nom d'usage", "preferred_last_name"),
        Column("Date de naissance (jj/mm/aaaa)", "birthdate", True, fields.birthdate),
        Column("Email", "email", False, fields.email),
        Column("Numéro étudiant", "student_number", True, _student_number),
        Column("Composante", "department"),
        Column("Équipe pédagogique", "educational_team"),
        Column("Groupe", "group"),
        Column("Diplôme", "diploma"),
        Column("Régime", "study_scheme"),
    ),
    key="student_number", first_column="Premier prénom",
)


def _header_label(cell):
    return " ".join(cell.replace("*", " ").split())


def read_csv(text: str, spec: Format, *, on_progress=None) -> Reading:
    lines = text.splitlines()
    header_line = lines[0] if lines else ""
    try:
        dialect = csv.Sniffer().sniff(header_line, delimiters=";,\t")
    except csv.Error:
        raise FileRefused(_("Les colonnes du fichier ne sont pas séparées par des points-virgules "
                            "(ni des virgules) : enregistrez-le au format CSV."), "bad_csv_format") from None
    rows = csv.reader(lines, delimiter=dialect.delimiter, quotechar='"')
    header = [_header_label(cell) for cell in next(rows)]
    reading = Reading()
    _check_header(header, spec, reading.problems)
    if reading.problems:
        return reading
    columns = [spec.column(label) for label in header]
    seen, total = {}, max(1, len(lines) - 1)
    for index, cells in enumerate(rows):
        line = index + 2
        if not any(cell.strip() for cell in cells):
            continue
        row, problems = _check_line(cells, columns, header, spec, line)
        key = row.get(spec.key) if row else None
        if key:
            if key.upper() in seen:
                problems.append(Problem(line=line, field=_key_label(spec), message=_(
                    "« %(value)s » figure déjà ligne %(other)s : chaque élève doit avoir un "
                    "identifiant différent.") % {"value": key, "other": seen[key.upper()]}))
            else:
                seen[key.upper()] = line
        reading.problems.extend(problems)
        if not problems:
            reading.rows.append(row)
        if on_progress and index % 200 == 0:
            on_progress(index / total)
    if not reading.rows and not reading.problems:
        raise FileRefused(_("Le fichier ne contient aucun élève : seule la ligne d'en-tête est remplie."),
                          "empty")
    return reading


def _key_label(spec):
    return next(c.label for c in spec.columns if c.field == spec.key)


def _check_header(header, spec, problems):
    known = {c.label for c in spec.columns}
    for label in header:
        if label not in known:
            problems.append(Problem(line=1, field=label, message=_(
                "cette colonne est inconnue : gardez les colonnes du modèle, sans en ajouter.")))
    for column in spec.columns:
        if column.required and column.label not in header:
            problems.append(Problem(line=1, field=column.label, message=_(
                "cette colonne obligatoire manque dans l'en-tête.")))
    duplicates = {label for label in header if header.count(label) > 1}
    for label in sorted(duplicates):
        problems.append(Problem(line=1, field=label, message=_("cette colonne figure deux fois.")))


def _check_line(cells, columns, header, spec, line):
    problems = []
    if len(cells) > len(columns):
        problems.append(Problem(line=line, message=_(
            "la ligne a %(cells)s cellules pour %(columns)s colonnes : un séparateur est en trop.")
            % {"cells": len(cells), "columns": len(columns)}))
        return None, problems
    raw = {label: (cells[i].strip() if i < len(cells) else "") for i, label in enumerate(header)}
    row = {}
    for column in columns:
        value = raw[column.label]
        try:
            value = fields.text(value, required=column.required)
            if value and column.check:
                value = column.check(value)
        except fields.Invalid as error:
            problems.append(Problem(line=line, field=column.label, message=error.message))
            continue
        row[column.field] = value
    for check in spec.cross_checks:
        check(row, raw, line, problems)
    return row, problems
