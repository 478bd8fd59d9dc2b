"""analyze, ingest, reports, export, demo — owned by the spine issue."""
