"""Reading CEPLAN-format compliance reports and policy documents into typed records."""

from ingest.reports.parser import extract
from ingest.reports.records import Extraction

__all__ = ["Extraction", "extract"]
