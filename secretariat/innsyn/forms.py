from django import forms

from secretariat.common.forms import InputRulesMixin

from .models import Hearing, InfluencePage


class InfluencePageForm(InputRulesMixin, forms.ModelForm):
    class Meta:
        model = InfluencePage
        fields = ["intro", "contact_politicians", "question_time", "citizen_proposal", "hearings_intro"]
        widgets = {f: forms.Textarea(attrs={"rows": 6}) for f in fields}


class HearingForm(InputRulesMixin, forms.ModelForm):
    class Meta:
        model = Hearing
        fields = ["title", "summary", "organization", "url", "how_to_respond", "opens", "deadline", "published"]
        widgets = {"opens": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "deadline": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "summary": forms.Textarea(attrs={"rows": 4}), "how_to_respond": forms.Textarea(attrs={"rows": 3})}

    def clean(self):
        data = super().clean()
        if data.get("opens") and data.get("deadline") and data["deadline"] < data["opens"]:
            self.add_error("deadline", "Høringsfristen kan ikke være før høringen åpner.")
        return data
