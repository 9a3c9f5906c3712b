"""Read an uploaded CSV file into lines of values by column key, or refuse it with a clear reason."""

import csv
import io

from django.utils.translation import gettext as _

from certif.bulk.template import BY_NORMALIZED_HEADER, columns_for
from certif.constants import IMPORT_MAX_BYTES, IMPORT_MAX_LINES
from certif.errors import CertifError, ErrorCode
from certif.text import normalize

DELIMITERS = (";", ",", "\t")


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # A spreadsheet on a French Windows saves "CSV" as Windows-1252.
        return content.decode("cp1252", errors="replace")


def _delimiter(first_line: str) -> str:
    return max(DELIMITERS, key=first_line.count)


def read_lines(uploaded, center) -> list[dict]:
    """[{"line": number in the file, "values": {key: text}}], the header being line 1."""
    if uploaded.size > IMPORT_MAX_BYTES:
        raise CertifError.of(ErrorCode.IMPORT_FILE_TOO_LARGE, max=IMPORT_MAX_BYTES // (1024 * 1024))
    content = uploaded.read()
    if b"\x00" in content:
        raise CertifError.of(ErrorCode.IMPORT_NOT_CSV)
    text = _decode(content)
    if not text.strip():
        raise CertifError.of(ErrorCode.IMPORT_FILE_EMPTY)
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=_delimiter(text.splitlines()[0])))
    except csv.Error:
        raise CertifError.of(ErrorCode.IMPORT_NOT_CSV) from None
    keys = _header_keys(rows[0], center)
    lines = []
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        values = {key: (row[i].strip() if i < len(row) else "") for i, key in enumerate(keys) if key}
        lines.append({"line": number, "values": values})
        if len(lines) > IMPORT_MAX_LINES:
            raise CertifError.of(ErrorCode.IMPORT_TOO_MANY_LINES, max=IMPORT_MAX_LINES)
    if not lines:
        raise CertifError.of(ErrorCode.IMPORT_FILE_EMPTY)
    return lines


def _header_keys(header, center) -> list:
    keys, unknown = [], []
    for cell in header:
        column = BY_NORMALIZED_HEADER.get(normalize(cell))
        if column is None and cell.strip():
            unknown.append(cell.strip())
        keys.append(column.key if column else None)
    expected = columns_for(center)
    missing = [c.header for c in expected if c.key not in keys]
    if missing or unknown:
        details = "; ".join(filter(None, [
            _("colonnes manquantes : %s") % ", ".join(f"« {h} »" for h in missing) if missing else "",
            _("colonnes inconnues : %s") % ", ".join(f"« {h} »" for h in unknown) if unknown else "",
        ]))
        raise CertifError.of(ErrorCode.IMPORT_HEADERS_NOT_VALID, details=details)
    return keys
