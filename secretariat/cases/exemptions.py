"""Legal bases for exemption from public access (offentleglova), as a pick-list, and the grounds for
treating an agenda item behind closed doors (kommuneloven § 11-5), with the one rule that ties them:
which exemption makes a closed meeting mandatory.

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


class ClosedBasis(models.TextChoices):
    """koml. § 11-5: grounds for treating an agenda item behind closed doors.

    Second paragraph (andre ledd): the body SHALL close the meeting when it treats information under a
    statutory duty of confidentiality, or a case about an employee's personnel matters (arbeidstakers
    tjenstlige forhold). Third paragraph (tredje ledd): it MAY close it when privacy requires it (bokstav a),
    or when weighty public interests call for it and information would come up that could have been exempt
    under offentleglova had it been in a document (bokstav b). Issue 13: the employee ground was filed under
    tredje ledd; it is andre ledd, and a mandatory ground (codes re-mapped by a meetings data migration).
    """

    SECRECY = "11-5-2", "koml. § 11-5 andre ledd (lovbestemt taushetsplikt)"
    EMPLOYEE = "11-5-2-arb", "koml. § 11-5 andre ledd (arbeidstakers tjenstlige forhold)"
    PRIVACY = "11-5-3-a", "koml. § 11-5 tredje ledd bokstav a (personvern)"
    PUBLIC_INTEREST = "11-5-3-b", "koml. § 11-5 tredje ledd bokstav b (tungtveiende offentlige interesser)"


# koml. § 11-5 (2): grounds on which closing is mandatory, not a choice. A meeting closed on one of these may
# not be held as a fjernmøte either (koml. § 11-7; KMD/statsforvalteren: «møte som lova bestemmer skal gå for
# lukka dører»).
MANDATORY_CLOSED_BASES = frozenset({ClosedBasis.SECRECY, ClosedBasis.EMPLOYEE})

# The exemption bases whose information the body may only treat behind closed doors (koml. § 11-5 (2)), and on
# which ground: offl. § 13 is information under a statutory duty of confidentiality (fvl. § 13, barnevernsloven,
# helsepersonelloven); offl. § 25 exempts the documents of a case about appointing or promoting an employee,
# an employee's personnel matter (tjenstlige forhold). The other bases (offl. §§ 15, 23, 24, 26) may justify
# closing under § 11-5 (3) b, which is the body's own choice.
CLOSED_BASIS_REQUIRED_BY_EXEMPTION = {
    ExemptionBasis.OFFL13_FVL13_1: ClosedBasis.SECRECY,
    ExemptionBasis.OFFL13_FVL13_2: ClosedBasis.SECRECY,
    ExemptionBasis.OFFL13_BVL: ClosedBasis.SECRECY,
    ExemptionBasis.OFFL13_HPL: ClosedBasis.SECRECY,
    ExemptionBasis.OFFL25: ClosedBasis.EMPLOYEE,
}


def required_closed_basis(*, exempt: bool, basis: str) -> str:
    """koml. § 11-5 (2): the ground on which a case exempt on `basis` SHALL be treated behind closed doors,
    or "" when its exemption does not require a closed meeting (the body may still close it, § 11-5 (3))."""
    if not exempt:
        return ""
    return CLOSED_BASIS_REQUIRED_BY_EXEMPTION.get(basis, "")


def closed_basis_label(basis: str) -> str:
    return dict(ClosedBasis.choices).get(basis, basis)
