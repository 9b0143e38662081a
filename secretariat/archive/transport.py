"""How a message reaches the kommune's archive: an interface, with one real implementation here.

`FilesystemExchange` is a folder exchange: a message is written to `<root>/inn/<message id>/` (`melding.json`,
`arkivmelding.xml` and the files) — first to a hidden temporary folder, then renamed, so the archive never sees
half a message — and the archive answers in `<root>/kvitteringer/<message id>.xml` (+ `.json` with its type).
The message id is the idempotency key: sending it again replaces nothing the archive has already taken.

A Fiks IO transport (KS Fiks, the way fagsystemer reach Elements, WebSak, Public 360 …) would implement the same
interface; it needs the kommune's KS Fiks credentials (integration id and password, the account's private key and
the Maskinporten client), which is why it is not part of this repository.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


class TransportError(Exception):
    """The archive cannot be reached now; try again later."""


@dataclass(frozen=True)
class IncomingReceipt:
    message_type: str
    xml: bytes


class ArchiveTransport(Protocol):
    def send(self, *, message_id: str, message_type: str, xml: bytes, files: dict[str, bytes]) -> None: ...

    def receipt(self, message_id: str) -> IncomingReceipt | None: ...


class FilesystemExchange:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.inbox = self.root / "inn"
        self.receipts = self.root / "kvitteringer"

    def send(self, *, message_id: str, message_type: str, xml: bytes, files: dict[str, bytes]) -> None:
        if not self.inbox.is_dir():
            raise TransportError(f"Arkivets innboks {self.inbox} finnes ikke (arkivet svarer ikke).")
        target = self.inbox / message_id
        if target.exists():
            return  # already handed over: the archive has it (idempotency key)
        tmp = self.inbox / f".{message_id}.tmp"
        try:
            shutil.rmtree(tmp, ignore_errors=True)
            tmp.mkdir()
            (tmp / "melding.json").write_text(json.dumps({"id": message_id, "type": message_type}))
            (tmp / "arkivmelding.xml").write_bytes(xml)
            for name, content in files.items():
                (tmp / name).write_bytes(content)
            os.replace(tmp, target)
        except OSError as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise TransportError(f"Kunne ikke levere meldingen til arkivet: {exc}") from exc

    def receipt(self, message_id: str) -> IncomingReceipt | None:
        xml_path = self.receipts / f"{message_id}.xml"
        meta_path = self.receipts / f"{message_id}.json"
        if not (xml_path.exists() and meta_path.exists()):
            return None
        return IncomingReceipt(message_type=json.loads(meta_path.read_text())["type"], xml=xml_path.read_bytes())
