from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class ArticleText:
    id: int
    text: str
    published: date | None = None


@dataclass(frozen=True)
class FactSpan:
    """A checkable value. Offsets index the article text.

    kind: number, person, org, place, date, time (of day: "hm:03:40"), quote.
    value: the normalised value that is compared ("45", "1000 km", "brechalov").
    label: what a number counts ("injured"), or other context for the kind.
    qualifier: for numbers, "exact", "approx", "min", "max" or "vague".
    owner: for numbers and stances (a plea, an appeal), the lower-case name of the
      person or organisation whose fact it is, where the parse names one ("Lotte
      Brisk ... received a fine of €80,000": "brisk").
    """

    kind: str
    start: int
    end: int
    text: str
    value: str
    label: str = ""
    qualifier: str = "exact"
    owner: str = ""


@dataclass(frozen=True)
class ClaimSpan:
    start: int
    end: int
    text: str
    facts: tuple[FactSpan, ...] = ()
    # Lower-cased content words, for alignment.
    terms: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    article_id: int
    claims: tuple[ClaimSpan, ...]
    # The day of publication, when known: it places "on Tuesday" and "yesterday".
    published: date | None = None


@dataclass(frozen=True)
class VersionSpan:
    article_id: int
    start: int
    end: int
    value: str
    value_start: int
    value_end: int


@dataclass(frozen=True)
class Finding:
    key: str
    kind: str
    severity: str
    summary: str
    versions: tuple[VersionSpan, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class Coverage:
    """A fact most articles report and some leave out: information, not a conflict.

    `reported` has one span per article that gives the fact (its value as shown);
    `missing` lists the articles that do not.
    """

    fact: str
    value: str
    reported: tuple[VersionSpan, ...]
    missing: tuple[int, ...]
