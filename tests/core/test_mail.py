"""Mail headers are built in one place, and names that people typed never reach them raw."""
import pytest

from marketplace.mail import header_text, outbox, send_mail


@pytest.mark.parametrize("raw, folded", [
    ("Kẹo\r\nBcc: x@evil.example", "Kẹo Bcc: x@evil.example"),
    ("Kẹo\nX-Evil: 1", "Kẹo X-Evil: 1"),
    ("Kẹo\x00\x1b[31m dừa\u2028sáp\x85", "Kẹo [31m dừa sáp"),
    ("  Kẹo dừa  sáp ", "Kẹo dừa sáp"),
])
def test_control_characters_fold_to_spaces(raw, folded):
    assert header_text(raw) == folded


def test_a_subject_with_a_line_break_is_sent_on_one_line_without_a_new_header(app):
    with app.app_context():
        assert send_mail("owner@htx.example", "OCOP certificate approved: Kẹo\r\nBcc: x@evil.example", "Body")
        message = outbox()[-1]
    assert message["Subject"] == "OCOP certificate approved: Kẹo Bcc: x@evil.example"
    assert message["Bcc"] is None and b"\nBcc:" not in message.as_bytes()
