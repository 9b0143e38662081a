"""A deterministic generated kommune for benchmarks: ten years of «Storvik kommune» (seed_scale).

Built with bulk inserts, not through the services: the point is volume and a realistic shape (states, exempt
cases, closed items, votes, follow-ups, audit rows, generated documents), not the audit of each step. The same
size always gives the same data (one seeded random generator). Sizes (large as in issue 17):

    small   6 bodies,  60 persons,    40 meetings,    300 cases   (the test suite)
    medium 12 bodies, 150 persons,   310 meetings,  3,000 cases
    large  25 bodies, 400 persons, 3,100 meetings, 30,000 cases, ≈39,000 consultations, ≈41,000 agenda items,
           ≈56,000 ballots, 11,600 follow-ups, 280,000 audit rows, 146,000 generated-document rows

Documents are metadata rows (no content), plus a small sample of real .docx files made by the document
registry, so the document pages have both.
"""

from .config import BATCH, EXEMPT_BASES, EXTRA_BODIES, HELD, ORGANIZATIONS, PARTIES, SEED, SIZES, TERMS, UNITS, Size
from .seeder import ScaleSeeder

__all__ = ["SEED", "Size", "SIZES", "PARTIES", "ORGANIZATIONS", "EXTRA_BODIES", "UNITS", "TERMS", "HELD", "EXEMPT_BASES",
           "BATCH", "ScaleSeeder"]
