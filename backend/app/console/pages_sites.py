"""Console pages for culture sites: list, edit, photos, QR codes and the .xlsx import."""

import io

from flask import current_app, flash, g, redirect, render_template, request, send_file, url_for
from marshmallow import ValidationError

from ..associations import services as association_services
from ..common.roles import Role, district_scope
from ..common.spreadsheets import xlsx_response
from ..errors import ApiError, NotFound
from ..sites import admin as site_admin
from ..sites import importer
from ..sites.admin import OFFICER_FIELDS
from ..sites.admin_schemas import SiteUpdateSchema, SiteWriteSchema
from ..sites.hours import WEEKDAY_LABELS
from ..sites.models import TYPE_LABELS
from .blueprint import blp, login_required
from .forms import ActionForm, choices
from .forms_sites import ImportForm, PhotoForm, SiteForm

PAGE_SIZE = 20
MANAGERS = (Role.CITY_ADMIN, Role.DISTRICT_ADMIN)
EDITORS = (*MANAGERS, Role.ASSOCIATION_OFFICER)
# Enough for every association of the city (Taizhou has about 545) in one menu.
ASSOCIATION_CHOICES_MAX = 2000
LOCATION_FIELDS = ("lat", "lng", "coord_system")


@blp.app_template_filter("site_type_label")
def site_type_label(site_type):
    """A site type in Chinese."""
    return TYPE_LABELS.get(site_type, site_type)


def _megabytes(setting):
    return current_app.config[setting] // (1024 * 1024)


def _district_choices():
    scope = district_scope(g.admin)
    return choices(
        (d.code, d.name)
        for d in association_services.list_districts()
        if scope is None or d.code == scope
    )


def _association_choices(site):
    listing = association_services.admin_list(
        g.admin, enabled=True, page=1, page_size=ASSOCIATION_CHOICES_MAX
    )
    pairs = [("", "无")]
    pairs += [(str(a.id), f"{a.name}（{a.district.name}）") for a in listing["items"]]
    host = site.association if site is not None else None
    if host is not None and str(host.id) not in {value for value, _ in pairs}:
        pairs.append((str(host.id), f"{host.name}{'' if host.enabled else '（已停用）'}"))
    return choices(pairs)


def _editable():
    """The fields this admin may change (the service enforces the same)."""
    if g.admin.role in MANAGERS:
        return frozenset(SiteWriteSchema().fields)
    if g.admin.role == Role.ASSOCIATION_OFFICER:
        return OFFICER_FIELDS
    return frozenset()


def _current(site):
    """The site's values in the shape the schema loads."""
    return {
        "name": site.name,
        "type": site.type,
        "district": site.district_code,
        "association_id": site.association_id,
        "address": site.address,
        "lat": site.source_lat,
        "lng": site.source_lng,
        "coord_system": site.source_system,
        "description": site.description,
        "hours": site.hours,
        "phone": site.phone,
        "checkin_radius_m": site.checkin_radius_m,
        "location_required": site.location_required,
        "enabled": site.enabled,
    }


def _initial(site):
    """The form's values for an existing site (its position as it was entered)."""
    values = _current(site)
    hours = site.hours or {}
    weekly = hours.get("weekly") or [[] for _ in WEEKDAY_LABELS]
    values.update(
        association_id=str(site.association_id or ""),
        lat=str(site.source_lat),
        lng=str(site.source_lng),
        checkin_radius_m=str(site.checkin_radius_m),
        phone=site.phone or "",
        weekly=[{"periods": periods} for periods in weekly],
        closed_dates="，".join(hours.get("closed_dates", ())),
        hours_note=hours.get("note", ""),
    )
    return values


def _number(text):
    """A coordinate as a float; anything else as typed, for the schema to refuse in Chinese."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        return text


def _payload(form):
    """The form as the admin API's input, before the schema validates it."""
    return {
        "name": form.name.data or "",
        "type": form.type.data,
        "district": form.district.data,
        "association_id": form.association_id.data or None,
        "address": form.address.data or "",
        "lat": _number(form.lat.data),
        "lng": _number(form.lng.data),
        "coord_system": form.coord_system.data,
        "description": form.description.data or "",
        "hours": form.hours_data(),
        "phone": form.phone.data or "",
        "checkin_radius_m": (form.checkin_radius_m.data or "").strip() or None,
        "location_required": form.location_required.data,
        "enabled": form.enabled.data,
    }


def _details(failure):
    return "；".join(m for messages in failure.errors.values() for m in messages)


def _invalid(form, error):
    """Show the schema's messages on the form, and a summary at the top."""
    unplaced = form.add_schema_errors(error.messages)
    flash("；".join(["请修改标出的内容", *unplaced]), "error")


def _act(action, success):
    """Run a service from a button and flash the outcome; True when it went through."""
    try:
        action()
    except NotFound:
        raise
    except ApiError as failure:
        flash(_details(failure) or failure.message, "error")
        return False
    flash(success)
    return True


def _render_form(form, site):
    return render_template(
        "console/site_form.html",
        form=form,
        site=site,
        editable=_editable(),
        manager=g.admin.role in MANAGERS,
        photo_form=PhotoForm(),
        action_form=ActionForm(),
        weekday_labels=WEEKDAY_LABELS,
        photo_max_mb=_megabytes("SITES_PHOTO_MAX_BYTES"),
        max_photos=site_admin.MAX_PHOTOS,
        photo_editor=g.admin.role in EDITORS,
    )


@blp.get("/sites")
@login_required()
def sites():
    """Sites in my scope, filtered by district, type, status and text."""
    districts = association_services.list_districts()
    filters = {
        "district": request.args.get("district") or None,
        "type": request.args.get("type") or None,
        "enabled": request.args.get("enabled") or None,
        "q": (request.args.get("q") or "").strip()[:50] or None,
    }
    if filters["district"] not in {None, *(d.code for d in districts)}:
        filters["district"] = None
    if filters["type"] not in {None, *TYPE_LABELS}:
        filters["type"] = None
    if filters["enabled"] not in (None, "yes", "no"):
        filters["enabled"] = None
    listing = site_admin.admin_list(
        g.admin,
        type=filters["type"],
        district=filters["district"],
        q=filters["q"],
        enabled=None if filters["enabled"] is None else filters["enabled"] == "yes",
        page=max(request.args.get("page", 1, type=int), 1),
        page_size=PAGE_SIZE,
    )
    return render_template(
        "console/sites.html",
        listing=listing,
        filters=filters,
        districts=districts if district_scope(g.admin) is None else (),
        site_types=TYPE_LABELS,
        manager=g.admin.role in MANAGERS,
    )


@blp.route("/sites/new", methods=["GET", "POST"])
@login_required(*MANAGERS)
def site_new():
    """Add a site."""
    form = SiteForm()
    form.district.choices = _district_choices()
    form.association_id.choices = _association_choices(None)
    if form.validate_on_submit():
        try:
            data = SiteWriteSchema().load(_payload(form))
            created = site_admin.create_site(g.admin, data)
        except ValidationError as error:
            _invalid(form, error)
        except ApiError as failure:
            flash(_details(failure) or failure.message, "error")
        else:
            flash("阵地已创建，可继续上传照片、下载打卡二维码")
            return redirect(url_for("console.site", site_id=created.id))
    return _render_form(form, None)


@blp.get("/sites/<int:site_id>")
@login_required()
def site(site_id):
    """A site: its details (editable within my powers), photos and QR code."""
    found = site_admin.admin_get(g.admin, site_id)
    form = SiteForm(data=_initial(found))
    form.district.choices = _district_choices()
    form.association_id.choices = _association_choices(found)
    return _render_form(form, found)


@blp.post("/sites/<int:site_id>")
@login_required(*EDITORS)
def site_save(site_id):
    """Save the fields I may change; only those that changed are sent to the service."""
    found = site_admin.admin_get(g.admin, site_id)
    initial = _initial(found)
    form = SiteForm(data=initial)
    editable = _editable()
    # Locked inputs are disabled, so not posted: show them with the stored values.
    locked = set(SiteWriteSchema().fields) - editable
    for field in form:
        if field.name in locked:
            field.data = initial[field.name]
    form.district.choices = _district_choices()
    form.association_id.choices = _association_choices(found)
    if form.validate_on_submit():
        payload = {key: value for key, value in _payload(form).items() if key in editable}
        try:
            data = SiteUpdateSchema(partial=True).load(payload)
        except ValidationError as error:
            _invalid(form, error)
            return _render_form(form, found)
        current = _current(found)
        changes = {key: value for key, value in data.items() if current[key] != value}
        if set(changes) & set(LOCATION_FIELDS):
            changes.update((key, data[key]) for key in LOCATION_FIELDS)
        if not changes:
            flash("没有需要保存的修改")
            return redirect(url_for("console.site", site_id=site_id))
        try:
            site_admin.update_site(g.admin, site_id, changes)
        except ApiError as failure:
            flash(_details(failure) or failure.message, "error")
        else:
            flash("已保存")
            return redirect(url_for("console.site", site_id=site_id))
    return _render_form(form, found)


@blp.post("/sites/<int:site_id>/photos")
@login_required(*EDITORS)
def site_photo_add(site_id):
    """Upload a photo through the image pipeline."""
    site_admin.admin_get(g.admin, site_id)
    target = url_for("console.site", site_id=site_id, _anchor="photos")
    form = PhotoForm()
    if not form.validate_on_submit():
        flash("请选择要上传的图片", "error")
        return redirect(target)
    _act(lambda: site_admin.add_photo(g.admin, site_id, form.file.data), "照片已上传")
    return redirect(target)


@blp.post("/sites/<int:site_id>/photos/<int:photo_id>/delete")
@login_required(*EDITORS)
def site_photo_delete(site_id, photo_id):
    """Remove a photo."""
    _act(lambda: site_admin.delete_photo(g.admin, site_id, photo_id), "照片已删除")
    return redirect(url_for("console.site", site_id=site_id, _anchor="photos"))


@blp.get("/sites/<int:site_id>/qrcode")
@login_required()
def site_qrcode(site_id):
    """Download the site's check-in code as a PNG."""
    found = site_admin.admin_site(g.admin, site_id)
    return send_file(
        io.BytesIO(site_admin.qrcode(g.admin, site_id)),
        mimetype="image/png",
        as_attachment=True,
        download_name=f"{found.name}-打卡二维码-第{found.qr_version}版.png",
    )


@blp.route("/sites/<int:site_id>/qrcode/rotate", methods=["GET", "POST"])
@login_required(*MANAGERS)
def site_qrcode_rotate(site_id):
    """Confirm, then retire every printed code of the site and issue a new one."""
    found = site_admin.admin_site(g.admin, site_id)
    target = url_for("console.site", site_id=site_id, _anchor="qrcode")
    form = ActionForm()
    if form.validate_on_submit():
        _act(
            lambda: site_admin.rotate_qrcode(g.admin, site_id),
            "已更换二维码：已张贴的旧二维码全部失效，请下载新二维码重新张贴",
        )
        return redirect(target)
    return render_template(
        "console/site_confirm.html", site=found, form=form, action="rotate", back=target
    )


@blp.route("/sites/<int:site_id>/delete", methods=["GET", "POST"])
@login_required(*MANAGERS)
def site_delete(site_id):
    """Confirm, then delete a site nobody has checked in at."""
    found = site_admin.admin_get(g.admin, site_id)
    target = url_for("console.site", site_id=site_id)
    form = ActionForm()
    if form.validate_on_submit():
        if _act(lambda: site_admin.delete_site(g.admin, site_id), f"已删除阵地“{found.name}”"):
            return redirect(url_for("console.sites"))
        return redirect(target)
    return render_template(
        "console/site_confirm.html", site=found, form=form, action="delete", back=target
    )


@blp.route("/sites/import", methods=["GET", "POST"])
@login_required(*MANAGERS)
def sites_import():
    """Import sites from .xlsx: a dry run lists every bad row; an import stores all or none."""
    form = ImportForm()
    report = refused = None
    if form.validate_on_submit():
        dry_run = not form.store.data
        try:
            report = importer.import_sites(g.admin, form.file.data, dry_run=dry_run)
        except ApiError as failure:
            refused = [
                (key.removeprefix("row_"), messages)
                for key, messages in failure.errors.items()
                if key.startswith("row_")
            ]
            flash(failure.message if refused else _details(failure) or failure.message, "error")
        else:
            if not dry_run:
                flash(f"已导入 {report['created']} 个阵地")
                return redirect(url_for("console.sites"))
    return render_template(
        "console/site_import.html",
        form=form,
        report=report,
        refused=refused,
        max_mb=_megabytes("SITES_IMPORT_MAX_BYTES"),
        max_rows=current_app.config["SITES_IMPORT_MAX_ROWS"],
    )


@blp.get("/sites/import/template")
@login_required(*MANAGERS)
def sites_import_template():
    """The .xlsx template, with a sheet explaining each column."""
    return xlsx_response(importer.template_file(), "阵地导入模板")
