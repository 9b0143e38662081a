"""The file types Saksgang takes as uploads, and what each one's content must be.

A file's suffix is only what the uploader claims. `evil.pdf` that is HTML, or `kart.png` that is SVG, opens as a web
page with script when a colleague's browser or desktop trusts the bytes instead of the name. So each type here says
how its content begins (its magic bytes), what a zip-based package must hold, and the Content-Type it is served
with (document_templates/http.py). The upload rule (attachments.upload_errors) asks `check_content`.

Only the first HEAD_BYTES are read, plus, for zip packages, their directory and one tiny member (`mimetype`).
"""

from __future__ import annotations

import codecs
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from typing import BinaryIO

from django.core.exceptions import ValidationError

from .zipguard import check_zip, read_member

HEAD_BYTES = 8 * 1024

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the compound file of .doc and .xls (Office 97–2003)
JPEG = b"\xff\xd8\xff"
PNG = b"\x89PNG\r\n\x1a\n"

# Text a browser would take for markup: a tag, a comment, a doctype or an XML declaration at the start (after a BOM
# and white space). That is how HTML and SVG with script pass as .txt or .csv. Read from the bytes, so it holds
# whichever of the two encodings the text turns out to be in.
MARKUP_START = re.compile(rb"(?:\xef\xbb\xbf)?[\t\n\x0c\r ]*<[a-zA-Z!?/]")
# C0 control characters other than tab, line feed, form feed and carriage return: never in a text file, always in
# a binary one.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")

RESAVE = "Filen kan være omdøpt eller skadet. Åpne den og lagre den på nytt i riktig format, og last den opp igjen."


@dataclass(frozen=True)
class FileType:
    content_type: str
    # The reason the content does not fit (Norwegian, shown after «Innholdet i filen stemmer ikke med filtypen …»),
    # or None. Gets the first HEAD_BYTES and the file itself (for a zip package's directory).
    mismatch: Callable[[bytes, BinaryIO], str | None]


def _starts_with(magic: bytes, hint: str = RESAVE) -> Callable[[bytes, BinaryIO], str | None]:
    return lambda head, source: None if head.startswith(magic) else hint


def _package(check: Callable[[zipfile.ZipFile], bool]) -> Callable[[bytes, BinaryIO], str | None]:
    """A zip package: the zip signature first, the zip-bomb limits on its directory (zipguard), then `check`, which
    looks at the directory and at most a tiny member, never inflating anything large."""

    def mismatch(head: bytes, source: BinaryIO) -> str | None:
        if head.startswith(OLE):  # what Office writes for a password-protected .docx/.xlsx/.pptx, or a renamed .doc
            return ("Filen er passordbeskyttet eller lagret i et eldre Office-format. Fjern passordet eller lagre den "
                    "på nytt i riktig format, og last den opp igjen.")
        if not head.startswith(ZIP):
            return RESAVE
        source.seek(0)
        check_zip(source)  # raises its own ValidationError (too many parts, too large unpacked, damaged)
        source.seek(0)
        try:
            with zipfile.ZipFile(source) as archive:
                return None if check(archive) else RESAVE
        except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError, NotImplementedError,
                RuntimeError):
            return RESAVE

    return mismatch


def _ooxml(archive: zipfile.ZipFile) -> bool:
    """Word, Excel and PowerPoint 2007+: an Open Packaging Conventions package names its parts' types here."""
    return "[Content_Types].xml" in archive.namelist()


def _odf(mimetype: str) -> Callable[[zipfile.ZipFile], bool]:
    """OpenDocument: the member `mimetype` holds the document's media type (ODF 1.2 part 3, 3.3)."""

    def check(archive: zipfile.ZipFile) -> bool:
        try:
            info = archive.getinfo("mimetype")
        except KeyError:
            return False
        return read_member(archive, info, limit=256).strip() == mimetype.encode("ascii")

    return check


def _text(head: bytes, source: BinaryIO) -> str | None:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # Notepad's and Excel's «Unicode»
        return "Filen er lagret som UTF-16. Lagre den som tekst i UTF-8, og last den opp igjen."
    if b"\x00" in head:
        return "En tekstfil kan ikke inneholde binære data (NUL-tegn)."
    # UTF-8, or Windows-1252 as Excel on a Norwegian Windows saves «CSV (semikolondelt)». The head may end inside a
    # UTF-8 character, so it is decoded as the start of a stream.
    try:
        text = codecs.getincrementaldecoder("utf-8")().decode(head, final=len(head) < HEAD_BYTES)
    except UnicodeDecodeError:
        try:
            text = head.decode("cp1252")
        except UnicodeDecodeError:
            return "Lagre filen som tekst i UTF-8, og last den opp igjen."
    if CONTROL.search(text):
        return "En tekstfil kan ikke inneholde binære data (kontrolltegn)."
    if MARKUP_START.match(head):
        return "En tekstfil kan ikke begynne med HTML, SVG, XML eller skript."
    return None


OOXML = "application/vnd.openxmlformats-officedocument."
ODF = "application/vnd.oasis.opendocument."

FILE_TYPES: dict[str, FileType] = {
    ".pdf": FileType("application/pdf", _starts_with(PDF)),
    ".docx": FileType(OOXML + "wordprocessingml.document", _package(_ooxml)),
    ".xlsx": FileType(OOXML + "spreadsheetml.sheet", _package(_ooxml)),
    ".pptx": FileType(OOXML + "presentationml.presentation", _package(_ooxml)),
    ".odt": FileType(ODF + "text", _package(_odf(ODF + "text"))),
    ".ods": FileType(ODF + "spreadsheet", _package(_odf(ODF + "spreadsheet"))),
    ".doc": FileType("application/msword", _starts_with(OLE)),
    ".xls": FileType("application/vnd.ms-excel", _starts_with(OLE)),
    ".jpg": FileType("image/jpeg", _starts_with(JPEG)),
    ".jpeg": FileType("image/jpeg", _starts_with(JPEG)),
    ".png": FileType("image/png", _starts_with(PNG)),
    ".txt": FileType("text/plain", _text),
    ".csv": FileType("text/csv", _text),
}

# Images a document may show (the kommune's logo in every document's header). No SVG: it can carry script, and
# python-docx cannot place it.
IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg"})


def content_type_for(suffix: str) -> str:
    """The Content-Type a stored file is served with: its suffix's, which the upload checked against the content."""
    found = FILE_TYPES.get(suffix.lower())
    return found.content_type if found else "application/octet-stream"


def check_content(upload: BinaryIO, suffix: str, *, field: str = "file") -> None:
    """Raise ValidationError({field: message}) unless the content is what `suffix` (one of FILE_TYPES) says.
    Leaves the file at position 0."""
    try:
        upload.seek(0)
        head = upload.read(HEAD_BYTES)
        reason = FILE_TYPES[suffix].mismatch(head, upload)
    finally:
        upload.seek(0)
    if reason:
        raise ValidationError({field: f"Innholdet i filen stemmer ikke med filtypen {suffix}. {reason}"})
