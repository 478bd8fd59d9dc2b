"""Property-based API test: schemathesis generates requests from /openapi.json; none may 5xx."""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from test_api import build_sample_store

from frontwatch.outputs.api import create_app


@pytest.fixture(scope="session")
def api_schema(tmp_path_factory):
    app = create_app(build_sample_store(tmp_path_factory.getbasetemp()), tiles=None)
    return schemathesis.openapi.from_asgi("/openapi.json", app)


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(max_examples=12, deadline=None, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case):
    case.call_and_validate(checks=[not_a_server_error])
