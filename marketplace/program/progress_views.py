"""/program: the OCOP program's progress for the council and the public, with a CSV per figure."""
import io

from flask import Blueprint, Response, abort, render_template

from marketplace import clock, csvsafe
from marketplace.catalog import services as catalog
from marketplace.core.pagecache import cached_page
from marketplace.i18n import current_language
from marketplace.program import figures as shown
from marketplace.program import progress as counting

bp = Blueprint("progress", __name__)


def _figures():
    data = counting.progress()
    return data, shown.figures(data, catalog.category_groups(), current_language())


@bp.get("/program")
@cached_page
def overview():
    data, figures = _figures()
    return render_template("program/progress.html", data=data, figures=figures, coverage=shown.coverage(data),
                           expiring=shown.expiring_products(data), today=clock.today())


@bp.get("/program/<name>.csv")
def figure_csv(name):
    if name not in counting.FIGURES:
        abort(404)
    _data, figures = _figures()
    figure = figures[name]
    out = io.StringIO()
    writer = csvsafe.writer(out, lineterminator="\r\n")
    writer.writerow(["code", str(figure.label_heading), str(figure.value_heading)])
    writer.writerows([row.code, row.label, row.value] for row in figure.rows)
    filename = f"ocop-program-{name}-{clock.today().isoformat()}.csv"
    # A byte-order mark: spreadsheets then read the Vietnamese names as UTF-8.
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
