from django import forms
from django.contrib.auth import get_user_model

from secretariat.accounts.roles import STAFF_ROLES
from secretariat.common.forms import InputRulesMixin
from secretariat.organizations.models import AdministrativeUnit, Membership, Organization

from .legality import legality_signer_choices
from .selectors import final_decisions


def decision_label(decision) -> str:
    case = decision.consultation.case
    item = decision.agenda_item
    prefix = f"{item.label} " if item is not None else ""
    return f"{prefix}{decision.consultation.organization}: {case.arkivsaksnummer} {case.title}"


class DecisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return decision_label(obj)


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def staff_users():
    return (get_user_model().objects.filter(is_active=True, groups__name__in=[r.value for r in STAFF_ROLES])
            .distinct().order_by("first_name", "last_name", "username"))


class FollowUpForm(InputRulesMixin, forms.Form):
    decision = DecisionChoiceField(label="Vedtak", queryset=None, empty_label="Velg vedtak",
                                   error_messages={"required": "Velg hvilket vedtak som skal følges opp.",
                                                   "invalid_choice": "Velg et endelig vedtak fra lista."})
    description = forms.CharField(label="Hva skal gjøres", widget=forms.Textarea(attrs={"rows": 3}),
                                  error_messages={"required": "Beskriv hva som skal gjøres."})
    responsible_unit = forms.ModelChoiceField(label="Ansvarlig enhet", queryset=AdministrativeUnit.objects.all(),
                                              error_messages={"required": "Velg ansvarlig enhet."})
    responsible_person = StaffChoiceField(label="Ansvarlig person", queryset=None,
                                          error_messages={"required": "Velg hvem som er ansvarlig."})
    deadline = forms.DateField(label="Frist", widget=forms.DateInput(attrs={"type": "date"}),
                               error_messages={"required": "Sett en frist.", "invalid": "Skriv fristen som en dato."})
    confirm_past_deadline = forms.BooleanField(
        label="Jeg vet at fristen er passert, opprett likevel", required=False)

    def __init__(self, *args, decisions=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any decision may be chosen so that a non-final one gets the service's clear message.
        from secretariat.meetings.models import Decision

        self.fields["decision"].queryset = Decision.objects.select_related(
            "consultation__case", "consultation__organization", "agenda_item")
        self.decision_choices = decisions if decisions is not None else final_decisions()
        self.fields["decision"].widget.choices = [("", "Velg vedtak")] + [
            (d.pk, decision_label(d)) for d in self.decision_choices]
        self.fields["responsible_person"].queryset = staff_users()


class NoteForm(InputRulesMixin, forms.Form):
    text = forms.CharField(label="Statusmelding", widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": "Skriv hva som er gjort siden sist."})


class LegalityDemandForm(InputRulesMixin, forms.Form):
    """Parses the demand; the service decides who may sign (koml. § 27-1). The checkboxes offer the regular members
    of kommunestyret today; any membership posted is passed on, so the service's message names a stranger."""

    signers = forms.ModelMultipleChoiceField(
        label="Krevd av (minst tre medlemmer av kommunestyret)", queryset=Membership.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Velg minst tre medlemmer av kommunestyret som har skrevet under (koml. § 27-1).",
                        "invalid_choice": "Velg medlemmer fra listen.",
                        "invalid_pk_value": "Velg medlemmer fra listen."})
    received_on = forms.DateField(label="Kravet kom inn (tom: i dag)", required=False,
                                  widget=forms.DateInput(attrs={"type": "date"}),
                                  error_messages={"invalid": "Skriv datoen som dd.mm.åååå."})
    note = forms.CharField(label="Merknad", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signers"].widget.choices = [
            (m.pk, f"{m.person.name}" + (f" ({m.electoral_list})" if m.electoral_list else ""))
            for m in legality_signer_choices()]


class PostponeForm(forms.Form):
    """Utsatt iverksetting (fvl. § 42): who decided it, and when."""

    decided_by = forms.CharField(label="Besluttet av (organet, f.eks. «Kommunestyret, sak PS 14/27», eller den som "
                                       "har myndigheten)", max_length=200,
                                 error_messages={"required": "Skriv hvem som besluttet å utsette iverksettingen."})
    decided_on = forms.DateField(label="Besluttet dato", widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"required": "Oppgi datoen utsettelsen ble besluttet.",
                                                 "invalid": "Skriv datoen som dd.mm.åååå."})
    comment = forms.CharField(label="Merknad", widget=forms.Textarea(attrs={"rows": 2}), required=False)


class LegalityOutcomeForm(InputRulesMixin, forms.Form):
    outcome = forms.CharField(label="Utfall", widget=forms.Textarea(attrs={"rows": 2}), error_messages={
        "required": "Skriv utfallet av lovlighetskontrollen (f.eks. «Vedtaket er opprettholdt»)."})


class ReportForm(InputRulesMixin, forms.Form):
    organization = forms.ModelChoiceField(label="Organ", queryset=Organization.objects.filter(is_active=True),
                                          error_messages={"required": "Velg organet rapporten skal til."})
    period_start = forms.DateField(label="Fra", widget=forms.DateInput(attrs={"type": "date"}),
                                   error_messages={"required": "Oppgi første dag i perioden."})
    period_end = forms.DateField(label="Til", widget=forms.DateInput(attrs={"type": "date"}),
                                 error_messages={"required": "Oppgi siste dag i perioden."})
