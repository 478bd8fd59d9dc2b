"""``frontwatch serve``: the JSON API and the web dashboard over the store."""

from __future__ import annotations

import os
from typing import Optional

import typer

from frontwatch.cli.app import app

TOKEN_ENV = "FRONTWATCH_INGEST_TOKEN"


@app.command("serve")
def serve_command(
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on."),
    port: int = typer.Option(8000, "--port", min=0, max=65535, help="Port to listen on."),
    db: Optional[str] = typer.Option(None, "--db", help="Database URL or SQLite path (default: FRONTWATCH_DB or the user data file)."),
    ingest_token: Optional[str] = typer.Option(
        None, "--ingest-token", envvar=TOKEN_ENV,
        help=f"Enable POST /api/ingest for requests carrying 'Authorization: Bearer TOKEN' (or set {TOKEN_ENV}).",
    ),
    tiles: str = typer.Option("osm", "--tiles", help="Online tile layer: osm, none, or a URL template with {z}/{x}/{y}."),
) -> None:
    """Serve the dashboard at / and the JSON API at /api (OpenAPI schema at /openapi.json).
    Read-only unless an ingest token is given.

    \b
    Example:
      frontwatch demo --db /tmp/demo.db && frontwatch serve --db /tmp/demo.db
      frontwatch serve --port 8080 --ingest-token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from frontwatch.outputs.api import DEFAULT_TILES, create_app

    tile_url = {"osm": DEFAULT_TILES, "none": None}.get(tiles, tiles)
    if tile_url and not all(part in tile_url for part in ("{z}", "{x}", "{y}")):
        raise typer.BadParameter("a tile URL needs {z}, {x} and {y}", param_hint="--tiles")
    if ingest_token is not None and len(ingest_token) < 8:
        raise typer.BadParameter("use a token of at least 8 characters", param_hint="--ingest-token")
    os.environ.pop(TOKEN_ENV, None)  # not inherited by anything the server starts
    application = create_app(db, ingest_token=ingest_token, tiles=tile_url, warm=True)
    typer.echo(f"frontwatch dashboard on http://{host}:{port}/ (ingest {'enabled' if ingest_token else 'disabled'})", err=True)
    uvicorn.run(application, host=host, port=port, log_level="info")
