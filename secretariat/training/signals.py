"""Sent inside the transaction that records who attended a training session (services.attendance_set), so the
godtgjøring app can make the drafts the forskrift pays by itself (remuneration/signals.py) with the record."""

from django.dispatch import Signal

attendance_recorded = Signal()  # sender=TrainingSession, session=TrainingSession
