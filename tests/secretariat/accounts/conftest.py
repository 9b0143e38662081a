import pytest
from django.contrib.auth.models import Group, Permission

from secretariat.accounts.roles import Role


@pytest.fixture
def fagleder_with_user_rights(fagleder):
    """The fagleder as the old demo set them up: in the admin, with auth.change_user on their group."""
    fagleder.is_staff = True
    fagleder.save()
    group = Group.objects.get(name=Role.FAGLEDER.value)
    group.permissions.add(*Permission.objects.filter(content_type__app_label="auth",
                                                     codename__in=["view_user", "change_user", "add_user",
                                                                   "view_group", "change_group"]))
    return fagleder


@pytest.fixture
def superuser(db):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.create_superuser("rot", "rot@example.no", "passord-123")
