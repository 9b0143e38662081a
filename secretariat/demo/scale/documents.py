"""seed_scale: generated-document rows, the search index and a sample of real files."""

from __future__ import annotations

import datetime as dt
import hashlib

from secretariat.cases.models import Case
from workflows.case import CaseState
from workflows.meeting import MeetingState

from .bulk import bulk_insert


class DocumentsMixin:
    def _documents(self) -> None:
        from document_templates.models import GeneratedDocument

        target = self.size.documents
        specs = []
        for m in self.meetings:
            if m.notice_sent_at:
                specs += [("innkalling", m.pk, True, m.notice_sent_at), ("innkalling", m.pk, False, m.notice_sent_at)]
            if m.state in (MeetingState.PROTOKOLL_GODKJENT, MeetingState.ARKIVERT):
                done = m.start + dt.timedelta(days=20)
                specs += [("protokoll", m.pk, True, done), ("protokoll", m.pk, False, done)]
        for case in self.cases:
            specs += [("saksframlegg", case.pk, False, case.created_at + dt.timedelta(days=7))]
            if case.state not in (CaseState.UTREDNING, CaseState.TIL_GODKJENNING, CaseState.KLAR):
                specs += [("saksframlegg", case.pk, True, case.created_at + dt.timedelta(days=14))]
        for d in self.decisions:
            specs.append(("saerutskrift", d.agenda_item.pk, False, d.decided_at + dt.timedelta(days=3)))
        while len(specs) < target:  # new versions after a paper was changed
            case = self.rng.choice(self.cases)
            specs.append(("saksframlegg", case.pk, False, case.created_at + dt.timedelta(days=self.rng.randint(1, 30))))
        rows = []
        for kind, pk, public, at in specs[:target]:
            digest = hashlib.sha256(f"{kind}:{pk}:{public}:{at.isoformat()}".encode()).hexdigest()
            rows.append(GeneratedDocument(kind=kind, object_id=pk, public=public, maalform="nb",
                                          filename=f"{kind}-{pk}.docx", content=b"", checksum=digest,
                                          size=self.rng.randint(18_000, 240_000), template_version="1",
                                          input_version="seed_scale", created_at=at))
        bulk_insert(GeneratedDocument, rows)
        self.counts["document_rows"] = len(rows)
        self._log(f"{len(rows)} dokumentrader")

    def _search_index(self) -> None:
        from secretariat.access.search import refresh_public_search_vectors

        refresh_public_search_vectors()
        self._log("søkeindeks")

    def _real_documents(self) -> None:
        """A sample of real files: the public case paper of a few public cases, made by the registry."""
        from document_templates import registry
        from secretariat import access

        public = access.public_cases(Case.objects.filter(exempt=False)).order_by("pk")
        sample = list(public[:self.size.real_documents])
        for case in sample:
            registry.generate("saksframlegg", case, public=True)
        self.counts["real_documents"] = len(sample)
        self._log(f"{len(sample)} ekte dokumenter")
