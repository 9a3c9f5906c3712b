"""SIECLE exports written the way the national system writes them, for the demo and the benchmarks.

`siecle_xml` gives the document a school downloads from SIECLE (ISO-8859-15, addresses and other
fields Orga ignores included, so that the reading is measured on realistic files); `students`
makes a deterministic population of a school.
"""

import random
from dataclasses import dataclass, replace
from datetime import date, timedelta
from xml.sax.saxutils import escape

FIRST_NAMES = ("Léa", "Hugo", "Chloé", "Lucas", "Inès", "Noé", "Zoé", "Jules", "Anaïs", "Théo",
               "Maëlys", "Gabriel", "Éloïse", "Raphaël", "Jade", "Louis", "Agathe", "Adam",
               "Camille", "Nathan", "Œlwen", "Mathis", "Clémence", "Sacha")
LAST_NAMES = ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand",
              "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David",
              "Bertrand", "Roux", "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier",
              "Lefèvre-Dubois", "N'Diaye", "Le Gall", "Bœuf")
CITIES = (("75056", "075", "PARIS"), ("69123", "069", "LYON"), ("13055", "013", "MARSEILLE"),
          ("2A004", "02A", "AJACCIO"), ("59350", "059", "LILLE"), ("35238", "035", "RENNES"))


@dataclass(frozen=True)
class SampleStudent:
    eleve_id: str
    ine: str
    last_name: str
    first_name: str
    birthdate: date
    sex: str = "1"
    division: str = "6A"
    country: str = "100"
    city_code: str = "75056"
    province: str = "075"
    city: str = "PARIS"
    middle_name: str = ""
    preferred_last_name: str = ""
    leaving_date: str = ""
    mef: str = "10010012110"
    status: str = "ST"


def students(count, *, divisions=("6A", "6B", "5A"), seed=1, birth_year=2014, start=1):
    rng = random.Random(seed)
    rows = []
    for number in range(start, start + count):
        city_code, province, city = rng.choice(CITIES)
        rows.append(SampleStudent(
            eleve_id=str(100000 + number), ine=f"{number:09d}{chr(65 + number % 26)}{chr(65 + number // 26 % 26)}",
            last_name=rng.choice(LAST_NAMES).upper(), first_name=rng.choice(FIRST_NAMES),
            birthdate=date(birth_year, 1, 1) + timedelta(days=rng.randrange(365)),
            sex=rng.choice("12"), division=divisions[(number - start) % len(divisions)],
            city_code=city_code, province=province, city=city,
        ))
    return rows


def changed(student, **fields):
    return replace(student, **fields)


def _tag(name, value):
    return f"<{name}>{escape(value)}</{name}>" if value else f"<{name}/>"


def _eleve(student):
    return "".join((
        f'<ELEVE ELEVE_ID="{student.eleve_id}" ELENOET="{student.eleve_id[-5:]}">',
        _tag("ID_NATIONAL", student.ine), "<ELENOET>", student.eleve_id[-5:], "</ELENOET>",
        _tag("NOM_DE_FAMILLE", student.last_name), _tag("NOM_USAGE", student.preferred_last_name),
        _tag("PRENOM", student.first_name), _tag("PRENOM2", student.middle_name), "<PRENOM3/>",
        _tag("DATE_NAISS", student.birthdate.strftime("%d/%m/%Y")),
        "<DOUBLEMENT>N</DOUBLEMENT>", _tag("CODE_PAYS", student.country),
        _tag("CODE_DEPARTEMENT_NAISS", student.province),
        _tag("CODE_COMMUNE_INSEE_NAISS", student.city_code), _tag("VILLE_NAISS", student.city),
        _tag("CODE_SEXE", student.sex), _tag("CODE_MEF", student.mef),
        _tag("CODE_STATUT", student.status), _tag("DATE_SORTIE", student.leaving_date),
        "<DATE_ENTREE>02/09/2025</DATE_ENTREE><CODE_REGIME>2</CODE_REGIME>",
        "<ADRESSE_ID>", student.eleve_id, "</ADRESSE_ID><TEL_PERSONNEL>0102030405</TEL_PERSONNEL>",
        "<MEF_SAISIE>", student.mef, "</MEF_SAISIE><CODE_PROVENANCE>1</CODE_PROVENANCE>",
        "<SCOLARITE_AN_DERNIER><CODE_RNE>0750001A</CODE_RNE><DENOM_PRINC>COLLEGE</DENOM_PRINC>",
        "</SCOLARITE_AN_DERNIER></ELEVE>",
    ))


def _structure(student):
    if not student.division:
        return ""
    return (f'<STRUCTURES_ELEVE ELEVE_ID="{student.eleve_id}" ELENOET="{student.eleve_id[-5:]}">'
            f"<STRUCTURE><CODE_STRUCTURE>{escape(student.division)}</CODE_STRUCTURE>"
            "<TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>"
            "<STRUCTURE><CODE_STRUCTURE>LATIN</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE>"
            "</STRUCTURE></STRUCTURES_ELEVE>")


def siecle_xml(uai, rows, *, encoding="ISO-8859-15", declare=True) -> bytes:
    head = f'<?xml version="1.0" encoding="{encoding}"?>\n' if declare else ""
    text = "\n".join((
        head + '<BEE_ELEVES VERSION="3.1">',
        "<PARAMETRES>", f"<UAJ>{escape(uai)}</UAJ>", "<ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE>",
        "<DATE_EXPORT>01/09/2026</DATE_EXPORT><HORODATAGE>01/09/2026 08:00:00</HORODATAGE>",
        "</PARAMETRES>", "<DONNEES>", "<ELEVES>",
        *(_eleve(student) for student in rows),
        "</ELEVES>", "<STRUCTURES>",
        *(_structure(student) for student in rows),
        "</STRUCTURES>", "</DONNEES>", "</BEE_ELEVES>", "",
    ))
    return text.encode(encoding)
