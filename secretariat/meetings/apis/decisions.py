"""Decisions (vedtak and innstillinger) over the API, read only, with the lovlighetskontroll deadline."""

from __future__ import annotations

import datetime as dt

from rest_framework import serializers, viewsets

from secretariat import access
from secretariat.api.caching import public_list_cache
from secretariat.followups.legality import legality_review_deadline

from ..models import Decision


class DecisionSerializer(serializers.ModelSerializer):
    item = serializers.CharField(source="agenda_item.label", read_only=True, default="")
    meeting = serializers.IntegerField(source="agenda_item.meeting_id", read_only=True, default=None)
    text = serializers.SerializerMethodField()
    legality_review_deadline = serializers.SerializerMethodField()
    decision_kind = serializers.ChoiceField(source="kind", choices=Decision.Kind.choices, read_only=True,
                                            help_text="«vedtak» (endelig) eller «innstilling» til neste organ.")

    class Meta:
        model = Decision
        fields = ["id", "consultation", "meeting", "item", "decision_kind", "text", "vote_summary", "unanimous",
                  "decided_at", "legality_review_deadline"]

    def get_text(self, obj) -> str:
        user = self.context["request"].user
        item = obj.agenda_item
        if item is not None:
            return obj.text if access.can_view_agenda_item_content(user, item) else ""
        return obj.text if access.can_view_case_content(user, obj.consultation.case) else ""

    def get_legality_review_deadline(self, obj) -> dt.date | None:
        """koml. § 27-1: only a final decision has the clock; an innstilling has none (null)."""
        return legality_review_deadline(obj)


class DecisionViewSet(viewsets.ReadOnlyModelViewSet):
    """Vedtak with the lovlighetskontroll deadline (koml. § 27-1)."""

    serializer_class = DecisionSerializer
    queryset = Decision.objects.select_related("agenda_item__meeting", "agenda_item__consultation__case",
                                               "consultation__case").order_by("-decided_at", "-pk")
    filterset_fields = ["consultation", "agenda_item"]
    list = public_list_cache(viewsets.ReadOnlyModelViewSet.list)
