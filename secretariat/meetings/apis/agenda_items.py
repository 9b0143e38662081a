"""Agenda items over the API, with the live-meeting actions: close, recusal, proposal, vote, decide, outcome,
video."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from secretariat import access
from secretariat.api.caching import public_list_cache
from secretariat.api.input import validated
from secretariat.common.parsing import int_or
from secretariat.organizations.models import Organization

from .. import selectors, services
from ..models import AgendaItem, Proposal
from ._common import membership_from_input
from .inputs import CloseRequest, DecideRequest, OutcomeRequest, ProposalRequest, RecusalRequest, VideoRequest, VoteRequest


class AgendaItemDataSerializer(serializers.Serializer):
    """An agenda item as the selectors give it (see selectors.notice_data for the keys)."""

    id = serializers.IntegerField()
    label = serializers.CharField()
    title = serializers.CharField()


class AgendaItemViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Saker på sakslisten, with the live-meeting actions: close, recusal, proposal, vote, decide, outcome."""

    serializer_class = AgendaItemDataSerializer  # responses are the selectors' plain data
    queryset = AgendaItem.objects.select_related("meeting__organization", "consultation__case").order_by(
        "meeting__start", "position")

    def get_queryset(self):
        # An item before its own notice is for staff only (a tilleggssak waits for its own notice).
        qs = access.agenda_items_visible_to(self.request.user, super().get_queryset())
        meeting = self.request.query_params.get("meeting")
        return qs.filter(meeting_id=int_or(meeting)) if meeting else qs

    def _data(self, item):
        item = AgendaItem.objects.get(pk=item.pk)
        return selectors.item_dict(item, public=False, user=self.request.user)

    @public_list_cache
    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        # One set of queries for the page (selectors.items_data), not one per item.
        return self.get_paginated_response(selectors.items_data(page, public=False, user=request.user))

    def retrieve(self, request, *args, **kwargs):
        return Response(self._data(self.get_object()))

    @extend_schema(request=CloseRequest)
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(CloseRequest, request)  # "closed": "false" is False (bool("false") was True)
        services.agenda_item_close(actor=request.user, item=item, closed=data["closed"], basis=data["closed_basis"])
        return Response(self._data(item))

    @extend_schema(request=RecusalRequest)
    @action(detail=True, methods=["post"])
    def recusals(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        meeting = item.meeting
        data = validated(RecusalRequest, request)
        services.recusal_register(
            actor=request.user, item=item, membership=membership_from_input(meeting, data["membership"], "membership"),
            grounds=data["grounds"], decided=data["decided"],
            substitute=membership_from_input(meeting, data.get("substitute"), "substitute", required=False))
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=ProposalRequest)
    @action(detail=True, methods=["post"])
    def proposals(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(ProposalRequest, request)
        if data["recommendation"]:
            proposal = services.proposal_recommendation(actor=request.user, item=item)
        else:
            proposal = services.proposal_add(actor=request.user, item=item, by=data["by"], text=data["text"])
        return Response({"id": proposal.pk, "position": proposal.position, "by": proposal.by, "text": proposal.text},
                        status=status.HTTP_201_CREATED)

    @extend_schema(request=VoteRequest)
    @action(detail=True, methods=["post"])
    def votes(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(VoteRequest, request)
        proposal = Proposal.objects.filter(pk=data["proposal"], agenda_item=item).first()
        if proposal is None:
            raise serializers.ValidationError({"proposal": ["Ukjent forslag i denne saken."]})
        vote = services.vote_record(
            actor=request.user, item=item, proposal=proposal, ballots=data["ballots"], for_count=data.get("for_count"),
            against_count=data.get("against_count"), blank_count=data.get("blank_count") or 0, secret=data["secret"],
            kind=data["kind"], is_election=data["is_election"], unanimous=data["unanimous"],
            casting_vote=data["casting_vote"], lots_winner=data["lots_winner"])
        return Response(selectors.vote_dict(vote, public=False, hide_details=False), status=status.HTTP_201_CREATED)

    @extend_schema(request=DecideRequest)
    @action(detail=True, methods=["post"])
    def decide(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(DecideRequest, request)
        forward_to = None
        if data["forward_to"]:
            forward_to = Organization.objects.filter(slug=data["forward_to"]).first()
            if forward_to is None:
                raise serializers.ValidationError({"forward_to": ["Ukjent organ."]})
        services.item_decide(actor=request.user, item=item, text=data["text"], next_step=data["next_step"],
                             forward_to=forward_to)
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=OutcomeRequest)
    @action(detail=True, methods=["post"])
    def outcome(self, request, pk=None):
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(OutcomeRequest, request)
        services.item_set_outcome(actor=request.user, item=item, outcome=data["outcome"], comment=data["comment"])
        return Response(self._data(item), status=status.HTTP_201_CREATED)

    @extend_schema(request=VideoRequest)
    @action(detail=True, methods=["post"])
    def video(self, request, pk=None):
        """Record where in the meeting video this item starts (now, or `seconds` from the video's start)."""
        item = self.get_object()
        services.require_fagleder(request.user)
        data = validated(VideoRequest, request)
        services.agenda_item_mark_video(actor=request.user, item=item, seconds=data.get("seconds"))
        return Response(self._data(item))
