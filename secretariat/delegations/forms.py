from django import forms

from secretariat.meetings.models import Meeting
from secretariat.meetings.services import BEFORE_MEETING
from secretariat.organizations.models import Organization

from .models import DelegatedDecision

MAX_UPLOAD_BYTES = 2 * 1024 * 1024


class DelegatedDecisionForm(forms.ModelForm):
    class Meta:
        model = DelegatedDecision
        fields = ["decided_on", "decided_by", "authority", "title", "arkivsaksnummer", "report_to", "exempt",
                  "exempt_basis", "public_title"]
        widgets = {"decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["report_to"].queryset = Organization.objects.filter(is_active=True)

    def _post_clean(self):
        # The service validates the model (one place); the form only parses input.
        pass


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV-fil",
        help_text="Første linje: vedtaksdato;vedtatt_av;hjemmel;tittel;arkivsaksnummer;meldes_til;unntak_hjemmel;"
                  "offentlig_tittel. Semikolon eller komma, UTF-8. Er én linje feil, lagres ingenting.")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        self.file_name = upload.name  # for the audit row: where the lines came from
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError("Filen er for stor (høyst 2 MB).")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise forms.ValidationError("Filen er ikke lagret som UTF-8. Lagre den som «CSV UTF-8» og prøv igjen.") \
                from None


class ReportForm(forms.Form):
    meeting = forms.ModelChoiceField(label="Møte", queryset=Meeting.objects.none(), empty_label="Velg møte")
    period_start = forms.DateField(label="Vedtatt fra", widget=forms.DateInput(attrs={"type": "date"}))
    period_end = forms.DateField(label="Vedtatt til", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = (Meeting.objects.filter(state__in=BEFORE_MEETING)
                                           .select_related("organization").order_by("start"))

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and start > end:
            self.add_error("period_start", "Fra-datoen må være før til-datoen.")
        return cleaned
