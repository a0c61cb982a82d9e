"""The notice list of the signed-in user."""
from flask import Blueprint, abort, redirect, render_template, url_for
from flask_login import current_user, login_required

from marketplace.accounts.authz import safe_next
from marketplace.notices import services

bp = Blueprint("notices", __name__, url_prefix="/notices")


@bp.get("")
@login_required
def notice_list():
    notices = services.recent(current_user)
    return render_template("notices/list.html", notices=[(n, *services.render(n)) for n in notices])


@bp.post("/<int:notice_id>/open")
@login_required
def open_notice(notice_id):
    notice = services.open_notice(current_user, notice_id)
    if notice is None:
        abort(404)
    return redirect(safe_next(notice.link) or url_for("notices.notice_list"))


@bp.post("/read")
@login_required
def mark_all_read():
    services.mark_all_read(current_user)
    return redirect(url_for("notices.notice_list"))


@bp.app_context_processor
def unread_notices():
    """`unread_notices()` in templates: the header's count (one small query, only when called)."""

    def count():
        return services.unread_count(current_user) if current_user.is_authenticated else 0

    return {"unread_notices": count}
