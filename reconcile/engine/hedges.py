"""How sure copy is of what it says, and on whose word.

A hedge ("reportedly", "appears to", "unconfirmed reports", "believed to")
tells the reader a claim is not established. A source marker says how a piece
of evidence came to the outlet: "verified by the BBC" or "shared on social
media". Plain attribution to an authority ("police said", "according to
officials") is ordinary news writing and is neither.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

_HEDGES = [
    r"reportedly", r"allegedly", r"apparently", r"purportedly", r"supposedly", r"possibly",
    r"unconfirmed", r"unverified", r"rumou?red",
    r"(?:is|are|was|were|been|being)\s+(?:said|believed|thought|understood|reported|alleged"
    r"|suspected|rumou?red)\s+to",
    r"(?:believed|thought|said)\s+to\s+(?:be|have|produce|make|manufacture|contain|hold|own)",
    r"(?:appears?|appeared|seems?|seemed)\s+to",
    r"(?:(?:some|unconfirmed|media|news|local|initial|early)\s+)?reports?\s+(?:say|says|said|suggest"
    r"|suggests|suggested|indicate|indicates|indicated|claim|claims|claimed)",
    r"reports?\s+(?:circulating|from)\s+[\w\s’']{0,40}?(?:media|outlets)",
    r"according\s+to\s+(?:unconfirmed\s+|unverified\s+|some\s+|initial\s+|local\s+|media\s+|news\s+|[A-Z]\w+\s+)?"
    r"(?:media|reports|sources|rumou?rs)",
    r"[A-Z]\w+\s+media\s+(?:say|says|said|report|reports|reported|claim|claims)",
    # Not yet decided: "has not yet said whether it will accept". (Not "it is unclear
    # whether": on real clusters it met sentences that assert nothing either way.)
    r"(?:has|have|had)\s+not\s+(?:yet\s+)?(?:said|decided|confirmed|announced|disclosed)"
    r"\s+whether",
    r"(?:is|are|was|were)\s+yet\s+to\s+(?:say|decide|confirm|announce)\s+whether",
]  # fmt: skip
HEDGE_RE = re.compile(r"\b(?:" + "|".join(_HEDGES) + r")\b", re.IGNORECASE)
VERIFIED_RE = re.compile(
    r"\b(?:verified|authenticated|geolocated)\b"
    r"|\bconfirmed\s+by\b|\bhas\s+been\s+confirmed\b|\bindependently\s+confirmed\b"
    r"|\b(?:released|issued|published)\s+by\s+(?:the\s+)?(?:police|coastguard|army|military"
    r"|navy|ministry|government|authorities|fire\s+service|department)\b"
)
# "has not been independently verified", "could not be verified": the opposite.
NOT_VERIFIED_RE = re.compile(
    r"\b(?:not|never|yet\s+to)\s+(?:be\s+|been\s+|be\s+been\s+)?(?:independently\s+)?$"
)
SOCIAL_RE = re.compile(
    r"\b(?:shared|posted|circulating|circulated|spread|surfaced)\s+(?:on(?:line)?|across|via)"
    r"(?:\s+social\s+media)?\b|\bon\s+social\s+media\b",
    re.IGNORECASE,
)


def hedges(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, normalised marker) of each hedge in a sentence."""
    for match in HEDGE_RE.finditer(text):
        marker = " ".join(match.group().lower().split())
        yield offset + match.start(), offset + match.end(), marker


def sources(text: str, offset: int = 0) -> Iterator[tuple[int, int, str]]:
    """(start, end, "verified" or "social") of how evidence reached the outlet."""
    for match in VERIFIED_RE.finditer(text):
        if NOT_VERIFIED_RE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        yield offset + match.start(), offset + match.end(), "verified"
    for match in SOCIAL_RE.finditer(text):
        yield offset + match.start(), offset + match.end(), "social"
