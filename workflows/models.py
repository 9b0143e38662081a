"""The audit trail: one row per state change or edit, written in the same transaction as the change."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone


class AuditEntry(models.Model):
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name="type")
    object_id = models.PositiveBigIntegerField("id")
    subject = GenericForeignKey("content_type", "object_id")
    object_repr = models.CharField("gjelder", max_length=300)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="utført av",
    )
    # Kept as text too: the legal record must survive a deleted user account.
    actor_name = models.CharField("utført av (navn)", max_length=200, blank=True)
    at = models.DateTimeField("tidspunkt", default=timezone.now, db_index=True)
    action = models.CharField("handling", max_length=60)
    action_label = models.CharField("handling (tekst)", max_length=120, blank=True)
    from_state = models.CharField("fra status", max_length=40, blank=True)
    to_state = models.CharField("til status", max_length=40, blank=True)
    comment = models.TextField("kommentar", blank=True)
    changes = models.JSONField("endringer", default=dict, blank=True)

    class Meta:
        verbose_name = "revisjonsspor"
        verbose_name_plural = "revisjonsspor"
        ordering = ["at", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name}: {self.action_label or self.action}"

    @classmethod
    def for_object(cls, obj):
        return cls.objects.filter(
            content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk
        ).select_related("actor")
