"""Small real files of every type Saksgang takes as an upload, made here, and files whose content lies about their
suffix. For the upload tests (tests/security/test_upload_content.py) and any test that needs a valid upload."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import docx


def pdf() -> bytes:
    """A one-page PDF with a correct cross-reference table."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    out = bytearray(b"%PDF-1.4\n%\xe6\xf8\xe5\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def png() -> bytes:
    """A 1×1 grey PNG."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b""))


# A 1×1 JFIF JPEG (arithmetic coding, 125 bytes): SOI, APP0, quantisation table, SOF9, DAC, SOS, data, EOI.
JPEG = bytes.fromhex(
    "ffd8ffe000104a46494600010101004800480000ffdb004300030202020202030202020303030304060404040404080606050609080a0a"
    "090809090a0c0f0c0a0b0e0b09090d110d0e0f101011100a0c12131210130f101010ffc9000b080001000101011100ffcc000600101005"
    "ffda0008010100003f00d2cf20ffd9")


def docx_file() -> bytes:
    document = docx.Document()
    document.add_paragraph("Notat til saken.")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _zip(members: list[tuple[str, bytes]], *, stored_first: bool = False) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for index, (name, data) in enumerate(members):
            stored = stored_first and index == 0
            archive.writestr(name, data, compress_type=zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _ooxml(main_part: str, main_type: str) -> bytes:
    """An Open Packaging Conventions package: the content types, the package relationship, the main part."""
    types = ('<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
             'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/'
             f'{main_part}" ContentType="{main_type}"/></Types>')
    rels = ('<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/'
            f'2006/relationships/officeDocument" Target="{main_part}"/></Relationships>')
    return _zip([("[Content_Types].xml", types.encode()), ("_rels/.rels", rels.encode()),
                 (main_part, b'<?xml version="1.0" encoding="UTF-8"?><root/>')])


def xlsx() -> bytes:
    return _ooxml("xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")


def pptx() -> bytes:
    return _ooxml("ppt/presentation.xml",
                  "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml")


def odf(mimetype: str) -> bytes:
    """An OpenDocument package: `mimetype` first and stored, the manifest, the content."""
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                f'manifest:media-type="{mimetype}"/><manifest:file-entry manifest:full-path="content.xml" '
                'manifest:media-type="text/xml"/></manifest:manifest>')
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:'
               'opendocument:xmlns:office:1.0" office:version="1.2"><office:body/></office:document-content>')
    return _zip([("mimetype", mimetype.encode()), ("META-INF/manifest.xml", manifest.encode()),
                 ("content.xml", content.encode())], stored_first=True)


def ole() -> bytes:
    """An empty OLE compound file, the container of .doc and .xls (Office 97–2003): the 512-byte header and its one
    FAT sector. (A real .doc from LibreOffice: test_upload_content.test_documents_libreoffice_saves_are_accepted.)"""
    header = (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(16) + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
              + bytes(6) + struct.pack("<IIIIIIIII", 0, 1, 0xFFFFFFFE, 0, 0x1000, 0xFFFFFFFE, 0, 0xFFFFFFFE, 0))
    header += struct.pack("<I", 0) + b"\xff" * 4 * 108
    return header + struct.pack("<I", 0xFFFFFFFD) + b"\xff" * 508


ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"

# One real file per allowed suffix (test_upload_content checks this covers ALLOWED_SUFFIXES).
VALID: dict[str, bytes] = {
    ".pdf": pdf(), ".docx": docx_file(), ".xlsx": xlsx(), ".pptx": pptx(), ".odt": odf(ODT), ".ods": odf(ODS),
    ".doc": ole(), ".xls": ole(), ".jpg": JPEG, ".jpeg": JPEG, ".png": png(),
    ".txt": "Referat fra befaring på Ørneveien.\r\nAlle møtte.\n".encode(),
    ".csv": "navn;beløp\nKari Nordmann;1 250,50\n".encode("cp1252"),  # as Excel on Norwegian Windows saves it
}

HTML = b"<!DOCTYPE html><html><body><script>fetch('/intern/').then(r => r.text()).then(alert)</script></body></html>"
SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.cookie)"><rect width="1" height="1"/></svg>'

# (file name, content, what the refusal says besides «Innholdet i filen stemmer ikke med filtypen <suffix>.»)
LYING: list[tuple[str, bytes, str]] = [
    ("vedtak.pdf", HTML, ""),
    ("kart.png", SVG, ""),
    ("kart.jpg", b"\xef\xbb\xbf" + SVG, ""),
    ("notat.docx", _zip([("word/document.xml", b"<w:document/>")]), ""),  # a zip, not an OOXML package
    ("notat.odt", odf(ODS), ""),  # a spreadsheet called a text document
    ("notat.odt", _zip([("content.xml", b"<office:document-content/>")]), ""),
    ("tall.xlsx", pdf(), ""),
    ("gammel.doc", docx_file(), ""),  # a zip renamed to .doc
    ("notat.docx", ole(), "passordbeskyttet"),  # an encrypted .docx is an OLE file; so is a renamed .doc
    ("notat.txt", "Unicode-tekst fra Notisblokk".encode("utf-16"), "UTF-16"),
    ("notat.txt", b"Hei\x00\x01\x02binary", "NUL-tegn"),
    ("notat.txt", b"\n  <html><script>alert(1)</script>", "HTML, SVG"),
    ("liste.csv", b"\xef\xbb\xbf<svg onload=alert(1)>", "HTML, SVG"),
    ("liste.csv", b"\xef\xbb\xbf\r\n<svg onload=alert(1)>\xe6", "HTML, SVG"),  # the BOM says UTF-8, the \xe6 cp1252
    ("liste.csv", b"a;b\n\x1b[31m;c\n", "kontrolltegn"),
]
