"""CSV files of the import template, built by the tests."""

import csv
import io

from django.core.files.uploadedfile import SimpleUploadedFile

from certif.bulk.template import columns_for


def session_columns(day, time="09:00", room="Salle 1", address="Centre Horizon", examiner="Mme Martin"):
    return {"address": address, "room": room, "date": day.strftime("%d/%m/%Y"), "time": time,
            "examiner": examiner}


def candidate_columns(last_name, first_name="Lou", **change):
    return {"last_name": last_name, "first_name": first_name, "birthdate": "17/05/2009", "sex": "F",
            "birth_insee_code": "75115", "birth_country": "France", "billing_mode": "Gratuite", **change}


def csv_text(center, rows, encoding_bom=True):
    columns = columns_for(center)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow([c.header for c in columns])
    for row in rows:
        writer.writerow([row.get(c.key, "") for c in columns])
    return ("\ufeff" if encoding_bom else "") + buffer.getvalue()


def import_file(center, rows, name="sessions.csv", encoding="utf-8"):
    text = csv_text(center, rows, encoding_bom=encoding == "utf-8")
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")
