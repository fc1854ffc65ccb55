"""Console dashboard, associations, admin accounts and the audit log."""

from flask import flash, g, redirect, render_template, request, url_for

from ..admins import services as admin_services
from ..associations import services as association_services
from ..audit import services as audit_services
from ..audit.services import ACTION_LABELS
from ..common.roles import Role
from ..common.spreadsheets import xlsx_response
from ..common.time import shanghai_today
from ..errors import ApiError
from ..stats import export as stats_export_service
from ..stats import services as stats
from .blueprint import blp, login_required
from .forms import ActionForm, AdminCreateForm, AssociationForm, choices

PAGE_SIZE = 20
MANAGERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)


def _page():
    return max(request.args.get("page", 1, type=int), 1)


def _district_choices():
    return choices((d.code, d.name) for d in association_services.list_districts())


@blp.get("/")
@login_required()
def dashboard():
    """Charts of the statistics in my scope."""
    return render_template("console/dashboard.html", stats=stats.overview(g.admin))


@blp.get("/stats/export")
@login_required()
def stats_export():
    """The statistics as an .xlsx download."""
    return xlsx_response(stats_export_service.export(g.admin), f"统计-{shanghai_today():%Y%m%d}")


@blp.get("/associations")
@login_required()
def associations():
    """Associations in my scope."""
    listing = association_services.admin_list(
        g.admin, q=request.args.get("q") or None, page=_page(), page_size=PAGE_SIZE
    )
    return render_template("console/associations.html", listing=listing)


def _fill_fee_rows(form, association):
    for row, item in zip(form.fee_items, association.fee_items, strict=False):
        row.form.name.data = item.name
        row.form.amount_yuan.data = item.amount_fen / 100
        row.form.unit.data = item.unit
        row.form.basis.data = item.basis


@blp.route("/associations/new", methods=["GET", "POST"])
@login_required(*MANAGERS)
def association_new():
    """Register an association."""
    form = AssociationForm()
    form.district.choices = _district_choices()
    if form.validate_on_submit():
        data = {
            "name": form.name.data.strip(),
            "kind": form.kind.data,
            "district": form.district.data,
            "uscc": form.uscc.data.strip().upper(),
            "enabled": form.enabled.data,
            "fee_items": form.fee_items_data(),
        }
        try:
            association = association_services.create_association(g.admin, data)
        except ApiError as failure:
            flash(failure.message, "error")
        else:
            flash("协会已创建")
            return redirect(url_for("console.association_edit", association_id=association.id))
    return render_template("console/association_form.html", form=form, association=None)


@blp.route("/associations/<int:association_id>", methods=["GET", "POST"])
@login_required()
def association_edit(association_id):
    """View and (within my powers) change an association."""
    association = association_services.admin_get(g.admin, association_id)
    form = AssociationForm(obj=None if request.method == "POST" else association)
    form.district.choices = _district_choices()
    if request.method == "GET":
        form.district.data = association.district_code
        _fill_fee_rows(form, association)
    if form.validate_on_submit():
        changes = {"fee_items": form.fee_items_data()}
        if g.admin.role != Role.ASSOCIATION_OFFICER:
            changes.update(
                name=form.name.data.strip(),
                kind=form.kind.data,
                district=form.district.data,
                uscc=form.uscc.data.strip().upper(),
                enabled=form.enabled.data,
            )
        try:
            association_services.update_association(g.admin, association_id, changes)
        except ApiError as failure:
            flash(failure.message, "error")
        else:
            flash("已保存")
            return redirect(url_for("console.association_edit", association_id=association_id))
    return render_template("console/association_form.html", form=form, association=association)


@blp.route("/admins", methods=["GET", "POST"])
@login_required(*MANAGERS)
def admins():
    """Accounts I manage, and a form to add one."""
    form = AdminCreateForm()
    form.district.choices = [*choices([("", "—")]), *_district_choices()]
    if form.validate_on_submit():
        data = {
            "username": form.username.data.strip(),
            "password": form.password.data,
            "role": form.role.data,
            "district": form.district.data or None,
            "association_id": form.association_id.data,
        }
        try:
            admin_services.create_by(g.admin, data)
        except ApiError as failure:
            details = "；".join(m for messages in failure.errors.values() for m in messages)
            flash(f"{failure.message} {details}".strip(), "error")
        else:
            flash("账号已创建")
            return redirect(url_for("console.admins"))
    listing = admin_services.list_admins(g.admin, page=_page(), page_size=PAGE_SIZE)
    return render_template(
        "console/admins.html", listing=listing, form=form, action_form=ActionForm()
    )


@blp.post("/admins/<int:admin_id>/active")
@login_required(*MANAGERS)
def admin_toggle(admin_id):
    """Disable or re-enable an account."""
    target = admin_services.get_managed(g.admin, admin_id)
    try:
        admin_services.update_by(g.admin, admin_id, {"is_active": not target.is_active})
    except ApiError as failure:
        flash(failure.message, "error")
    return redirect(url_for("console.admins"))


@blp.get("/audit")
@login_required(*MANAGERS)
def audit():
    """The audit log."""
    filters = {"action": request.args.get("action") or None}
    listing = audit_services.list_entries(g.admin, filters, _page(), PAGE_SIZE)
    return render_template("console/audit.html", listing=listing, actions=ACTION_LABELS)
