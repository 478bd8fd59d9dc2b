"""Ingest: read reports from files, directories, URLs, feeds and stdin; dedup; store."""

from frontwatch.ingest.draft import Overrides, ReadReport
from frontwatch.ingest.errors import IngestError
from frontwatch.ingest.run import IngestSummary, ingest
from frontwatch.ingest.sources import read_inputs

__all__ = ["IngestError", "IngestSummary", "Overrides", "ReadReport", "ingest", "read_inputs"]
