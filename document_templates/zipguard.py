"""Zip-based uploads (.docx, .xlsx, .odt, ...): refuse a zip bomb from its central directory, before anything is
parsed or inflated, and read members only through a bounded stream in case the directory lies (issue 12, part 5)."""

from __future__ import annotations

import zipfile
import zlib
from typing import BinaryIO

from django.conf import settings
from django.core.exceptions import ValidationError

# Formats that are zip packages: their size on disk says nothing about the size once unpacked.
ZIP_SUFFIXES = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}
# A member this small cannot hurt whatever its ratio (an empty or repetitive XML part compresses very well).
RATIO_FLOOR_BYTES = 1024 * 1024
CHUNK = 64 * 1024


def max_uncompressed_bytes() -> int:
    return getattr(settings, "SAKSGANG_ZIP_MAX_UNCOMPRESSED_BYTES", 50 * 1024 * 1024)


def max_members() -> int:
    return getattr(settings, "SAKSGANG_ZIP_MAX_MEMBERS", 2000)


def max_ratio() -> int:
    return getattr(settings, "SAKSGANG_ZIP_MAX_RATIO", 100)


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:.0f} MB"


def _refuse(message: str, field: str) -> ValidationError:
    return ValidationError({field: message})


class BadPart(zipfile.BadZipFile):
    """A member holds more than its directory entry says, or cannot be read (the message is Norwegian, for the
    uploader, and names the part)."""


def _damaged(exc: Exception, field: str) -> ValidationError:
    """A zip that cannot be read: the library's own words (English, «File is not a zip file», «Bad CRC-32») are not
    for the uploader; only our own reason is shown."""
    detail = f" ({exc})" if isinstance(exc, BadPart) else ""
    return _refuse(f"Filen er skadet og kan ikke åpnes{detail}. Lagre den på nytt fra Word, Excel eller LibreOffice, "
                   "og last den opp igjen.", field)


def check_zip(source: BinaryIO, *, field: str = "file") -> None:
    """Raise ValidationError({field: message}) unless the zip's central directory is within the limits.

    Reads only the directory (names and declared sizes); nothing is inflated here."""
    try:
        with zipfile.ZipFile(source) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise _damaged(exc, field) from None
    if len(infos) > max_members():
        raise _refuse(f"Filen inneholder {len(infos)} deler; grensen er {max_members()}. "
                      "Et vanlig dokument har langt færre – lagre det på nytt fra Word eller LibreOffice.", field)
    total = 0
    for info in infos:
        total += info.file_size
        if total > max_uncompressed_bytes():
            raise _refuse(f"Filen blir for stor når den pakkes ut (over {_mb(max_uncompressed_bytes())}). "
                          "Gjør bildene mindre eller del opp dokumentet.", field)
        if info.file_size > RATIO_FLOOR_BYTES and info.file_size > max_ratio() * max(info.compress_size, 1):
            raise _refuse(f"Filen er pakket uvanlig hardt (delen «{info.filename[:80]}» blir mer enn "
                          f"{max_ratio()} ganger større når den pakkes ut) og blir ikke tatt imot.", field)


def read_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, *, limit: int | None = None) -> bytes:
    """The member's bytes, read in chunks and stopped at the declared size (and at `limit`), so a member whose
    directory entry understates its size is refused instead of inflated."""
    cap = min(info.file_size, limit if limit is not None else max_uncompressed_bytes())
    parts, seen = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(CHUNK):
            seen += len(chunk)
            if seen > cap:
                raise BadPart(f"delen {info.filename} er større enn oppgitt")
            parts.append(chunk)
    return b"".join(parts)


def verify_members(source: BinaryIO, *, field: str = "file") -> None:
    """Stream every member through a bounded reader (discarding the bytes): the declared sizes hold, the
    checksums match and the total stays within the limit. Call after check_zip, before a parser opens the zip."""
    budget = max_uncompressed_bytes()
    try:
        with zipfile.ZipFile(source) as archive:
            for info in archive.infolist():
                cap = min(info.file_size, budget)
                seen = 0
                try:
                    with archive.open(info) as stream:
                        while chunk := stream.read(CHUNK):
                            seen += len(chunk)
                            if seen > cap:
                                raise BadPart(f"delen {info.filename} er større enn oppgitt")
                except BadPart:
                    raise
                except (zipfile.BadZipFile, zlib.error, EOFError) as exc:  # a bad checksum, a broken stream
                    raise BadPart(f"delen {info.filename} kan ikke leses") from exc
                budget -= seen
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, OSError, EOFError, ValueError, NotImplementedError,
            RuntimeError) as exc:
        raise _damaged(exc, field) from None
