"""The input of the training pages, read through the common input rules."""

from __future__ import annotations

from django import forms

from secretariat.common.forms import InputForm, InputRulesMixin
from secretariat.organizations.models import Organization, Person

from .models import Course, Material


class CourseForm(InputRulesMixin, forms.ModelForm):
    class Meta:
        model = Course
        fields = ["term", "title", "description", "audience", "organization"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = Organization.objects.filter(is_active=True)

    def _post_clean(self):
        # The service validates the model (one place); the form only parses input.
        pass


class SessionForm(InputForm):
    start = forms.DateTimeField(label="Start", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    end = forms.DateTimeField(label="Slutt", widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    location = forms.CharField(label="Sted", max_length=200)


class MaterialForm(InputForm):
    column_model = Material
    title = forms.CharField(label="Tittel", max_length=200, required=False)
    file = forms.FileField(label="Fil")


class AttendanceForm(InputForm):
    persons = forms.ModelMultipleChoiceField(label="Møtte", queryset=Person.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple,
                                             error_messages={"invalid_choice": "Ukjent person."})

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        from . import selectors

        ids = set(selectors.invitees(session).values_list("pk", flat=True)) | set(
            session.registrations.values_list("person_id", flat=True))
        self.fields["persons"].queryset = Person.objects.filter(pk__in=ids).order_by("family_name", "given_name")
        self.fields["persons"].initial = list(session.registrations.filter(attended=True)
                                              .values_list("person_id", flat=True))
