"""Full-text search over report text on PostgreSQL (to_tsvector / ts_headline) through the API."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from conftest import SAMPLE_DIR

from frontwatch.outputs.api import create_app

pytestmark = pytest.mark.postgres


@pytest.fixture
def pg_client(pg_url):
    from frontwatch.ingest import ingest, read_inputs

    url = pg_url
    files = sorted((SAMPLE_DIR / "frontmatter").glob("*.md"))[:4]
    summary = ingest(read_inputs([str(f) for f in files]), url)
    assert summary.stored >= 3, summary.line()
    return TestClient(create_app(url, tiles=None))


def _words_of_a_report(client: TestClient) -> tuple[str, str]:
    """A report and a rare word of its text, to search for."""
    first = client.get("/api/reports", params={"limit": 1}).json()["items"][0]
    text = client.get(f"/api/reports/{first['id']}").json()["text"]
    words = sorted({w.strip(".,;:“”\"'()") for w in text.split() if len(w) > 7 and w.isalpha()}, key=len, reverse=True)
    return first["id"], words[0]


def test_search_on_postgres_through_the_api(pg_client):
    report_id, word = _words_of_a_report(pg_client)
    answer = pg_client.get("/api/reports", params={"q": word})
    assert answer.status_code == 200, answer.text
    found = answer.json()
    assert found["total"] >= 1 and report_id in [r["id"] for r in found["items"]]
    hit = next(r for r in found["items"] if r["id"] == report_id)
    matched = [s["text"].lower() for s in hit["snippet"] if s["match"]]
    assert matched and any(m[:5] == word.lower()[:5] for m in matched)  # stemmed, so compare the stem

    # every word must occur; operators are plain text, never a tsquery syntax error
    assert pg_client.get("/api/reports", params={"q": f"{word} zzqxnotaword"}).json()["total"] == 0
    for hostile in (f"{word} & | ! (", f"'{word}':* <-> !!", f"“{word}” — text"):
        answer = pg_client.get("/api/reports", params={"q": hostile})
        assert answer.status_code == 200, (hostile, answer.text)
    assert pg_client.get("/api/reports", params={"q": "!!!"}).status_code == 400  # no words at all
