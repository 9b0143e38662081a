"""export_noark5 of the demo kommune's kommunestyret validates (issue 14, Done when)."""

import hashlib
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from lxml import etree

N = {"n": "http://www.arkivverket.no/standarder/noark5/arkivstruktur"}


@pytest.mark.slow
def test_the_demo_kommunestyret_extract_validates_and_its_checksums_match(db, tmp_path):
    call_command("seed_demo")
    out = tmp_path / "kommunestyret"
    started = time.monotonic()
    call_command("export_noark5", "--organization", "kommunestyret", "--from", "2000-01-01", "--to", "2100-12-31",
                 "--out", str(out))
    elapsed = time.monotonic() - started
    root = etree.parse(str(out / "arkivstruktur.xml")).getroot()
    schema = etree.XMLSchema(etree.parse(str(Path(settings.BASE_DIR) / "reference" / "noark5" / "arkivstruktur.xsd")))
    assert schema.validate(root), schema.error_log
    folders = root.findall(".//n:mappe", N)
    assert len(folders) >= 5
    objects = root.findall(".//n:dokumentobjekt", N)
    assert objects
    for obj in objects:
        content = (out / obj.find("n:referanseDokumentfil", N).text).read_bytes()
        assert obj.find("n:sjekksum", N).text == hashlib.sha256(content).hexdigest()
    assert root.findall(".//n:skjerming", N), "the demo has exempt and closed items; they must be marked"
    print(f"export_noark5 kommunestyret: {len(folders)} møter, {len(objects)} filer, {elapsed:.1f} s")
