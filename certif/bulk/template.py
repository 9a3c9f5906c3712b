"""The columns of the CSV template, in the domain's order: one definition for the file and its checks.

The headers are the format's (schools keep files made from them); `label` is how the import
report names a column.
"""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from certif.text import normalize


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    label: str
    part: str  # "session" or "candidate"
    billing: bool = False


COLUMNS = (
    Column("existing_session_id", "Numéro de session préexistante", _("Numéro de session préexistante"), "session"),
    Column("address", "* Nom du site", _("Nom du site"), "session"),
    Column("room", "* Nom de la salle", _("Nom de la salle"), "session"),
    Column("date", "* Date de début (format: JJ/MM/AAAA)", _("Date de début"), "session"),
    Column("time", "* Heure de début (heure locale format: HH:MM)", _("Heure de début"), "session"),
    Column("examiner", "* Surveillant(s)", _("Surveillant(s)"), "session"),
    Column("description", "Observations (optionnel)", _("Observations"), "session"),
    Column("last_name", "* Nom de naissance", _("Nom de naissance"), "candidate"),
    Column("first_name", "* Prénom", _("Prénom"), "candidate"),
    Column("birthdate", "* Date de naissance (format: JJ/MM/AAAA)", _("Date de naissance"), "candidate"),
    Column("sex", "* Sexe (M ou F)", _("Sexe"), "candidate"),
    Column("birth_insee_code", "Code INSEE de la commune de naissance", _("Code INSEE de la commune de naissance"), "candidate"),
    Column("birth_postal_code", "Code postal de la commune de naissance", _("Code postal de la commune de naissance"), "candidate"),
    Column("birth_city", "Nom de la commune de naissance", _("Nom de la commune de naissance"), "candidate"),
    Column("birth_country", "* Pays de naissance", _("Pays de naissance"), "candidate"),
    Column("result_recipient_email", "E-mail du destinataire des résultats (formateur, enseignant…)",
           _("E-mail du destinataire des résultats"), "candidate"),
    Column("email", "E-mail de convocation", _("E-mail de convocation"), "candidate"),
    Column("external_id", "Identifiant externe", _("Identifiant externe"), "candidate"),
    Column("extra_time_percentage", "Temps majoré ? (exemple format: 33%)", _("Temps majoré"), "candidate"),
    Column("billing_mode", "* Tarification part Pix (Gratuite, Prépayée ou Payante)",
           _("Tarification part Pix"), "candidate", billing=True),
    Column("prepayment_code", "Code de prépaiement (si Tarification part Pix Prépayée)",
           _("Code de prépaiement"), "candidate", billing=True),
)
BY_KEY = {column.key: column for column in COLUMNS}
SESSION_INFO_KEYS = tuple(c.key for c in COLUMNS if c.part == "session" and c.key != "existing_session_id")
CANDIDATE_KEYS = tuple(c.key for c in COLUMNS if c.part == "candidate")
# Headers compare without accents, punctuation or spaces: spreadsheets often alter them.
BY_NORMALIZED_HEADER = {normalize(column.header): column for column in COLUMNS}


def columns_for(center):
    return [c for c in COLUMNS if center.has_billing_mode or not c.billing]


def template_csv(center) -> bytes:
    """The empty template: UTF-8 with a BOM (for spreadsheets), `;`, every header quoted."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n").writerow(
        [c.header for c in columns_for(center)])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def label(key) -> str:
    column = BY_KEY.get(key)
    return str(column.label) if column else ""
