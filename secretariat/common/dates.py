"""Shared date vocabulary."""

from django.db import models


class Weekday(models.IntegerChoices):
    """Python's weekday numbers (Monday = 0) with Norwegian names."""

    MONDAY = 0, "mandag"
    TUESDAY = 1, "tirsdag"
    WEDNESDAY = 2, "onsdag"
    THURSDAY = 3, "torsdag"
    FRIDAY = 4, "fredag"
    SATURDAY = 5, "lørdag"
    SUNDAY = 6, "søndag"
