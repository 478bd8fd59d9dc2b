"""Raw bytes → text, refusing binaries and oversized inputs and guessing legacy encodings.

Limits (documented in README): an input file or URL response over ``MAX_INPUT_BYTES`` is
rejected whole; a single report over ``MAX_REPORT_CHARS`` characters is rejected (spaCy's own
limit is 1,000,000 characters and memory grows with it).
"""

from __future__ import annotations

import codecs

from frontwatch.ingest.errors import IngestError

MAX_INPUT_BYTES = 10_000_000
MAX_REPORT_CHARS = 500_000
_SNIFF_BYTES = 8192
_CONTROL_ALLOWED = {9, 10, 12, 13, 27}


def check_size(size: int, origin: str) -> None:
    if size > MAX_INPUT_BYTES:
        raise IngestError(
            origin, "too_large", f"input is {size:,} bytes, over the {MAX_INPUT_BYTES:,}-byte limit"
        )


def decode_bytes(data: bytes, origin: str) -> tuple[str, list[str]]:
    """Text of ``data`` and warnings (e.g. which legacy encoding was assumed)."""
    check_size(len(data), origin)
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), []
    if _looks_binary(data[:_SNIFF_BYTES]):
        raise IngestError(origin, "binary", "binary file (not text), skipped")
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError as exc:
        position = exc.start
    encoding = _guess_legacy_encoding(data)
    warning = (
        f"{origin}: not valid UTF-8 (byte {position}); decoded as {encoding}"
    )
    return data.decode(encoding, errors="replace"), [warning]


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 32 and b not in _CONTROL_ALLOWED)
    return bool(head) and control / len(head) > 0.05


def _guess_legacy_encoding(data: bytes) -> str:
    """cp1251 when the high bytes read as Cyrillic words, else Western (cp1252, latin-1)."""
    as_cyrillic = data.decode("cp1251", errors="replace")
    high = [c for c in as_cyrillic if ord(c) > 127 and c.isalpha()]
    cyrillic = sum(1 for c in high if "\u0400" <= c <= "\u04ff")
    if high and cyrillic / len(high) > 0.8 and _cyrillic_runs(as_cyrillic):
        return "cp1251"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return "latin-1"
    return "cp1252"


def _cyrillic_runs(text: str) -> bool:
    """Cyrillic letters come in words (not single accented letters inside Latin words)."""
    words = [w for w in text.split() if any("\u0400" <= c <= "\u04ff" for c in w)]
    pure = [w for w in words if all(not c.isascii() or not c.isalpha() for c in w)]
    return len(pure) >= max(1, len(words) // 2)
