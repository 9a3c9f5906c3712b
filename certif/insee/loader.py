"""Load the INSEE referential (countries, communes) from the files the repository ships.

Fast and idempotent: the files' checksum is stored, so loading the same files again only reads
them; new files replace the whole referential in one transaction.
"""

import csv
import hashlib
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from certif.models import InseeCommune, InseeCountry, InseeReferentialVersion
from certif.text import matching_key

DATA_DIR = Path(__file__).with_name("data")
COUNTRIES_FILE = DATA_DIR / "pays.csv"
COMMUNES_FILE = DATA_DIR / "communes.csv"
BATCH_SIZE = 5000


@dataclass(frozen=True)
class LoadResult:
    countries: int
    communes: int
    changed: bool


def _read(path):
    with open(path, encoding="utf-8", newline="") as source:
        return list(csv.DictReader(source, delimiter=";"))


def _country_rows(rows):
    for row in rows:
        names = dict.fromkeys(n.strip() for n in (row["nom"], row["nom_officiel"]) if n.strip())
        for name in names:
            yield InseeCountry(code=row["code"], name=name, common_name=row["nom"].strip(),
                               matching_key=matching_key(name), is_current=not row["fin"])


def _checksum(*paths):
    digest = hashlib.sha256()
    for path in paths:
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def load_insee_referential(countries_file=COUNTRIES_FILE, communes_file=COMMUNES_FILE) -> LoadResult:
    checksum = _checksum(countries_file, communes_file)
    version = InseeReferentialVersion.objects.first()
    if (version and version.checksum == checksum
            and InseeCountry.objects.count() == version.countries
            and InseeCommune.objects.count() == version.communes):
        return LoadResult(version.countries, version.communes, changed=False)
    countries = list(_country_rows(_read(countries_file)))
    communes = [InseeCommune(insee_code=row["code_insee"], postal_code=row["code_postal"],
                             name=row["nom"], is_current_name=row["actuel"] == "1")
                for row in _read(communes_file)]
    with transaction.atomic():
        InseeCountry.objects.all().delete()
        InseeCommune.objects.all().delete()
        InseeCountry.objects.bulk_create(countries, batch_size=BATCH_SIZE)
        InseeCommune.objects.bulk_create(communes, batch_size=BATCH_SIZE)
        InseeReferentialVersion.objects.all().delete()
        InseeReferentialVersion.objects.create(checksum=checksum, countries=len(countries),
                                               communes=len(communes))
    return LoadResult(len(countries), len(communes), changed=True)
