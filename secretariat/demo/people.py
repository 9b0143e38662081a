"""Fictional Norwegian names for the demo kommune (deterministic, no real persons intended)."""

GIVEN_FEMALE = [
    "Kari", "Ingrid", "Anne", "Marit", "Liv", "Sigrid", "Hilde", "Randi", "Solveig", "Tone", "Astrid",
    "Guro", "Silje", "Ragnhild", "Eli", "Turid", "Berit", "Hege", "Nina", "Ida", "Maren", "Synnøve",
    "Gunn", "Torunn", "Oddny", "Kristin", "Åse", "Vigdis", "Ellen", "Linn", "Heidi", "Janne",
]
GIVEN_MALE = [
    "Ola", "Per", "Knut", "Lars", "Arne", "Nils", "Tor", "Geir", "Svein", "Bjørn", "Odd", "Jon",
    "Magnus", "Eirik", "Håkon", "Sindre", "Trond", "Rune", "Steinar", "Asbjørn", "Kjetil", "Øystein",
    "Leif", "Terje", "Gunnar", "Jostein", "Vidar", "Audun", "Morten", "Stian", "Anders", "Helge",
]
FAMILY = [
    "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen", "Kristiansen", "Jensen",
    "Karlsen", "Berg", "Haugen", "Hagen", "Johannessen", "Eriksen", "Dahl", "Lunde", "Solberg", "Moen",
    "Strand", "Bakke", "Myklebust", "Sæther", "Vik", "Fjeld", "Nes", "Brekke", "Rønning", "Aas",
    "Sandvik", "Lie", "Tveit", "Kvamme", "Hovland", "Eide", "Bø", "Svendsen", "Holm", "Nygård", "Vatne",
    "Rustad", "Skogen", "Aasen", "Grøtte", "Lien", "Helle", "Haugland", "Ødegård",
]


def name_at(i: int) -> tuple[str, str, str]:
    """The i-th demo person: (given name, family name, gender K/M)."""
    female = i % 2 == 0
    given = (GIVEN_FEMALE if female else GIVEN_MALE)[(i // 2) % 32]
    family = FAMILY[(i * 7 + i // 48) % len(FAMILY)]
    return given, family, "K" if female else "M"
