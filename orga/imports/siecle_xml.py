"""The SIECLE XML export of a school's students (BEE_ELEVES), read as a stream.

The document is parsed by defusedxml: entity declarations (the "billion laughs" bomb) and
external entities are refused before anything is expanded or fetched. Only the fields Orga needs
are kept; each student element is dropped from memory once read. Students who left
(DATE_SORTIE) and those without a class are not imported; every other student is checked and
every problem reported with the student's name and INE and the field.
"""

from dataclasses import dataclass, field
from io import BytesIO
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden
from defusedxml.ElementTree import iterparse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from orga.constants import DIVISION_STRUCTURE_TYPE, FRANCE_COUNTRY_CODE, INACTIVE_DIVISION
from orga.imports import fields
from orga.imports.problems import FileRefused, Problem

ROOT = "BEE_ELEVES"
# SIECLE field → (our field, its label in messages).
FIELDS = {
    "ID_NATIONAL": ("national_student_id", gettext_lazy("INE")),
    "NOM_DE_FAMILLE": ("last_name", gettext_lazy("nom de famille")),
    "NOM_USAGE": ("preferred_last_name", gettext_lazy("nom d'usage")),
    "PRENOM": ("first_name", gettext_lazy("prénom")),
    "PRENOM2": ("middle_name", gettext_lazy("deuxième prénom")),
    "PRENOM3": ("third_name", gettext_lazy("troisième prénom")),
    "DATE_NAISS": ("birthdate", gettext_lazy("date de naissance")),
    "CODE_SEXE": ("sex", gettext_lazy("sexe")),
    "CODE_PAYS": ("birth_country_code", gettext_lazy("pays de naissance")),
    "CODE_DEPARTEMENT_NAISS": ("birth_province_code", gettext_lazy("département de naissance")),
    "CODE_COMMUNE_INSEE_NAISS": ("birth_city_code", gettext_lazy("commune de naissance (code INSEE)")),
    "VILLE_NAISS": ("birth_city", gettext_lazy("commune de naissance")),
    "CODE_MEF": ("mef_code", gettext_lazy("code MEF")),
    "CODE_STATUT": ("status", gettext_lazy("statut")),
}
LEAVING_DATE = "DATE_SORTIE"
SEX_CODES = {"1": "M", "2": "F"}
STATUSES = {"ST", "AP"}


@dataclass
class Reading:
    rows: list = field(default_factory=list)
    problems: list = field(default_factory=list)
    leavers: int = 0
    without_division: int = 0


def label(tag):
    return f"{FIELDS[tag][1]} ({tag})"


def read_siecle_xml(document: bytes, *, uai: str, on_progress=None) -> Reading:
    """Every student to import and every problem; raises FileRefused for an unreadable file."""
    students, divisions = _parse(document, uai=uai, on_progress=on_progress)
    reading = Reading()
    seen = {}
    for eleve_id, raw in students.items():
        if raw.get(LEAVING_DATE):
            reading.leavers += 1
            continue
        division = divisions.get(eleve_id)
        if not division:
            reading.without_division += 1
            continue
        row, problems = _check(raw, division)
        if row and row["national_student_id"]:
            other = seen.get(row["national_student_id"].upper())
            if other:
                problems.append(_problem(raw, "ID_NATIONAL", _(
                    "l'INE %(ine)s est aussi celui de %(other)s : chaque élève doit avoir le "
                    "sien.") % {"ine": row["national_student_id"], "other": other}))
            else:
                seen[row["national_student_id"].upper()] = _who(raw)
        reading.problems.extend(problems)
        if not problems:
            reading.rows.append(row)
    if not reading.rows and not reading.problems:
        raise FileRefused(_("Le fichier ne contient aucun élève à importer : aucun élève inscrit "
                            "dans une classe."), "empty")
    return reading


def _parse(document, *, uai, on_progress):
    stream = BytesIO(document)
    students, divisions = {}, {}
    found_uaj, count = None, 0
    try:
        for _event, element in iterparse(stream, events=("end",)):
            tag = element.tag
            if tag == "ELEVE":
                if found_uaj is None:
                    raise _uaj_missing()
                students[element.get("ELEVE_ID") or f"#{len(students)}"] = _student(element)
            elif tag == "STRUCTURES_ELEVE":
                division = _division(element)
                if division:
                    divisions[element.get("ELEVE_ID")] = division
            elif tag == "UAJ":
                found_uaj = (element.text or "").strip().upper()
                if found_uaj != uai.upper():
                    raise FileRefused(_(
                        "Ce fichier est l'export de l'établissement %(found)s, pas du vôtre "
                        "(%(uai)s) : importez l'export SIECLE de votre établissement.") % {
                        "found": found_uaj or "?", "uai": uai}, "uai_mismatched")
                continue
            elif tag == ROOT:
                break
            else:
                continue
            element.clear()  # keep memory flat: the element is read, empty it
            count += 1
            if on_progress and count % 200 == 0:
                on_progress(stream.tell() / len(document))
        else:
            raise FileRefused(_("Ce fichier XML n'est pas un export SIECLE des élèves "
                                "(BEE_ELEVES)."), "not_siecle")
    except EntitiesForbidden as error:
        if error.sysid or error.pubid:
            raise FileRefused(_("Le fichier fait appel à une entité externe (« %(id)s ») : il est "
                                "refusé par sécurité.") % {"id": error.sysid or error.pubid},
                              "external_entity") from None
        raise FileRefused(_("Le fichier déclare des entités XML, qui peuvent le faire grossir "
                            "démesurément à la lecture : il est refusé par sécurité."),
                          "entity_expansion") from None
    except DefusedXmlException:
        raise FileRefused(_("Le fichier contient des déclarations XML interdites : il est refusé "
                            "par sécurité."), "xml_forbidden") from None
    except ParseError as error:
        line, column = getattr(error, "position", (0, 0))
        if "no element found" in str(error) or "unclosed token" in str(error):
            message = _("Le fichier XML est incomplet (il s'arrête ligne %(line)s) : exportez-le à "
                        "nouveau depuis SIECLE.")
        else:
            message = _("Le fichier XML est mal formé ligne %(line)s, colonne %(column)s : "
                        "exportez-le à nouveau depuis SIECLE.")
        raise FileRefused(message % {"line": line, "column": column + 1}, "bad_xml") from None
    except (UnicodeError, LookupError):
        raise FileRefused(_("Le fichier n'est pas dans l'encodage qu'il déclare."),
                          "encoding_not_supported") from None
    if found_uaj is None:
        raise _uaj_missing()
    return students, divisions


def _uaj_missing():
    return FileRefused(_("Le fichier n'indique pas l'UAJ de l'établissement : ce n'est pas un "
                         "export SIECLE complet."), "uaj_missing")


def _student(element):
    raw = {"eleve_id": element.get("ELEVE_ID", "")}
    for tag in (*FIELDS, LEAVING_DATE):
        child = element.find(tag)
        raw[tag] = (child.text or "").strip() if child is not None else ""
    return raw


def _division(element):
    for structure in element.iter("STRUCTURE"):
        kind = (structure.findtext("TYPE_STRUCTURE") or "").strip()
        code = " ".join((structure.findtext("CODE_STRUCTURE") or "").split())
        if kind == DIVISION_STRUCTURE_TYPE and code and code != INACTIVE_DIVISION:
            return code
    return ""


def _who(raw):
    name = " ".join(part for part in (raw["NOM_DE_FAMILLE"], raw["PRENOM"]) if part) or _("(sans nom)")
    ine = raw["ID_NATIONAL"]
    return f"{name} (INE {ine})" if ine else _("%(name)s (sans INE)") % {"name": name}


def _problem(raw, tag, message):
    return Problem(message=message, student=_who(raw), field=label(tag))


def _check(raw, division):
    row, problems = {"division": division}, []

    def keep(tag, check):
        try:
            row[FIELDS[tag][0]] = check(raw[tag])
        except fields.Invalid as error:
            problems.append(_problem(raw, tag, error.message))

    keep("ID_NATIONAL", lambda v: fields.text(v, required=True, required_message=_(
        "l'INE manque : complétez-le dans SIECLE puis exportez à nouveau.")).upper())
    keep("NOM_DE_FAMILLE", lambda v: fields.text(v, required=True))
    keep("PRENOM", lambda v: fields.text(v, required=True))
    for tag in ("NOM_USAGE", "PRENOM2", "PRENOM3", "VILLE_NAISS", "CODE_MEF"):
        keep(tag, fields.text)
    keep("DATE_NAISS", fields.birthdate)
    keep("CODE_SEXE", _sex)
    keep("CODE_STATUT", _status)
    keep("CODE_PAYS", lambda v: fields.text(v, max_length=3))
    keep("CODE_DEPARTEMENT_NAISS", lambda v: fields.text(v, max_length=3))
    keep("CODE_COMMUNE_INSEE_NAISS", _city_code)
    if (row.get("birth_country_code") == FRANCE_COUNTRY_CODE and "birth_city_code" in row
            and not row["birth_city_code"]):
        problems.append(_problem(raw, "CODE_COMMUNE_INSEE_NAISS", _(
            "l'élève est né en France : le code INSEE de sa commune de naissance est obligatoire.")))
    return (row if not problems else None), problems


def _sex(value):
    if not value:
        raise fields.Invalid(_("le code sexe manque (1 : masculin, 2 : féminin)."))
    if value not in SEX_CODES:
        raise fields.Invalid(_("le code sexe « %(value)s » est inconnu (1 : masculin, 2 : féminin).")
                             % {"value": value})
    return SEX_CODES[value]


def _status(value):
    if value and value not in STATUSES:
        raise fields.Invalid(_("le statut « %(value)s » est inconnu (ST : élève, AP : apprenti).")
                             % {"value": value})
    return value


def _city_code(value):
    return fields.insee_city_code(value) if value else ""
