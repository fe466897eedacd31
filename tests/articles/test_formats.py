import io

import docx
import pytest
from pypdf import PdfWriter

from articles.formats import UnreadableFile, read_file

LIMIT = 1_000_000


def test_text_file_keeps_its_text_and_takes_the_first_line_as_headline():
    parsed = read_file("a.txt", b"Headline here\n\nBody text.\r\n", max_bytes=LIMIT)
    assert parsed.title == "Headline here"
    assert parsed.body == "Headline here\n\nBody text."


def test_latin1_text_is_decoded():
    data = "Café owner Zoë Brûlé said the façade collapsed on Monday morning.".encode("latin-1")
    assert "Zoë Brûlé" in read_file("a.txt", data, max_bytes=LIMIT).body


def test_html_drops_scripts_and_iframes():
    markup = (
        "<html><head><title>Fire</title><script>alert(1)</script></head><body>"
        "<h1>Fire</h1><p>Four people died.</p><iframe src='x'></iframe>"
        "<p>Nine hurt.</p></body></html>"
    )
    parsed = read_file("a.html", markup.encode(), max_bytes=LIMIT)
    assert parsed.title == "Fire"
    assert "alert" not in parsed.body
    assert parsed.body.splitlines() == ["Fire", "Four people died.", "Nine hurt."]


def test_docx_paragraphs_become_lines():
    document = docx.Document()
    document.add_paragraph("Ferry fire")
    document.add_paragraph("Four people were killed.")
    buffer = io.BytesIO()
    document.save(buffer)
    parsed = read_file("a.docx", buffer.getvalue(), max_bytes=LIMIT)
    assert parsed.body == "Ferry fire\nFour people were killed."


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"   \n", "the file is empty"),
        ("binary.txt", bytes(range(256)) * 4, "binary file"),
        ("photo.png", b"\x89PNG\r\n\x1a\n....", ".png files are not supported"),
        ("broken.docx", b"not a zip", "not a readable Word"),
        ("broken.pdf", b"%PDF-1.4 garbage", "not a readable PDF"),
    ],
)
def test_unreadable_files_say_why(name, data, reason):
    with pytest.raises(UnreadableFile, match=reason):
        read_file(name, data, max_bytes=LIMIT)


def test_pdf_without_text_layer_says_so():
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(UnreadableFile, match="no text layer"):
        read_file("scan.pdf", buffer.getvalue(), max_bytes=LIMIT)


def test_file_over_the_limit_is_refused():
    with pytest.raises(UnreadableFile, match="over the"):
        read_file("big.txt", b"word " * 1000, max_bytes=100)
