"""CSV files a spreadsheet opens safely: UTF-8 with BOM, `;`, formulas neutralised."""

import csv
import io

# A cell starting with one of these would be read as a formula by a spreadsheet.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


# Cells that start like a formula but cannot be one: the dash of "no value" (certification results).
NOT_FORMULAS = frozenset({"-"})


def safe_cell(value):
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) and text not in NOT_FORMULAS else text


class _Line:
    """A file-like target that hands back what the csv writer wrote, one line at a time."""

    def write(self, value):
        return value


def csv_lines(header, rows):
    """The file line by line, encoded (a streamed response's content): the BOM first, then the
    header and each row, every cell neutralised. Memory stays flat whatever the number of rows."""
    writer = csv.writer(_Line(), delimiter=";", lineterminator="\r\n")
    yield "\ufeff".encode("utf-8") + writer.writerow([safe_cell(cell) for cell in header]).encode("utf-8")
    for row in rows:
        yield writer.writerow([safe_cell(cell) for cell in row]).encode("utf-8")


def csv_bytes(header, rows) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([safe_cell(cell) for cell in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
