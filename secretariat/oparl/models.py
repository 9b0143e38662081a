"""Deleted objects stay in OParl as `deleted: true` (OParl 1.1, 2.6.3): a tombstone per deleted object."""

from django.db import models


class Tombstone(models.Model):
    kind = models.CharField("OParl-type", max_length=30)
    object_id = models.PositiveBigIntegerField("objekt-id")
    body_id = models.PositiveBigIntegerField("kommune", null=True, blank=True)
    created_at = models.DateTimeField("opprettet", null=True, blank=True)
    deleted_at = models.DateTimeField("slettet", auto_now_add=True)
    # What the type's schema requires besides id and type (AgendaItem: order), kept from the deleted row.
    required = models.JSONField("påkrevde felt", default=dict, blank=True)

    class Meta:
        verbose_name = "slettet OParl-objekt"
        verbose_name_plural = "slettede OParl-objekter"
        constraints = [models.UniqueConstraint(fields=["kind", "object_id"], name="oparl_tombstone_once")]
        indexes = [models.Index(fields=["kind", "deleted_at"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} (slettet)"
