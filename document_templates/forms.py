from django import forms

from secretariat.cases.exemptions import ExemptionBasis
from secretariat.cases.models import CaseAttachment
from secretariat.common.forms import TEXT_MAX_LENGTH, InputRulesMixin

from .models import MAALFORM_CHOICES


class TemplateUploadForm(InputRulesMixin, forms.Form):
    kind = forms.ChoiceField(label="Dokumenttype", choices=[])
    maalform = forms.ChoiceField(label="Målform", choices=MAALFORM_CHOICES)
    file = forms.FileField(label="Mal (.docx)", error_messages={"required": "Velg en .docx-fil å laste opp.",
                                                               "empty": "Filen er tom."})

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in kinds]


class AttachmentForm(InputRulesMixin, forms.Form):
    """A case's attachment: the file, a title (empty: the file name) and whether it is exempt, with its basis. The
    service checks size, type, the zip directory and offl. § 16 (attachments.attachment_add)."""

    column_model = CaseAttachment

    file = forms.FileField(label="Fil", error_messages={"required": "Velg en fil å laste opp.", "empty": "Filen er tom."})
    title = forms.CharField(label="Tittel", required=False)
    exempt = forms.BooleanField(label="Unntatt offentlighet", required=False)
    exempt_basis = forms.ChoiceField(label="Hjemmel", required=False, choices=[("", "Velg hjemmel"),
                                                                              *ExemptionBasis.choices],
                                     error_messages={"invalid_choice": "Ukjent hjemmel."})


class PlainLanguageForm(InputRulesMixin, forms.Form):
    """The text the kort fortalt assistant measures (a case's summary, or a longer section pasted in)."""

    text = forms.CharField(required=False, strip=False, max_length=TEXT_MAX_LENGTH)
