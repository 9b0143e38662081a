"""The fagleder's forms on the staff pages: a role change (koml. § 13-1: who may approve an innstilling) and the
unlock of a locked log-in."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model

from secretariat.accounts.roles import Role
from secretariat.common.forms import INT_MAX, InputRulesMixin

CHOOSE = "Velg en bruker, en rolle og om rollen skal gis eller fjernes."
CHANGES = ("grant", "revoke")


class RoleChangeForm(InputRulesMixin, forms.Form):
    user = forms.ModelChoiceField(queryset=None, error_messages={"required": CHOOSE, "invalid_choice": CHOOSE})
    # "grant:folkevalgt" / "revoke:saksbehandler"
    choice = forms.CharField(max_length=60, error_messages={"required": CHOOSE, "max_length": CHOOSE})
    reason = forms.CharField(max_length=500, error_messages={"required": "Skriv en begrunnelse for endringen."})

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = get_user_model().objects.all()

    def clean_choice(self) -> tuple[str, Role]:
        change, _, value = self.cleaned_data["choice"].partition(":")
        role = Role._value2member_map_.get(value)
        if change not in CHANGES or role is None:
            raise forms.ValidationError(CHOOSE, code="invalid_choice")
        return change, role

    def first_error(self) -> str:
        """The one message the page shows: what to choose first, then the reason."""
        for name in ("user", "choice", "reason"):
            if name in self.errors:
                return self.errors[name][0]
        return self.error_text()

    def posted(self) -> dict:
        """What was sent, to show again in the row it came from."""
        return {name: str(self[name].value() or "").strip() for name in ("user", "choice", "reason")}


class UnlockForm(InputRulesMixin, forms.Form):
    attempt = forms.IntegerField(min_value=1, max_value=INT_MAX, error_messages={
        "required": "Velg hvilken innlogging som skal låses opp.", "invalid": "Ukjent innlogging.",
        "min_value": "Ukjent innlogging.", "max_value": "Ukjent innlogging."})
