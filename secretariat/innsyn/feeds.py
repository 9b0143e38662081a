"""RSS and Atom feeds of new agendas and decisions, and of search results (Django syndication)."""

from __future__ import annotations

from django.contrib.syndication.views import Feed
from django.utils.feedgenerator import Atom1Feed

from secretariat.common.parsing import int_or

from . import selectors


class AgendaDecisionFeed(Feed):
    title = "Nye sakslister og vedtak"
    link = "/innsyn/"
    description = "Nye sakslister og vedtak fra de folkevalgte organene, med «kort fortalt» for hver sak."
    language = "nb"

    def items(self):
        return selectors.feed_entries()

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_pubdate(self, item):
        return item.pubdate

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_categories(self, item):
        return [{"agenda": "Saksliste", "innstilling": "Innstilling"}.get(item.kind, "Vedtak")]


class AgendaDecisionAtomFeed(AgendaDecisionFeed):
    feed_type = Atom1Feed
    subtitle = AgendaDecisionFeed.description


class SearchFeed(Feed):
    """The search page's results as RSS: the same selector, the same visibility."""

    language = "nb"

    def get_object(self, request, *args, **kwargs):
        return {
            "q": request.GET.get("q", ""),
            "organ": request.GET.get("organ", ""),
            "ar": int_or(request.GET.get("ar"), None),
            "status": request.GET.get("status", ""),
        }

    def title(self, obj):
        return f"Søk: {obj['q']}" if obj["q"] else "Saker"

    def link(self, obj):
        return "/innsyn/sok/"

    def description(self, obj):
        return "Saker som svarer til søket."

    def items(self, obj):
        return selectors.search_cases(q=obj["q"], organization=obj["organ"], year=obj["ar"], state=obj["status"],
                                      limit=30)

    def item_title(self, hit):
        return f"{hit.case.arkivsaksnummer} {hit.title}"

    def item_description(self, hit):
        text = hit.headline.replace(selectors.HL_START, "").replace(selectors.HL_STOP, "")
        return text or hit.exempt_marking

    def item_link(self, hit):
        return f"/innsyn/saker/{hit.case.pk}/"

    def item_pubdate(self, hit):
        return hit.case.updated_at
