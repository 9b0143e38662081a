"""Small helpers every staff view uses: one way to guard staff pages and to show a service's errors on a form."""

from django.core.exceptions import PermissionDenied, ValidationError

from secretariat.accounts.roles import is_staff_member


def staff_required(user) -> None:
    if not is_staff_member(user):
        raise PermissionDenied("Denne siden er for ansatte i kommunen.")


def add_validation_errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on the named field when the form has it, else on top."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)
