"""Publication dates from the many ways inputs write them, and the checks every date gets."""

from __future__ import annotations

import datetime as dt
import email.utils
import re
import time

from frontwatch.ingest.errors import IngestError

_ISO_PREFIX = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})")


def parse_date(value: object) -> dt.date | None:
    """A date from a date/datetime, an ISO string, an RFC 822 string or a written date."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, time.struct_time):
        return dt.date(value.tm_year, value.tm_mon, value.tm_mday)
    if not isinstance(value, str) or not value.strip():
        return None
    match = _ISO_PREFIX.match(value)
    if match:
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    try:
        return email.utils.parsedate_to_datetime(value).date()
    except (TypeError, ValueError, IndexError):
        pass
    import dateparser

    parsed = dateparser.parse(
        value, languages=["en"], settings={"STRICT_PARSING": True, "PREFER_DAY_OF_MONTH": "first"}
    )
    return parsed.date() if parsed else None


def check_date(published: dt.date | None, origin: str, line: int | None = None) -> dt.date:
    """The date itself, or an IngestError when it is missing or in the future."""
    if published is None:
        raise IngestError(
            origin, "no_date", "no publication date found and none given (use --date YYYY-MM-DD)",
            line,
        )
    if published > dt.date.today():
        raise IngestError(origin, "future_date", f"date {published} is in the future", line)
    return published
