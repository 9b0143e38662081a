"""A test-only URLconf: views that try to escalate privileges directly, past the admin, to show the model guard
refuses them inside any request whose user is not a superuser."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.http import HttpResponse
from django.urls import path

from secretariat.urls import urlpatterns as project_urlpatterns


def make_me_superuser(request):
    user = get_user_model().objects.get(pk=request.user.pk)
    user.is_superuser = True
    user.is_staff = True
    user.save()
    return HttpResponse("ok")


def make_me_kommunedirektor(request):
    request.user.groups.add(Group.objects.get(name="kommunedirektor"))
    return HttpResponse("ok")


def flip_in_memory_then_add(request):
    request.user.is_superuser = True  # never saved: the guard asks the database, not this object
    request.user.groups.add(Group.objects.get(name="kommunedirektor"))
    return HttpResponse("ok")


def join_group_from_its_side(request):
    Group.objects.get(name="kommunedirektor").user_set.add(request.user)
    return HttpResponse("ok")


def give_my_group_change_user(request):
    Group.objects.get(name="fagleder").permissions.add(Permission.objects.get(codename="change_user"))
    return HttpResponse("ok")


def give_me_change_user(request):
    request.user.user_permissions.add(Permission.objects.get(codename="change_user"))
    return HttpResponse("ok")


def rename_group(request):
    group = Group.objects.get(name="folkevalgt")
    group.name = "folkevalgt-gammel"
    group.save()
    return HttpResponse("ok")


ATTEMPTS = {
    "superuser": make_me_superuser,
    "kommunedirektor": make_me_kommunedirektor,
    "in-memory": flip_in_memory_then_add,
    "reverse": join_group_from_its_side,
    "group-permissions": give_my_group_change_user,
    "user-permissions": give_me_change_user,
    "rename-group": rename_group,
}

urlpatterns = [
    *(path(f"test-escalation/{name}/", view) for name, view in ATTEMPTS.items()),
    *project_urlpatterns,
]
