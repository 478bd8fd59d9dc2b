"""The JSON API and the dashboard, served by one FastAPI application.

``create_app(db, ingest_token)`` builds the app for one store. Every endpoint is read-only
except ``POST /api/ingest``, which exists only in effect when the server was started with an
ingest token: without one it answers 403, without the right ``Authorization: Bearer`` header
401/403. Parameters are validated by their declared types (FastAPI answers 422 with the
offending parameter named); checks FastAPI cannot express (bounding boxes, date ranges, search
words) raise ``BadRequest`` → 400 with a message. Anything else that goes wrong is logged and
answered with a plain 500 — a last resort, which the schemathesis test keeps unused.

Slow corpus computations (the settlement control model, cross-checks, the brief) are cached
per store state: the cache key includes a fingerprint of the store (row counts and the latest
ingest time), so new reports invalidate it without any bookkeeping by the writers.
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi import Path as PathParam
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, PlainTextResponse
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, Field
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from frontwatch.outputs import queries
from frontwatch.store.db import session_scope

log = logging.getLogger("frontwatch.api")
WEB_DIR = Path(__file__).resolve().parent / "web"
OUTLINES_DIR = Path(__file__).resolve().parents[1] / "data" / "outlines"
DEFAULT_TILES = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
MIN_DAY, MAX_DAY = dt.date(1900, 1, 1), dt.date(2200, 12, 31)
MAX_WINDOW_DAYS = 31
MAX_OFFSET = 10_000_000

Side = Literal["UA", "RU", "other", "unknown"]
Limit = Annotated[int, Query(ge=1, le=queries.MAX_LIMIT, description=f"Page size (1–{queries.MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip.")]
Since = Annotated[dt.date | None, Query(description="First date, inclusive (YYYY-MM-DD).")]
Until = Annotated[dt.date | None, Query(description="Last date, inclusive (YYYY-MM-DD).")]
SourceParam = Annotated[str | None, Query(max_length=200, description="Canonical source id, e.g. isw, uk_mod.")]
BBoxParam = Annotated[str | None, Query(max_length=200, description="west,south,east,north in degrees.")]
TypeParam = Annotated[str | None, Query(pattern=r"^[a-z_]{1,32}$", description="Event type, e.g. capture.")]


class BadRequest(Exception):
    """A request FastAPI's types let through but that makes no sense; answered with 400."""


class IngestReport(BaseModel):
    text: str = Field(min_length=1, max_length=1_000_000, description="The report's text.")
    date: dt.date = Field(description="Publication date.")
    source: str = Field("", max_length=200)
    title: str = Field("", max_length=1000)
    url: str = Field("", max_length=2000)


class IngestRequest(BaseModel):
    reports: list[IngestReport] = Field(min_length=1, max_length=100)


class ResultCache:
    """A small LRU of computed results, keyed by name, arguments and store fingerprint."""

    def __init__(self, size: int = 64):
        self.size, self.items, self.lock = size, OrderedDict(), threading.Lock()
        self.computing: dict[tuple, threading.Lock] = {}

    def get(self, key: tuple, compute: Callable[[], Any]) -> Any:
        """The cached value, computing it once even when several requests ask at the same time."""
        with self.lock:
            key_lock = self.computing.setdefault(key, threading.Lock())
        with key_lock:
            with self.lock:
                if key in self.items:
                    self.items.move_to_end(key)
                    return self.items[key]
            value = compute()
            with self.lock:
                self.items[key] = value
                self.computing.pop(key, None)
                while len(self.items) > self.size:
                    self.items.popitem(last=False)
        return value



def _found(record: dict[str, Any] | None, kind: str, record_id: str) -> dict[str, Any]:
    """The record, or a 404 that names what was asked for."""
    if record is None:
        raise HTTPException(404, f"no {kind} with id {record_id!r}")
    return record

def store_fingerprint(session: Session) -> tuple:
    """Changes whenever reports, control data, merges or forecast outcomes change."""
    from frontwatch.store.control_tables import ControlSnapshotRow, SettlementControlRow
    from frontwatch.store.event_merges import EventMergeRow
    from frontwatch.store.forecast_tables import ForecastOutcomeRow, ForecastOverrideRow
    from frontwatch.store.schema import EventRow, ReportRow

    reports = session.execute(select(func.count(), func.max(ReportRow.ingested_at))).one()
    counts = tuple(session.scalar(select(func.count()).select_from(t)) for t in (
        ControlSnapshotRow, SettlementControlRow, EventMergeRow, ForecastOutcomeRow, ForecastOverrideRow))
    merged = session.scalar(select(func.count()).select_from(EventRow).where(EventRow.merged_into.is_not(None)))
    return (reports[0], str(reports[1]), merged, *counts)


def leaflet_dir() -> Path | None:
    """Leaflet's dist files from the ``django-js-lib-leaflet`` wheel (its Django app module is
    never imported: only the package's data directory is used)."""
    try:
        path = Path(str(resources.files("js_lib_leaflet"))) / "static" / "js_lib_leaflet"
    except ModuleNotFoundError:
        return None
    return path if (path / "leaflet.js").is_file() else None


def checked_day(day: dt.date, name: str) -> dt.date:
    if not MIN_DAY <= day <= MAX_DAY:
        raise BadRequest(f"{name} must be between {MIN_DAY} and {MAX_DAY}")
    return day


def checked_range(since: dt.date | None, until: dt.date | None) -> None:
    if since and until and since > until:
        raise BadRequest("since must not be after until")


def parse_bbox(value: str | None) -> queries.BBox | None:
    if value is None:
        return None
    try:
        return queries.BBox.parse(value)
    except ValueError as exc:
        raise BadRequest(str(exc)) from exc


def get_session(request: Request) -> Iterator[Session]:
    """A session on the app's store for one request."""
    with session_scope(request.app.state.db) as session:
        yield session


SessionDep = Annotated[Session, Depends(get_session)]


def event_filter(since: Since = None, until: Until = None, source: SourceParam = None,
                 side: Annotated[Side | None, Query(description="Initiating side.")] = None,
                 type: TypeParam = None, bbox: BBoxParam = None,
                 report_id: Annotated[str | None, Query(max_length=64)] = None,
                 include_merged: Annotated[bool, Query(description="Also events merged into another.")] = False,
                 ) -> queries.EventFilter:
    checked_range(since, until)
    return queries.EventFilter(since, until, source, side, type, parse_bbox(bbox), report_id, include_merged)


Filter = Annotated[queries.EventFilter, Depends(event_filter)]


def create_app(db: str | None = None, ingest_token: str | None = None, tiles: str | None = DEFAULT_TILES,
               warm: bool = False) -> FastAPI:
    """The API and dashboard over the store at ``db``; ``warm`` precomputes the control model
    in the background so that the first page load does not pay for it."""
    app = FastAPI(
        title="frontwatch API",
        version="1",
        description="Reports, places, events, claims, forecasts, control and checks from the frontwatch store. "
                    "All endpoints are read-only except POST /api/ingest (needs the server's ingest token).",
    )
    cache = ResultCache()
    app.state.db = db

    def cached(session: Session, name: str, args: tuple, compute: Callable[[], Any]) -> Any:
        return cache.get((name, args, store_fingerprint(session)), compute)

    @app.exception_handler(BadRequest)
    async def bad_request(_request: Request, exc: BadRequest) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=400)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        return JSONResponse({"detail": "internal error (logged on the server)"}, status_code=500)

    @app.middleware("http")
    async def refuse_nul(request: Request, call_next):
        """NUL bytes are never meaningful in a query and PostgreSQL rejects them in text."""
        if "%00" in request.url.query or "\x00" in request.url.query:
            return JSONResponse({"detail": "query parameters must not contain NUL characters"}, status_code=400)
        return await call_next(request)

    if warm:
        def warm_up() -> None:
            try:
                with session_scope(db) as session:
                    cached(session, "control_series", (), lambda: queries.control_series(session))
            except Exception:  # warming is an optimisation; a failure shows up on first real use
                log.exception("warming the control model failed")

        threading.Thread(target=warm_up, name="frontwatch-warm", daemon=True).start()

    # ------------------------------------------------------------ metadata

    @app.get("/api/meta", tags=["meta"], summary="Store overview: dates, types, sources, settings")
    def meta(session: SessionDep) -> dict[str, Any]:
        from frontwatch.store.schema import EventRow, ReportRow

        first, last, n = session.execute(select(func.min(ReportRow.published), func.max(ReportRow.published),
                                                func.count())).one()
        types = [t for (t,) in session.execute(select(EventRow.type).distinct().order_by(EventRow.type))]
        return {"reports": n, "first_date": first.isoformat() if first else None,
                "last_date": last.isoformat() if last else None, "event_types": types,
                "tiles": tiles or None, "ingest": bool(ingest_token)}

    # ------------------------------------------------------------ reports

    @app.get("/api/reports", tags=["reports"], summary="Reports by date and source, or by full-text search")
    def reports(session: SessionDep, since: Since = None, until: Until = None, source: SourceParam = None,
                q: Annotated[str | None, Query(max_length=500, description="Full-text search words.")] = None,
                limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        checked_range(since, until)
        if q is not None:
            try:
                return queries.search_reports(session, q, limit, offset)
            except ValueError as exc:
                raise BadRequest(str(exc)) from exc
        return queries.list_reports(session, since, until, source, limit, offset)

    @app.get("/api/reports/{report_id}", tags=["reports"], summary="One report with its text")
    def report(session: SessionDep, report_id: Annotated[str, PathParam(max_length=64)]) -> dict[str, Any]:
        return _found(queries.get_report(session, report_id), "report", report_id)

    # ------------------------------------------------------------ places and events

    @app.get("/api/places", tags=["places"], summary="Resolved places with mention counts")
    def places(session: SessionDep, name: Annotated[str | None, Query(max_length=200)] = None,
               bbox: BBoxParam = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return queries.list_places(session, name, parse_bbox(bbox), limit, offset)

    @app.get("/api/events", tags=["events"], summary="Events with their evidence, filtered and paged")
    def events(session: SessionDep, where: Filter, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        return queries.list_events(session, where, limit, offset)

    @app.get("/api/events/grid", tags=["events"], summary="Located events counted per map grid cell")
    def events_grid(session: SessionDep, where: Filter,
                    zoom: Annotated[int, Query(ge=0, le=18, description="Map zoom level.")] = 6) -> dict[str, Any]:
        return queries.event_grid(session, where, zoom)

    @app.get("/api/events/timeline", tags=["events"], summary="Events per day and type")
    def events_timeline(session: SessionDep, where: Filter) -> list[dict[str, Any]]:
        return queries.events_per_day(session, where)

    @app.get("/api/events/{event_id}", tags=["events"], summary="One event with its evidence")
    def event(session: SessionDep, event_id: Annotated[str, PathParam(max_length=100)]) -> dict[str, Any]:
        return _found(queries.get_event(session, event_id), "event", event_id)

    # ------------------------------------------------------------ claims and forecasts

    @app.get("/api/claims", tags=["claims"], summary="Attributed claims with certainty and evidence")
    def claims(session: SessionDep, since: Since = None, until: Until = None, source: SourceParam = None,
               stance: Annotated[Literal["asserted", "negated", "reported", "disputed", "dismissed"] | None,
                                 Query()] = None,
               report_id: Annotated[str | None, Query(max_length=64)] = None,
               limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
        checked_range(since, until)
        return queries.list_claims(session, since, until, source, stance, report_id, limit, offset)

    @app.get("/api/claims/sources", tags=["claims"], summary="Claims per source and certainty band")
    def claim_sources(session: SessionDep, since: Since = None, until: Until = None) -> list[dict[str, Any]]:
        checked_range(since, until)
        return queries.claim_sources(session, since, until)

    @app.get("/api/forecasts", tags=["forecasts"], summary="Forecasts with outcomes, Brier scores and calibration")
    def forecasts(session: SessionDep, source: SourceParam = None,
                  outcome: Annotated[Literal["true", "false", "open"] | None, Query()] = None,
                  since: Since = None, until: Until = None) -> dict[str, Any]:
        checked_range(since, until)
        return queries.forecasts_with_scores(session, source, outcome, since, until)

    # ------------------------------------------------------------ control and checks

    @app.get("/api/control", tags=["control"], summary="Settlement control and area figures on a date")
    def control(session: SessionDep, date: Annotated[dt.date, Query(description="Day (YYYY-MM-DD).")],
                bbox: BBoxParam = None) -> dict[str, Any]:
        day, box = checked_day(date, "date"), parse_bbox(bbox)
        return cached(session, "control", (day, box), lambda: queries.control_on(session, day, box))

    @app.get("/api/control/series", tags=["control"], summary="Every known settlement's controller changes")
    def control_series(session: SessionDep) -> list[dict[str, Any]]:
        return cached(session, "control_series", (), lambda: queries.control_series(session))

    @app.get("/api/control/change", tags=["control"], summary="Ground that changed hands between two dates")
    def control_change(session: SessionDep, start: Annotated[dt.date, Query()],
                       end: Annotated[dt.date, Query()]) -> dict[str, Any]:
        checked_day(start, "start")
        checked_day(end, "end")
        if start > end:
            raise BadRequest("start must not be after end")
        return cached(session, "change", (start, end), lambda: queries.control_change(session, start, end))

    @app.get("/api/checks", tags=["checks"], summary="Cross-checks of claims (figures, dates, denials)")
    def checks(session: SessionDep, date: Annotated[dt.date | None, Query(description="Reports of this day.")] = None,
               verdict: Annotated[Literal["consistent", "inconsistent", "unverifiable"] | None, Query()] = None,
               ) -> list[dict[str, Any]]:
        from frontwatch.analysis.verify import verify

        day = checked_day(date, "date") if date else None
        results = cached(session, "checks", (day,), lambda: verify(session, day))
        return [r for r in results if verdict is None or r["verdict"] == verdict]

    @app.get("/api/brief", tags=["brief"], summary="The daily brief as JSON, Markdown or HTML",
             responses={200: {"content": {"text/markdown": {}, "text/html": {}}}})
    def brief(session: SessionDep, date: Annotated[dt.date, Query(description="Day of the brief.")],
              window: Annotated[int, Query(ge=0, le=MAX_WINDOW_DAYS, description="Days before the date.")] = 2,
              format: Annotated[Literal["json", "md", "html"], Query()] = "json") -> Any:
        from frontwatch.outputs import brief as briefing

        day = checked_day(date, "date")
        built = cached(session, "brief", (day, window, format == "html"),
                       lambda: briefing.build_brief(session, day, window, with_map=format == "html"))
        if format == "md":
            return PlainTextResponse(briefing.to_markdown(built), media_type="text/markdown")
        if format == "html":
            return HTMLResponse(briefing.to_html(built))
        return built.to_dict()

    # ------------------------------------------------------------ ingest

    @app.post("/api/ingest", tags=["ingest"], summary="Analyse and store reports (needs the ingest token)",
              responses={401: {"description": "No token given"}, 403: {"description": "Wrong token or ingest disabled"}})
    def ingest(body: IngestRequest, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        if not ingest_token:
            raise HTTPException(403, "ingest over HTTP is disabled; start the server with --ingest-token")
        if not authorization or not authorization.lower().startswith("bearer "):
            raise HTTPException(401, "send the ingest token as 'Authorization: Bearer TOKEN'",
                                headers={"WWW-Authenticate": "Bearer"})
        if not secrets.compare_digest(authorization[7:].strip().encode(), ingest_token.encode()):
            raise HTTPException(403, "wrong ingest token")
        return run_ingest(body, db)

    # ------------------------------------------------------------ the dashboard

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB_DIR / "index.html", media_type="text/html")

    app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    app.mount("/outlines", StaticFiles(directory=OUTLINES_DIR), name="outlines")
    leaflet = leaflet_dir()
    if leaflet is not None:
        app.mount("/vendor/leaflet", StaticFiles(directory=leaflet), name="leaflet")
    else:
        log.warning("django-js-lib-leaflet is not installed: the dashboard map will not load")
    return app


def run_ingest(body: IngestRequest, db: str | None) -> dict[str, Any]:
    """Reports from the request through the normal ingest path (dedup, analysis, store)."""
    from frontwatch.ingest import ingest
    from frontwatch.ingest.draft import Draft, Overrides, finish
    from frontwatch.ingest.errors import IngestError

    items: list[Any] = []
    for index, item in enumerate(body.reports):
        draft = Draft(text=item.text, published=item.date.isoformat(), source=item.source, title=item.title,
                      url=item.url, line=index + 1)
        try:
            items.append(finish(draft, "api", Overrides(), []))
        except IngestError as error:
            items.append(error)
    summary = ingest(items, db)
    return {"stored": summary.stored, "duplicates": summary.duplicates,
            "near_duplicates": summary.near_duplicates, "failed_analyses": summary.failed_analyses,
            "report_ids": summary.report_ids, "errors": [str(e) for e in summary.errors]}
