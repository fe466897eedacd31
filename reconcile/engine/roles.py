"""Titles that copy gives a person: "former U.S. President Donald Trump", "Mayor Halloway".

A title is read from the words right before a name ("Carrow's mayor, Ilse
Korhonen", "the mayor of Carrow Ilse Korhonen") or from
an apposition right after it ("Samuel Okafor, the port director,"). Its value
is the office in lower case with the words that change it: "former president",
"deputy director", "governor".
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Span, Token

# Offices that a person holds; two different ones for one person conflict.
OFFICES = frozenset(
    """
    president governor mayor senator congressman congresswoman representative minister
    chancellor premier secretary ambassador envoy commissioner sheriff undersheriff judge
    prosecutor director chairman chairwoman chair chief inspector detective sergeant
    lieutenant colonel captain general admiral commander marshal constable superintendent
    officer coach manager king queen prince princess pope bishop archbishop cardinal
    master speaker councillor councilman councilwoman mp attorney-general engineer
    treasurer principal dean spokesman spokeswoman spokesperson leader executive
""".split()
) | {"chief executive"}
ABBREVIATIONS = {
    "gov.": "governor", "sen.": "senator", "rep.": "representative", "gen.": "general",
    "lt.": "lieutenant", "col.": "colonel", "capt.": "captain", "det.": "detective",
    "supt.": "superintendent", "sgt.": "sergeant", "insp.": "inspector", "pres.": "president",
    "cmdr.": "commander", "adm.": "admiral", "ceo": "chief executive",
}  # fmt: skip
# Words that make another office of it ("vice president" is not "president").
RANKS = frozenset({"deputy", "vice", "assistant", "acting", "interim", "under", "lieutenant"})
FORMER = frozenset({"former", "ex", "ex-"})
# Words inside a title that do not change the office ("U.S.", "regional", "Udmurtia's").
NEUTRAL = frozenset({
    "then", "-", "–", "senior", "top", "chief", "state", "regional", "federal", "local",
    "county", "city", "police", "fire", "port", "harbour", "harbor", "district", "superior",
    "court", "foreign", "interior", "defence", "defense", "finance", "prime", "general",
    "head", "'s", "’s", "of", "the", "new", "current", "outgoing", "incoming", "longtime",
})  # fmt: skip
WINDOW = 8
# Forms of address the model leaves outside a name ("Dr Anton Behrast").
HONORIFICS = frozenset({"dr", "mr", "mrs", "ms", "prof", "professor"})
MASTER = "master"
APPOSITION_END = frozenset({",", ".", ";", "—", "–", ")"})
APPOSITION_WORDS = frozenset({"of", "who", "at", "for"})


@dataclass(frozen=True)
class Title:
    start: int  # character offsets of the title words
    end: int
    text: str
    value: str  # "former president"
    person: str  # surname in lower case: the person it belongs to
    person_start: int
    person_end: int


def office(token: Token) -> str | None:
    return office_word(token.lower_)


def office_word(word: str) -> str | None:
    word = ABBREVIATIONS.get(word, word)
    if word in OFFICES or (word.endswith(MASTER) and len(word) > len(MASTER) + 2):
        return word  # "harbourmaster", "postmaster", "headmaster"
    return None


def titles(sent: Span, people: list[Span]) -> Iterator[Title]:
    """The title of each person named in the sentence, if copy gives one next to the name."""
    for person in people:
        name = _strip_titles(person)
        if name is None:
            continue
        title = _before(sent, person, name) or _after(sent, name)
        if title is None:
            continue
        words, first, last = title
        doc = sent.doc
        value = _value(words)
        if not value:
            continue
        surname = name[-1].text.strip().removesuffix("'s").removesuffix("’s").lower()
        start, end = doc[first].idx, doc[last].idx + len(doc[last])
        yield Title(start, end, doc[first : last + 1].text, value, surname,
                    name[0].idx, name[-1].idx + len(name[-1]))  # fmt: skip


def _strip_titles(person: Span) -> Span | None:
    """The name without a title the model put inside the entity ("Governor Petra Halloway")."""
    i = person.start
    while i < person.end - 1 and (office(person.doc[i]) or person.doc[i].lower_ in RANKS | FORMER):
        i += 1
    name = person.doc[i : person.end]
    if not any(t.is_alpha and t.text[0].isupper() for t in name):
        return None
    return name


def _before(sent: Span, person: Span, name: Span) -> tuple[list[Token], int, int] | None:
    doc = sent.doc
    words: list[Token] = list(doc[person.start : name.start])
    i = person.start - 1
    if i >= sent.start and doc[i].lower_.rstrip(".") in HONORIFICS:
        i -= 1  # "The hospital's director, Dr Anton Behrast": "Dr" outside the name
    if i >= sent.start and doc[i].text == "," and i - 1 >= sent.start and office(doc[i - 1]):
        i -= 1  # "Carrow's mayor, Ilse Korhonen"
    while i >= sent.start and person.start - i <= WINDOW:
        token = doc[i]
        lower = token.lower_
        if office(token) or lower in RANKS or lower in FORMER or lower in NEUTRAL:
            # "the" ends a title; "of" only joins an office to a place ("governor of Udmurtia").
            if lower == "the" or (lower == "of" and not words):
                break
            words.insert(0, token)
        elif _portfolio(token):
            words.insert(0, token)  # "Former industry minister Aurel Benning"
        elif token.pos_ == "PROPN" or (token.text[:1].isupper() and token.is_alpha):
            words.insert(0, token)  # "U.S.", "Ukrainian", "Udmurtia"
        elif token.text in {".", "-"} and words:
            words.insert(0, token)
        else:
            break
        i -= 1
    return _trimmed(words)


def _after(sent: Span, name: Span) -> tuple[list[Token], int, int] | None:
    """ "Samuel Okafor, the port director," """
    doc = sent.doc
    i = name.end
    if i >= sent.end or doc[i].text != ",":
        return None
    words: list[Token] = []
    i += 1
    if i < sent.end and doc[i].lower_ in {"the", "a", "an", "its", "his", "her", "their"}:
        i += 1
    while i < sent.end and i - name.end <= WINDOW:
        token = doc[i]
        lower = token.lower_
        if (
            office(token)
            or lower in RANKS | FORMER | NEUTRAL - {"of", "the"}
            or token.pos_ in {"PROPN", "ADJ"}
            # "the hospital's deputy director": whose office it is
            or token.pos_ == "NOUN"
            and i + 1 < sent.end
            and doc[i + 1].lower_ in {"'s", "’s"}
            or _portfolio(token)  # "the former industry minister"
        ):
            words.append(token)
        else:
            break
        i += 1
    # "Glyn Petherick, a former harbourmaster who worked at the port", "Tobias
    # Renhault, chief engineer at the Roads Authority": these end it too.
    if i < sent.end and doc[i].text not in APPOSITION_END and doc[i].lower_ not in APPOSITION_WORDS:
        return None  # "Okafor, the port director said": not an apposition we trust
    return _trimmed(words)


def _portfolio(token: Token) -> bool:
    """A common noun compounded into an office: "industry" in "industry minister"."""
    return token.pos_ == "NOUN" and token.dep_ == "compound" and office(token.head) is not None


def _trimmed(words: list[Token]) -> tuple[list[Token], int, int] | None:
    offices = [k for k, t in enumerate(words) if office(t)]
    if not offices:
        return None
    last = offices[-1]
    first = 0
    # The title starts at its first meaningful word.
    while first < last and words[first].lower_ in {"of", "the", "'s", "’s", ",", "-"}:
        first += 1
    kept = words[first : last + 1]
    return kept, kept[0].i, kept[-1].i


def _value(words: list[Token]) -> str:
    former = any(t.lower_ in FORMER or t.lower_.startswith("ex-") for t in words)
    parts: list[str] = []
    for token in words:
        lower = token.lower_
        if lower.startswith("ex-"):
            lower = lower[3:]
        role = ABBREVIATIONS.get(lower, lower)
        if (
            role == "leader"
            and parts[-1:] != ["council"]
            and _before_word(words, token) == "council"
        ):
            parts.append("council")  # "council leader" is an office; "leader" alone is not
        if role in RANKS or office_word(role):
            parts.append(role)
        elif _portfolio(token) and token.head.lower_ in GENERIC:
            parts.append(role)  # "safety director" is not the "general manager"
    if not parts:
        return ""
    if any(t.lower_ == "then" for t in words):
        return "then " + " ".join(parts)  # "then-President": true of the past either way
    return ("former " if former else "") + " ".join(parts)


def _before_word(words: list[Token], token: Token) -> str:
    k = words.index(token)
    return words[k - 1].lower_ if k else ""


def parse(value: str) -> tuple[bool | None, frozenset[str], str]:
    """(former, rank words, office) of a title value; former is None for "then-"."""
    words = value.split()
    former: bool | None = bool(words) and words[0] == "former"
    if words and words[0] in {"former", "then"}:
        former = None if words[0] == "then" else True
        words = words[1:]
    head = words[-1] if words else ""
    ranks = frozenset(w for w in words[:-1] if w in RANKS - OFFICES)
    return former, ranks, head


GENERIC = frozenset({"officer", "chief", "manager", "director", "master", "leader", "executive"})


def conflict(a: str, b: str) -> str | None:
    """How two titles of one person disagree: "former", "office" or None."""
    former_a, ranks_a, head_a = parse(a)
    former_b, ranks_b, head_b = parse(b)
    if head_a == head_b or set(a.split()) & set(b.split()) - RANKS - FORMER - {"then"}:
        if former_a is not None and former_b is not None and former_a != former_b:
            return "former"
        if ranks_a != ranks_b and head_a == head_b:
            return "office"
        return None
    if _generic(a) and _generic(b) and _qualified(a) and _qualified(b):
        return "office"  # "general manager" and "safety director": two posts
    if _generic(a) or _generic(b):
        return None  # "police chief" and "commissioner" can both be true
    return "office"


def _qualified(value: str) -> bool:
    """A broad office narrowed by a word of its own: "safety director", "general
    manager", not "director" or "former director"."""
    words = value.split()
    return len(words[1:] if words[:1] in (["former"], ["then"]) else words) >= 2


def _generic(value: str) -> bool:
    """An office too broad to rule out another ("party leader" and "prime minister"),
    except a council's leader, which a mayor is not, and a company's chief
    executive, which its chairman is not ("an executive" may be either)."""
    return parse(value)[2] in GENERIC and not value.endswith(("council leader", "chief executive"))


def ranked_variant(a: str, b: str) -> bool:
    """Whether two titles are one office at two ranks: "vice president" and
    "president", "undersheriff" and "sheriff". A person is rarely both in one
    story, unlike "senator" and "president" over a career."""
    former_a, ranks_a, head_a = parse(a)
    former_b, ranks_b, head_b = parse(b)
    if head_a == head_b:
        return ranks_a != ranks_b
    short, long = sorted((head_a, head_b), key=len)
    return bool(short) and long.endswith(short) and long[: -len(short)] in RANKS
