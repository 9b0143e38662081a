from django import forms
from django.contrib.auth import get_user_model

from secretariat.accounts.roles import Role
from secretariat.common.forms import LONG_TEXT_MAX_LENGTH, InputRulesMixin
from secretariat.organizations.models import AdministrativeUnit, Organization
from workflows.case import summary_max_chars

from .exemptions import ExemptionBasis
from .models import TITLE_MAX


class CaseForm(InputRulesMixin, forms.Form):
    arkivsaksnummer = forms.CharField(label="Arkivsaksnummer", max_length=12, help_text="F.eks. 26/1234")
    title = forms.CharField(label="Tittel", max_length=TITLE_MAX,
                            error_messages={"max_length": f"Tittelen kan ha høyst {TITLE_MAX} tegn."})
    organization = forms.ModelChoiceField(
        label="Behandles først i", queryset=Organization.objects.filter(is_active=True),
        empty_label="Velg organ",
    )
    case_officer = forms.ModelChoiceField(label="Saksbehandler", queryset=None, required=False,
                                          help_text="Tom = deg selv.")
    responsible_unit = forms.ModelChoiceField(label="Ansvarlig enhet", queryset=AdministrativeUnit.objects.all(),
                                              required=False)
    exempt = forms.BooleanField(label="Unntatt offentlighet", required=False)
    exempt_basis = forms.ChoiceField(label="Hjemmel for unntak", required=False,
                                     choices=[("", "Velg hjemmel")] + list(ExemptionBasis.choices))
    public_title = forms.CharField(label="Offentlig (anonymisert) tittel", max_length=TITLE_MAX, required=False,
                                   help_text="Vises offentlig i stedet for tittelen når saken er unntatt.")
    summary = forms.CharField(label="Kort fortalt", widget=forms.Textarea(attrs={"rows": 4}), required=False,
                              help_text="Et kort sammendrag i klarspråk for innbyggerne.")
    background = forms.CharField(label="Bakgrunn", widget=forms.Textarea, required=False,
                                 max_length=LONG_TEXT_MAX_LENGTH)
    assessment = forms.CharField(label="Vurdering", widget=forms.Textarea, required=False,
                                 max_length=LONG_TEXT_MAX_LENGTH)
    economic_consequences = forms.CharField(label="Økonomiske konsekvenser", widget=forms.Textarea(attrs={"rows": 3}),
                                            required=False, max_length=LONG_TEXT_MAX_LENGTH)
    recommendation = forms.CharField(label="Kommunedirektørens innstilling", widget=forms.Textarea(attrs={"rows": 4}),
                                     required=False, max_length=LONG_TEXT_MAX_LENGTH)

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        from secretariat.archive.services import case_number_is_archives

        if case_number_is_archives(case):  # issue 14: the archive gives the number (the service refuses a typed one)
            field = self.fields["arkivsaksnummer"]
            field.required = False
            field.widget.attrs["readonly"] = True
            field.help_text = "Tildeles av kommunens arkiv når saksmappen er opprettet der."
        self.fields["case_officer"].queryset = get_user_model().objects.filter(
            groups__name=Role.SAKSBEHANDLER.value, is_active=True
        ).order_by("first_name", "last_name")
        self.fields["case_officer"].label_from_instance = lambda u: u.get_full_name() or u.get_username()
        self.fields["summary"].help_text += f" Høyst {summary_max_chars()} tegn."


class TransitionForm(InputRulesMixin, forms.Form):
    transition = forms.CharField(widget=forms.HiddenInput)
    expected_state = forms.CharField(widget=forms.HiddenInput, required=False)
    comment = forms.CharField(label="Kommentar", widget=forms.Textarea(attrs={"rows": 2}), required=False)
