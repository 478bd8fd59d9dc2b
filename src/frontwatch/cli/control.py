"""``frontwatch control import|area|settlements|build-outlines``: territorial control."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

from frontwatch.cli.app import app, eval_app, parse_date_option

control_app = typer.Typer(
    help="Territorial control: import control maps, measure areas, settlement control.",
    no_args_is_help=True,
)
app.add_typer(control_app, name="control")

DbOption = typer.Option(None, "--db", help="Database URL or SQLite path (default: FRONTWATCH_DB or the user data file).")
FormatOption = typer.Option("table", "--format", help="table or json.")



def _print_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, ensure_ascii=False, indent=2, default=str))


@control_app.command("import")
def import_command(
    files: list[Path] = typer.Argument(..., help="GeoJSON (.geojson/.json, optionally .gz), KML, or settlement-list CSV files."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the map (YYYY-MM-DD); default: from each file name."),
    rules: Optional[Path] = typer.Option(None, "--rules", help="JSON/TOML label rules for a publisher other than DeepStateMap."),
    publisher: Optional[str] = typer.Option(None, "--publisher", help="Publisher name; default: rules file, else the file name before the date."),
    db: Optional[str] = DbOption,
) -> None:
    """Import control-of-terrain polygons (or settlement lists) as dated snapshots.

    Files of the same publisher and day are merged into one snapshot; re-importing a day
    replaces it. CSV files with Name, Held by, Lat, Lon columns are settlement lists.

    Example: frontwatch control import ../shared/eval/control/deepstate/deepstate-2022-09-0*.geojson.gz
    """
    from frontwatch.analysis import control
    from frontwatch.analysis.areas import snapshot_areas
    from frontwatch.store.db import session_scope

    label_rules, rules_publisher = (control.DEFAULT_RULES, "")
    if rules is not None:
        try:
            label_rules, rules_publisher = control.load_rules(rules)
        except (OSError, ValueError, KeyError) as exc:
            raise typer.BadParameter(str(exc), param_hint="--rules") from None
    forced_date = parse_date_option(date, "--date")
    console = Console()
    groups: dict[tuple[dt.date, str], list[Path]] = defaultdict(list)
    lists: list[tuple[Path, dt.date]] = []
    for path in files:
        day = forced_date or control.date_from_filename(path)
        if not path.exists() or day is None:
            reason = "no such file" if not path.exists() else "no date (use --date)"
            console.print(f"[yellow]skipped {path}: {reason}[/yellow]")
            continue
        if path.suffix.lower() == ".csv":
            lists.append((path, day))
        else:
            name = publisher or rules_publisher or control.publisher_from_filename(path)
            groups[(day, name)].append(path)
    with session_scope(db) as session:
        for path, day in lists:
            warnings: list[str] = []
            entries = control.read_settlement_list(path, warnings)
            control.save_settlement_list(session, entries, day, path.stem)
            console.print(f"{day} list {path.stem}: {len(entries)} settlements matched, {len(warnings)} rows skipped")
        for (day, name), paths in sorted(groups.items()):
            snapshot = control.read_snapshot(paths, day, name, label_rules)
            control.save_snapshot(session, snapshot)
            figures = snapshot_areas(snapshot)
            console.print(
                f"{day} {name}: occupied {figures['occupied_km2']:,.0f} km², contested "
                f"{figures['contested_km2']:,.0f} km², layers {sorted(snapshot.layers)}"
            )
            for warning in snapshot.warnings:
                console.print(f"  [yellow]warning:[/yellow] {warning}")


@control_app.command("area")
def area_command(
    date: Optional[str] = typer.Option(None, "--date", help="One date: areas held."),
    date_from: Optional[str] = typer.Option(None, "--from", help="Start of a change interval."),
    date_to: Optional[str] = typer.Option(None, "--to", help="End of a change interval."),
    output_format: str = FormatOption,
    out: Optional[Path] = typer.Option(None, "--out", help="Write the ground that changed hands (or, with --date, the layers) as GeoJSON."),
    publisher: Optional[str] = typer.Option(None, "--publisher", help="Use this publisher's maps only."),
    db: Optional[str] = DbOption,
) -> None:
    """Occupied and contested area on a date, or its change between two dates, in km².

    Figures come from imported maps (equal-area projection) and from the settlement control
    model (Voronoi cells of settlements whose controller changed, with the events behind it).

    Examples: frontwatch control area --date 2022-09-06 --format json
              frontwatch control area --from 2022-09-06 --to 2022-09-11 --out changed.geojson
    """
    from frontwatch.analysis.areas import area_report, change_report
    from frontwatch.store.db import session_scope

    one = parse_date_option(date, "--date")
    start, end = parse_date_option(date_from, "--from"), parse_date_option(date_to, "--to")
    if (one is None) == (start is None or end is None):
        raise typer.BadParameter("give either --date D or both --from D1 --to D2")
    with session_scope(db) as session:
        report, geojson = area_report(session, one, publisher) if one else change_report(session, start, end, publisher)
    if out is not None:
        out.write_text(json.dumps(geojson, ensure_ascii=False), encoding="utf-8")
    if output_format == "json":
        _print_json(report)
        return
    _print_area_report(report, out)


def _print_area_report(report: dict[str, Any], out: Path | None) -> None:
    console = Console(highlight=False, soft_wrap=True)
    maps = report.get("map")
    if maps:
        dates = maps.get("snapshot_date") or " → ".join(maps["snapshot_dates"])
        table = Table(title=f"Map {maps['publisher']} ({dates})")
        table.add_column("figure")
        table.add_column("km²", justify="right")
        for key, value in maps["figures"].items():
            table.add_row(key.removesuffix("_km2"), f"{value:,.0f}")
        console.print(table)
    else:
        console.print("[yellow]No imported map covers these dates (frontwatch control import FILE…).[/yellow]")
    _print_model_change(console, report)
    if out is not None:
        console.print(f"GeoJSON written to {out}")


def _print_model_change(console: Console, report: dict[str, Any]) -> None:
    """The settlement model's figures, then each change with the events behind it."""
    from frontwatch.analysis.areas import has_event_evidence

    model = report["settlement_model"]
    figures = model["figures"]
    rows = model.get("settlements")
    if rows is None:  # one date: areas held
        console.print(f"Settlement model ({model['method']}): " + ", ".join(
            f"{k.removesuffix('_km2')} {v:,.0f} km²" for k, v in figures.items()))
        return
    console.print(f"Settlement model, {report['from']} → {report['to']} ({model['method']}):")
    console.print(
        f"  changed hands {figures['changed_km2']:,.0f} km² in {len(rows)} settlement cells (to UA "
        f"{figures['to_UA_km2']:,.0f}, to RU {figures['to_RU_km2']:,.0f}, contested {figures['to_contested_km2']:,.0f}, "
        f"unknown {figures['to_unknown_km2']:,.0f}); Russian-held change {figures['ru_held_change_km2']:+,.0f} km²"
    )
    backed = [r for r in rows if has_event_evidence(r)]
    console.print(f"  backed by reported events: {figures['event_supported_km2']:,.0f} km² ({len(backed)} settlements)")
    for row in backed:
        console.print(f"  {row['name']}: {row['from']} → {row['to']}, cell {row['cell_km2']:,.0f} km²", markup=False)
        for step in row["steps"]:
            for evidence in step["evidence"]:
                if evidence.get("event_id"):
                    console.print(
                        f"      {evidence.get('date') or step['date']} → {step['controller']:<9} {evidence.get('type', '')} "
                        f"(p={evidence.get('probability', 1):.2f}) {evidence.get('source') or '?'}: "
                        f"\"{evidence.get('text', '').strip()}\" [{evidence['event_id']}]", markup=False)
    rest = [r for r in rows if not has_event_evidence(r)]
    if rest:
        largest = ", ".join(f"{r['name']} {r['cell_km2']:,.0f}" for r in rest[:5])
        console.print(f"  from maps/lists only: {len(rest)} settlements, {sum(r['cell_km2'] for r in rest):,.0f} km² "
                      f"(largest cells: {largest}; --format json lists all)", markup=False)
    if report.get("map") is None:
        console.print("  Events alone cover only the settlements the reports name: a lower bound of the ground "
                      "that changed hands.")


@control_app.command("settlements")
def settlements_command(
    date: str = typer.Option(..., "--date", help="Date (YYYY-MM-DD)."),
    window: int = typer.Option(7, "--window", help="Also list settlements whose controller changed in this many days up to --date."),
    output_format: str = FormatOption,
    db: Optional[str] = DbOption,
) -> None:
    """Who controls each settlement on a date: counts, recent changes and their evidence.

    The model (maps, settlement lists and asserted capture/withdrawal events) is saved to the
    store as it is computed.

    Example: frontwatch control settlements --date 2022-09-12 --format json
    """
    from frontwatch.analysis import control
    from frontwatch.store.db import session_scope

    day = parse_date_option(date, "--date")
    with session_scope(db) as session:
        series = control.model_series(session)
        control.save_model_series(session, series)
    counts = Counter(item.controller_at(day) for item in series.values())
    changed = control.changed_between(series, day - dt.timedelta(days=window), day)
    rows = [
        {
            "geonameid": item.settlement.geonameid, "name": item.settlement.name,
            "lat": item.settlement.lat, "lon": item.settlement.lon,
            "from": before, "to": after, "date": change.date.isoformat(),
            "basis": change.basis, "probability": change.probability, "evidence": change.evidence,
        }
        for item, before, after, change in sorted(changed, key=lambda c: c[0].settlement.name)
    ]
    payload = {"date": day.isoformat(), "counts": dict(counts), "changed": rows}
    if output_format == "json":
        _print_json(payload)
        return
    console = Console()
    console.print(f"Settlements on {day}: " + ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    table = Table(title=f"Changes in the {window} days up to {day}")
    for column in ("settlement", "from", "to", "date", "basis", "evidence"):
        table.add_column(column)
    for row in rows:
        evidence = "; ".join(str(e.get("event_id") or e.get("snapshot") or e.get("list")) for e in row["evidence"][:3])
        table.add_row(row["name"], row["from"], row["to"], row["date"], row["basis"], evidence)
    console.print(table)


@control_app.command("build-outlines")
def build_outlines_command(
    world_atlas: Path = typer.Option(..., "--world-atlas", help="countries-10m.json from the npm package world-atlas@2.0.2."),
) -> None:
    """(Re)build the country and oblast outline files shipped in frontwatch/data/outlines.

    Example: npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz &&
             frontwatch control build-outlines --world-atlas package/countries-10m.json
    """
    from frontwatch.analysis import control, geo

    settlements = [(s.lon, s.lat, s.admin1_code) for s in control.ua_settlements()]
    for name, km2 in geo.build_outlines(world_atlas, settlements).items():
        typer.echo(f"{name}: {km2:,.0f} km²")


@eval_app.command("control")
def eval_control_command(
    shared: Path = typer.Option(Path("../shared/eval/control"), "--data", help="The shared control data folder."),
    output_format: str = FormatOption,
) -> None:
    """Settlement-model area change for the Kharkiv counteroffensive vs DeepStateMap and Liveuamap.

    Example: frontwatch eval control --data ../shared/eval/control
    """
    from frontwatch.evaluation.control import evaluate_kharkiv_window

    result = evaluate_kharkiv_window(shared)
    if output_format == "json":
        _print_json(result)
        return
    for row in result["rows"]:
        typer.echo(
            f"{row['method']:<55} {row['start']}→{row['end']}: {row['ru_held_change_km2']:>9,.0f} km²"
            + (f"  error vs DeepState {row['error_pct']:+.1f} %" if row.get("error_pct") is not None else "")
        )
