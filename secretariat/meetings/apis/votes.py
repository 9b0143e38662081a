"""Votes over the API (read only; a vote is recorded through AgendaItemViewSet.votes)."""

from __future__ import annotations

from rest_framework import serializers, viewsets

from ..models import Vote


class VoteSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="agenda_item.label", read_only=True)
    result_label = serializers.CharField(read_only=True)

    class Meta:
        model = Vote
        fields = ["id", "agenda_item", "item", "proposal", "for_count", "against_count", "blank_count", "secret",
                  "is_election", "kind", "adopted", "decided_by", "result_label"]


class VoteViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = VoteSerializer
    queryset = Vote.objects.select_related("agenda_item", "proposal").order_by("pk")
    filterset_fields = ["agenda_item"]
