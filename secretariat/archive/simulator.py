"""A small stand-in for the kommune's archive on the far side of a `FilesystemExchange`, used by the tests.

`process()` takes every message in `inn/`, checks it against the Fiks Arkiv XSD and the files against their
checksums, and answers with a kvittering (journalpost numbers counted per year) or, for an invalid message, an
`ugyldigforespoersel`. It never archives the same message id twice: a repeat gets the first receipt again
(`Eksisterende`). It can be `down` (no inbox: the sender gets a TransportError), `slow` (takes messages but
answers only on a later `process()`), or `rejecting` (answers every message with ugyldigforespoersel).
"""

from __future__ import annotations

import hashlib
import json
import shutil
import uuid
from pathlib import Path

from lxml import etree

from . import fiks


class ArchiveSimulator:
    def __init__(self, root: str | Path, *, year: int = 2026):
        self.root = Path(root)
        self.inbox = self.root / "inn"
        self.receipts = self.root / "kvitteringer"
        self.done = self.root / "arkivert"
        for folder in (self.inbox, self.receipts, self.done):
            folder.mkdir(parents=True, exist_ok=True)
        self.year = year
        self.rejecting = False
        self.slow_rounds = 0
        self.archived: dict[str, dict] = {}   # message id -> {"journalpostnummer": …, "xml": bytes}
        self.next_number = 1
        self.mapper: dict[str, str] = {}      # external key -> systemID
        self.state_file = self.root / "tilstand.json"   # so `manage.py archive_simulator --once` keeps counting
        if self.state_file.exists():
            state = json.loads(self.state_file.read_text())
            self.next_number, self.mapper = state["next_number"], state["mapper"]
            self.archived = {k: {**v, "xml": v["xml"].encode()} for k, v in state["archived"].items()}

    # -- failure modes ---------------------------------------------------------------------------------------
    def down(self) -> None:
        shutil.rmtree(self.inbox, ignore_errors=True)

    def up(self) -> None:
        self.inbox.mkdir(parents=True, exist_ok=True)

    def slow(self, rounds: int = 1) -> None:
        self.slow_rounds = rounds

    # -- the archive at work -----------------------------------------------------------------------------------
    def process(self) -> int:
        """Answer what waits in the inbox; returns how many messages were answered."""
        if not self.inbox.is_dir():
            return 0
        if self.slow_rounds:
            self.slow_rounds -= 1
            return 0
        answered = 0
        for folder in sorted(p for p in self.inbox.iterdir() if p.is_dir() and not p.name.startswith(".")):
            meta = json.loads((folder / "melding.json").read_text())
            message_id = meta["id"]
            xml = (folder / "arkivmelding.xml").read_bytes()
            problem = self._problem(meta["type"], xml, folder)
            if self.rejecting or problem:
                self._answer(message_id, fiks.REJECTED_TYPE, self._rejection(problem or "Arkivet avviser meldingen."))
            elif message_id in self.archived:
                self._answer(message_id, fiks.RECEIPT_TYPE, self.archived[message_id]["xml"])
            else:
                receipt = self._receipt(message_id, xml)
                self._answer(message_id, fiks.RECEIPT_TYPE, receipt)
            target = self.done / message_id
            shutil.rmtree(target, ignore_errors=True)
            folder.rename(target)
            answered += 1
        if answered:
            self._save()
        return answered

    def _save(self) -> None:
        self.state_file.write_text(json.dumps({
            "next_number": self.next_number, "mapper": self.mapper,
            "archived": {k: {**v, "xml": v["xml"].decode()} for k, v in self.archived.items()},
        }))

    @property
    def archived_count(self) -> int:
        return len(self.archived)

    def _problem(self, message_type: str, xml: bytes, folder: Path) -> str:
        if message_type != fiks.MESSAGE_TYPE:
            return f"Ukjent meldingstype {message_type}."
        errors = fiks.validation_errors(xml, fiks.MESSAGE_TYPE)
        if errors:
            return "Meldingen er ikke gyldig mot XSD: " + "; ".join(errors[:3])
        n = {"a": fiks.NS}
        for obj in etree.fromstring(xml).iterfind(".//a:dokumentobjekt", n):
            path = folder / obj.findtext("a:referanseDokumentfil", namespaces=n)
            if not path.exists():
                return f"Filen {path.name} mangler."
            if hashlib.sha256(path.read_bytes()).hexdigest() != obj.findtext("a:sjekksum", namespaces=n):
                return f"Sjekksummen for {path.name} stemmer ikke."
        return ""

    def _receipt(self, message_id: str, xml: bytes) -> bytes:
        n = {"a": fiks.NS}
        message = etree.fromstring(xml)
        key = message.findtext("a:mappe/a:referanseEksternNoekkel/a:noekkel", namespaces=n) or ""
        existing = key in self.mapper
        mappe_id = self.mapper.setdefault(key, str(uuid.uuid4()))
        number = self.next_number
        self.next_number += 1
        root = etree.Element(f"{{{fiks.RECEIPT_NS}}}arkivmeldingKvittering", nsmap={None: fiks.RECEIPT_NS,
                                                                                   "xsi": fiks.XSI})
        mk = etree.SubElement(root, f"{{{fiks.RECEIPT_NS}}}mappeKvittering")
        etree.SubElement(mk, f"{{{fiks.RECEIPT_NS}}}systemID").text = mappe_id
        etree.SubElement(mk, f"{{{fiks.RECEIPT_NS}}}opprettetEllerEksisterende").text = (
            "Eksisterende" if existing else "Opprettet")
        rk = etree.SubElement(root, f"{{{fiks.RECEIPT_NS}}}registreringKvittering",
                              **{f"{{{fiks.XSI}}}type": "journalpostKvittering"})
        etree.SubElement(rk, f"{{{fiks.RECEIPT_NS}}}systemID").text = str(uuid.uuid4())
        etree.SubElement(rk, f"{{{fiks.RECEIPT_NS}}}opprettetEllerEksisterende").text = "Opprettet"
        etree.SubElement(rk, f"{{{fiks.RECEIPT_NS}}}journalaar").text = str(self.year)
        etree.SubElement(rk, f"{{{fiks.RECEIPT_NS}}}journalsekvensnummer").text = str(number)
        etree.SubElement(rk, f"{{{fiks.RECEIPT_NS}}}journalpostnummer").text = "1"
        out = etree.tostring(root, xml_declaration=True, encoding="utf-8")
        self.archived[message_id] = {"journalsekvensnummer": number, "xml": out}
        return out

    def _answer(self, message_id: str, message_type: str, xml: bytes) -> None:
        (self.receipts / f"{message_id}.xml").write_bytes(xml)
        (self.receipts / f"{message_id}.json").write_text(json.dumps({"type": message_type}))

    @staticmethod
    def _rejection(message: str) -> bytes:
        root = etree.Element(f"{{{fiks.REJECTED_NS}}}ugyldigforespoersel", nsmap={None: fiks.REJECTED_NS,
                                                                                  "f": fiks.ERROR_NS})
        etree.SubElement(root, f"{{{fiks.ERROR_NS}}}feilId").text = str(uuid.uuid4())
        etree.SubElement(root, f"{{{fiks.ERROR_NS}}}feilmelding").text = message
        return etree.tostring(root, xml_declaration=True, encoding="utf-8")
