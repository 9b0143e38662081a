"""Every API write reads its input through a serializer: this is the one call the actions make."""

from __future__ import annotations

from rest_framework import serializers


def validated(serializer_class: type[serializers.Serializer], request) -> dict:
    """The request body checked by `serializer_class`; a 400 with the field messages otherwise."""
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
