"""``frontwatch claims``: who said what, from the store, grouped by source."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Optional

import typer
from sqlalchemy import select
from sqlalchemy.orm import Session

from frontwatch.cli.app import app, parse_date_option
from frontwatch.models import Certainty
from frontwatch.nlp import sources as sources_mod
from frontwatch.nlp.attribution import describe_certainty
from frontwatch.store.schema import ClaimRow, ReportRow


def source_ids_for(query: str) -> set[str]:
    """A user's source name ("ISW", "the MoD", "isw") → the source ids to match."""
    ids = {query, sources_mod.slugify(query)}
    found = sources_mod.lookup(query)
    if found is not None:
        ids.add(found.id)
    return ids


def query_claims(
    session: Session, source: str | None = None, stance: str | None = None,
    since: dt.date | None = None, until: dt.date | None = None,
) -> list[dict[str, Any]]:
    """Stored claims (full records plus report id and date), oldest report first."""
    stmt = select(ClaimRow, ReportRow.published).join(ReportRow, ClaimRow.report_id == ReportRow.id)
    if source:
        stmt = stmt.where(ClaimRow.source.in_(source_ids_for(source)))
    if stance:
        stmt = stmt.where(ClaimRow.stance == stance)
    if since:
        stmt = stmt.where(ReportRow.published >= since)
    if until:
        stmt = stmt.where(ReportRow.published <= until)
    stmt = stmt.order_by(ReportRow.published, ClaimRow.report_id, ClaimRow.start)
    out = []
    for row, published in session.execute(stmt):
        record = dict(row.data or {})
        record.setdefault("id", row.id)
        record.update(report_id=row.report_id, published=published.isoformat(),
                      source=row.source, stance=row.stance, text=row.text)
        out.append(record)
    return out


def format_claims(claims: list[dict[str, Any]]) -> str:
    """Claims grouped by source: one line per claim with its band and stance."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        groups.setdefault(claim["source"], []).append(claim)
    lines = []
    for source_id, group in groups.items():
        name = group[0].get("source_name") or source_id
        lines.append(f"{name} [{source_id}] — {len(group)} claim(s)")
        for claim in group:
            cert = Certainty(**{k: v for k, v in (claim.get("certainty") or {}).items()
                                if k in Certainty.__dataclass_fields__})
            quote = " (quote)" if claim.get("is_quote") else ""
            cue = f" cue «{claim['cue']}»" if claim.get("cue") else ""
            lines.append(f"  {claim['published']}  \"{claim['text']}\"")
            lines.append(f"      {describe_certainty(cert)}; {claim['stance']}{cue}{quote}"
                         + (f"; rejects {claim['target_claim']}" if claim.get("target_claim")
                            else ""))
    return "\n".join(lines) if lines else "no claims match"



@app.command("claims")
def claims_command(
    source: Optional[str] = typer.Option(None, "--source", help="Source id or name (ISW, MoD)."),
    stance: Optional[str] = typer.Option(
        None, "--stance", help="asserted, negated, reported, disputed or dismissed."),
    since: Optional[str] = typer.Option(None, "--since", help="Reports published on/after."),
    until: Optional[str] = typer.Option(None, "--until", help="Reports published on/before."),
    output_format: str = typer.Option("text", "--format", help="text or json."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL (default FRONTWATCH_DB)."),
) -> None:
    """List stored claims grouped by source, with probability band and stance.

    Example: frontwatch claims --source ISW --since 2022-09-01 --format json
    """
    from frontwatch.store.db import session_scope

    start, end = parse_date_option(since, "--since"), parse_date_option(until, "--until")
    with session_scope(db) as session:
        found = query_claims(session, source, stance, start, end)
    typer.echo(json.dumps(found, indent=2, ensure_ascii=False) if output_format == "json"
               else format_claims(found))
