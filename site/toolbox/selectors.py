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
from django.utils.translation import gettext_lazy

from cms_core.models import Theme
from toolbox.models import MAX_SICKNESS_WEEK, ApproachPage, Facet
from toolbox.vocabularies import Actor, EvidenceLevel, FacetKind, PayingParty

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
MAX_VALUES_PER_FILTER = 20
RANKED_SEARCH_LIMIT = 250  # more matches than this: ordered by evidence level, not relevance

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
    options: dict[str, Any] = {
        "theme_options": [Option(t.slug, t.name) for t in themes],
        "options": {
            kind: [Option(f.code, f.label) for f in facets]
            for kind, facets in facet_options.items()
        },
        "levels": [(value, str(label)) for value, label in EvidenceLevel.choices],
    }
    if filters.query:
        return _search(index=index, filters=filters, qs=qs, params=params, options=options)
    results = qs.order_by("-evidence_level", "title").prefetch_related("themes")
    paginator = Paginator(results, PAGE_SIZE)
    page = paginator.get_page(params.get("pagina"))
    return FinderResult(filters=filters, page=page, count=paginator.count, **options)


def _search(
    *,
    index: Any,
    filters: Filters,
    qs: QuerySet[ApproachPage],
    params: Any,
    options: dict[str, Any],
) -> FinderResult:
    """Full-text search within the filters, best match first, one page of whole approaches.

    The ordered ids of all matches are cached until the toolbox's content changes (see
    toolbox.cache), so paging through the results does not search again.
    """
    from django.core.cache import cache

    from toolbox.cache import SEARCH_TIMEOUT, search_key

    words = _search_words(filters.query)
    key = search_key(index.pk, words, filters.as_query())
    matching = cache.get(key)
    if matching is None:
        try:
            matching = _matching_ids(words, qs) if words else []
        except DatabaseError:
            # Safety net: a query the full-text engine cannot parse gives a message, not a 500.
            filters.ignored.append(_("The search words could not be used; try other words."))
            matching = []
        else:
            cache.set(key, matching, SEARCH_TIMEOUT)
    page_number = Paginator(range(len(matching)), PAGE_SIZE).get_page(params.get("pagina")).number
    start = (page_number - 1) * PAGE_SIZE
    page_ids = matching[start : start + PAGE_SIZE]
    found = ApproachPage.objects.live().public().prefetch_related("themes").in_bulk(page_ids)
    # A page of the right count that holds this page's approaches, in ranked order.
    slots: list[Any] = [None] * len(matching)
    slots[start : start + len(page_ids)] = [found.get(pk) for pk in page_ids]
    page = Paginator(slots, PAGE_SIZE).get_page(page_number)
    page.object_list = [approach for approach in page.object_list if approach is not None]
    count = len(matching)
    return FinderResult(filters=filters, page=page, count=count, **options)


def _matching_ids(words: str, qs: QuerySet[ApproachPage]) -> list[int]:
    """Ids of the filtered approaches that contain every word, best match first.

    The engine searches all approaches for ids only (a filter on a long id list makes
    PostgreSQL's full-text join slow) and the filters are applied to those ids here. Ranking is
    kept for up to RANKED_SEARCH_LIMIT matches; a word this common hardly tells approaches apart,
    so the listing's order (strongest evidence first) is used, which also spares ranking hundreds
    of matches.
    """
    allowed = set(qs.values_list("pk", flat=True))
    by_evidence = ApproachPage.objects.only("pk").order_by("-evidence_level", "title")
    unranked = by_evidence.search(words, operator="and", order_by_relevance=False)
    matching = [approach.pk for approach in unranked if approach.pk in allowed]
    if 1 < len(matching) <= RANKED_SEARCH_LIMIT:
        ranked = (
            ApproachPage.objects.filter(pk__in=matching).only("pk").search(words, operator="and")
        )
        position = {approach.pk: number for number, approach in enumerate(ranked)}
        matching.sort(key=lambda pk: position.get(pk, len(position)))
    return matching


def approach_versions(*, approach: ApproachPage, request: Any = None) -> list[dict[str, Any]]:
    """The published versions of an approach, newest first: the visible change log.

    Each has its stable, citable URL; a version published twice appears once.
    """
    from wagtail.models import PageLogEntry

    base = approach.get_url(request) or ""
    versions: list[dict[str, Any]] = []
    seen: set[int] = set()
    entries = (
        PageLogEntry.objects.filter(page=approach, action="wagtail.publish")
        .exclude(revision_id=None)
        .order_by("-timestamp", "-pk")
        .values("timestamp", "revision_id")
    )
    for entry in entries:
        if entry["revision_id"] in seen:
            continue
        seen.add(entry["revision_id"])
        entry["url"] = base + approach.reverse_subpage("version", args=[entry["revision_id"]])
        versions.append(entry)
    return versions


def approach_published_revision(*, approach: ApproachPage, revision_id: int) -> Any:
    """The approach as it was in a revision that was published; None for any other revision."""
    from wagtail.models import PageLogEntry

    was_published = PageLogEntry.objects.filter(
        page=approach, action="wagtail.publish", revision_id=revision_id
    ).exists()
    if not was_published:
        return None
    revision = approach.revisions.filter(pk=revision_id).first()
    return revision.as_object() if revision else None


def approach_citation(
    *, approach: ApproachPage, request: Any, revision_id: int | None = None
) -> str:
    """A citation in the style of Dutch intervention databanks, with this version's own URL."""
    from wagtail.models import PageLogEntry

    revision_id = revision_id or approach.live_revision_id
    entry = (
        PageLogEntry.objects.filter(
            page=approach, action="wagtail.publish", revision_id=revision_id
        )
        .order_by("-timestamp")
        .first()
        if revision_id
        else None
    )
    published = entry.timestamp if entry else approach.last_published_at
    date = published.date().isoformat() if published else ""
    url = approach.get_full_url(request) or ""
    if entry and revision_id:
        url += approach.reverse_subpage("version", args=[revision_id])
    source = approach.consortium.name + ". " if approach.consortium_id else ""
    return (
        f"{source}{approach.title}. {_('Toolbox Verbetering re-integratie 2e spoor')}, "
        f"{_('version')} {date}. {url}"
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


# --- Guided finder (keuzehulp) ------------------------------------------------------------------

# Periods of the sickness year as a person would name them: (code, first week, last week, label).
GUIDE_PERIODS = [
    ("0-6", 0, 6, gettext_lazy("Less than 6 weeks")),
    ("6-13", 6, 13, gettext_lazy("6 to 13 weeks (up to three months)")),
    ("13-26", 13, 26, gettext_lazy("13 to 26 weeks (three to six months)")),
    ("26-52", 26, 52, gettext_lazy("26 to 52 weeks (the rest of the first year)")),
    ("52-104", 52, 104, gettext_lazy("52 to 104 weeks (the second year)")),
]
GUIDE_ROLES = {
    "werkgever": (gettext_lazy("I am an employer"), {Actor.EMPLOYER}),
    "werknemer": (gettext_lazy("I am the employee who is sick"), {Actor.EMPLOYEE}),
    "professional": (
        gettext_lazy("I help as a professional (occupational physician, labour expert, coach)"),
        {
            Actor.OCCUPATIONAL_PHYSICIAN,
            Actor.LABOUR_EXPERT,
            Actor.REINTEGRATION_COMPANY,
            Actor.CASE_MANAGER,
        },
    ),
}
GUIDE_MAX_RESULTS = 10
GUIDE_MAX_NEAR = 5


@dataclass(frozen=True)
class GuideQuestion:
    name: str  # the query-string parameter
    text: str
    hint: str
    options: list[Option]
    chosen: str


@dataclass
class GuideMatch:
    approach: ApproachPage
    reasons: list[str]
    misses: list[str]
    role_note: str = ""


@dataclass
class GuideResult:
    questions: list[GuideQuestion]
    answered: bool
    matches: list[GuideMatch]
    near: list[GuideMatch]
    ignored: list[str]
    filter_url: str  # the same choice in the full listing, to refine further


def _guide_answer(params: Any, name: str, allowed: set[str], ignored: list[str]) -> str:
    value = (params.get(name) or "").strip()
    if value in ("", "onbekend"):
        return ""
    if value not in allowed:
        ignored.append(
            _(
                "We do not know the answer “%(value)s” to the question about %(name)s; we skipped it."
            )
            % {"value": value[:40], "name": name}
        )
        return ""
    return value


def _role_note(approach: ApproachPage, role: str) -> str:
    actors = GUIDE_ROLES[role][1]
    steps = [block.value for block in approach.steps if block.block_type == "step"]
    mine = sum(1 for step in steps if actors & set(step["actors"]))
    if not mine:
        return _("You have no step of your own in this approach; it still helps to know it.")
    return _("You take part in %(mine)s of the %(total)s steps.") % {
        "mine": mine,
        "total": len(steps),
    }


def _facet_codes(through: Any, approaches: QuerySet[ApproachPage]) -> dict[int, set[str]]:
    """Facet codes per approach id, read from a many-to-many table in one query."""
    codes: dict[int, set[str]] = {}
    subquery = approaches.order_by().values("pk")
    for page_id, code in through.objects.filter(approachpage_id__in=subquery).values_list(
        "approachpage_id", "facet__code"
    ):
        codes.setdefault(page_id, set()).add(code)
    return codes


def guided_finder(*, index: Any, params: Any) -> GuideResult:
    """Three to five plain questions lead to the approaches that fit, each with why it fits.

    An approach fits when it meets every answered question; those missing one answer are
    offered as "nearly fits", with what does not fit. Unanswered questions do not filter.
    """
    ignored: list[str] = []
    groups = list(Facet.objects.filter(kind=FacetKind.EMPLOYEE_GROUP))
    sizes = list(Facet.objects.filter(kind=FacetKind.EMPLOYER_SIZE))
    periods = {code: (start, end, label) for code, start, end, label in GUIDE_PERIODS}
    role = _guide_answer(params, "rol", set(GUIDE_ROLES), ignored)
    period = _guide_answer(params, "periode", set(periods), ignored)
    group = _guide_answer(params, "klacht", {g.code for g in groups}, ignored)
    size = _guide_answer(params, "omvang", {s.code for s in sizes}, ignored)
    unknown = Option("onbekend", str(_("I don't know / does not matter")))
    questions = [
        GuideQuestion(
            "rol",
            _("Who are you?"),
            _("We use this to show what you do yourself in each approach."),
            [Option(code, str(label)) for code, (label, _actors) in GUIDE_ROLES.items()],
            role,
        ),
        GuideQuestion(
            "periode",
            _("How long has the employee been sick?"),
            _("Some approaches work best early in the sickness period, others later."),
            [*(Option(code, str(label)) for code, (_s, _e, label) in periods.items()), unknown],
            period,
        ),
        GuideQuestion(
            "klacht",
            _("What kind of health problem does the employee have?"),
            _("Choose what fits best. You do not have to say anything about it."),
            [*(Option(g.code, g.label) for g in groups), unknown],
            group,
        ),
        GuideQuestion(
            "omvang",
            _("How large is the employer the employee works for now?"),
            _("Small employers often have no HR staff; some approaches are made for them."),
            [*(Option(s.code, s.label) for s in sizes), unknown],
            size,
        ),
    ]
    answered = bool(role or period or group or size)
    filter_pairs: list[tuple[str, str]] = []
    if group:
        filter_pairs.append(("werknemers", group))
    if size:
        filter_pairs.append(("omvang", size))
    if period:
        start, end, _label = periods[period]
        filter_pairs.append(("week", str((start + end) // 2)))
    result = GuideResult(
        questions=questions,
        answered=answered,
        matches=[],
        near=[],
        ignored=ignored,
        filter_url="?" + urlencode(filter_pairs) if filter_pairs else "",
    )
    if not answered:
        return result

    group_label = next((g.label for g in groups if g.code == group), "")
    size_label = next((s.label for s in sizes if s.code == size), "")
    # Match on light rows (ids, weeks, facet codes); load whole pages only for those shown.
    approaches = ApproachPage.objects.live().public().descendant_of(index)
    rows = list(
        approaches.order_by("-evidence_level", "title").values_list("pk", "week_from", "week_to")
    )
    group_codes = _facet_codes(ApproachPage.employee_groups.through, approaches) if group else {}
    size_codes = _facet_codes(ApproachPage.employer_sizes.through, approaches) if size else {}
    chosen: list[tuple[int, list[str], list[str]]] = []
    for pk, week_from, week_to in rows:
        reasons: list[str] = []
        misses: list[str] = []
        if period:
            start, end, _label = periods[period]
            weeks = {"start": week_from, "end": week_to}
            if week_from <= end and week_to >= start:
                reasons.append(
                    _("Fits your moment: it is meant for week %(start)s to week %(end)s.") % weeks
                )
            else:
                misses.append(
                    _("It is meant for week %(start)s to week %(end)s, another moment.") % weeks
                )
        if group:
            codes = group_codes.get(pk, set())
            if not codes:
                reasons.append(_("Suitable for every employee, whatever the health problem."))
            elif group in codes:
                reasons.append(_("Made for employees with: %(group)s.") % {"group": group_label})
            else:
                misses.append(_("Not made specifically for: %(group)s.") % {"group": group_label})
        if size:
            codes = size_codes.get(pk, set())
            if not codes:
                reasons.append(_("Suits employers of every size."))
            elif size in codes:
                reasons.append(_("Suits employers of this size: %(size)s.") % {"size": size_label})
            else:
                misses.append(_("Made for employers of another size."))
        if len(misses) > 1:
            continue
        full = len([c for c in chosen if not c[2]]) >= GUIDE_MAX_RESULTS
        near_full = len([c for c in chosen if c[2]]) >= GUIDE_MAX_NEAR
        if (not misses and not full) or (misses and not near_full):
            chosen.append((pk, reasons, misses))
        if full and near_full:
            break
    pages = ApproachPage.objects.in_bulk([pk for pk, _r, _m in chosen])
    for pk, reasons, misses in chosen:
        approach = pages[pk]
        match = GuideMatch(approach, reasons, misses, _role_note(approach, role) if role else "")
        (result.near if misses else result.matches).append(match)
    return result


# --- Compare -----------------------------------------------------------------------------------

COMPARE_MIN = 2
COMPARE_MAX = 3


@dataclass
class Comparison:
    approaches: list[ApproachPage]
    problems: list[str]
    # One row per paying party that occurs in any of them: a cell per approach (None: not given).
    cost_rows: list[tuple[Option, list[Any]]]

    @property
    def complete(self) -> bool:
        return len(self.approaches) >= COMPARE_MIN


def approach_comparison(*, index: Any, params: Any) -> Comparison:
    """Two or three live approaches side by side, in the order asked; bad input is reported."""
    problems: list[str] = []
    slugs: list[str] = []
    for raw in params.getlist("aanpak")[:20]:
        slug = raw.strip()
        if slug and slug not in slugs:
            slugs.append(slug)
    if len(slugs) > COMPARE_MAX:
        problems.append(
            _("You can compare at most %(max)s approaches; we show the first %(max)s.")
            % {"max": COMPARE_MAX}
        )
        slugs = slugs[:COMPARE_MAX]
    found = {
        page.slug: page
        for page in ApproachPage.objects.live()
        .public()
        .descendant_of(index)
        .filter(slug__in=slugs)
        .prefetch_related("themes", "employee_groups", "employer_sizes", "sectors")
        .select_related("consortium")
    }
    missing = [slug for slug in slugs if slug not in found]
    if missing:
        problems.append(
            _("Not found, so left out: %(slugs)s.")
            % {"slugs": ", ".join(slug[:60] for slug in missing)}
        )
    approaches = [found[slug] for slug in slugs if slug in found]
    if len(approaches) < COMPARE_MIN:
        problems.append(_("Choose at least two approaches to compare."))
    per_approach = [
        {
            block.value["party"]: block.value
            for block in approach.costs_and_benefits
            if block.block_type == "party"
        }
        for approach in approaches
    ]
    cost_rows = [
        (Option(value, str(label)), [costs.get(value) for costs in per_approach])
        for value, label in PayingParty.choices
        if any(value in costs for costs in per_approach)
    ]
    return Comparison(approaches=approaches, problems=problems, cost_rows=cost_rows)


# --- Consortium drafts and the editorial workflow ----------------------------------------------


@dataclass
class ReviewStep:
    task: str
    status: str  # Wagtail's TaskState status: in_progress, approved, rejected, cancelled
    status_label: str
    comment: str
    at: Any


@dataclass
class ApproachRow:
    approach: ApproachPage
    title: str  # of the latest revision
    status: str  # draft, in_review, needs_changes, published, published_with_changes
    status_label: str
    current_task: str
    history: list[ReviewStep]

    @property
    def editable(self) -> bool:
        return self.status != "in_review"

    @property
    def submittable(self) -> bool:
        return self.status in ("draft", "needs_changes", "published_with_changes")


_STATUS_LABELS = {
    "draft": gettext_lazy("Draft"),
    "in_review": gettext_lazy("Being reviewed"),
    "needs_changes": gettext_lazy("Returned for changes"),
    "published": gettext_lazy("Published"),
    "published_with_changes": gettext_lazy("Published; changes not yet submitted"),
}
_TASK_STATUS_LABELS = {
    "in_progress": gettext_lazy("waiting"),
    "approved": gettext_lazy("approved"),
    "rejected": gettext_lazy("changes requested"),
    "cancelled": gettext_lazy("cancelled"),
}


def _review_history(approach: ApproachPage) -> list[ReviewStep]:
    """Every workflow step of the approach, newest first; reviewers stay unnamed (the panel's
    members may not want their name attached), their comments are shown."""
    from wagtail.models import TaskState

    states = (
        TaskState.objects.filter(
            workflow_state__object_id=str(approach.pk),
            workflow_state__base_content_type_id=approach.get_base_content_type().pk,
        )
        .select_related("task")
        .order_by("-started_at", "-pk")
    )
    return [
        ReviewStep(
            task=state.task.name,
            status=state.status,
            status_label=str(_TASK_STATUS_LABELS.get(state.status, state.status)),
            comment=state.comment,
            at=state.finished_at or state.started_at,
        )
        for state in states
    ]


def approach_row(approach: ApproachPage) -> ApproachRow:
    from wagtail.models import WorkflowState

    state = approach.current_workflow_state
    current_task = ""
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        status = "in_review"
        current_task = state.current_task_state.task.name if state.current_task_state else ""
    elif state is not None:
        status = "needs_changes"
        current_task = state.current_task_state.task.name if state.current_task_state else ""
    elif approach.live:
        status = "published_with_changes" if approach.has_unpublished_changes else "published"
    else:
        status = "draft"
    return ApproachRow(
        approach=approach,
        title=approach.draft_title or approach.title,
        status=status,
        status_label=str(_STATUS_LABELS[status]),
        current_task=current_task,
        history=_review_history(approach),
    )


def consortium_approaches_for(*, consortium: Any) -> list[ApproachRow]:
    """The consortium's approaches, drafts included, with where each is in the workflow."""
    approaches = ApproachPage.objects.filter(consortium=consortium).order_by("title")
    return [approach_row(approach) for approach in approaches]


def consortium_approach_get(*, consortium: Any, page_id: int) -> ApproachPage:
    """One approach of the consortium; Http404 for any other (another consortium's too)."""
    from django.http import Http404

    approach = ApproachPage.objects.filter(consortium=consortium, pk=page_id).first()
    if approach is None:
        raise Http404
    return approach


# --- Behind the average -------------------------------------------------------------------------


@dataclass
class ResultRow:
    setting: str
    source: str
    started: str  # a count, or "< 5"
    placed: str
    placed_percent: int | None  # None when either count is suppressed
    sustained: str
    sustained_percent: int | None


@dataclass
class ResultGroup:
    dimension: str
    label: str
    rows: list[ResultRow]


def _count(value: int | None) -> str:
    from toolbox.models import SMALL_NUMBER

    if value is None:
        return "–"
    return f"< {SMALL_NUMBER}" if value < SMALL_NUMBER else str(value)


def _percent(part: int | None, whole: int) -> int | None:
    from toolbox.models import SMALL_NUMBER

    if part is None or part < SMALL_NUMBER or whole < SMALL_NUMBER:
        return None
    return round(100 * part / whole)


def approach_results(*, approach: ApproachPage) -> list[ResultGroup]:
    """The results per setting, grouped by what they vary by, with small counts suppressed.

    Public page: a count below 5 shows as "< 5" and no percentage is derived from it.
    """
    from toolbox.models import ResultBlock

    labels = dict(ResultBlock.base_blocks["dimension"].field.choices)
    groups: dict[str, ResultGroup] = {}
    for block in approach.results_by_setting:
        value = block.value
        group = groups.setdefault(
            value["dimension"],
            ResultGroup(value["dimension"], str(labels.get(value["dimension"], "")), []),
        )
        started = value["started"]
        group.rows.append(
            ResultRow(
                setting=value["setting"],
                source=value["source"],
                started=_count(started),
                placed=_count(value["placed"]) if started >= 5 else "–",
                placed_percent=_percent(value["placed"], started),
                sustained=_count(value["sustained"]) if started >= 5 else "–",
                sustained_percent=_percent(value["sustained"], started),
            )
        )
    return list(groups.values())


def panel_check_date(*, approach: ApproachPage) -> Any:
    """When the experience-expert panel approved this very summary in the editorial workflow.

    The panel's approval counts only for the summary it saw: the revision it approved must have
    the summary the page shows now. Without such an approval, the date an editor recorded
    (summary_checked_by_panel_on) is shown, or nothing.
    """
    from wagtail.models import TaskState

    from toolbox.workflow import PANEL_TASK

    approvals = (
        TaskState.objects.filter(
            workflow_state__object_id=str(approach.pk),
            workflow_state__base_content_type_id=approach.get_base_content_type().pk,
            task__name=PANEL_TASK,
            status=TaskState.STATUS_APPROVED,
        )
        .select_related("revision")
        .order_by("-finished_at")
    )
    for approval in approvals:
        if approval.revision and approval.revision.content.get("summary") == approach.summary:
            return approval.finished_at.date() if approval.finished_at else None
    return approach.summary_checked_by_panel_on


def dashboard_tasks(viewer: Any) -> list[Any]:
    """Start-page tasks: workflow steps waiting for the viewer's group, and the viewer's
    consortia's drafts that a step returned for changes."""
    from django.urls import reverse
    from django.utils.translation import gettext as _
    from wagtail.models import TaskState, WorkflowState

    from accounts import permissions
    from accounts.models import Consortium
    from accounts.selectors import Task

    tasks: list[Any] = []
    if not getattr(viewer, "is_authenticated", False):
        return tasks
    group_ids = list(viewer.groups.values_list("pk", flat=True))
    waiting = (
        TaskState.objects.filter(
            status=TaskState.STATUS_IN_PROGRESS,
            task__groupapprovaltask__groups__in=group_ids,
            workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("task", "workflow_state")
        .distinct()
    )
    pages = ApproachPage.objects.in_bulk([int(state.workflow_state.object_id) for state in waiting])
    for state in waiting:
        page = pages.get(int(state.workflow_state.object_id))
        if page is not None:
            tasks.append(
                Task(
                    _("Review “%(title)s” (%(step)s).")
                    % {"title": page.draft_title or page.title, "step": state.task.name},
                    reverse("wagtailadmin_pages:edit", args=[page.pk]),
                    urgent=True,
                )
            )
    authored = [
        pk
        for pk, role in permissions.consortium_roles(viewer).items()
        if role in permissions.APPROACH_AUTHOR_ROLES
    ]
    returned = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_NEEDS_CHANGES,
        object_id__in=[
            str(pk)
            for pk in ApproachPage.objects.filter(consortium_id__in=authored).values_list(
                "pk", flat=True
            )
        ],
    )
    slugs = dict(Consortium.objects.filter(pk__in=authored).values_list("pk", "slug"))
    returned_pages = ApproachPage.objects.in_bulk([int(s.object_id) for s in returned])
    for workflow_state in returned:
        page = returned_pages.get(int(workflow_state.object_id))
        if page is not None and page.consortium_id in slugs:
            tasks.append(
                Task(
                    _("“%(title)s” came back with a question: change it and submit it again.")
                    % {"title": page.draft_title or page.title},
                    reverse("toolbox:consortium_approaches", args=[slugs[page.consortium_id]]),
                    urgent=True,
                )
            )
    return tasks
