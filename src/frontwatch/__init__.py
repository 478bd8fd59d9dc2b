"""frontwatch: dated war reports in, a verified, geocoded, source-attributed picture out."""

__version__ = "0.1.0"
