"""Reading a student list in any of its formats: every problem first, nothing written."""

from orga.imports import csv_formats, files
from orga.imports.problems import FileRefused, Problem
from orga.imports.siecle_xml import Reading, read_siecle_xml
from orga.models import LearnerImport

Format = LearnerImport.Format

__all__ = ["FileRefused", "Problem", "Reading", "read_learners", "KEYS"]

FORMATS = {Format.SIECLE_CSV: csv_formats.SIECLE_CSV, Format.SUP_CSV: csv_formats.SUP_CSV}
KEYS = {Format.SIECLE_XML: "national_student_id", Format.SIECLE_CSV: "national_student_id",
        Format.SUP_CSV: "student_number"}


def read_learners(content: bytes, *, filename: str, format: str, uai: str,
                  on_progress=None) -> Reading:
    """The rows to write and the problems found; raises FileRefused for an unreadable file."""
    if format == Format.SIECLE_XML:
        document = files.siecle_xml_bytes(content, filename)
        return read_siecle_xml(document, uai=uai, on_progress=on_progress)
    spec = FORMATS[format]
    text = files.csv_text(content, filename, known_header=spec.first_column)
    return csv_formats.read_csv(text, spec, on_progress=on_progress)
