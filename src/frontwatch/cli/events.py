"""``frontwatch events``: query stored events; ``frontwatch events merge``: merge across reports.

Layout: ``frontwatch events [filters]`` lists (the group's default action) and
``frontwatch events merge`` recomputes which events in different reports are the same event.
Listings hide events merged into another one (the canonical event carries the count of
independent sources) and events the text does not assert, unless asked.
"""

from __future__ import annotations

import datetime as dt
import json
from enum import Enum
from typing import Any, Optional

import typer
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from frontwatch.cli.app import app, parse_date_option
from frontwatch.nlp.event_types import EVENT_TYPES
from frontwatch.store.event_merges import EventMergeRow
from frontwatch.store.schema import EventRow

events_app = typer.Typer(invoke_without_command=True, no_args_is_help=False,
                         help="Query conflict events in the store; 'merge' joins the same event across reports.\n\nExample: frontwatch events --type capture --side UA --since 2022-09-06 --format json")
app.add_typer(events_app, name="events")

DB_OPTION = typer.Option(None, "--db", help="Database URL or SQLite path (default: $FRONTWATCH_DB or the user data file).")


class OutputFormat(str, Enum):
    text = "text"
    json = "json"



def select_events(session: Session, *, type_: str | None = None, side: str | None = None,
                  place: str | None = None, since: dt.date | None = None,
                  until: dt.date | None = None, include_unasserted: bool = False,
                  include_merged: bool = False) -> list[EventRow]:
    """Stored events matching the filters, by date then id.

    ``side`` matches either initiator or target; ``place`` is a case-insensitive substring of
    the place name; ``since``/``until`` keep events whose date range overlaps them.
    """
    query = select(EventRow)
    if type_:
        query = query.where(EventRow.type == type_)
    if side:
        query = query.where(or_(EventRow.initiator_side == side, EventRow.target_side == side))
    if place:
        query = query.where(EventRow.place_name.ilike(f"%{place}%"))
    if since:
        query = query.where(or_(EventRow.date_end >= since, EventRow.date_start >= since))
    if until:
        query = query.where(EventRow.date_start <= until)
    if not include_unasserted:
        query = query.where(EventRow.asserted.is_(True))
    if not include_merged:
        query = query.where(EventRow.merged_into.is_(None))
    return list(session.scalars(query.order_by(EventRow.date_start, EventRow.id)))


def event_payload(row: EventRow, merge: EventMergeRow | None) -> dict[str, Any]:
    """The public JSON shape of one event, with the ACLED and VIINA join columns."""
    data = row.data or {}
    return {
        "id": row.id, "report_id": row.report_id, "type": row.type,
        "date_start": row.date_start.isoformat() if row.date_start else None,
        "date_end": row.date_end.isoformat() if row.date_end else None,
        "time_from": data.get("time_from"),
        "initiator_side": row.initiator_side, "initiator": data.get("initiator", ""),
        "target_side": row.target_side, "target": data.get("target", ""),
        "place": row.place_name, "geonameid": row.geonameid, "lat": row.lat, "lon": row.lon,
        "place_from": data.get("place_from"), "source": row.source,
        "stance": data.get("stance"), "asserted": row.asserted, "modality": data.get("modality"),
        "certainty": (data.get("certainty") or {}).get("term", ""),
        "quantities": [{"text": q.get("text"), "value": q.get("value"), "unit": q.get("unit")}
                       for q in data.get("quantities", [])],
        "trigger": data.get("trigger", ""), "text": row.text,
        "acled_event_type": row.acled_event_type, "acled_sub_event_type": row.acled_sub_event_type,
        "viina": [v for v in (row.viina or "").split(",") if v],
        "merged_into": row.merged_into,
        "n_reports": merge.n_reports if merge else 1,
        "n_sources": merge.n_sources if merge else 1,
        "report_ids": merge.report_ids if merge else [row.report_id],
    }


def _text_line(event: dict[str, Any]) -> str:
    sides = f"{event['initiator_side']}→{event['target_side']}"
    when = event["date_start"] or "?"
    if event["date_end"] and event["date_end"] != event["date_start"]:
        when += f"/{event['date_end']}"
    flags = "" if event["asserted"] else f" [{event['modality']}, {event['stance']}]"
    sources = f" sources={event['n_sources']}" if event["n_sources"] > 1 else ""
    return (f"{when}  {event['type']:<22} {sides:<12} {event['place'] or '-':<20} "
            f"{event['source']}{sources}{flags}  | {event['acled_sub_event_type']} | "
            f"{','.join(event['viina'])} | {event['trigger']}")


@events_app.callback()
def events_command(
    ctx: typer.Context,
    type_: Optional[str] = typer.Option(None, "--type", help=f"Event type: {', '.join(EVENT_TYPES)}."),
    side: Optional[str] = typer.Option(None, "--side", help="UA, RU, other or unknown (initiator or target)."),
    place: Optional[str] = typer.Option(None, "--place", help="Place name (substring, case-insensitive)."),
    since: Optional[str] = typer.Option(None, "--since", help="Events on or after YYYY-MM-DD."),
    until: Optional[str] = typer.Option(None, "--until", help="Events on or before YYYY-MM-DD."),
    include_unasserted: bool = typer.Option(False, "--all", help="Include negated, dismissed and future events."),
    include_merged: bool = typer.Option(False, "--duplicates", help="Include events merged into another one."),
    output_format: OutputFormat = typer.Option(OutputFormat.text, "--format", help="text or json."),
    db: Optional[str] = DB_OPTION,
) -> None:
    """List stored events, with ACLED and VIINA columns for joins.

    Example: frontwatch events --type capture --side UA --since 2022-09-06 --format json
    """
    if ctx.invoked_subcommand is not None:
        return
    if type_ is not None and type_ not in EVENT_TYPES:
        raise typer.BadParameter(f"unknown type {type_!r}; one of {', '.join(EVENT_TYPES)}", param_hint="--type")
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        rows = select_events(session, type_=type_, side=side, place=place,
                             since=parse_date_option(since, "--since"), until=parse_date_option(until, "--until"),
                             include_unasserted=include_unasserted, include_merged=include_merged)
        merges = {m.canonical_id: m for m in session.scalars(select(EventMergeRow))}
        payload = [event_payload(r, merges.get(r.id)) for r in rows]
    if output_format is OutputFormat.json:
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not payload:
        typer.echo("no events match")
    for event in payload:
        typer.echo(_text_line(event))


@events_app.command("merge")
def merge_command(db: Optional[str] = DB_OPTION) -> None:
    """Merge the same event reported by several reports (same type, place, date ±1 day, sides).

    Idempotent: every run recomputes all merges.

    Example: frontwatch events merge --db frontwatch.db
    """
    from frontwatch.analysis.merge import merge_events
    from frontwatch.store.db import session_scope

    with session_scope(db) as session:
        summary = merge_events(session)
    typer.echo(f"{summary.events} asserted events, {summary.clusters} reported by several "
               f"reports, {summary.merged} merged into a canonical event")
