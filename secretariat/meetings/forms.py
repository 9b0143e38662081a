from django import forms

from secretariat.organizations.models import Organization


class MeetingForm(forms.Form):
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.filter(is_active=True),
                                          empty_label="Velg organ")
    title = forms.CharField(label="Tittel", max_length=200, required=False,
                            help_text="Tom = «Møte i <organ>».")
    start = forms.DateTimeField(label="Start", widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                                                          format="%Y-%m-%dT%H:%M"))
    end = forms.DateTimeField(label="Slutt", required=False,
                              widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"))
    location = forms.CharField(label="Sted", max_length=200, required=False)
    is_remote = forms.BooleanField(label="Fjernmøte (koml. § 11-7)", required=False)
    remote_link = forms.URLField(label="Lenke til fjernmøtet", required=False, assume_scheme="https")
    video_url = forms.URLField(label="Video (strøm/opptak)", required=False, assume_scheme="https")


class MeetingEditForm(MeetingForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        del self.fields["organization"]
