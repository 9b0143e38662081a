from django.db.models import Exists, OuterRef
from django.utils import timezone
from rest_framework import serializers, viewsets

from secretariat.access import public_person_email
from secretariat.accounts.roles import is_staff_member

from .models import Body, LegislativeTerm, Membership, Organization, Party, Person


class BodySerializer(serializers.ModelSerializer):
    class Meta:
        model = Body
        fields = ["id", "name", "kommunenummer", "maalform", "population", "website", "email"]


class OrganizationSerializer(serializers.ModelSerializer):
    notice_days = serializers.IntegerField(source="effective_notice_days", read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "name", "short_name", "slug", "organization_type", "seats", "notice_days",
                  "next_organization", "is_active"]


class TermSerializer(serializers.ModelSerializer):
    class Meta:
        model = LegislativeTerm
        fields = ["id", "name", "start_date", "end_date"]


class PartySerializer(serializers.ModelSerializer):
    class Meta:
        model = Party
        fields = ["id", "name", "abbreviation", "color"]


class PersonSerializer(serializers.ModelSerializer):
    name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "name", "given_name", "family_name", "party", "email", "phone"]


class PublicPersonSerializer(PersonSerializer):
    """Names and parties; the e-mail only of people holding an office now, by the one public-contact rule."""

    email = serializers.SerializerMethodField()

    class Meta(PersonSerializer.Meta):
        fields = ["id", "name", "given_name", "family_name", "party", "email"]

    def get_email(self, obj) -> str:
        return public_person_email(obj) if getattr(obj, "holds_office", False) else ""


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "person", "organization", "term", "role", "electoral_list", "substitute_order",
                  "start_date", "end_date"]


class BodyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Body.objects.order_by("name", "pk")  # a stable order, so the pages of the list do not overlap
    serializer_class = BodySerializer


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Organization.objects.all()
    serializer_class = OrganizationSerializer
    filterset_fields = ["organization_type", "is_active"]
    lookup_value_regex = r"\d+"


class TermViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = LegislativeTerm.objects.all()
    serializer_class = TermSerializer


class PartyViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Party.objects.all()
    serializer_class = PartySerializer


class PersonViewSet(viewsets.ReadOnlyModelViewSet):
    filterset_fields = ["party"]

    def get_queryset(self):
        today = timezone.localdate()
        active = Membership.objects.filter(person=OuterRef("pk")).active_on(today)
        return Person.objects.select_related("party").annotate(holds_office=Exists(active)).order_by(
            "family_name", "given_name", "pk")

    def get_serializer_class(self):
        # Contact details of people are for staff; the public sees names and parties.
        if is_staff_member(self.request.user):
            return PersonSerializer
        return PublicPersonSerializer


class MembershipViewSet(viewsets.ReadOnlyModelViewSet):
    queryset = Membership.objects.select_related("person", "organization")
    serializer_class = MembershipSerializer
    filterset_fields = ["organization", "person", "role", "term", "electoral_list"]


def register(router):
    router.register("bodies", BodyViewSet, basename="body")
    router.register("organizations", OrganizationViewSet, basename="organization")
    router.register("terms", TermViewSet, basename="term")
    router.register("parties", PartyViewSet, basename="party")
    router.register("people", PersonViewSet, basename="person")
    router.register("memberships", MembershipViewSet, basename="membership")
