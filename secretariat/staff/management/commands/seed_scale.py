"""seed_scale --size {small,medium,large}: a deterministic generated kommune for benchmarks (issue 17)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Lager en generert kommune i gitt størrelse (small, medium, large) for ytelsesmålinger, i en tom database."

    def add_arguments(self, parser):
        parser.add_argument("--size", choices=["small", "medium", "large"], default="small")

    def handle(self, *args, size: str, **options):
        from secretariat.demo.scale import ScaleSeeder

        started = time.perf_counter()
        try:
            counts = ScaleSeeder(size, stdout=self.stdout).run()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        elapsed = time.perf_counter() - started
        summary = ", ".join(f"{k}={v}" for k, v in counts.items())
        self.stdout.write(self.style.SUCCESS(f"seed_scale {size}: {summary} ({elapsed:.0f} s)"))
