"""The one set of input rules every staff form applies (issue 12): bounded, clean input before a service sees it.

`InputRulesMixin` goes in front of `forms.Form` / `forms.ModelForm`. On every field of the form it adds:
- text: the control-character rule (secretariat/common/validators.py), and a length limit; a text without a
  column limit (a TextField) gets TEXT_MAX_LENGTH, so a 1 MB paste is a form error, not a 1 MB row;
- dates and date-times: the years the archive and PostgreSQL can hold (common/dates.py EARLIEST_YEAR..LATEST_YEAR);
- whole numbers: the range of the column they end up in (a 40-digit number was a database error, a 500).
Limits a field sets itself (max_length from the model column via `column_length`, min_value/max_value) are kept.
Django's own messages are Norwegian (LANGUAGE_CODE "nb"); the rules' messages are written here.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator

from workflows.spec import TEXT_MAX_LENGTH  # free text without a column limit: the same as a workflow step's text

from .dates import year_problem
from .validators import reject_control_characters

# A case paper's section (bakgrunn, vurdering, innstilling): room for some eighty pages.
LONG_TEXT_MAX_LENGTH = 200_000
# The ids and numbers a form may carry: PostgreSQL's integer column.
INT_MIN, INT_MAX = -(2**31), 2**31 - 1


def column_length(model, name: str) -> int:
    """The max_length of a model's text column: the form's limit is the column's, in one place."""
    length = model._meta.get_field(name).max_length
    if length is None:
        raise ValueError(f"{model.__name__}.{name} has no max_length: use TEXT_MAX_LENGTH")
    return length


def _column_length_or_none(model, name: str) -> int | None:
    try:
        return getattr(model._meta.get_field(name), "max_length", None)
    except FieldDoesNotExist:  # a form field that is not a column (e.g. "confirm")
        return None


def reject_unusable_year(value) -> None:
    problem = year_problem(value.year) if isinstance(value, dt.date) else ""
    if problem:
        raise ValidationError(problem, code="year_out_of_range")


def _has(field, kind) -> bool:
    return any(isinstance(v, kind) for v in field.validators)


def cap_length(field: forms.CharField, limit: int) -> None:
    """Lower a text field's max_length to `limit` (a column's), with its validator and the widget's maxlength."""
    if field.max_length is not None and field.max_length <= limit:
        return
    field.max_length = limit
    field.validators = [v for v in field.validators if not isinstance(v, MaxLengthValidator)]
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


def apply_input_rules(field: forms.Field) -> None:
    """The rules of this module on one field (idempotent)."""
    if isinstance(field, forms.CharField):
        if reject_control_characters not in field.validators:
            field.validators.append(reject_control_characters)
        if field.max_length is None and not _has(field, MaxLengthValidator):
            cap_length(field, TEXT_MAX_LENGTH)
    elif isinstance(field, forms.DateField | forms.DateTimeField):
        if reject_unusable_year not in field.validators:
            field.validators.append(reject_unusable_year)
    elif isinstance(field, forms.IntegerField):
        if field.min_value is None and not _has(field, MinValueValidator):
            field.validators.append(MinValueValidator(INT_MIN))
        if field.max_value is None and not _has(field, MaxValueValidator):
            field.validators.append(MaxValueValidator(INT_MAX))
    elif isinstance(field, forms.MultiValueField):
        for sub in field.fields:
            apply_input_rules(sub)


class InputRulesMixin:
    """Put in front of forms.Form / forms.ModelForm: every field gets the input rules of this module.

    `column_model`: the model a plain form's text ends up in; a text field named like one of its columns gets (at
    most) that column's max_length (e.g. an e-mail field's 320 characters against a 254-character column)."""

    column_model = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self.column_model or getattr(getattr(self, "_meta", None), "model", None)
        for name, field in self.fields.items():
            apply_input_rules(field)
            if model is not None and isinstance(field, forms.CharField):
                length = _column_length_or_none(model, name)
                if length is not None:
                    cap_length(field, length)

    def error_text(self) -> str:
        return error_text(self)


def error_text(form) -> str:
    """All of a bound form's messages as one line, for a page that shows them as a message after a redirect."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


class InputForm(InputRulesMixin, forms.Form):
    """A plain form with the input rules."""


class StepForm(InputForm):
    """Which workflow step a staff form posts (the step itself is read by the transition adapter)."""

    transition = forms.CharField(max_length=100, error_messages={"required": "Oppgi hvilket steg som skal tas."})


class ActionForm(InputForm):
    """Which of a page's buttons was pressed (`name="action"`): one of `actions`; `default` when none was sent."""

    action = forms.ChoiceField(choices=(), required=False, error_messages={"invalid_choice": "Ukjent handling."})

    def __init__(self, *args, actions: tuple[str, ...], default: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [(a, a) for a in actions]
        self.default = default

    def clean_action(self) -> str:
        action = self.cleaned_data.get("action") or self.default
        if not action:
            raise ValidationError("Ukjent handling.", code="required")
        return action
