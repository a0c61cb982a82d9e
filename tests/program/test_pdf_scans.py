"""Certificate scans sent as PDF are parsed (pikepdf), not searched as bytes: scripts, actions
that run on opening, programs to launch and attached files are refused wherever they hide,
including behind escaped names and inside compressed object streams."""
import io

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name, String

from marketplace.program import scans
from marketplace.catalog.photos import UploadError
from tests.portal.uploads import pdf_bytes


def _pdf(change=None, object_streams=False):
    """A one-page PDF made by pikepdf, after `change(pdf)`; with `object_streams`, its
    objects are compressed into object streams (where no byte search can see them)."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    if change:
        change(pdf)
    out = io.BytesIO()
    mode = pikepdf.ObjectStreamMode.generate if object_streams else pikepdf.ObjectStreamMode.disable
    pdf.save(out, object_stream_mode=mode, compress_streams=object_streams)
    return out.getvalue()


def _script(pdf):
    """A document-level script: the catalogue's /Names /JavaScript tree."""
    action = pdf.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    pdf.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("hello"), action])))


def _open_action(pdf):
    pdf.Root.OpenAction = Dictionary(S=Name.GoTo, D=Array([pdf.pages[0].obj, Name.Fit]))


def _launch(pdf):
    link = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 100, 100]),
                      A=Dictionary(S=Name.Launch, F=String("cmd.exe")))
    pdf.pages[0].Annots = pdf.make_indirect(Array([pdf.make_indirect(link)]))


def _embedded_file(pdf):
    pdf.attachments["invoice.exe"] = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", filename="invoice.exe")


def _file_attachment_annotation(pdf):
    spec = pikepdf.AttachedFileSpec(pdf, b"MZ\x90\x00", filename="notes.exe")
    note = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([0, 0, 20, 20]), FS=spec.obj)
    pdf.pages[0].Annots = Array([pdf.make_indirect(note)])


def _page_action(pdf):
    pdf.pages[0].AA = Dictionary(O=Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))


# The name /JavaScript written as /J#61vaScript and /JS as /J#53: the same names to a reader.
ESCAPED_NAMES = pdf_bytes(b"/Names << /J#61vaScript << /Names [(x) << /S /J#61vaScript /J#53 (app.alert(1)) >>] >> >> ")


@pytest.mark.parametrize(
    "data",
    [
        ESCAPED_NAMES,
        _pdf(_script, object_streams=True),
        _pdf(_open_action),
        _pdf(_launch, object_streams=True),
        _pdf(_embedded_file),
        _pdf(_file_attachment_annotation, object_streams=True),
        _pdf(_page_action),
    ],
    ids=["escaped-names", "script-in-object-stream", "open-action", "launch", "embedded-file",
         "file-attachment-annotation", "page-open-action"],
)
def test_active_pdfs_are_refused(data):
    with pytest.raises(UploadError) as refused:
        scans.check_pdf(data)
    assert refused.value.message is scans.PDF_ACTIVE


@pytest.mark.parametrize("object_streams", [False, True], ids=["plain", "object-streams"])
def test_a_plain_scan_is_accepted(object_streams):
    def with_text(pdf):
        pdf.pages[0].Contents = pdf.make_stream(b"BT /F1 12 Tf 20 100 Td (OCOP 4 sao) Tj ET")
        pdf.Root.Names = Dictionary(Dests=Dictionary(Names=Array([String("first"), Array([pdf.pages[0].obj, Name.Fit])])))

    scans.check_pdf(_pdf(with_text, object_streams=object_streams))
    scans.check_pdf(pdf_bytes())


def test_opening_at_a_page_is_not_an_action():
    """Office suites write /OpenAction [page /XYZ …] (which page and zoom to show first) into
    every PDF they export: a destination, not something that runs."""
    def open_at_first_page(pdf):
        pdf.Root.OpenAction = Array([pdf.pages[0].obj, Name.XYZ, None, None, 0])

    scans.check_pdf(_pdf(open_at_first_page))


def test_a_broken_pdf_is_refused_as_damaged():
    data = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 9 0 R\nendobj\ngarbage\n%%EOF\n"
    with pytest.raises(UploadError) as refused:
        scans.check_pdf(data)
    assert refused.value.message is scans.PDF_INCOMPLETE


def _encrypted(user_password):
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 200))
    out = io.BytesIO()
    pdf.save(out, encryption=pikepdf.Encryption(user=user_password, owner="the agency"))
    return out.getvalue()


def test_a_pdf_that_needs_a_password_is_refused_but_one_that_only_forbids_editing_passes():
    with pytest.raises(UploadError) as refused:
        scans.check_pdf(_encrypted("secret"))
    assert refused.value.message is scans.PDF_LOCKED
    scans.check_pdf(_encrypted(""))  # agencies lock their PDFs against editing; anyone can read them
