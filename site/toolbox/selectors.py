"""Reads for the public toolbox: combined filters and full-text search over approaches."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db import DatabaseError
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from cms_core.models import Theme
from toolbox.models import MAX_SICKNESS_WEEK, ApproachPage, Facet
from toolbox.vocabularies import EvidenceLevel, FacetKind

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 20

# Query-string parameter → facet kind (values are facet codes).
FACET_PARAMS = {
    "werknemers": FacetKind.EMPLOYEE_GROUP,
    "werkgevers": FacetKind.EMPLOYER_GROUP,
    "sector": FacetKind.SECTOR,
    "omvang": FacetKind.EMPLOYER_SIZE,
}
_FACET_FIELDS: dict[str, str] = {
    FacetKind.EMPLOYEE_GROUP: "employee_groups",
    FacetKind.EMPLOYER_GROUP: "employer_groups",
    FacetKind.SECTOR: "sectors",
    FacetKind.EMPLOYER_SIZE: "employer_sizes",
}
# An approach without any sector or employer size fits all of them.
_EMPTY_MEANS_ALL = {FacetKind.SECTOR, FacetKind.EMPLOYER_SIZE}


@dataclass
class Filters:
    query: str = ""
    themes: list[str] = field(default_factory=list)
    facets: dict[str, list[str]] = field(default_factory=dict)
    week: int | None = None
    min_level: int | None = None
    max_cost: Decimal | None = None
    ignored: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(
            self.query
            or self.themes
            or any(self.facets.values())
            or self.week is not None
            or self.min_level
            or self.max_cost is not None
        )

    def as_query(self) -> list[tuple[str, str]]:
        """The filters as query-string pairs (for shareable URLs and pagination links)."""
        pairs: list[tuple[str, str]] = []
        if self.query:
            pairs.append(("q", self.query))
        pairs += [("thema", slug) for slug in self.themes]
        for param, kind in FACET_PARAMS.items():
            pairs += [(param, code) for code in self.facets.get(kind, [])]
        if self.week is not None:
            pairs.append(("week", str(self.week)))
        if self.min_level:
            pairs.append(("niveau", str(self.min_level)))
        if self.max_cost is not None:
            pairs.append(("kosten", str(self.max_cost)))
        return pairs


@dataclass(frozen=True)
class Option:
    value: str
    label: str


@dataclass
class FinderResult:
    filters: Filters
    page: PaginatorPage[Any]
    count: int
    theme_options: list[Option]
    options: dict[str, list[Option]]
    levels: list[tuple[int, str]]

    def page_url(self, number: int) -> str:
        return "?" + urlencode([*self.filters.as_query(), ("pagina", str(number))])


def _clean_list(params: Any, name: str, allowed: set[str], filters: Filters) -> list[str]:
    values = [v.strip() for v in params.getlist(name) if v.strip()][:MAX_VALUES_PER_FILTER]
    unknown = [v for v in values if v not in allowed]
    if unknown:
        filters.ignored.append(
            _("Unknown value for %(name)s ignored: %(values)s")
            % {"name": name, "values": ", ".join(v[:40] for v in unknown)}
        )
    return sorted({v for v in values if v in allowed})


def _clean_int(params: Any, name: str, low: int, high: int, filters: Filters) -> int | None:
    raw = (params.get(name) or "").strip()
    if not raw:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or not low <= value <= high:
        filters.ignored.append(
            _("%(name)s must be a whole number from %(low)s to %(high)s; ignored.")
            % {"name": name, "low": low, "high": high}
        )
        return None
    return value


def parse_filters(params: Any, *, themes: list[Theme], facets: dict[str, list[Facet]]) -> Filters:
    """Turn a query string into filters. Unknown or impossible values are ignored and reported."""
    filters = Filters()
    # Control characters (NUL and the like) break full-text engines and are never meant.
    raw_query = "".join(ch for ch in (params.get("q") or "") if ch.isprintable())
    filters.query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    filters.themes = _clean_list(params, "thema", {t.slug for t in themes}, filters)
    for param, kind in FACET_PARAMS.items():
        codes = {f.code for f in facets.get(kind, [])}
        filters.facets[kind] = _clean_list(params, param, codes, filters)
    filters.week = _clean_int(params, "week", 0, MAX_SICKNESS_WEEK, filters)
    filters.min_level = _clean_int(params, "niveau", 1, 5, filters)
    raw_cost = (params.get("kosten") or "").strip()
    if raw_cost:
        try:
            cost = Decimal(raw_cost.replace(",", "."))
            if not cost.is_finite() or cost < 0 or cost > Decimal("1000000"):
                raise InvalidOperation
            filters.max_cost = cost.quantize(Decimal("1"))
        except (InvalidOperation, ValueError):
            filters.ignored.append(_("Maximum costs must be an amount in euros; ignored."))
    return filters


def _search_words(query: str) -> str:
    """Only letters, digits and inner hyphens reach the full-text engine (no operators, quotes)."""
    cleaned = "".join(ch if ch.isalnum() or ch in "-'" else " " for ch in query)
    words = [word.strip("-'") for word in cleaned.split()]
    return " ".join(word for word in words if word)


def approach_queryset(*, index: Any, filters: Filters) -> QuerySet[ApproachPage]:
    """Live, public approaches under the index that match every filter (OR within a filter)."""
    qs = ApproachPage.objects.live().public().descendant_of(index)
    if filters.themes:
        qs = qs.filter(themes__slug__in=filters.themes)
    for kind, codes in filters.facets.items():
        if not codes:
            continue
        field_name = _FACET_FIELDS[kind]
        condition = Q(**{f"{field_name}__code__in": codes})
        if kind in _EMPTY_MEANS_ALL:
            condition |= Q(**{f"{field_name}__isnull": True})
        qs = qs.filter(condition)
    if filters.week is not None:
        qs = qs.filter(week_from__lte=filters.week, week_to__gte=filters.week)
    if filters.min_level:
        qs = qs.filter(evidence_level__gte=filters.min_level)
    if filters.max_cost is not None:
        qs = qs.filter(cost_estimate_eur__lte=filters.max_cost)
    return qs.distinct()


def approach_search(*, index: Any, params: Any) -> FinderResult:
    """Filter, search and paginate the approaches of a toolbox index for the public listing."""
    themes = list(Theme.objects.all())
    facet_options: dict[str, list[Facet]] = {kind: [] for kind in FacetKind.values}
    for facet in Facet.objects.all():
        facet_options[facet.kind].append(facet)
    filters = parse_filters(params, themes=themes, facets=facet_options)
    qs = approach_queryset(index=index, filters=filters)
    if filters.query:
        ids = list(qs.values_list("pk", flat=True))
        words = _search_words(filters.query)
        try:
            results: Any = (
                list(ApproachPage.objects.filter(pk__in=ids).search(words, operator="and"))
                if words
                else []
            )
        except DatabaseError:
            # Safety net: a query the full-text engine cannot parse gives a message, not a 500.
            filters.ignored.append(_("The search words could not be used; try other words."))
            results = []
    else:
        results = qs.order_by("-evidence_level", "title").prefetch_related("themes")
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(params.get("pagina"))
    return FinderResult(
        filters=filters,
        page=page,
        count=paginator.count,
        theme_options=[Option(t.slug, t.name) for t in themes],
        options={
            kind: [Option(f.code, f.label) for f in facets]
            for kind, facets in facet_options.items()
        },
        levels=[(value, str(label)) for value, label in EvidenceLevel.choices],
    )


def approach_versions(*, approach: ApproachPage) -> list[Any]:
    """The published versions of an approach, newest first: the visible change log."""
    from wagtail.models import PageLogEntry

    return list(
        PageLogEntry.objects.filter(page=approach, action="wagtail.publish")
        .order_by("-timestamp")
        .values("timestamp", "revision_id")
    )


def approach_citation(*, approach: ApproachPage, request: Any) -> str:
    """A citation in the style of Dutch intervention databanks, with the date of this version."""
    published = approach.last_published_at or approach.first_published_at
    date = published.date().isoformat() if published else ""
    source = approach.consortium.name + ". " if approach.consortium_id else ""
    return (
        f"{source}{approach.title}. {_('Toolbox Verbetering re-integratie 2e spoor')}, "
        f"{_('version')} {date}. {approach.get_full_url(request)}"
    )


def approach_structured_data(*, approach: ApproachPage, request: Any) -> str:
    """schema.org metadata as JSON, escaped for an inline data block."""
    import json

    data = {
        "@context": "https://schema.org",
        "@type": "HowTo",
        "name": approach.title,
        "description": approach.summary,
        "url": approach.get_full_url(request),
        "inLanguage": "nl",
        "dateModified": approach.last_published_at.isoformat()
        if approach.last_published_at
        else None,
        "step": [
            {"@type": "HowToStep", "name": block.value["title"]}
            for block in approach.steps
            if block.block_type == "step"
        ],
    }
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
