from django import forms

from .models import MAALFORM_CHOICES


class TemplateUploadForm(forms.Form):
    kind = forms.ChoiceField(label="Dokumenttype", choices=[])
    maalform = forms.ChoiceField(label="Målform", choices=MAALFORM_CHOICES)
    file = forms.FileField(label="Mal (.docx)", error_messages={"required": "Velg en .docx-fil å laste opp.",
                                                               "empty": "Filen er tom."})

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k.name, k.label) for k in kinds]
