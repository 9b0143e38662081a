"""A small stand-in for the kommune's archive on the far side of a `FilesystemExchange`, used by the tests.

`process()` takes every message in `inn/`, checks it against the Fiks Arkiv XSD and the files against their
checksums, and answers with a kvittering (journalpost numbers counted per year) or, for an invalid message, an
`ugyldigforespoersel`. A saksmappe gets a saksnummer (saksår/sakssekvensnummer, counted from 5001), a registrering
a journalpost number, and it must go into a mappe the archive has (or that the same message brings): an unknown
systemID or external key is refused, as a real archive would. It never archives the same message id, or the same
registrering (its external key), twice: a repeat gets the first receipt again. It can be `down` (no inbox: the
sender gets a TransportError), `slow` (takes messages but answers only on a later `process()`), or `rejecting`
(answers every message with ugyldigforespoersel).
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
        # Saksnumre: this archive counts its cases from 5001 (the demo's older, hand-typed numbers are below).
        self.next_case_number = 5001
        self.saksnumre: dict[str, int] = {}   # saksmappe external key -> sakssekvensnummer
        self.registreringer: dict[str, str] = {}   # registrering external key -> the message id that filed it
        self.state_file = self.root / "tilstand.json"   # so `manage.py archive_simulator --once` keeps counting
        if self.state_file.exists():
            state = json.loads(self.state_file.read_text())
            self.next_number, self.mapper = state["next_number"], state["mapper"]
            self.next_case_number = state.get("next_case_number", self.next_case_number)
            self.saksnumre = state.get("saksnumre", {})
            self.registreringer = state.get("registreringer", {})
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
            elif self._filed_before(xml) in self.archived:
                # The same registrering under another message id: not filed twice, the earlier receipt again.
                self._answer(message_id, fiks.RECEIPT_TYPE, self.archived[self._filed_before(xml)]["xml"])
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
            "next_number": self.next_number, "mapper": self.mapper, "next_case_number": self.next_case_number,
            "saksnumre": self.saksnumre, "registreringer": self.registreringer,
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
        return self._unknown_parent(etree.fromstring(xml))

    def _unknown_parent(self, message) -> str:
        """A registrering must go into a mappe this archive has (or one the same message brings)."""
        n = {"a": fiks.NS, "m": fiks.MDK}
        ref = message.find("a:registrering/a:referanseForelderMappe", n)
        if ref is None:
            return ""
        own = message.findtext("a:mappe/a:referanseEksternNoekkel/m:noekkel", namespaces=n)
        system_id = ref.findtext("m:systemID", namespaces=n)
        key = ref.findtext("m:referanseEksternNoekkel/m:noekkel", namespaces=n)
        if system_id is not None and system_id not in self.mapper.values():
            return f"Fant ikke mappen med systemID {system_id}."
        if key is not None and key != own and key not in self.mapper:
            return f"Fant ikke mappen med ekstern nøkkel {key}."
        # A saksnummer refers to the kommune's older cases, which this small archive does not hold: accepted.
        return ""

    def _filed_before(self, xml: bytes) -> str:
        key = etree.fromstring(xml).findtext("a:registrering/a:referanseEksternNoekkel/m:noekkel",
                                             namespaces={"a": fiks.NS, "m": fiks.MDK})
        return self.registreringer.get(key, "") if key else ""

    def _receipt(self, message_id: str, xml: bytes) -> bytes:
        n = {"a": fiks.NS, "m": fiks.MDK}
        message = etree.fromstring(xml)
        R = fiks.RECEIPT_NS
        root = etree.Element(f"{{{R}}}arkivmeldingKvittering", nsmap={None: R, "xsi": fiks.XSI})
        mappe = message.find("a:mappe", n)
        if mappe is not None:
            key = mappe.findtext("a:referanseEksternNoekkel/m:noekkel", namespaces=n) or ""
            existing = key in self.mapper
            mappe_id = self.mapper.setdefault(key, str(uuid.uuid4()))
            is_case = mappe.get(f"{{{fiks.XSI}}}type") == "saksmappe"
            mk = etree.SubElement(root, f"{{{R}}}mappeKvittering",
                                  **({f"{{{fiks.XSI}}}type": "saksmappeKvittering"} if is_case else {}))
            etree.SubElement(mk, f"{{{R}}}systemID").text = mappe_id
            etree.SubElement(mk, f"{{{R}}}opprettetEllerEksisterende").text = (
                "Eksisterende" if existing else "Opprettet")
            if is_case:
                if key not in self.saksnumre:
                    self.saksnumre[key] = self.next_case_number
                    self.next_case_number += 1
                etree.SubElement(mk, f"{{{R}}}saksaar").text = str(self.year)
                etree.SubElement(mk, f"{{{R}}}sakssekvensnummer").text = str(self.saksnumre[key])
        entry = {"journalsekvensnummer": None}
        if message.find("a:registrering", n) is not None:
            number = self.next_number
            self.next_number += 1
            rk = etree.SubElement(root, f"{{{R}}}registreringKvittering",
                                  **{f"{{{fiks.XSI}}}type": "journalpostKvittering"})
            etree.SubElement(rk, f"{{{R}}}systemID").text = str(uuid.uuid4())
            etree.SubElement(rk, f"{{{R}}}opprettetEllerEksisterende").text = "Opprettet"
            etree.SubElement(rk, f"{{{R}}}journalaar").text = str(self.year)
            etree.SubElement(rk, f"{{{R}}}journalsekvensnummer").text = str(number)
            etree.SubElement(rk, f"{{{R}}}journalpostnummer").text = "1"
            entry["journalsekvensnummer"] = number
            reg_key = message.findtext("a:registrering/a:referanseEksternNoekkel/m:noekkel", namespaces=n)
            if reg_key:
                self.registreringer[reg_key] = message_id
        out = etree.tostring(root, xml_declaration=True, encoding="utf-8")
        self.archived[message_id] = {**entry, "xml": out}
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
