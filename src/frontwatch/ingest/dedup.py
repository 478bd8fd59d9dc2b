"""Near-duplicate detection: MinHash over word shingles with an LSH index.

Two reports are near-duplicates when the estimated Jaccard similarity of their sets of
``SHINGLE_WORDS``-word shingles reaches ``THRESHOLD`` (3-word shingles keep a re-worded
sentence or two from hiding a copy). The LSH index makes each lookup independent of corpus
size; it lives in memory and is rebuilt from the stored texts at the start of each run.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from datasketch import MinHash, MinHashLSH

SHINGLE_WORDS = 3
THRESHOLD = 0.7
NUM_PERM = 128
_WORD = re.compile(r"\w+")


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    words = _WORD.findall(text.lower())
    if len(words) < size:
        return {" ".join(words).encode()} if words else set()
    return {" ".join(words[i : i + size]).encode() for i in range(len(words) - size + 1)}


def minhash(text: str) -> MinHash:
    signature = MinHash(num_perm=NUM_PERM)
    grams = shingles(text)
    if grams:
        signature.update_batch(list(grams))
    return signature


class NearDuplicateIndex:
    """Finds, for a new text, the most similar indexed report above the threshold."""

    def __init__(self, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold
        self._lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
        self._signatures: dict[str, MinHash] = {}

    @classmethod
    def from_texts(cls, items: Iterable[tuple[str, str]], threshold: float = THRESHOLD):
        index = cls(threshold)
        for key, text in items:
            index.add(key, text)
        return index

    def __len__(self) -> int:
        return len(self._signatures)

    def add(self, key: str, text: str) -> None:
        self._insert(key, minhash(text))

    def find_and_add(self, key: str, text: str) -> tuple[str, float] | None:
        """Index ``text`` under ``key``; return (key, estimated similarity) of its best match."""
        signature = minhash(text)
        best: tuple[str, float] | None = None
        for other in self._lsh.query(signature):
            similarity = signature.jaccard(self._signatures[other])
            if other != key and similarity >= self.threshold and (
                best is None or similarity > best[1]
            ):
                best = (other, similarity)
        self._insert(key, signature)
        return best

    def _insert(self, key: str, signature: MinHash) -> None:
        if key not in self._signatures:
            self._signatures[key] = signature
            self._lsh.insert(key, signature)
