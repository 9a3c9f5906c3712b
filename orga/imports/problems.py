"""What the validation reports: a refused file, or problems each tied to a line or a student."""

from dataclasses import asdict, dataclass

from django.utils.translation import gettext as _


class FileRefused(Exception):
    """The file as a whole cannot be read (wrong type, hostile, another school's...)."""

    def __init__(self, message, code="file_refused"):
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Problem:
    message: str
    line: int | None = None  # CSV: the line in the file (the header is line 1)
    student: str = ""  # XML: the student's name and INE
    field: str = ""  # the column label or the SIECLE field

    def as_dict(self):
        return asdict(self)

    @classmethod
    def from_dict(cls, data):
        return cls(**{key: data.get(key) for key in ("message", "line", "student", "field")
                      if data.get(key) is not None})

    def where(self):
        parts = []
        if self.line:
            parts.append(_("ligne %(line)s") % {"line": self.line})
        if self.student:
            parts.append(_("élève %(student)s") % {"student": self.student})
        if self.field:
            parts.append(_("champ « %(field)s »") % {"field": self.field})
        return ", ".join(parts)

    def as_text(self):
        where = self.where()
        return f"{where[:1].upper()}{where[1:]} : {self.message}" if where else self.message
