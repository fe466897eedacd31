"""Turn an uploaded file into article text, or say clearly why it can't be read."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import PurePath

from charset_normalizer import from_bytes

SUPPORTED = (".txt", ".md", ".html", ".htm", ".docx", ".pdf")


class UnreadableFile(Exception):
    """The file can't become an article; the message is shown to the editor."""


@dataclass(frozen=True)
class ParsedText:
    title: str
    body: str


def read_file(name: str, data: bytes, *, max_bytes: int) -> ParsedText:
    suffix = PurePath(name).suffix.lower()
    if suffix not in SUPPORTED:
        raise UnreadableFile(
            f"{suffix or 'no extension'} files are not supported; use {', '.join(SUPPORTED)}"
        )
    if len(data) > max_bytes:
        raise UnreadableFile(
            f"the file is {len(data) / 1e6:.1f} MB, over the {max_bytes / 1e6:.0f} MB limit"
        )
    if not data.strip():
        raise UnreadableFile("the file is empty")
    if suffix in {".txt", ".md"}:
        body = decode_text(data)
        title = ""
    elif suffix in {".html", ".htm"}:
        title, body = _html(decode_text(data))
    elif suffix == ".docx":
        title, body = _docx(data)
    else:
        title, body = _pdf(data)
    body = normalise_body(body)
    if not body.strip():
        raise UnreadableFile("no text could be found in the file")
    return ParsedText(title or first_line(body), body)


def decode_text(data: bytes) -> str:
    if b"\x00" in data[:8192] or _looks_binary(data):
        raise UnreadableFile("this looks like a binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise UnreadableFile("the text encoding could not be recognised")
    # Short Western text fits several code pages equally well; Windows-1252 is
    # by far the likeliest for English copy, so it wins a tie.
    for match in matches:
        if match.encoding == "cp1252" and match.chaos <= best.chaos:
            return str(match)
    return str(best)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    control = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return control > len(sample) * 0.05


def normalise_body(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return text.strip("\n")


def first_line(body: str) -> str:
    for line in body.splitlines():
        line = line.strip().strip("#").strip()
        if line:
            return line[:300]
    return "Untitled"


BLOCKS = ["p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "div", "br", "tr"]


def _html(markup: str) -> tuple[str, str]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(markup, "html.parser")
    for tag in soup(["script", "style", "iframe", "noscript", "object", "embed", "svg", "form"]):
        tag.decompose()
    title = ""
    if soup.title and soup.title.string:
        title = soup.title.string.strip()
        soup.title.decompose()
    heading = soup.find("h1")
    if not title and heading:
        title = heading.get_text(" ", strip=True)
    for tag in soup.find_all(BLOCKS):
        tag.insert_after("\n")
    text = soup.get_text()
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in text.splitlines()]
    return title[:300], "\n".join(line for line in lines if line)


def _docx(data: bytes) -> tuple[str, str]:
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises several unrelated types for bad files
        raise UnreadableFile("this is not a readable Word (.docx) document") from exc
    paragraphs = [p.text.strip() for p in document.paragraphs if p.text.strip()]
    title = document.core_properties.title or ""
    return title.strip()[:300], "\n".join(paragraphs)


def _pdf(data: bytes) -> tuple[str, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise UnreadableFile("this is not a readable PDF") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise UnreadableFile("the PDF has no text layer (a scan?); paste its text instead")
    title = ""
    if reader.metadata and reader.metadata.title:
        title = str(reader.metadata.title)
    return title.strip()[:300], text


ENGLISH_COMMON = frozenset(
    "the of and to a in is was for on that with as by at from said it he she has have "
    "were are be had his her their they this an which who after not but".split()
)


def looks_english(body: str) -> bool:
    """A cheap guess: common English words make up a fair share of any English text."""
    words = re.findall(r"[^\W\d_]+", body.lower())
    if len(words) < 20:
        return True  # too short to tell; don't nag
    return sum(w in ENGLISH_COMMON for w in words) / len(words) >= 0.08
