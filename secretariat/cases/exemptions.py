"""Legal bases for exemption from public access (offentleglova), as a pick-list.

offl. § 16 (1): case papers and the agenda to a political body may not be exempted as internal
documents (offl. § 14). The basis stays in the list so choosing it gives a clear refusal.
"""

from django.db import models


class ExemptionBasis(models.TextChoices):
    OFFL13_FVL13_1 = "offl13_fvl13_1", "offl. § 13 jf. fvl. § 13 første ledd nr. 1"
    OFFL13_FVL13_2 = "offl13_fvl13_2", "offl. § 13 jf. fvl. § 13 første ledd nr. 2"
    OFFL13_BVL = "offl13_bvl", "offl. § 13 jf. barnevernsloven § 13-1"
    OFFL13_HPL = "offl13_hpl", "offl. § 13 jf. helsepersonelloven § 21"
    OFFL14 = "offl14", "offl. § 14 (organinternt dokument)"
    OFFL15 = "offl15", "offl. § 15 første ledd"
    OFFL23_1 = "offl23_1", "offl. § 23 første ledd"
    OFFL24_2 = "offl24_2", "offl. § 24 andre ledd"
    OFFL25 = "offl25", "offl. § 25"
    OFFL26_5 = "offl26_5", "offl. § 26 femte ledd"


# Not allowed for a case paper to a political body (offl. § 16 (1)).
FORBIDDEN_FOR_POLITICAL_CASES = {ExemptionBasis.OFFL14}


def exemption_marking(basis: str) -> str:
    """The marking printed on pages and documents, e.g. 'Unntatt offentlighet, offl. § 13 jf. fvl. § 13 …'."""
    label = dict(ExemptionBasis.choices).get(basis, basis)
    return f"Unntatt offentlighet, {label}"
