"""Exact duplicates are skipped, near-duplicates linked (also across runs), re-ingest is a no-op."""

from __future__ import annotations

from frontwatch.ingest import ingest, read_inputs
from frontwatch.ingest.dedup import NearDuplicateIndex
from frontwatch.store import repository
from frontwatch.store.db import session_scope

ORIGINAL = (
    "Ukrainian forces entered Kupiansk on Saturday and raised the national flag over the town "
    "council building, regional officials said. The town was a railway hub for Russian units "
    "fighting around Izium, and its loss cuts the main supply line from Belgorod. Officials "
    "said the clearing of the eastern bank of the Oskil river would take several more days."
)
REWORDED = ORIGINAL.replace("on Saturday", "late on Saturday").replace(
    "several more days", "a few more days"
)
UNRELATED = (
    "Russian strikes hit power stations across the Kharkiv region overnight, cutting "
    "electricity to several districts, the regional governor said on Sunday morning."
)


def _files(tmp_path, **texts: str) -> list[str]:
    paths = []
    for name, text in texts.items():
        path = tmp_path / f"{name}-2022-09-10.txt"
        path.write_text(text)
        paths.append(str(path))
    return paths


def _reports(url: str) -> dict[str, object]:
    with session_scope(url) as session:
        return {r.text: r for r in repository.list_reports(session)}


def test_exact_duplicate_is_skipped_after_normalising_whitespace(tmp_path, sqlite_url):
    paths = _files(tmp_path, a=ORIGINAL, b="  " + ORIGINAL.replace(" ", "\n", 3) + "\n")
    summary = ingest(read_inputs(paths), sqlite_url)
    assert (summary.stored, summary.duplicates) == (1, 1)


def test_near_duplicate_is_stored_and_linked(tmp_path, store_url):
    paths = _files(tmp_path, a=ORIGINAL, b=REWORDED, c=UNRELATED)
    summary = ingest(read_inputs(paths), store_url)
    assert (summary.stored, summary.near_duplicates, summary.duplicates) == (3, 1, 0)
    reports = _reports(store_url)
    copy = reports[REWORDED]
    assert copy.near_duplicate_of == reports[ORIGINAL].id
    assert 0.7 <= copy.near_duplicate_similarity < 1.0
    assert reports[UNRELATED].near_duplicate_of is None


def test_near_duplicate_links_reach_reports_of_earlier_runs(tmp_path, sqlite_url):
    first, second = _files(tmp_path, a=ORIGINAL, b=REWORDED)
    ingest(read_inputs([first]), sqlite_url)
    summary = ingest(read_inputs([second]), sqlite_url)
    assert summary.near_duplicates == 1
    reports = _reports(sqlite_url)
    assert reports[REWORDED].near_duplicate_of == reports[ORIGINAL].id


def test_reingesting_the_same_input_changes_nothing(tmp_path, store_url):
    paths = _files(tmp_path, a=ORIGINAL, b=REWORDED, c=UNRELATED)
    ingest(read_inputs(paths), store_url)
    with session_scope(store_url) as session:
        before = repository.table_counts(session)
    again = ingest(read_inputs(paths), store_url)
    with session_scope(store_url) as session:
        after = repository.table_counts(session)
    assert (again.stored, again.duplicates) == (0, 3)
    assert before == after and before["entities"] > 0


def test_index_lookup_prefers_the_most_similar_report():
    index = NearDuplicateIndex.from_texts([("orig", ORIGINAL), ("other", UNRELATED)])
    assert len(index) == 2
    key, similarity = index.find_and_add("copy", REWORDED)
    assert key == "orig" and similarity >= index.threshold
    assert index.find_and_add("new", "Completely different words about Kherson bridges.") is None
