"""seed_scale's ScaleSeeder: the entry point; each concern's rows come from a mixin in this package."""

from __future__ import annotations

import datetime as dt
import random
import time
import uuid

from django.db import transaction
from django.utils import timezone

from secretariat.cases.models import Case, CasePaper, Consultation
from secretariat.followups.models import FollowUp
from secretariat.meetings.models import (
    Decision,
    Meeting,
    Proposal,
    Vote,
)

from ..scale_text import TextMaker
from .bodies import BodiesMixin
from .bulk import historical_timestamps
from .cases import CasesMixin
from .config import SEED, SIZES, Size
from .documents import DocumentsMixin
from .followups import FollowUpsMixin
from .meetings import MeetingsMixin


class ScaleSeeder(BodiesMixin, MeetingsMixin, CasesMixin, FollowUpsMixin, DocumentsMixin):
    def __init__(self, size: str, *, today: dt.date | None = None, stdout=None, counts: Size | None = None):
        self.size_name = size
        self.size = counts or SIZES[size]  # `counts`: a custom size (tests compare two fixtures)
        self.rng = random.Random(f"{SEED}-{size}")
        self.text = TextMaker(self.rng)
        self.today = today or timezone.localdate()
        self.now = timezone.make_aware(dt.datetime.combine(self.today, dt.time(12)))
        self.stdout = stdout
        self.counts: dict[str, int] = {}
        self._t0 = time.perf_counter()

    def _log(self, what: str) -> None:
        if self.stdout is not None:
            self.stdout.write(f"  {time.perf_counter() - self._t0:6.1f} s  {what}")

    def _uuid(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def _aware(self, day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
        return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))

    # --- entry point ------------------------------------------------------------------------------------------

    def run(self) -> dict[str, int]:
        if Case.objects.exists():
            raise ValueError("Databasen har allerede saker. seed_scale fyller bare en tom, migrert database.")
        with transaction.atomic(), historical_timestamps(Case, CasePaper, Consultation, Meeting, Decision,
                                                          FollowUp, Proposal, Vote):
            self._reference_data()
            self._meetings()
            self._cases()
            self._votes()
            self._followups()
            self._minutes()
            self._audit()
            self._documents()
        self._search_index()
        self._real_documents()
        self._analyze()
        self._log("ferdig")
        return self.counts

    def _analyze(self) -> None:
        """Fresh planner statistics: bulk-loaded tables otherwise look empty to PostgreSQL for a while."""
        from django.db import connection

        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
            self._log("ANALYZE")
