"""POST /api/token/: a user name and password give the user's API token.

Replaces DRF's obtain_auth_token so the log-in goes through authenticate() with the plain Django request: axes
(the log-in lockout, issue 12) counts the failures per user name and client and refuses a locked-out pair with
429 and a Norwegian message, as /logg-inn/ and the admin do.
"""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response

from secretariat.accounts.lockout import LOCKED_CODE, locked_message


class LoginLocked(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = LOCKED_CODE

    def __init__(self):
        super().__init__(detail=locked_message(), code=LOCKED_CODE)


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(max_length=150, error_messages={"required": "Fyll ut brukernavnet.",
                                                                     "blank": "Fyll ut brukernavnet."})
    password = serializers.CharField(max_length=4096, trim_whitespace=False, write_only=True,
                                     style={"input_type": "password"},
                                     error_messages={"required": "Fyll ut passordet.", "blank": "Fyll ut passordet."})


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ObtainTokenView(GenericAPIView):
    serializer_class = TokenRequestSerializer
    permission_classes = [AllowAny]
    authentication_classes = []

    @extend_schema(responses={200: TokenResponseSerializer})
    def post(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        django_request = request._request  # axes marks this object; the DRF wrapper would hide the mark
        user = authenticate(django_request, username=serializer.validated_data["username"],
                            password=serializer.validated_data["password"])
        if getattr(django_request, "axes_locked_out", False):
            raise LoginLocked()
        if user is None or not user.is_active:
            raise exceptions.ValidationError({"non_field_errors": ["Brukernavn eller passord er feil."]},
                                             code="authorization")
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})


obtain_token = ObtainTokenView.as_view()
