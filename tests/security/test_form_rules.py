"""The one set of input rules of the staff forms (secretariat/common/forms.py), on a small form of each kind."""

from django import forms

from secretariat.common.forms import INT_MAX, TEXT_MAX_LENGTH, ActionForm, InputForm, InputRulesMixin
from secretariat.weddings.models import Wedding


class Sample(InputForm):
    text = forms.CharField(required=False)
    short = forms.CharField(max_length=5, required=False)
    day = forms.DateField(required=False)
    number = forms.IntegerField(required=False)


def test_free_text_is_bounded_and_clean():
    assert Sample({"text": "x" * TEXT_MAX_LENGTH}).is_valid()
    form = Sample({"text": "x" * (TEXT_MAX_LENGTH + 1), "short": "før\x01"})
    assert not form.is_valid()
    assert "eller færre tegn" in form.errors["text"][0]
    assert "kontrolltegn" in form.errors["short"][0]
    assert Sample().fields["text"].widget.attrs["maxlength"] == str(TEXT_MAX_LENGTH)


def test_years_and_numbers_are_bounded():
    form = Sample({"day": "0001-01-01", "number": str(INT_MAX + 1)})
    assert not form.is_valid()
    assert form.errors["day"] == ["Året 1 er ikke gyldig (oppgi et år fra 1900 til 2200)."]
    assert "number" in form.errors
    assert Sample({"day": "2026-05-17", "number": "-12"}).is_valid()


def test_a_form_takes_the_length_of_its_models_column():
    class WeddingEmail(InputRulesMixin, forms.Form):
        column_model = Wedding
        email = forms.EmailField()  # Django's own limit is 320
        partner1_name = forms.CharField(max_length=10)  # a shorter own limit stays

    form = WeddingEmail()
    assert form.fields["email"].max_length == Wedding._meta.get_field("email").max_length
    assert form.fields["partner1_name"].max_length == 10


def test_an_action_is_one_of_the_page_buttons_or_the_default():
    assert ActionForm({}, actions=("rotate", "revoke"), default="rotate").is_valid()
    assert not ActionForm({}, actions=("delete", "move")).is_valid()
    form = ActionForm({"action": "drop"}, actions=("delete", "move"))
    assert not form.is_valid() and form.error_text() == "Ukjent handling."
