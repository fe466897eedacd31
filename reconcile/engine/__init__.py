"""Text in, conflicts out: plain Python over dataclasses, no Django.

extract -> align -> compare. `analyse` runs all three for a set of articles.
"""

from .types import ArticleText, ClaimSpan, Extraction, FactSpan, Finding, VersionSpan

__all__ = ["ArticleText", "ClaimSpan", "Extraction", "FactSpan", "Finding", "VersionSpan"]
