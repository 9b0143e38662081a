"""Weddings over the API: free slots and the booking are public; the rest is for those `secretariat.access`
lets handle weddings (the couple's personal data, GDPR art. 5 (1) c)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from rest_framework import mixins, permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from secretariat import access
from secretariat.api.schema import transitions_schema
from secretariat.api.throttling import PublicFormThrottle
from secretariat.api.transitions import transitions_endpoint
from workflows.engine import available_transitions
from workflows.wedding import WEDDING_WORKFLOW

from . import services
from .models import Residence, Wedding, WeddingLanguage


class SlotSerializer(serializers.Serializer):
    key = serializers.CharField(help_text="Send denne som «slot» når dere bestiller.")
    date = serializers.DateField()
    start_time = serializers.TimeField()
    place = serializers.CharField(source="place.name")
    label = serializers.CharField()


class BookingSerializer(serializers.Serializer):
    slot = serializers.CharField()
    partner1_name = serializers.CharField(max_length=120)
    partner2_name = serializers.CharField(max_length=120)
    email = serializers.EmailField()
    phone = serializers.CharField(max_length=30, required=False, allow_blank=True)
    residence = serializers.ChoiceField(choices=Residence.choices)
    language = serializers.ChoiceField(choices=WeddingLanguage.choices, default=WeddingLanguage.BOKMAL)
    guests = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=500)
    message = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class WeddingSerializer(serializers.ModelSerializer):
    state_label = serializers.CharField(source="get_state_display", read_only=True)
    place = serializers.CharField(source="place.name", read_only=True)
    officiant = serializers.CharField(source="officiant.person.name", read_only=True, default=None, allow_null=True)
    notice_deadline = serializers.DateField(read_only=True, allow_null=True)
    notice_overdue = serializers.SerializerMethodField()
    allowed_transitions = serializers.SerializerMethodField()

    class Meta:
        model = Wedding
        fields = ["id", "state", "state_label", "partner1_name", "partner2_name", "email", "phone", "residence",
                  "language", "fee", "date", "start_time", "place", "officiant", "attest_issued_on",
                  "witness1_name", "witness2_name", "witnesses_of_age", "held_on", "notice_sent_at",
                  "notice_deadline", "notice_overdue", "allowed_transitions"]

    def get_notice_overdue(self, obj) -> bool:
        return obj.notice_overdue()

    def get_allowed_transitions(self, obj) -> list[dict]:
        return [t.as_dict() for t in available_transitions(obj, self.context["request"].user)]


class PublicBookingReceiptSerializer(serializers.ModelSerializer):
    place = serializers.CharField(source="place.name")

    class Meta:
        model = Wedding
        fields = ["date", "start_time", "place", "fee", "state"]


class WeddingSlotViewSet(viewsets.GenericViewSet):
    """Free slots for a civil wedding (anyone)."""

    permission_classes = [permissions.AllowAny]
    serializer_class = SlotSerializer
    pagination_class = None
    queryset = Wedding.objects.none()

    @extend_schema(responses={200: SlotSerializer(many=True)})
    def list(self, request):
        return Response(SlotSerializer(services.available_slots(), many=True).data)


class WeddingViewSet(mixins.CreateModelMixin, viewsets.ReadOnlyModelViewSet):
    # Unconfirmed public bookings (holds, issue 12) are not requests yet.
    queryset = Wedding.objects.requests().select_related("place", "officiant__person").order_by("date", "start_time")
    serializer_class = WeddingSerializer
    filterset_fields = {"state": ["exact"], "date": ["gte", "lte"]}

    def get_permissions(self):
        if self.action == "create":
            return [permissions.AllowAny()]
        return [access.HandlesWeddings()]

    def get_throttles(self):
        if self.action == "create":  # the public booking: as few per client as the form (issue 12)
            return [*super().get_throttles(), PublicFormThrottle()]
        return super().get_throttles()

    @extend_schema(request=BookingSerializer, responses={201: PublicBookingReceiptSerializer})
    def create(self, request, *args, **kwargs):
        """The public booking (the same rules as the form on /intern/vielser/bestill/): the slot is held until the
        couple confirms it with the link we e-mail them."""
        data = BookingSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        wedding = services.wedding_request(slot_key=values.pop("slot"), **values)
        return Response(PublicBookingReceiptSerializer(wedding).data, status=201)

    @transitions_schema(WEDDING_WORKFLOW, WeddingSerializer)
    @action(detail=True, methods=["get", "post"], pagination_class=None)
    def transitions(self, request, pk=None):
        wedding = self.get_object()
        return transitions_endpoint(request, wedding, lambda: Response(
            WeddingSerializer(Wedding.objects.get(pk=wedding.pk), context={"request": request}).data))


def register(router):
    router.register("wedding-slots", WeddingSlotViewSet, basename="wedding-slot")
    router.register("weddings", WeddingViewSet, basename="wedding")
