"""Opening an uploaded file: its size, its type, a zip archive's one member, its encoding.

Every refusal has its own French message: a teacher must be able to tell a wrong file from a
broken one. Nothing is written anywhere: the bytes stay in memory.
"""

import codecs
import re
import zipfile
from io import BytesIO

from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

from orga.constants import MAX_UNZIPPED_BYTES, MAX_UPLOAD_BYTES
from orga.imports.problems import FileRefused

ZIP_MAGIC = b"PK\x03\x04"
BOMS = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
XML_DECLARATION = re.compile(rb"^<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
# SIECLE exports declare their encoding; one that does not and is not UTF-8 is read as SIECLE's.
SIECLE_ENCODING = "ISO-8859-15"


def extension(filename):
    return filename.rsplit(".", 1)[-1].lower() if "." in filename else ""


def check_size(size):
    if size > MAX_UPLOAD_BYTES:
        raise FileRefused(_("Le fichier pèse %(size)s : la limite est de %(limit)s.") % {
            "size": filesizeformat(size), "limit": filesizeformat(MAX_UPLOAD_BYTES)}, "file_too_large")


def check_not_empty(content, filename):
    if not content or not content.strip(b" \t\r\n\x00" + codecs.BOM_UTF8):
        raise FileRefused(_("Le fichier « %(name)s » est vide.") % {"name": filename}, "empty")


def siecle_xml_bytes(content: bytes, filename: str) -> bytes:
    """The XML document of a SIECLE upload: the file itself, or the one member of its zip."""
    check_size(len(content))
    check_not_empty(content, filename)
    kind = extension(filename)
    if kind == "zip":
        filename, content = _unzip(content, filename)
        check_not_empty(content, filename)
    elif kind != "xml":
        raise FileRefused(_(
            "Le fichier « %(name)s » n'est ni un export SIECLE XML (.xml) ni une archive .zip "
            "qui en contient un.") % {"name": filename}, "invalid_file_extension")
    if not _looks_like_xml(content):
        raise FileRefused(_(
            "Le fichier « %(name)s » n'est pas un fichier XML, malgré son nom : exportez à "
            "nouveau la liste des élèves depuis SIECLE.") % {"name": filename}, "not_xml")
    return with_declared_encoding(content)


def _unzip(content, filename):
    if not content.startswith(ZIP_MAGIC):
        raise FileRefused(_("Le fichier « %(name)s » n'est pas une archive ZIP, malgré son nom.")
                          % {"name": filename}, "not_zip")
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = [info for info in archive.infolist() if not info.is_dir()]
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError):
        raise FileRefused(_("L'archive « %(name)s » est endommagée : elle ne peut pas être ouverte.")
                          % {"name": filename}, "bad_zip") from None
    if len(members) != 1:
        raise FileRefused(_(
            "L'archive « %(name)s » contient %(count)s fichiers : elle doit contenir le seul export "
            "SIECLE des élèves.") % {"name": filename, "count": len(members)}, "zip_member_count")
    member = members[0]
    if "/" in member.filename or "\\" in member.filename or ".." in member.filename:
        raise FileRefused(_(
            "L'archive « %(name)s » contient un fichier rangé dans un chemin (« %(member)s ») : "
            "elle doit contenir le fichier XML seul, sans dossier.") % {
            "name": filename, "member": member.filename}, "zip_member_path")
    if extension(member.filename) != "xml":
        raise FileRefused(_("L'archive « %(name)s » contient « %(member)s », qui n'est pas un "
                            "fichier XML.") % {"name": filename, "member": member.filename},
                          "zip_member_not_xml")
    too_big = FileRefused(_(
        "Une fois décompressé, le fichier de l'archive « %(name)s » dépasse %(limit)s : ce n'est "
        "pas un export SIECLE.") % {"name": filename, "limit": filesizeformat(MAX_UNZIPPED_BYTES)},
        "zip_too_large")
    if member.file_size > MAX_UNZIPPED_BYTES:
        raise too_big
    try:
        with archive.open(member) as stream:
            # The declared size can lie: read no more than the limit, whatever the header says.
            data = stream.read(MAX_UNZIPPED_BYTES + 1)
    except RuntimeError:
        raise FileRefused(_("L'archive « %(name)s » est protégée par un mot de passe : "
                            "déposez-la sans mot de passe.") % {"name": filename}, "zip_encrypted") from None
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError):
        raise FileRefused(_("L'archive « %(name)s » est endommagée : elle ne peut pas être ouverte.")
                          % {"name": filename}, "bad_zip") from None
    if len(data) > MAX_UNZIPPED_BYTES:
        raise too_big
    return member.filename, data


def _looks_like_xml(content):
    head = content[:64]
    for bom in BOMS:
        if head.startswith(bom):
            return True
    return head.lstrip(b" \t\r\n").startswith(b"<")


def with_declared_encoding(content: bytes) -> bytes:
    """The document, declaring SIECLE's encoding when it declares none and is not UTF-8."""
    match = XML_DECLARATION.match(content[:200])
    if match:
        name = match.group(1).decode("ascii")
        try:
            codecs.lookup(name)
        except LookupError:
            raise FileRefused(_("Le fichier déclare un encodage inconnu (« %(name)s »).")
                              % {"name": name}, "encoding_not_supported") from None
        return content
    if content.startswith(BOMS):
        return content
    try:
        content.decode("utf-8")
    except UnicodeDecodeError:
        declaration = f'<?xml version="1.0" encoding="{SIECLE_ENCODING}"?>'.encode("ascii")
        if content.startswith(b"<?xml"):
            content = content[content.index(b"?>") + 2:]
        return declaration + content
    return content


def csv_text(content: bytes, filename: str, *, known_header: str) -> str:
    """The CSV's text, in the first encoding whose header holds a known column."""
    check_size(len(content))
    check_not_empty(content, filename)
    if extension(filename) not in ("csv", "txt"):
        raise FileRefused(_("Le fichier « %(name)s » n'est pas un fichier CSV (.csv).")
                          % {"name": filename}, "invalid_file_extension")
    if b"\x00" in content[:4096] or content.startswith(ZIP_MAGIC):
        raise FileRefused(_("Le fichier « %(name)s » n'est pas un fichier texte CSV, malgré son nom.")
                          % {"name": filename}, "not_csv")
    for encoding in ("utf-8-sig", "cp1252", "mac_roman"):
        try:
            text = content.decode(encoding)
        except UnicodeDecodeError:
            continue
        first_line = text.split("\n", 1)[0]
        if known_header in first_line:
            return text
    raise FileRefused(_(
        "L'en-tête du fichier n'a pas été reconnu : la première ligne doit nommer les colonnes "
        "(dont « %(column)s »), en UTF-8 de préférence.") % {"column": known_header},
        "encoding_not_supported")
