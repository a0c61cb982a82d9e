"""Every CSV the site writes goes through csvsafe: text that a spreadsheet would run as a
formula gets a quote in front; numbers, negative ones included, stay numbers."""
import csv
import io
from pathlib import Path

import pytest

import marketplace
from marketplace import csvsafe


@pytest.mark.parametrize("text", ["=1+1", "+84 912", "-2+3", "@SUM(A1)", "\t=1+1", "\r=1+1"])
def test_text_that_starts_a_formula_gets_a_quote(text):
    assert csvsafe.safe_cell(text) == "'" + text


@pytest.mark.parametrize("value", ["Kẹo dừa", "", "12 Lê Lợi", "a=b", -4250, 0, 85000, None])
def test_other_cells_are_written_as_they_are(value):
    assert csvsafe.safe_cell(value) == value


def test_the_writer_quotes_text_cells_only():
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\n")
    writer.writerow(["=cmd()", -200000, "HTX"])
    writer.writerows([["@x", 5]])
    assert list(csv.reader(io.StringIO(out.getvalue()))) == [["'=cmd()", "-200000", "HTX"], ["'@x", "5"]]


def test_no_csv_is_written_without_csvsafe():
    """A new export must use csvsafe.writer, not csv.writer or csv.DictWriter."""
    root = Path(marketplace.__file__).parent
    offenders = [str(path.relative_to(root)) for path in root.rglob("*.py")
                 if path.name != "csvsafe.py" and ("csv.writer(" in path.read_text() or "DictWriter" in path.read_text())]
    assert offenders == []
