"""A task waiting to reach the broker: written in the same transaction as the change that caused it."""

from django.db import models


class OutboxMessage(models.Model):
    task = models.CharField("jobb", max_length=200)
    args = models.JSONField("argumenter", default=list)
    kwargs = models.JSONField("navngitte argumenter", default=dict)
    created_at = models.DateTimeField("lagt i utboksen", auto_now_add=True)
    attempts = models.PositiveIntegerField("forsøk", default=0)
    last_error = models.CharField("siste feil", max_length=500, blank=True)

    class Meta:
        verbose_name = "jobb i utboksen"
        verbose_name_plural = "jobber i utboksen"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"
